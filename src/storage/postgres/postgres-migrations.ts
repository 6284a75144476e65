/**
 * Versioned schema migrations for the PostgreSQL backend:
 * `src/storage/migrations/postgres/NNN-name.sql`, applied in version order and recorded in
 * `schema_migrations`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DatelineError } from '../../core/errors.js'
import { queryRows, type PostgresQueryable } from './postgres-sql.js'

/** One migration file. */
export interface PostgresMigration {
  readonly version: number
  readonly name: string
  readonly sql: string
}

/** `001-initial.sql`: the version, then a name. */
const MIGRATION_FILE = /^(\d+)-([\w-]+)\.sql$/

/** PostgreSQL 14: SQL-standard function bodies (`RETURN …`); 12 brought generated columns. */
const MIN_SERVER_VERSION = 140000

/**
 * The migrations folder, found from this module whether it runs from `src/` (tsx) or `dist/`:
 * beside it (`../migrations/postgres`, when a build copies the SQL files), else under an
 * ancestor's `src/storage/migrations/postgres` (a built checkout).
 */
export function findPostgresMigrationsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  const beside = join(here, '..', 'migrations', 'postgres')
  if (existsSync(beside)) return beside
  let dir = here
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'src', 'storage', 'migrations', 'postgres')
    if (existsSync(candidate)) return candidate
    dir = dirname(dir)
  }
  const message = `PostgreSQL migrations folder not found (looked beside ${here})`
  throw new DatelineError('STORE_FAILED', message)
}

/** Reads the migration files of a folder, in version order; two files with one version fail. */
export function loadPostgresMigrations(dir = findPostgresMigrationsDir()): PostgresMigration[] {
  const migrations: PostgresMigration[] = []
  for (const file of readdirSync(dir)) {
    const m = MIGRATION_FILE.exec(file)
    if (!m) continue
    const sql = readFileSync(join(dir, file), 'utf8')
    migrations.push({ version: Number(m[1]), name: m[2] ?? '', sql })
  }
  migrations.sort((a, b) => a.version - b.version)
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]?.version === migrations[i - 1]?.version) {
      const message = `two PostgreSQL migrations have version ${migrations[i]?.version} in ${dir}`
      throw new DatelineError('STORE_FAILED', message)
    }
  }
  return migrations
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
