/**
 * What the commands that read the event database share: the `--db` option (read here, at the
 * edge: the flag, else `DATELINE_DB`, else `./dateline.db`), opening and closing the store,
 * writing to stdout with backpressure and a quiet stop when the reader goes away (`| head`), and
 * mapping errors to one line on stderr and an exit status.
 */
import { existsSync } from 'node:fs'
import type { Command } from 'commander'
import { DatelineError } from '../../core/errors.js'
import { FILTER_FIELDS, FilterError } from '../../query/event-filter.js'
import { openStore } from '../../storage/open-store.js'
import type { Store } from '../../storage/store.js'
import { EXIT } from './exit-codes.js'

/** The database used when neither `--db` nor `DATELINE_DB` names one. */
export const DEFAULT_DB = './dateline.db'

/** Adds `--db <path|url>` to a command. */
export function addDbOption(command: Command): Command {
  return command.option(
    '--db <path|url>',
    `the database: a SQLite file or a postgres:// URL (default: $DATELINE_DB, else ${DEFAULT_DB})`,
  )
}

/** The database to open: the flag, else the environment, else the default. */
export function resolveDb(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.DATELINE_DB?.trim()
  return option?.trim() || fromEnv || DEFAULT_DB
}

/** True for a PostgreSQL connection string rather than a SQLite file. */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(db)
}

/** The reader of stdout went away (`dateline export | head`): stop writing, exit 0. */
class StdoutClosed extends Error {}

/**
 * Opens the database, runs `fn`, closes it, and sets the exit status: 0 when `fn` returns, 2 for
 * bad input (a {@link FilterError}, another `CONFIG_INVALID` error, or a SQLite file that does
 * not exist: a query never creates an empty database), 3 for anything else.
 */
export async function runWithStore(
  command: string,
  dbOption: string | undefined,
  fn: (store: Store) => Promise<number | void>,
): Promise<void> {
  const db = resolveDb(dbOption)
  if (!isPostgresUrl(db) && db !== ':memory:' && !existsSync(db)) {
    fail(command, `no database at ${db}: run \`dateline ingest\` first, or name one with --db or DATELINE_DB`, EXIT.usage)
    return
  }
  let store: Store | null = null
  try {
    store = await openStore(db)
    const status = await fn(store)
    process.exitCode = status ?? EXIT.ok
  } catch (e) {
    if (e instanceof StdoutClosed) {
      process.exitCode = EXIT.ok
      return
    }
    reportError(command, e)
  } finally {
    if (store) await store.close().catch((e: unknown) => reportError(command, e))
  }
}

/** One line on stderr for an error, and the exit status it means. */
export function reportError(command: string, e: unknown): void {
  if (e instanceof FilterError) {
    const flag = (FILTER_FIELDS as readonly string[]).includes(e.field) || e.field === 'prefix' || e.field === 'limit'
    fail(command, flag ? `--${e.field}: ${e.reason}` : e.reason, EXIT.usage)
  } else if (e instanceof DatelineError) {
    fail(command, firstLine(e.message), e.code === 'CONFIG_INVALID' ? EXIT.usage : EXIT.failed)
  } else {
    fail(command, firstLine(e instanceof Error ? e.message : String(e)), EXIT.failed)
  }
}

/** Writes `dateline <command>: <message>` to stderr and sets the exit status. */
export function fail(command: string, message: string, status: number): void {
  process.stderr.write(`dateline ${command}: ${message}\n`)
  process.exitCode = status
}

/** The first zod issue of a command's options as `--flag message`. */
export function optionIssue(issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>): string {
  const issue = issues[0]
  const key = String(issue?.path[0] ?? '')
  const flag = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
  return `--${flag}: ${issue?.message ?? 'is invalid'}`
}

/**
 * A writer to stdout that waits when the pipe is full and, when the reader has gone away
 * (EPIPE), stops the command quietly with status 0.
 */
export function createStdoutWriter(): { write(chunk: string): Promise<void> } {
  const out = process.stdout
  let closed = false
  let failure: Error | null = null
  out.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') closed = true
    else failure = e
  })
  const check = (): void => {
    if (closed) throw new StdoutClosed()
    if (failure) throw new Error(`cannot write the output: ${failure.message}`, { cause: failure })
  }
  return {
    async write(chunk) {
      check()
      if (!out.write(chunk)) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            out.off('drain', done)
            out.off('close', done)
            out.off('error', done)
            resolve()
          }
          out.once('drain', done)
          out.once('close', done)
          out.once('error', done)
        })
      }
      check()
    },
  }
}

/** The terminal's width when stdout is one; undefined (no limit) when output is piped. */
export function stdoutWidth(): number | undefined {
  return process.stdout.isTTY ? process.stdout.columns : undefined
}

/** Colour only on a terminal, and never with `--no-color` or NO_COLOR set. */
export function useColor(flag: boolean | undefined): boolean {
  return flag !== false && process.stdout.isTTY === true && !process.env.NO_COLOR
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s
}
