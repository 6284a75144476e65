import type { Command } from 'commander'
import { z } from 'zod'
import { countInputs } from '../../ingest/feeds/count-inputs.js'
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_TIMEOUT_MS,
  userAgent,
} from '../../ingest/feeds/fetch-resource.js'
import { readSources } from '../../ingest/feeds/read-sources.js'
import { DEFAULT_STORE_TARGET, openStore } from '../../storage/open-store.js'
import type { Store } from '../../storage/store.js'
import { EXIT } from './exit-codes.js'
import { createExtractPool, defaultJobs, ExtractPoolError } from './ingest-pool.js'
import { runIngest, type ArticleEvent, type IngestSummary } from './ingest-run.js'
import { createProgress } from './progress.js'

/** More workers than this gain nothing: one thread writes, and each worker holds ≈190 MB. */
const MAX_DEFAULT_JOBS = 8

const Options = z.object({
  db: z.string().optional(),
  published: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
    .optional(),
  actors: z.string().optional(),
  jobs: z.coerce.number().int('must be a whole number').min(0).max(64).optional(),
  json: z.boolean().optional(),
  verbose: z.boolean().optional(),
  timeout: z.coerce.number().positive('must be a positive number of seconds').max(3600).optional(),
  maxBytes: z.coerce.number().int().positive().optional(),
})

/** `dateline ingest <inputs...>`: read articles, extract them, and store them in the database. */
export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description(
      'Read articles (files, folders, stdin, RSS/Atom feeds, web pages) and store what they say ' +
        'in the database.',
    )
    .argument(
      '<inputs...>',
      'files (.txt .json .jsonl .html .rss .atom .xml), folders, - for stdin, or http(s) URLs of ' +
        'feeds or pages',
    )
    .option(
      '--db <target>',
      `a SQLite file or a postgres:// URL (default: $DATELINE_DB, else ${DEFAULT_STORE_TARGET})`,
    )
    .option('--published <day>', 'reference day (YYYY-MM-DD) for inputs without a date of their own')
    .option('--actors <file>', 'a user actor dictionary that adds to or overrides the built-in actors')
    .option(
      '--jobs <n>',
      `extraction worker threads (default: one per core, at most ${MAX_DEFAULT_JOBS}; ` +
        '0: none, extract on the main thread)',
    )
    .option('--timeout <seconds>', `deadline of each HTTP request (default ${DEFAULT_TIMEOUT_MS / 1000})`)
    .option('--max-bytes <n>', 'largest article, page or feed accepted, in bytes (default 10 MiB)')
    .option('--json', 'also print the summary as JSON on stdout')
    .option('-v, --verbose', 'one line per article on stderr: added, replaced, unchanged or skipped')
    .addHelpText(
      'after',
      `
An article is identified by its URL, else by a hash of its text. Running the same inputs again
adds nothing (an unchanged article is not even re-extracted); an article whose text changed
under the same URL replaces its old records in one transaction. Near-duplicates (wire copies)
are linked to the earlier article. Each article is stored in its own transaction, so an ingest
that is interrupted can simply be run again.

Feeds: each item's own full content (content:encoded, Atom <content>) is used when present;
otherwise the page it links to is fetched (at most ${DEFAULT_CONCURRENCY} requests at a time, a
${DEFAULT_TIMEOUT_MS / 1000} s deadline each, the size limit, and only pages, feeds, JSON or text).

The summary (read, added, replaced, unchanged, near-duplicates, skipped by reason, events, wall
time) goes to stderr. Exit status: 0 all inputs stored or already there; 1 some skipped (named
on stderr); 2 bad usage; 3 nothing could be stored, or the database failed.

Examples:
  dateline ingest ../shared/corpora/reuters21578.jsonl --db reuters.db
  dateline ingest news/ https://news.example.invalid/rss.xml --db postgres://localhost/dateline
  cat story.json | dateline ingest - --json`,
    )
    .action(async (inputs: string[], raw: Record<string, unknown>) => {
      const parsed = Options.safeParse(raw)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        const flag = String(issue?.path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
        process.stderr.write(`dateline ingest: --${flag} ${issue?.message ?? 'is invalid'}\n`)
        process.exitCode = EXIT.usage
        return
      }
      process.exitCode = await ingest(inputs, parsed.data, program.version() ?? '0')
    })
}

type IngestOptions = z.infer<typeof Options>

async function ingest(
  inputs: readonly string[],
  opts: IngestOptions,
  version: string,
): Promise<number> {
  const started = performance.now()
  const target = opts.db ?? process.env['DATELINE_DB'] ?? DEFAULT_STORE_TARGET
  let store: Store
  try {
    store = await openStore(target)
  } catch (error) {
    process.stderr.write(`dateline ingest: ${oneLine(error)}\n`)
    return EXIT.failed
  }
  const jobs = opts.jobs ?? Math.min(defaultJobs(), MAX_DEFAULT_JOBS)
  const pool = createExtractPool({
    jobs,
    extractor: {
      published: opts.published ?? null,
      ...(opts.actors ? { actorDictionary: opts.actors } : {}),
    },
  })
  const showProgress = process.stderr.isTTY === true && opts.verbose !== true
  const total = showProgress ? await countInputs(inputs) : undefined
  const progress = createProgress({ label: 'ingest' })
  const onArticle = (event: ArticleEvent, done: number): void => {
    if (event.kind === 'skipped') {
      progress.done()
      process.stderr.write(`dateline: ${event.message}\n`)
    } else if (opts.verbose) {
      process.stderr.write(`${describe(event)}\n`)
    }
    if (showProgress) progress.tick(done, total === undefined ? undefined : Math.max(total, done))
  }
  let summary: IngestSummary
  try {
    summary = await runIngest({
      store,
      pool,
      sources: readSources(inputs, {
        published: opts.published ?? null,
        ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
        ...(opts.timeout ? { timeoutMs: Math.round(opts.timeout * 1000) } : {}),
        userAgent: userAgent(version),
      }),
      window: Math.max(8, jobs * 16),
      onArticle,
    })
  } catch (error) {
    progress.done()
    process.stderr.write(`dateline ingest: ${oneLine(error)}\n`)
    if (error instanceof ExtractPoolError && error.code === 'CONFIG_INVALID') return EXIT.usage
    process.stderr.write(
      'dateline ingest: what was stored so far is kept; run the same command again to finish\n',
    )
    return EXIT.failed
  } finally {
    await pool.close()
    await store.close()
  }
  progress.done()
  const seconds = (performance.now() - started) / 1000
  process.stderr.write(formatSummary(summary, seconds))
  if (opts.json) process.stdout.write(`${JSON.stringify(summaryJson(summary, seconds, target))}\n`)
  const stored = summary.added + summary.replaced + summary.unchanged
  if (summary.skippedTotal > 0 && stored === 0) return EXIT.failed
  return summary.skippedTotal > 0 ? EXIT.someFailed : EXIT.ok
}

function describe(event: ArticleEvent): string {
  if (event.kind === 'unchanged') return `unchanged ${event.input}`
  if (event.kind === 'skipped') return `skipped ${event.input}: ${event.code}`
  const dup = event.duplicateOf === null ? '' : `, near-duplicate of #${event.duplicateOf}`
  const events = `${event.events} event${event.events === 1 ? '' : 's'}`
  return `${event.outcome} ${event.input} as #${event.articleId} (${events}${dup})`
}

/** The summary as the lines printed on stderr. */
export function formatSummary(s: IngestSummary, seconds: number): string {
  const rate = seconds > 0 ? Math.round(s.read / seconds) : 0
  const codes = Object.entries(s.skipped).sort((a, b) => b[1] - a[1])
  const why = codes.length ? ` (${codes.map(([code, n]) => `${code} ${n}`).join(', ')})` : ''
  const added = `${delta(s.after.articles - s.before.articles)} articles`
  const events = `${delta(s.after.events - s.before.events)} events`
  const lines = [
    `read        ${s.read} articles`,
    `added       ${s.added}`,
    `replaced    ${s.replaced}`,
    `unchanged   ${s.unchanged} (already stored, or an exact copy of one)`,
    `near-dups   ${s.nearDuplicates} linked to an earlier article`,
    `skipped     ${s.skippedTotal}${why}`,
    `events      ${s.events} stored`,
    `database    ${added}, ${events}; now ${s.after.articles} articles, ${s.after.events} events`,
    `wall time   ${seconds.toFixed(1)} s (${rate} articles/s)`,
  ]
  return `${lines.map((l) => `dateline ingest: ${l}`).join('\n')}\n`
}

function delta(n: number): string {
  return n >= 0 ? `+${n}` : String(n)
}

/** The summary as plain data, for `--json`. */
export function summaryJson(s: IngestSummary, seconds: number, target: string): object {
  return {
    // A connection URL's password is not printed.
    db: target.replace(/^(postgres(?:ql)?:\/\/[^:/@]*:)[^@]*@/i, '$1***@'),
    read: s.read,
    added: s.added,
    replaced: s.replaced,
    unchanged: s.unchanged,
    nearDuplicates: s.nearDuplicates,
    skipped: s.skippedTotal,
    skippedByCode: s.skipped,
    events: s.events,
    database: { before: s.before, after: s.after },
    wallSeconds: Math.round(seconds * 1000) / 1000,
  }
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return (message.split('\n')[0] ?? message).trim()
}
