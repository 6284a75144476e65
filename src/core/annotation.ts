/**
 * Annotations: what the pipeline stages add to a document. Every annotation is a span of the one
 * analysed text (`doc.text.slice(start, end) === text`, half-open, UTF-16 offsets), a `kind`, the
 * rule that made it (`source`, e.g. `'dates/relative-weekday'`) and a typed payload.
 */

/** Whether a value was stated in the text or inferred by a rule (chrono's assign/imply). */
export type Certainty = 'known' | 'implied'

/** The four kinds of named referent the entities stage records. */
export type EntityType = 'person' | 'organization' | 'country' | 'place'

/** A half-open character range into the analysed text. */
export interface Range {
  readonly start: number
  readonly end: number
}

interface Base<K extends string> extends Range {
  readonly kind: K
  /** Unique within the document, e.g. `'m12'`. */
  readonly id: string
  readonly text: string
  /** The rule that made it: `'<stage>/<rule>'`. */
  readonly source: string
}

/** A block of the article: banner line, headline, the dateline paragraph or a body paragraph. */
export interface SectionAnnotation extends Base<'section'> {
  readonly role: 'banner' | 'headline' | 'dateline' | 'body'
  readonly paragraph: number
}

export interface SentenceAnnotation extends Base<'sentence'> {
  readonly index: number
  readonly paragraph: number
  readonly role: 'banner' | 'headline' | 'body'
}

export interface TokenAnnotation extends Base<'token'> {
  readonly index: number
  /** Index of the sentence holding the token. */
  readonly sentence: number
  /** Universal POS tag (wink-nlp). */
  readonly pos: string
  readonly lower: string
  /** Dictionary form ("met" → "meet"), lower-case (wink-nlp). */
  readonly lemma: string
}

/**
 * The opening "PLACE, DATE, OUTLET:" or "PLACE, Month Day -" of an article, and the reference day
 * every relative date resolves against. There is always exactly one; when the text has no
 * dateline its span is empty at offset 0.
 */
export interface DatelineAnnotation extends Base<'dateline'> {
  readonly place: string | null
  readonly country: string | null
  /** The reference day (ISO), or null when neither the text nor the input gives one. */
  readonly date: string | null
  /** Where `date` came from: the dateline's own words, the input's date field, `--published`. */
  readonly dateFrom: 'dateline' | 'article' | 'published' | null
  readonly outlet: string | null
  readonly lat: number | null
  readonly lon: number | null
  /** The place name's own span, when there is one. */
  readonly placeRange: Range | null
  readonly dateRange: Range | null
}

/** One referent of the document; its span is the mention that names it most fully. */
export interface EntityAnnotation extends Base<'entity'> {
  readonly entityType: EntityType
  readonly name: string
  /** ISO 3166-1 alpha-3 country (or CAMEO's, e.g. `RUS` for the Soviet Union). */
  readonly country: string | null
  /** Role or office, e.g. `'Prime Minister'`. */
  readonly title: string | null
  /** CAMEO actor code, e.g. `CHNGOV`, `IGOUNO`. */
  readonly actor: string | null
  readonly lat: number | null
  readonly lon: number | null
  readonly aliases: readonly string[]
}

/** How a mention refers to its entity. */
export type MentionForm =
  | 'name'
  | 'alias'
  | 'surname'
  | 'title'
  | 'pronoun'
  | 'demonym'
  | 'capital'
  | 'group'
  | 'agent'

/**
 * A stretch of text that refers to one or more entities ("Xi", "the premier", "he", "the two
 * countries") or to an unnamed actor ("Israeli troops", "police").
 */
export interface MentionAnnotation extends Base<'mention'> {
  readonly form: MentionForm
  /** Entity ids this mention refers to (two for "both sides"); empty for an unnamed agent. */
  readonly refs: readonly string[]
  readonly entityType: EntityType | null
  /** CAMEO actor code of the referent at this mention ("Chinese troops" is `CHNMIL`). */
  readonly actor: string | null
  readonly country: string | null
}

/** A time expression with its resolved value. */
export interface DateAnnotation extends Base<'date'> {
  /** `2023-12-20`, `2018-08`, `2024`, or an interval `2023-01-01/2023-11-30`, `2024/2025`. */
  readonly value: string
  readonly grain: 'day' | 'month' | 'year' | 'interval'
  readonly certainty: Certainty
}

/** A figure: money, a percentage, a magnitude, a count of people, a weight, a distance. */
export interface QuantityAnnotation extends Base<'quantity'> {
  readonly value: number
  /** ISO 4217 code for money, else `percent`, `magnitude`, `people`, `tonnes`, `km`, ... */
  readonly unit: string
  /** What is measured ("bilateral trade", "earthquake"), when the sentence says. */
  readonly measure: string | null
  /** The period the figure covers, as a date value. */
  readonly period: string | null
  /** Countries the figure is between or about (alpha-3). */
  readonly parties: readonly string[]
  /** A qualifier the text gives: `'about'`, `'more than'`, `'up to'`, ... */
  readonly qualifier: string | null
}

/** A statement reported in the text, with its speaker and reporting verb. */
export interface QuoteAnnotation extends Base<'quote'> {
  /** Canonical name of the speaker's entity, when resolved. */
  readonly speaker: string | null
  readonly speakerEntity: string | null
  /** The words that name the speaker at this statement ("he", "a bank spokesman"). */
  readonly speakerRange: Range | null
  readonly cue: string
  readonly cueRange: Range
  readonly form: 'direct' | 'indirect' | 'mixed'
  readonly sentence: number
}

/** Who does what to whom in one sentence: the structure the event coder reads. */
export interface ClauseAnnotation extends Base<'clause'> {
  readonly sentence: number
  /** Mention ids of the subject. */
  readonly subjects: readonly string[]
  /** The main verb or noun of action. */
  readonly predicate: Range & { readonly text: string; readonly lemma: string; readonly pos: string }
  /** Mention ids of those the action is aimed at. */
  readonly objects: readonly string[]
  readonly negated: boolean
  /** 'will', 'should', 'ready to', ... when the act is not (yet) done. */
  readonly modality: string | null
  /** Set when the clause is the content of a quote (its id). */
  readonly quote: string | null
}

/** A disaster or accident that happened without actors: earthquake, flood, crash. */
export interface IncidentAnnotation extends Base<'incident'> {
  readonly incidentKind: string
  readonly place: string | null
  readonly country: string | null
  readonly magnitude: number | null
  readonly deaths: number | null
  readonly injured: number | null
  readonly date: string | null
}

/** One side of an event: the CAMEO actor code and the entity and words it was read from. */
export interface EventActor {
  /** CAMEO actor code: `CHNGOV`, `RUS`, `IGOUNO`, `---COP`. */
  readonly code: string
  readonly entity: string | null
  readonly name: string | null
  /** The words that named it in the sentence, when it was named there. */
  readonly mention: (Range & { readonly text: string }) | null
  /** How it was found: 'subject', 'object', 'passive-agent', 'possessor', 'quote-speaker', ... */
  readonly role: string
}

/**
 * A CAMEO-coded event: who did what to whom. Its span is the trigger (the verb or noun of
 * action); `sentence` is the evidence sentence.
 */
export interface EventAnnotation extends Base<'event'> {
  readonly code: string
  readonly label: string
  readonly root: string
  readonly goldstein: number
  readonly quadClass: number
  readonly plover: { readonly event: string; readonly mode: string | null; readonly context: readonly string[] } | null
  readonly sourceActor: EventActor
  readonly targetActor: EventActor
  readonly sentence: number
  readonly sentenceRange: Range
  /** The pattern that fired (`data/cameo/patterns.json` id). */
  readonly rule: string
  /** The words the pattern matched. */
  readonly matched: readonly string[]
  /** 'done' (the act happened), 'intent' (offered, planned, ready to), 'refusal'. */
  readonly mode: 'done' | 'intent' | 'refusal'
  readonly date: string | null
  readonly place: string | null
  /** The quote the event is reported in, when a speaker says it. */
  readonly quote: string | null
}

/** Each annotation kind, by name. */
export interface AnnotationMap {
  section: SectionAnnotation
  sentence: SentenceAnnotation
  token: TokenAnnotation
  dateline: DatelineAnnotation
  entity: EntityAnnotation
  mention: MentionAnnotation
  date: DateAnnotation
  quantity: QuantityAnnotation
  quote: QuoteAnnotation
  clause: ClauseAnnotation
  incident: IncidentAnnotation
  event: EventAnnotation
}

export type Kind = keyof AnnotationMap
export type Annotation<K extends Kind = Kind> = AnnotationMap[K]

/** All annotation kinds, in pipeline order. */
export const KINDS: readonly Kind[] = [
  'section',
  'sentence',
  'token',
  'dateline',
  'entity',
  'mention',
  'date',
  'quantity',
  'quote',
  'clause',
  'incident',
  'event',
]

/** Does `text.slice(a.start, a.end)` equal `a.text`? The invariant every stage keeps. */
export function spanIsValid(text: string, a: Range & { readonly text: string }): boolean {
  return a.start >= 0 && a.end <= text.length && a.start <= a.end && text.slice(a.start, a.end) === a.text
}

/** Builds the span part of an annotation from offsets into `text`. */
export function spanOf(text: string, start: number, end: number): Range & { text: string } {
  return { start, end, text: text.slice(start, end) }
}
