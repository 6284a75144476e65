import type BetterSqlite3 from 'better-sqlite3'

/** Prepares each distinct SQL text once per connection and reuses it. */
export type StatementCache = (sql: string) => BetterSqlite3.Statement<unknown[]>

/** A statement cache over one connection (queries are built from a few fixed fragments). */
export function createStatementCache(db: BetterSqlite3.Database): StatementCache {
  const prepared = new Map<string, BetterSqlite3.Statement<unknown[]>>()
  return function statement(sql: string): BetterSqlite3.Statement<unknown[]> {
    let stmt = prepared.get(sql)
    if (stmt === undefined) {
      stmt = db.prepare<unknown[]>(sql)
      prepared.set(sql, stmt)
    }
    return stmt
  }
}

/**
 * The exclusive upper bound of the codes that start with `prefix`, for an indexable range
 * `code >= prefix AND code < upper` (SQLite compares text byte-wise; codes are ASCII, and
 * U+FFFF encodes above every ASCII byte).
 */
export function prefixEnd(prefix: string): string {
  return `${prefix}\uffff`
}

/** A word for full-text queries: the characters FTS5's unicode61 tokenizer keeps together. */
const FTS_WORD = /[\p{L}\p{N}]+/gu

/**
 * User words as an FTS5 query that cannot be a syntax error: every word a quoted string, all
 * required (`trade talks` → `"trade" "talks"`), so operators and punctuation typed by a user are
 * never interpreted. Null when there is no word at all.
 *
 * @example
 * ftsQuery('China-Russia trade!') // '"china" "russia" "trade"'
 */
export function ftsQuery(words: string): string | null {
  const tokens = words.toLowerCase().match(FTS_WORD)
  return tokens === null ? null : tokens.map((t) => `"${t}"`).join(' ')
}
