/**
 * The embedded SQLite backend (better-sqlite3 12): one file, WAL journal, foreign keys on.
 * The schema is in `src/storage/migrations/sqlite/`; writes are in `sqlite-writer.ts`, queries in
 * `sqlite-reader.ts`.
 */
import Database from 'better-sqlite3'
import { DatelineError } from '../../core/errors.js'
import type { EventFilter, Store, StoredEvent } from '../store.js'
import { applySqliteMigrations, loadSqliteMigrations } from './sqlite-migrations.js'
import { createSqliteReader, type SqliteReader } from './sqlite-reader.js'
import type { SqliteStoreConfig } from './sqlite-store-config.js'
import { createSqliteWriter, type SqliteWriter } from './sqlite-writer.js'

/** Events fetched per page by `eachEvent`: the connection is free between pages. */
const EVENT_PAGE_SIZE = 500

const DEFAULT_BUSY_TIMEOUT_MS = 5000

/**
 * Opens (creating when absent) a SQLite database as a {@link Store}. Call `migrate()` before
 * anything else on a new file; `openStore` does.
 *
 * Each `put` is one IMMEDIATE transaction. With `synchronous = NORMAL` in WAL mode a committed
 * transaction survives the process being killed (the OS has it); a power cut may lose the last
 * few commits but never leaves half an article.
 *
 * @example
 * const store = createSqliteStore({ path: 'dateline.db' })
 * await store.migrate()
 * const result = await store.put(extraction, identify(extraction)) // { outcome: 'added', ... }
 */
export function createSqliteStore(config: SqliteStoreConfig): Store {
  let db: Database.Database
  try {
    db = new Database(config.path)
    if (config.path !== ':memory:') db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma('synchronous = NORMAL')
    const busyTimeout = Math.max(0, Math.trunc(config.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))
    db.pragma(`busy_timeout = ${busyTimeout}`)
  } catch (error) {
    throw storeError(config.path, 'cannot be opened', error)
  }
  let parts: { writer: SqliteWriter; reader: SqliteReader } | null = null
  let closed = false

  /** The writer and reader, prepared once the schema exists (after `migrate`). */
  function open(): { writer: SqliteWriter; reader: SqliteReader } {
    if (closed) throw new DatelineError('STORE_FAILED', `${config.path}: the store is closed`)
    parts ??= { writer: createSqliteWriter(db), reader: createSqliteReader(db) }
    return parts
  }

  /** Runs a synchronous database call, naming the database in any error. */
  function run<T>(what: string, fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn())
    } catch (error) {
      if (error instanceof DatelineError) return Promise.reject(error)
      return Promise.reject(storeError(config.path, `${what} failed`, error))
    }
  }

  return {
    migrate: () =>
      run('migrate', () => {
        if (closed) throw new DatelineError('STORE_FAILED', `${config.path}: the store is closed`)
        applySqliteMigrations(db, loadSqliteMigrations())
      }),
    lookup: (identity) => run('lookup', () => open().writer.lookup(identity)),
    put: (extraction, identity) => run('put', () => open().writer.put(extraction, identity)),
    events: (filter) => run('events', () => open().reader.events(filter)),
    dyad: (a, b, options) => run('dyad', () => open().reader.dyad(a, b, options?.limit)),
    actors: (options) => run('actors', () => open().reader.actors(options?.limit, options?.prefix)),
    search: (words, options) => run('search', () => open().reader.search(words, options?.limit)),
    article: (id) => run('article', () => open().reader.article(id)),
    counts: () => run('counts', () => open().reader.counts()),
    eachEvent: (filter = {}) => eachEvent(() => open().reader, filter),
    close: () =>
      run('close', () => {
        if (closed) return
        closed = true
        try {
          refreshStatistics(db)
        } finally {
          db.close()
        }
      }),
  }
}

/**
 * Every matching event in id order, fetched a page at a time by id (keyset), so the caller may
 * use the store between events (an export reads each event's article). `offset` and `limit`
 * apply to the whole stream.
 */
async function* eachEvent(
  reader: () => SqliteReader,
  filter: EventFilter,
): AsyncGenerator<StoredEvent> {
  const { limit, offset, ...where } = filter
  let skip = offset ?? 0
  let left = limit ?? Number.POSITIVE_INFINITY
  let after = 0
  while (left > 0) {
    const page = reader().eventPage(where, after, EVENT_PAGE_SIZE)
    for (const event of page) {
      if (skip > 0) {
        skip--
        continue
      }
      if (left <= 0) return
      left--
      yield event
    }
    if (page.length < EVENT_PAGE_SIZE) return
    after = page[page.length - 1]?.id ?? after
  }
}

/**
 * Lets SQLite refresh its planner statistics for the queries this connection ran (`PRAGMA
 * optimize`, as SQLite advises before closing). It may need the write lock: when another process
 * holds it (an ingest running while a query closes), the refresh is left to a later close rather
 * than waiting for the lock or failing the command.
 */
function refreshStatistics(db: Database.Database): void {
  db.pragma('busy_timeout = 0')
  try {
    db.pragma('optimize')
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (code !== 'SQLITE_BUSY' && code !== 'SQLITE_LOCKED') throw error
  }
}

function storeError(path: string, what: string, cause: unknown): DatelineError {
  const why = cause instanceof Error ? cause.message : String(cause)
  return new DatelineError('STORE_FAILED', `SQLite database ${path}: ${what}: ${why}`, { cause })
}
