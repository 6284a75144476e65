/**
 * Versioned schema migrations for the SQLite backend: `src/storage/migrations/sqlite/NNN-name.sql`,
 * applied in version order and recorded in `schema_migrations`.
 */
import { findMigrationsDir, loadMigrations, type Migration } from '../migrations/migration-files.js'
import type BetterSqlite3 from 'better-sqlite3'
import { DatelineError } from '../../core/errors.js'

/** One migration file. */
export type SqliteMigration = Migration

/** The sqlite migrations folder (see `findMigrationsDir`). */
export function findSqliteMigrationsDir(): string {
  return findMigrationsDir('sqlite')
}

/** The sqlite migration files, in version order. */
export function loadSqliteMigrations(dir = findSqliteMigrationsDir()): SqliteMigration[] {
  return loadMigrations('sqlite', dir)
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, all in one IMMEDIATE
 * transaction: two processes opening a new database at once do not both apply them, and a
 * failing migration leaves the schema as it was. Running it again applies nothing.
 */
export function applySqliteMigrations(
  db: BetterSqlite3.Database,
  migrations: readonly SqliteMigration[],
): number[] {
  // Up to date, as nearly always: read without taking the write lock, so a query opening the
  // database while an ingest writes does not queue behind it.
  if (pendingVersions(db, migrations).length === 0) return []
  const apply = db.transaction((): number[] => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    )`)
    const done = new Set(
      db
        .prepare('SELECT version FROM schema_migrations')
        .pluck()
        .all()
        .map((v) => Number(v)),
    )
    const record = db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)')
    const applied: number[] = []
    for (const migration of migrations) {
      if (done.has(migration.version)) continue
      try {
        db.exec(migration.sql)
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error)
        throw new DatelineError(
          'STORE_FAILED',
          `SQLite migration ${migration.version}-${migration.name} failed: ${why}`,
          { cause: error },
        )
      }
      record.run(migration.version, migration.name)
      applied.push(migration.version)
    }
    return applied
  })
  return apply.immediate()
}

/** The versions not yet recorded, read without a transaction (all of them on a new file). */
function pendingVersions(db: BetterSqlite3.Database, migrations: readonly SqliteMigration[]): number[] {
  const table = db
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")
    .get()
  if (table === undefined) return migrations.map((m) => m.version)
  const done = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map(
      (r) => r.version,
    ),
  )
  return migrations.map((m) => m.version).filter((v) => !done.has(v))
}
