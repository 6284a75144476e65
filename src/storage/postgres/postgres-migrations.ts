/**
 * Versioned schema migrations for the PostgreSQL backend:
 * `src/storage/migrations/postgres/NNN-name.sql`, applied in version order and recorded in
 * `schema_migrations`.
 */
import { findMigrationsDir, loadMigrations, type Migration } from '../migrations/migration-files.js'
import { DatelineError } from '../../core/errors.js'
import { queryRows, type PostgresQueryable } from './postgres-sql.js'

/** One migration file. */
export type PostgresMigration = Migration

/** PostgreSQL 14: SQL-standard function bodies (`RETURN …`); 12 brought generated columns. */
const MIN_SERVER_VERSION = 140000

/** The postgres migrations folder (see `findMigrationsDir`). */
export function findPostgresMigrationsDir(): string {
  return findMigrationsDir('postgres')
}

/** The postgres migration files, in version order. */
export function loadPostgresMigrations(dir = findPostgresMigrationsDir()): PostgresMigration[] {
  return loadMigrations('postgres', dir)
}

/** Whether every migration is recorded in `schema_migrations` (false when there is none yet). */
export async function upToDate(
  db: PostgresQueryable,
  migrations: readonly PostgresMigration[],
): Promise<boolean> {
  const [table] = await queryRows<{ present: boolean }>(
    db,
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS present",
  )
  if (table?.present !== true) return false
  const rows = await queryRows<{ version: number }>(db, 'SELECT version FROM schema_migrations')
  const done = new Set(rows.map((r) => r.version))
  return migrations.every((m) => done.has(m.version))
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, inside the caller's transaction
 * (one for all of them: a failing migration leaves the schema as it was), which holds the
 * advisory lock `MIGRATE_LOCK` (taken before anything else: CREATE TABLE IF NOT EXISTS is not
 * safe against a concurrent creator). So two processes opening a new database at once do not both
 * apply them (the second waits, then finds them recorded). Running it again applies nothing.
 * Returns the versions applied.
 */
export async function applyPostgresMigrations(
  client: PostgresQueryable,
  migrations: readonly PostgresMigration[],
): Promise<number[]> {
  const [server] = await queryRows<{ version: string }>(client, 'SHOW server_version_num')
  if (Number(server?.version) < MIN_SERVER_VERSION) {
    const needed = MIN_SERVER_VERSION / 10000
    const message = `PostgreSQL ${needed} or later is needed (the server is ${server?.version})`
    throw new DatelineError('STORE_FAILED', message)
  }
  await queryRows(
    client,
    `CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`,
  )
  const rows = await queryRows<{ version: number }>(client, 'SELECT version FROM schema_migrations')
  const done = new Set(rows.map((r) => r.version))
  const applied: number[] = []
  for (const migration of migrations) {
    if (done.has(migration.version)) continue
    try {
      // No parameters: the simple query protocol, which runs a file of statements.
      await client.query({ text: migration.sql })
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error)
      throw new DatelineError(
        'STORE_FAILED',
        `PostgreSQL migration ${migration.version}-${migration.name} failed: ${why}`,
        { cause: error },
      )
    }
    await queryRows(client, 'INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
      migration.version,
      migration.name,
    ])
    applied.push(migration.version)
  }
  return applied
}
