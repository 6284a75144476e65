/**
 * The small part of `pg` the PostgreSQL backend uses, and helpers shared by its reader and writer.
 */
import type { QueryConfig, QueryResult, QueryResultRow } from 'pg'

/** What the backend needs of a `pg.Pool` or `pg.PoolClient`: parameterised queries. */
export interface PostgresQueryable {
  query<R extends QueryResultRow = QueryResultRow>(config: QueryConfig): Promise<QueryResult<R>>
}

/**
 * The two keys of the backend's advisory locks, `pg_advisory_xact_lock(DATELINE_LOCK, n)`:
 * 'dtln' as a 32-bit integer, then what is locked. Advisory locks are per database.
 */
export const DATELINE_LOCK = 0x64746c6e
/** Serialises `migrate()` runs: two processes opening a new database do not both migrate it. */
export const MIGRATE_LOCK = 1
/**
 * Serialises `put()` transactions, as SQLite's one writer does: near-duplicate links, event group
 * counts and actor tallies are read and rewritten by each put, and must not interleave.
 */
export const WRITE_LOCK = 2

/**
 * Runs a parameterised query and returns its rows. A `name` makes it a prepared statement that
 * each connection parses once (only for SQL text that never changes).
 */
export async function queryRows<R extends QueryResultRow>(
  db: PostgresQueryable,
  text: string,
  values: readonly unknown[] = [],
  name?: string,
): Promise<R[]> {
  const config: QueryConfig = { text, values: [...values] }
  if (name !== undefined) config.name = name
  return (await db.query<R>(config)).rows
}

/**
 * Collects query parameters and hands out their placeholders (`$1`, `$2`, …), so that SQL built
 * from optional parts numbers them right.
 */
export interface Params {
  /** Adds a value and returns its placeholder. */
  (value: unknown): string
  readonly values: unknown[]
}

export function createParams(): Params {
  const values: unknown[] = []
  const add = (value: unknown): string => `$${values.push(value)}`
  return Object.assign(add, { values })
}

/**
 * The exclusive upper bound of the strings that start with `prefix`, for an indexable range
 * `code >= prefix AND code < upper`. Sound because every text column is COLLATE "C" (byte-wise
 * over UTF-8, where U+FFFF encodes above every ASCII byte), as in the SQLite backend.
 */
export function prefixEnd(prefix: string): string {
  return `${prefix}\uffff`
}

/** A word for full-text queries: what the SQLite backend's FTS5 tokenizer keeps together. */
const SEARCH_WORD = /[\p{L}\p{N}]+/gu

/**
 * A word as FTS5's unicode61 tokenizer counts them (its default token characters: letters,
 * numbers, private use). On the Reuters corpus these are exactly the words to_tsvector numbers
 * in `dateline_tsvector(text)`, so the n-th word here is position n there.
 */
export const INDEXED_WORD = /[\p{L}\p{N}\p{Co}]+/gu

/** The number of words in a text, as FTS5 counts them for BM25 (its "document size"). */
export function countWords(text: string): number {
  let n = 0
  for (const _ of text.matchAll(INDEXED_WORD)) n++
  return n
}

/**
 * What a user typed as the words `dateline_tsquery()` needs: lower-cased runs of letters and
 * digits separated by single spaces, every one required; so operators and punctuation are never
 * interpreted, as in the SQLite backend's `ftsQuery`. Null when there is no word at all.
 *
 * @example
 * searchWords('China-Russia trade!') // 'china russia trade'
 */
export function searchWords(words: string): string | null {
  const tokens = words.toLowerCase().match(SEARCH_WORD)
  return tokens === null ? null : tokens.join(' ')
}
