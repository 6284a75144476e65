/**
 * The event database behind one interface, with two backends: embedded SQLite (the default,
 * `src/storage/sqlite/`) and PostgreSQL for teams (`src/storage/postgres/`). The CLI, the HTTP API
 * and the query layer (`src/query/`) use only this interface; one contract suite
 * (`test/storage/store-contract.test.ts`) runs against every backend.
 */
import type { Extraction } from '../core/extraction.js'

/** How an article is identified across runs: its URL when it has one, else its content hash. */
export interface ArticleIdentity {
  /** `url:<normalised url>` or `sha256:<hex of the text>`. */
  readonly key: string
  /** SHA-256 of the analysed text: a changed text under the same key replaces the old records. */
  readonly contentHash: string
  /** 64-bit SimHash of the text's word shingles (16 hex digits), for near-duplicate wire copies. */
  readonly simhash: string
}

/** What storing an extraction did. */
export type PutOutcome =
  /** A new article with all its records. */
  | 'added'
  /** Same key, same text: nothing written (re-runs add nothing). */
  | 'unchanged'
  /** Same key, changed text: the old records were replaced in one transaction. */
  | 'replaced'

export interface PutResult {
  readonly outcome: PutOutcome
  /** The article's row id in the store. */
  readonly articleId: number
  /** An earlier article this one is a near-duplicate of (SimHash distance ≤ 3), if any. */
  readonly duplicateOf: number | null
}

/** Filters for `events`; every field is optional and they combine with AND. */
export interface EventFilter {
  /** Actor code prefix on either side (`CHN`, `CHNGOV`, `IGOUNO`). */
  readonly actor?: string
  readonly source?: string
  readonly target?: string
  /** Both countries, either direction: `['CHN', 'RUS']`. */
  readonly dyad?: readonly [string, string]
  /** CAMEO code prefix: `'04'` (root) or `'036'`. */
  readonly code?: string
  readonly quadClass?: 1 | 2 | 3 | 4
  /** ISO day bounds, inclusive. */
  readonly from?: string
  readonly to?: string
  readonly place?: string
  /** Full-text match on the event's sentence. */
  readonly text?: string
  readonly limit?: number
  readonly offset?: number
}

/** One event row as queries return it, with the article it came from. */
export interface StoredEvent {
  readonly id: number
  readonly articleId: number
  readonly articleKey: string
  readonly articleTitle: string | null
  readonly code: string
  readonly label: string
  readonly root: string
  readonly quadClass: number
  readonly goldstein: number
  readonly source: string
  readonly target: string
  readonly sourceName: string | null
  readonly targetName: string | null
  readonly date: string | null
  readonly place: string | null
  /** The evidence sentence and the event's trigger offsets in the article text. */
  readonly sentence: string
  readonly sentenceStart: number
  readonly sentenceEnd: number
  readonly rule: string
  readonly mode: string
  /** The same event (day, source, target, code) across the database, GDELT-style. */
  readonly eventKey: string
  readonly numMentions: number
  readonly numSources: number
  readonly numArticles: number
}

export interface StoredQuote {
  readonly articleId: number
  readonly speaker: string | null
  readonly cue: string
  readonly text: string
  readonly date: string | null
  readonly start: number
  readonly end: number
}

export interface StoredQuantity {
  readonly articleId: number
  readonly text: string
  readonly value: number
  readonly unit: string
  readonly measure: string | null
  readonly period: string | null
  readonly parties: readonly string[]
  readonly date: string | null
}

/** A relationship over time: what `dateline dyad CHN RUS` shows. */
export interface DyadReport {
  readonly a: string
  readonly b: string
  /** Per month: event counts by quad class and mean Goldstein. */
  readonly months: ReadonlyArray<{
    readonly month: string
    readonly counts: Readonly<Record<1 | 2 | 3 | 4, number>>
    readonly meanGoldstein: number
  }>
  readonly events: readonly StoredEvent[]
  /** Latest statements by either side's people and organisations. */
  readonly statements: readonly StoredQuote[]
  /** Latest figures whose parties include both. */
  readonly figures: readonly StoredQuantity[]
}

export interface ActorSummary {
  readonly code: string
  readonly name: string | null
  readonly asSource: number
  readonly asTarget: number
}

export interface SearchHit {
  readonly articleId: number
  readonly kind: 'article' | 'quote'
  readonly title: string | null
  /** A short passage around the match. */
  readonly snippet: string
}

export interface StoredArticle {
  readonly id: number
  readonly key: string
  readonly duplicateOf: number | null
  /** The extraction as it was stored (the JSON `dateline extract` writes). */
  readonly extraction: Extraction
}

export interface StoreCounts {
  readonly articles: number
  readonly events: number
  readonly entities: number
  readonly quotes: number
  readonly quantities: number
  readonly dates: number
  readonly incidents: number
}

/** The database. Every method is async so that both backends fit. */
export interface Store {
  /** Applies pending migrations (versioned, in `src/storage/migrations/`). Idempotent. */
  migrate(): Promise<void>
  /** What the store holds for this key: nothing, the same text, or a different text. */
  lookup(identity: ArticleIdentity): Promise<'absent' | 'same' | 'changed'>
  /**
   * Stores an extraction and all its records in one transaction: adds it, does nothing when the
   * same text is already stored under its key, or replaces the old records when the text changed.
   */
  put(extraction: Extraction, identity: ArticleIdentity): Promise<PutResult>
  events(filter: EventFilter): Promise<StoredEvent[]>
  dyad(a: string, b: string, options?: { readonly limit?: number }): Promise<DyadReport>
  actors(options?: { readonly limit?: number; readonly prefix?: string }): Promise<ActorSummary[]>
  search(words: string, options?: { readonly limit?: number }): Promise<SearchHit[]>
  article(id: number): Promise<StoredArticle | null>
  /** Every event in id order, streamed (for export). */
  eachEvent(filter?: EventFilter): AsyncIterable<StoredEvent>
  counts(): Promise<StoreCounts>
  close(): Promise<void>
}
