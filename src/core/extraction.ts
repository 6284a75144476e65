/**
 * The extraction: what `dateline extract` writes for one article. Field names follow the gold
 * format (`../shared/gold/README.md`); `schema/extraction.schema.json` describes it in full.
 * Every `start`/`end` indexes `article.text` in UTF-16 code units.
 */
import type { EntityType, MentionForm } from './annotation.js'

export const EXTRACTION_FORMAT = 'dateline-extraction/1'

export interface SpanOut {
  readonly start: number
  readonly end: number
  readonly text: string
}

export interface ExtractionArticle {
  readonly id: string
  readonly title: string | null
  readonly source: string | null
  readonly url: string | null
  /** The input's own date field. */
  readonly date: string | null
  readonly input: string
  readonly format: string
  readonly text: string
}

export interface DatelineOut extends SpanOut {
  readonly place: string | null
  readonly country: string | null
  readonly date: string | null
  readonly dateFrom: string | null
  readonly source: string | null
  readonly lat: number | null
  readonly lon: number | null
}

export interface EntityOut {
  readonly id: string
  readonly name: string
  readonly type: EntityType
  readonly country: string | null
  readonly title: string | null
  readonly actor: string | null
  readonly lat: number | null
  readonly lon: number | null
  readonly aliases: readonly string[]
  readonly mentions: ReadonlyArray<SpanOut & { readonly form: MentionForm }>
  readonly rule: string
}

export interface DateOut extends SpanOut {
  readonly id: string
  readonly value: string
  readonly grain: string
  readonly certainty: string
  readonly rule: string
}

export interface QuantityOut extends SpanOut {
  readonly id: string
  readonly value: number
  readonly unit: string
  readonly measure: string | null
  readonly period: string | null
  readonly parties: readonly string[]
  readonly qualifier: string | null
  readonly rule: string
}

export interface QuoteOut extends SpanOut {
  readonly id: string
  readonly speaker: string | null
  readonly speakerId: string | null
  readonly cue: string
  readonly form: string
  readonly sentence: { readonly start: number; readonly end: number }
  readonly rule: string
}

export interface ClauseOut extends SpanOut {
  readonly id: string
  readonly sentence: number
  readonly subjects: readonly string[]
  readonly predicate: SpanOut & { readonly lemma: string }
  readonly objects: readonly string[]
  readonly negated: boolean
  readonly modality: string | null
  readonly quote: string | null
  readonly rule: string
}

export interface IncidentOut extends SpanOut {
  readonly id: string
  readonly kind: string
  readonly place: string | null
  readonly country: string | null
  readonly magnitude: number | null
  readonly deaths: number | null
  readonly injured: number | null
  readonly date: string | null
  readonly rule: string
}

export interface EventActorOut {
  readonly code: string
  readonly entity: string | null
  readonly name: string | null
  readonly mention: SpanOut | null
  readonly role: string
}

/** A CAMEO-coded event. */
export interface EventOut {
  readonly id: string
  /** CAMEO event code, always a string (`'036'`). */
  readonly code: string
  readonly label: string
  readonly root: string
  readonly goldstein: number
  readonly quadClass: number
  readonly plover: { readonly event: string; readonly mode: string | null; readonly context: readonly string[] } | null
  /** Source and target CAMEO actor codes (`CHNGOV`). */
  readonly source: string
  readonly target: string
  readonly sourceActor: EventActorOut
  readonly targetActor: EventActorOut
  readonly sentence: { readonly start: number; readonly end: number }
  /** The verb or noun of action. */
  readonly trigger: SpanOut
  readonly matched: readonly string[]
  readonly mode: string
  readonly date: string | null
  readonly place: string | null
  readonly quote: string | null
  readonly rule: string
}

export interface Extraction {
  readonly format: typeof EXTRACTION_FORMAT
  readonly article: ExtractionArticle
  readonly dateline: DatelineOut
  readonly entities: readonly EntityOut[]
  readonly dates: readonly DateOut[]
  readonly quantities: readonly QuantityOut[]
  readonly quotes: readonly QuoteOut[]
  readonly sentences: ReadonlyArray<SpanOut & { readonly index: number; readonly role: string }>
  readonly clauses: readonly ClauseOut[]
  readonly incidents: readonly IncidentOut[]
  readonly events: readonly EventOut[]
}
