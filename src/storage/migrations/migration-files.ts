/**
 * The migration files of a backend, `src/storage/migrations/<dialect>/NNN-name.sql`: found from
 * this module whether it runs from `src/` (tsx) or `dist/`, read in version order. Both backends
 * apply them in their own way (`sqlite-migrations.ts`, `postgres-migrations.ts`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DatelineError } from '../../core/errors.js'

/** One migration file. */
export interface Migration {
  readonly version: number
  readonly name: string
  readonly sql: string
}

export type MigrationDialect = 'sqlite' | 'postgres'

const LABEL: Readonly<Record<MigrationDialect, string>> = { sqlite: 'SQLite', postgres: 'PostgreSQL' }

/** `001-initial.sql`: the version, then a name. */
const MIGRATION_FILE = /^(\d+)-([\w-]+)\.sql$/

/**
 * The dialect's migrations folder: beside this module (when a build copies the SQL files), else
 * under an ancestor's `src/storage/migrations/<dialect>` (a built checkout, or the package, which
 * ships that folder).
 */
export function findMigrationsDir(dialect: MigrationDialect): string {
  const here = dirname(fileURLToPath(import.meta.url))
  const beside = join(here, dialect)
  if (existsSync(beside)) return beside
  let dir = here
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'src', 'storage', 'migrations', dialect)
    if (existsSync(candidate)) return candidate
    dir = dirname(dir)
  }
  throw new DatelineError('STORE_FAILED', `${LABEL[dialect]} migrations folder not found (looked beside ${here})`)
}

/** Reads a folder's migration files in version order; two files with one version fail. */
export function loadMigrations(dialect: MigrationDialect, dir = findMigrationsDir(dialect)): Migration[] {
  const migrations: Migration[] = []
  for (const file of readdirSync(dir)) {
    const m = MIGRATION_FILE.exec(file)
    if (!m) continue
    migrations.push({ version: Number(m[1]), name: m[2] ?? '', sql: readFileSync(join(dir, file), 'utf8') })
  }
  migrations.sort((a, b) => a.version - b.version)
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]?.version === migrations[i - 1]?.version) {
      const message = `two ${LABEL[dialect]} migrations have version ${migrations[i]?.version} in ${dir}`
      throw new DatelineError('STORE_FAILED', message)
    }
  }
  return migrations
}
