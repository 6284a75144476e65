/**
 * Opening the event database named on the command line (`--db`) or in `DATELINE_DB` (both read at
 * the CLI edge and passed in): a PostgreSQL URL or a SQLite file.
 */
import { DatelineError } from '../core/errors.js'
import { createSqliteStore } from './sqlite/sqlite-store.js'
import type { Store } from './store.js'

/** The SQLite file used when no target is given. */
export const DEFAULT_STORE_TARGET = './dateline.db'

/** `postgres://` or `postgresql://`, any case. */
const POSTGRES_URL = /^postgres(?:ql)?:\/\//i

/**
 * The PostgreSQL backend's module, loaded only for a PostgreSQL target so that SQLite works
 * without it (and without a `pg` connection being attempted).
 */
const POSTGRES_MODULE = './postgres/postgres-store.js'

/** What this module needs of the PostgreSQL backend's module. */
interface PostgresModule {
  createPostgresStore(config: { readonly connectionString: string }): Store
}

/**
 * Opens a store and applies pending migrations: `postgres://…` or `postgresql://…` opens
 * PostgreSQL, anything else is a SQLite file (created when absent; `:memory:` for a throwaway
 * one). Fails with one line naming the target (passwords hidden) and code `STORE_FAILED`.
 *
 * @example
 * const store = await openStore(options.db ?? process.env.DATELINE_DB) // at the CLI edge
 * await store.counts()
 */
export async function openStore(target: string = DEFAULT_STORE_TARGET): Promise<Store> {
  const trimmed = target.trim() === '' ? DEFAULT_STORE_TARGET : target.trim()
  const postgres = POSTGRES_URL.test(trimmed)
  const shown = postgres ? redactPassword(trimmed) : trimmed
  let store: Store
  try {
    store = postgres
      ? (await loadPostgres()).createPostgresStore({ connectionString: trimmed })
      : createSqliteStore({ path: trimmed })
  } catch (error) {
    throw openError(shown, error)
  }
  try {
    await store.migrate()
  } catch (error) {
    await store.close().catch(() => undefined)
    throw openError(shown, error)
  }
  return store
}

async function loadPostgres(): Promise<PostgresModule> {
  let loaded: Partial<PostgresModule>
  try {
    loaded = (await import(POSTGRES_MODULE)) as Partial<PostgresModule>
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new DatelineError('STORE_FAILED', `the PostgreSQL backend is not available (${why})`, {
      cause: error,
    })
  }
  if (typeof loaded.createPostgresStore !== 'function') {
    const message = 'the PostgreSQL backend does not export createPostgresStore'
    throw new DatelineError('STORE_FAILED', message)
  }
  return loaded as PostgresModule
}

function openError(target: string, error: unknown): DatelineError {
  const why = error instanceof Error ? error.message : String(error)
  // The backends' messages may already name the target; one line either way.
  const line = why.split('\n')[0] ?? why
  return new DatelineError('STORE_FAILED', line.includes(target) ? line : `${target}: ${line}`, {
    cause: error,
  })
}

/** A connection URL with its password replaced by `***`. */
function redactPassword(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]*:)[^@]*@/i, '$1***@')
}
