/**
 * The PostgreSQL backend (`pg` 8), for a team sharing one database: a connection pool, one
 * transaction per `put`, the schema in `src/storage/migrations/postgres/`. Writes are in
 * `postgres-writer.ts`, queries in `postgres-reader.ts`; both follow the SQLite backend step for
 * step, so that one contract suite passes on both.
 */
import pg from 'pg'
import { ConfigError, DatelineError } from '../../core/errors.js'
import type { EventFilter, Store, StoredEvent } from '../store.js'
import {
  applyPostgresMigrations,
  loadPostgresMigrations,
  upToDate,
} from './postgres-migrations.js'
import { createPostgresReader, type PostgresReader } from './postgres-reader.js'
import { DATELINE_LOCK, MIGRATE_LOCK, WRITE_LOCK } from './postgres-sql.js'
import type { PostgresStoreConfig } from './postgres-store-config.js'
import { lookupArticle, putArticle } from './postgres-writer.js'

/** Events fetched per page by `eachEvent`: no connection is held between pages. */
const EVENT_PAGE_SIZE = 500

const DEFAULT_MAX_CONNECTIONS = 4

/** PostgreSQL's type oid for bigint (`count(*)`, `sum(integer)`, the id columns). */
const INT8_OID = 20

/**
 * This pool's type parsers: bigint as a JavaScript number (ids and counts stay far below 2^53),
 * the rest as `pg` parses them. Set on the pool, not on `pg.types`, which every `pg` user shares.
 */
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

/**
 * Connects to a PostgreSQL database as a {@link Store}. Nothing is opened until the first call;
 * call `migrate()` before anything else on a new database (`openStore` does).
 *
 * Each `put` is one transaction on one connection, under a database-wide advisory lock, so puts
 * from several processes take turns as SQLite's writers do; queries run beside them.
 *
 * @example
 * const store = createPostgresStore({ url: 'postgres://dateline@localhost/dateline' })
 * await store.migrate()
 * const result = await store.put(extraction, identify(extraction)) // { outcome: 'added', ... }
 */
export function createPostgresStore(config: PostgresStoreConfig): Store {
  const url = config.url ?? config.connectionString
  if (typeof url !== 'string' || url.trim() === '') {
    throw new ConfigError('the PostgreSQL store needs a connection URL (postgres://…)')
  }
  const shown = redactPassword(url)
  const max = config.maxConnections ?? DEFAULT_MAX_CONNECTIONS
  if (!Number.isSafeInteger(max) || max < 1) {
    throw new ConfigError(`maxConnections must be a positive integer, got ${max}`)
  }
  const pool = new pg.Pool({ connectionString: url, max, types: TYPES })
  // An idle connection that the server drops (a restart, a timeout) must not crash the process;
  // the pool discards it and the next query opens another.
  pool.on('error', () => undefined)
  const reader = createPostgresReader(pool)
  let closed = false

  /** Runs a query or a transaction, naming the database in any error. */
  async function run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    if (closed) {
      throw new DatelineError('STORE_FAILED', `PostgreSQL database ${shown}: the store is closed`)
    }
    try {
      return await fn()
    } catch (error) {
      if (error instanceof DatelineError) throw error
      throw storeError(shown, `${what} failed`, error)
    }
  }

  /**
   * `fn` inside BEGIN … COMMIT on one connection, after taking the advisory lock `lock` for the
   * transaction (in the same round trip). On an error the transaction is rolled back; a
   * connection that cannot even roll back is closed rather than returned to the pool.
   */
  async function transaction<T>(
    lock: number,
    fn: (client: pg.PoolClient) => Promise<T>,
  ): Promise<T> {
    const client = await pool.connect()
    let broken: Error | undefined
    try {
      // Constants only: one simple query, two statements.
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${DATELINE_LOCK}, ${lock})`)
      const result = await fn(client)
      await client.query('COMMIT')
      return result
    } catch (error) {
      try {
        await client.query('ROLLBACK')
      } catch (rollbackError) {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError))
      }
      throw error
    } finally {
      client.release(broken)
    }
  }

  return {
    migrate: () =>
      run('migrate', async () => {
        const migrations = loadPostgresMigrations()
        // An up-to-date database is only read: opening it takes no lock and waits for no one.
        if (await upToDate(pool, migrations)) return
        await transaction(MIGRATE_LOCK, (client) => applyPostgresMigrations(client, migrations))
      }),
    lookup: (identity) => run('lookup', () => lookupArticle(pool, identity)),
    put: (extraction, identity) =>
      run('put', () =>
        transaction(WRITE_LOCK, (client) => putArticle(client, extraction, identity)),
      ),
    events: (filter) => run('events', () => reader.events(filter)),
    dyad: (a, b, options) => run('dyad', () => reader.dyad(a, b, options?.limit)),
    actors: (options) => run('actors', () => reader.actors(options?.limit, options?.prefix)),
    search: (words, options) => run('search', () => reader.search(words, options?.limit)),
    article: (id) => run('article', () => reader.article(id)),
    counts: () => run('counts', () => reader.counts()),
    eachEvent: (filter = {}) => {
      const page: PostgresReader['eventPage'] = (where, after, size) =>
        run('eachEvent', () => reader.eventPage(where, after, size))
      return eachEvent(page, filter)
    },
    close: async () => {
      if (closed) return
      closed = true
      try {
        await pool.end()
      } catch (error) {
        throw storeError(shown, 'close failed', error)
      }
    },
  }
}

/**
 * Every matching event in id order, fetched a page at a time by id (keyset), so the caller may
 * use the store between events (an export reads each event's article). `offset` and `limit`
 * apply to the whole stream.
 */
async function* eachEvent(
  page: PostgresReader['eventPage'],
  filter: EventFilter,
): AsyncGenerator<StoredEvent> {
  const { limit, offset, ...where } = filter
  let skip = offset ?? 0
  let left = limit ?? Number.POSITIVE_INFINITY
  let after = 0
  while (left > 0) {
    const events = await page(where, after, EVENT_PAGE_SIZE)
    for (const event of events) {
      if (skip > 0) {
        skip--
        continue
      }
      if (left <= 0) return
      left--
      yield event
    }
    if (events.length < EVENT_PAGE_SIZE) return
    after = events[events.length - 1]?.id ?? after
  }
}

/** A connection URL with its password replaced by `***`. */
function redactPassword(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]*:)[^@]*@/i, '$1***@')
}

function storeError(target: string, what: string, cause: unknown): DatelineError {
  const why = cause instanceof Error ? cause.message : String(cause)
  const message = `PostgreSQL database ${target}: ${what}: ${why}`
  return new DatelineError('STORE_FAILED', message, { cause })
}
