/**
 * Store throughput and query latency on the Reuters-21578 corpus (SQLite).
 *
 *   node --import tsx bench/query-bench.ts                  # temp database, ingested if absent
 *   node --import tsx bench/query-bench.ts --db corpus.db   # a given file, ingested if absent
 *   node --import tsx bench/query-bench.ts --runs 100 --json
 *
 * When the database file does not exist, the corpus is read, extracted and stored in it first
 * (one `put` transaction per article) and the ingest is reported: wall time, the time spent in
 * `extract` and in `put`, peak RSS, outcomes, near-duplicates and counts. Then each query runs
 * `--runs` times (default 50) after one warm-up run and its p50/p95 latency is printed against
 * the 50 ms target. Nothing is asserted: a benchmark is not a test.
 */
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { createExtractor } from '../src/extractor.js'
import { readInputs } from '../src/ingest/read-inputs.js'
import { identify } from '../src/storage/article-identity.js'
import { createSqliteStore } from '../src/storage/sqlite/sqlite-store.js'
import type { PutOutcome, Store } from '../src/storage/store.js'

/** Read at run time, relative to the project root; never copied into the project. */
const DEFAULT_CORPUS = '../shared/corpora/reuters21578.jsonl'
const DEFAULT_DB = join(tmpdir(), 'dateline-query-bench.db')
const TARGET_P95_MS = 50

/** The limits the query layer uses by default (src/query/queries.ts). */
const EVENT_LIMIT = 100
const DYAD_LIMIT = 10
const ACTOR_LIMIT = 50
const SEARCH_LIMIT = 20

interface BenchOptions {
  readonly db: string
  readonly corpus: string
  readonly runs: number
  readonly json: boolean
}

function usage(message: string): never {
  process.stderr.write(
    `query-bench: ${message}\n` +
      'usage: node --import tsx bench/query-bench.ts [--db FILE] [--corpus FILE.jsonl] ' +
      '[--runs N] [--json]\n',
  )
  process.exit(2)
}

function parseOptions(argv: readonly string[]): BenchOptions {
  let values
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      options: {
        db: { type: 'string' },
        corpus: { type: 'string' },
        runs: { type: 'string' },
        json: { type: 'boolean' },
      },
    }))
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error))
  }
  const runs = values.runs === undefined ? 50 : Number(values.runs)
  if (!Number.isSafeInteger(runs) || runs < 1) usage(`--runs must be a positive integer`)
  return {
    db: values.db ?? DEFAULT_DB,
    corpus: values.corpus ?? DEFAULT_CORPUS,
    runs,
    json: values.json ?? false,
  }
}

interface IngestReport {
  readonly articles: number
  readonly rejected: number
  readonly seconds: number
  readonly extractSeconds: number
  readonly putSeconds: number
  readonly articlesPerSecond: number
  readonly peakRssMb: number
  readonly outcomes: Readonly<Record<PutOutcome, number>>
  readonly nearDuplicates: number
}

async function ingest(store: Store, corpus: string): Promise<IngestReport> {
  const started = performance.now()
  const extractor = createExtractor()
  const outcomes: Record<PutOutcome, number> = { added: 0, unchanged: 0, replaced: 0 }
  let articles = 0
  let rejected = 0
  let nearDuplicates = 0
  let extractMs = 0
  let putMs = 0
  for await (const result of readInputs([corpus])) {
    if (!result.ok) {
      rejected++
      continue
    }
    const t0 = performance.now()
    const extraction = extractor.extract(result.article)
    const t1 = performance.now()
    const put = await store.put(extraction, identify(extraction))
    putMs += performance.now() - t1
    extractMs += t1 - t0
    outcomes[put.outcome]++
    if (put.outcome !== 'unchanged' && put.duplicateOf !== null) nearDuplicates++
    if (++articles % 1000 === 0) {
      const seconds = (performance.now() - started) / 1000
      process.stderr.write(`  ${articles} articles, ${seconds.toFixed(0)} s\r`)
    }
  }
  process.stderr.write('\n')
  const seconds = (performance.now() - started) / 1000
  return {
    articles,
    rejected,
    seconds,
    extractSeconds: extractMs / 1000,
    putSeconds: putMs / 1000,
    articlesPerSecond: articles / seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    outcomes,
    nearDuplicates,
  }
}

interface QueryTiming {
  readonly name: string
  readonly rows: number
  readonly p50: number
  readonly p95: number
  readonly max: number
}

/** The listed queries, with the query layer's default limits. */
function queries(store: Store): ReadonlyArray<[string, () => Promise<unknown[] | object>]> {
  return [
    ['events actor=USA', () => store.events({ actor: 'USA', limit: EVENT_LIMIT })],
    ['events actor=IRN', () => store.events({ actor: 'IRN', limit: EVENT_LIMIT })],
    ['events dyad=USA,JPN', () => store.events({ dyad: ['USA', 'JPN'], limit: EVENT_LIMIT })],
    ['events code=04', () => store.events({ code: '04', limit: EVENT_LIMIT })],
    ['events code=0211', () => store.events({ code: '0211', limit: EVENT_LIMIT })],
    [
      'events from/to 1987-03',
      () => store.events({ from: '1987-03-01', to: '1987-03-31', limit: EVENT_LIMIT }),
    ],
    ['events text=trade', () => store.events({ text: 'trade', limit: EVENT_LIMIT })],
    [
      'events actor+quad+dates',
      () =>
        store.events({
          actor: 'JPN',
          quadClass: 3,
          from: '1987-01-01',
          to: '1987-12-31',
          limit: EVENT_LIMIT,
        }),
    ],
    ['dyad CHN RUS', () => store.dyad('CHN', 'RUS', { limit: DYAD_LIMIT })],
    ['dyad USA JPN', () => store.dyad('USA', 'JPN', { limit: DYAD_LIMIT })],
    ['actors', () => store.actors({ limit: ACTOR_LIMIT })],
    ['actors prefix=USA', () => store.actors({ limit: ACTOR_LIMIT, prefix: 'USA' })],
    ['search "trade deficit"', () => store.search('trade deficit', { limit: SEARCH_LIMIT })],
    ['search "oil"', () => store.search('oil', { limit: SEARCH_LIMIT })],
    ['article(1000)', async () => [await store.article(1000)]],
    ['counts', async () => [await store.counts()]],
  ]
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  return sorted[Math.max(0, index)] ?? 0
}

/** Rows a query gave: a list's length, a dyad report's events. */
function rowsOf(result: unknown[] | object): number {
  if (Array.isArray(result)) return result.length
  return 'events' in result ? (result as { events: unknown[] }).events.length : 1
}

async function time(
  name: string,
  run: () => Promise<unknown[] | object>,
  runs: number,
): Promise<QueryTiming> {
  const rows = rowsOf(await run())
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await run()
    samples.push(performance.now() - t0)
  }
  samples.sort((a, b) => a - b)
  const [p50, p95] = [percentile(samples, 50), percentile(samples, 95)]
  return { name, rows, p50, p95, max: samples.at(-1) ?? 0 }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2))
  const fresh = !existsSync(options.db)
  if (fresh && !existsSync(options.corpus)) {
    usage(`${options.corpus} not found (the corpus sits beside the checkout)`)
  }
  const store = createSqliteStore({ path: options.db })
  await store.migrate()
  let ingestReport: IngestReport | null = null
  if (fresh) {
    process.stderr.write(`ingesting ${options.corpus} into ${options.db}\n`)
    ingestReport = await ingest(store, options.corpus)
  }
  const counts = await store.counts()
  const timings: QueryTiming[] = []
  for (const [name, run] of queries(store)) timings.push(await time(name, run, options.runs))
  await store.close()

  if (options.json) {
    const report = { db: options.db, ingest: ingestReport, counts, timings }
    process.stdout.write(`${JSON.stringify(report)}\n`)
    return
  }
  const out: string[] = [`database: ${options.db}`]
  if (ingestReport !== null) {
    const r = ingestReport
    out.push(
      `ingest: ${r.articles} articles (${r.rejected} rejected) in ${r.seconds.toFixed(1)} s ` +
        `(${r.articlesPerSecond.toFixed(0)} articles/s): ` +
        `extract ${r.extractSeconds.toFixed(1)} s, put ${r.putSeconds.toFixed(1)} s ` +
        `(${((r.putSeconds * 1000) / r.articles).toFixed(2)} ms/article); ` +
        `peak RSS ${r.peakRssMb.toFixed(0)} MB`,
      `  outcomes: ${r.outcomes.added} added, ${r.outcomes.unchanged} unchanged, ` +
        `${r.outcomes.replaced} replaced; ${r.nearDuplicates} near-duplicates linked`,
    )
  }
  out.push(`counts: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`)
  out.push(`queries (${options.runs} runs each, target p95 <= ${TARGET_P95_MS} ms):`)
  const width = Math.max(...timings.map((t) => t.name.length))
  for (const t of timings) {
    const flag = t.p95 <= TARGET_P95_MS ? 'ok' : 'OVER'
    const ms = (n: number): string => `${n.toFixed(2).padStart(7)} ms`
    out.push(
      `  ${t.name.padEnd(width)}  rows ${String(t.rows).padStart(5)}  p50 ${ms(t.p50)}` +
        `  p95 ${ms(t.p95)}  max ${ms(t.max)}  ${flag}`,
    )
  }
  process.stdout.write(`${out.join('\n')}\n`)
}

await main()
