/**
 * Throughput of the whole extraction pipeline on the Reuters-21578 corpus, against a bare regex
 * tokenizer over the same texts. Run with `npm run bench` (see bench/README.md).
 *
 *   npm run bench -- --repeat 5
 *   npm run bench -- --limit 2000 --repeat 1
 *   npm run bench -- --json
 *
 * The corpus is read into memory first, so reading and parsing JSON are not timed. Each
 * measurement is repeated and its median reported. Nothing is asserted: a benchmark is not a
 * test.
 */
import { existsSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import type { Article } from '../src/core/document.js'
import { createExtractor } from '../src/extractor.js'
import { readInputs } from '../src/ingest/read-inputs.js'

/** Read at run time, relative to the project root; never copied into the project. */
const DEFAULT_CORPUS = '../shared/corpora/reuters21578.jsonl'

/** The throughput the pipeline should reach on one core. */
const TARGET_WORDS_PER_SECOND = 50_000

/** What the baseline tokenizer splits: runs of word characters, or one other non-space. */
const TOKEN = /\w+|[^\w\s]/g
/** A token that is a word, as the baseline counts them. */
const WORD_TOKEN = /^\w/
/** How the words of a text are counted for words/s. */
const WORD = /\w+/g

interface BenchOptions {
  readonly corpus: string
  readonly repeat: number
  readonly limit: number | null
  readonly json: boolean
}

interface Loaded {
  readonly articles: readonly Article[]
  /** Records the reader rejected (named on stderr); they are not benchmarked. */
  readonly rejected: number
  readonly seconds: number
}

interface PipelineRun {
  readonly seconds: number
  readonly sentences: number
  /** Articles whose extraction threw; counted, not fatal. */
  readonly failures: number
  readonly firstFailure: string | null
}

function usage(message: string): never {
  process.stderr.write(
    `pipeline-bench: ${message}\n` +
      'usage: npm run bench -- [--repeat N] [--limit N] [--json] [--corpus FILE.jsonl]\n',
  )
  process.exit(2)
}

function positiveInteger(value: string | undefined, flag: string): number | null {
  if (value === undefined) return null
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < 1) usage(`${flag} must be a positive integer, got '${value}'`)
  return n
}

function parseOptions(argv: readonly string[]): BenchOptions {
  let values
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      options: {
        repeat: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
        corpus: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error))
  }
  return {
    corpus: values.corpus ?? DEFAULT_CORPUS,
    repeat: positiveInteger(values.repeat, '--repeat') ?? 3,
    limit: positiveInteger(values.limit, '--limit'),
    json: values.json === true,
  }
}

/** Reads the corpus through the project's own reader, stopping after `limit` articles. */
async function loadCorpus(path: string, limit: number | null): Promise<Loaded> {
  const started = performance.now()
  const articles: Article[] = []
  let rejected = 0
  for await (const result of readInputs([path])) {
    if (result.ok) articles.push(result.article)
    else {
      rejected++
      process.stderr.write(`pipeline-bench: skipped ${result.error.message}\n`)
    }
    if (limit !== null && articles.length >= limit) break
  }
  return { articles, rejected, seconds: (performance.now() - started) / 1000 }
}

function countWords(texts: readonly string[]): number {
  let words = 0
  for (const text of texts) for (const _ of text.matchAll(WORD)) words++
  return words
}

/**
 * The baseline: one regex tokenizer pass over every text, counting the word tokens. Returns the
 * count so the work cannot be optimised away.
 */
function runBaseline(texts: readonly string[]): { seconds: number; words: number } {
  const started = performance.now()
  let words = 0
  for (const text of texts) {
    for (const [token] of text.matchAll(TOKEN)) if (WORD_TOKEN.test(token)) words++
  }
  return { seconds: (performance.now() - started) / 1000, words }
}

function runPipeline(
  extract: (article: Article) => { readonly sentences: readonly unknown[] },
  articles: readonly Article[],
): PipelineRun {
  let sentences = 0
  let failures = 0
  let firstFailure: string | null = null
  const started = performance.now()
  for (const article of articles) {
    try {
      sentences += extract(article).sentences.length
    } catch (error) {
      // A stage bug on one story should not hide the throughput of the rest; it is reported.
      failures++
      firstFailure ??= `${article.input}: ${error instanceof Error ? error.message : String(error)}`
    }
  }
  return { seconds: (performance.now() - started) / 1000, sentences, failures, firstFailure }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const upper = sorted[mid] ?? Number.NaN
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? Number.NaN) + upper) / 2
}

/** Peak resident set size of this process so far, in MB (maxRSS is in KiB; 1 MB = 1024 KiB). */
function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US')
const fixed = (n: number, digits: number): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2))
  if (!existsSync(options.corpus)) {
    usage(`${options.corpus} not found (run from the project root, beside ../shared)`)
  }
  const progress = (line: string): void => {
    process.stderr.write(`pipeline-bench: ${line}\n`)
  }

  const loaded = await loadCorpus(options.corpus, options.limit)
  const { articles } = loaded
  const texts = articles.map((a) => a.text)
  const words = countWords(texts)
  const emptyTexts = texts.filter((t) => t === '').length
  progress(
    `read ${int(articles.length)} articles (${int(emptyTexts)} headline-only) in ` +
      `${fixed(loaded.seconds, 1)} s, not timed`,
  )

  const setupStarted = performance.now()
  const extractor = createExtractor()
  const setupSeconds = (performance.now() - setupStarted) / 1000
  progress(`createExtractor() took ${fixed(setupSeconds, 2)} s, not timed`)

  const baselineSeconds: number[] = []
  const pipelineSeconds: number[] = []
  let last: PipelineRun | null = null
  for (let run = 1; run <= options.repeat; run++) {
    const baseline = runBaseline(texts)
    baselineSeconds.push(baseline.seconds)
    const pipeline = runPipeline(extractor.extract, articles)
    pipelineSeconds.push(pipeline.seconds)
    last = pipeline
    progress(
      `run ${run}/${options.repeat}: baseline ${fixed(baseline.seconds, 3)} s, pipeline ` +
        `${fixed(pipeline.seconds, 2)} s`,
    )
  }
  if (last === null) throw new Error('unreachable: --repeat is at least 1')

  const baseline = median(baselineSeconds)
  const pipeline = median(pipelineSeconds)
  const result = {
    corpus: options.corpus,
    articles: articles.length,
    headlineOnly: emptyTexts,
    rejected: loaded.rejected,
    words,
    sentences: last.sentences,
    failures: last.failures,
    repeat: options.repeat,
    cores: 1,
    setupSeconds,
    pipelineSeconds: pipeline,
    baselineSeconds: baseline,
    wordsPerSecond: words / pipeline,
    sentencesPerSecond: last.sentences / pipeline,
    articlesPerSecond: articles.length / pipeline,
    baselineWordsPerSecond: words / baseline,
    ratio: pipeline / baseline,
    targetWordsPerSecond: TARGET_WORDS_PER_SECOND,
    peakRssMB: peakRssMb(),
    node: process.version,
  }

  if (options.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`)
    return
  }
  const meets = result.wordsPerSecond >= TARGET_WORDS_PER_SECOND ? 'met' : 'NOT met'
  const runs = (xs: readonly number[], digits: number): string =>
    `runs: ${xs.map((x) => fixed(x, digits)).join(', ')}`
  // [label, measured value, what it means]
  const rows: ReadonlyArray<readonly [string, string, string]> = [
    [
      'articles',
      int(result.articles),
      `${int(emptyTexts)} headline-only, ${int(loaded.rejected)} rejected by the reader`,
    ],
    ['words', int(words), `${String(WORD)} over article.text`],
    ['sentences', int(result.sentences), 'from the extractions'],
    ['wall seconds', fixed(pipeline, 2), runs(pipelineSeconds, 2)],
    ['words/s', int(result.wordsPerSecond), `target ≥ ${int(TARGET_WORDS_PER_SECOND)}: ${meets}`],
    ['sentences/s', int(result.sentencesPerSecond), ''],
    ['articles/s', int(result.articlesPerSecond), ''],
    ['peak RSS', `${fixed(result.peakRssMB, 0)} MB`, 'whole process, corpus in memory included'],
    [
      'baseline s',
      fixed(baseline, 3),
      `regex tokenizer ${String(TOKEN)}; ${runs(baselineSeconds, 3)}`,
    ],
    ['baseline words/s', int(result.baselineWordsPerSecond), ''],
    ['ratio', `${fixed(result.ratio, 0)}×`, 'pipeline time / baseline time'],
    ['setup s', fixed(setupSeconds, 2), 'createExtractor(), not timed above'],
  ]
  const lines = [
    `Dateline pipeline benchmark: ${options.corpus}`,
    'one core: the pipeline is synchronous and runs on a single thread; ' +
      `median of ${options.repeat} run(s)`,
    '',
    ...rows.map(([label, value, note]) =>
      `${label.padEnd(17)}${value.padStart(12)}${note ? `  (${note})` : ''}`.trimEnd(),
    ),
  ]
  if (last.failures > 0) {
    lines.push(
      '',
      `extraction threw on ${int(last.failures)} article(s) (timed, no sentences counted); ` +
        `first: ${last.firstFailure}`,
    )
  }
  process.stdout.write(`${lines.join('\n')}\n`)
}

await main()
