import type { Article } from '../../core/document.js'
import { DatelineError, type ErrorCode } from '../../core/errors.js'
import type { Extraction } from '../../core/extraction.js'
import type { ReadResult } from '../../ingest/read-inputs.js'
import { identify } from '../../storage/article-identity.js'
import type { ArticleIdentity, PutOutcome, Store, StoreCounts } from '../../storage/store.js'
import { ExtractPoolError, type ExtractPool } from './ingest-pool.js'

/**
 * The ingest loop: read → identify → look up → extract (in the pool) → store, in input order.
 *
 * An article's identity depends only on its URL, title and text, which are known before it is
 * extracted; so the store is asked first, and an article it already holds unchanged costs a
 * hash and a look-up, not an extraction. Extractions run ahead in the pool while the main thread
 * writes them one by one in the order they were read, each `put` its own transaction: killed at
 * any moment, the store holds a prefix of the run, and running again completes it.
 */

/** What happened to one article, for `--verbose` and tests. */
export type ArticleEvent =
  | {
      readonly kind: 'stored'
      readonly input: string
      readonly outcome: PutOutcome
      readonly articleId: number
      readonly events: number
      readonly duplicateOf: number | null
    }
  | { readonly kind: 'unchanged'; readonly input: string }
  | {
      readonly kind: 'skipped'
      readonly input: string
      readonly code: ErrorCode
      readonly message: string
    }

export interface IngestRunOptions {
  readonly store: Store
  readonly pool: ExtractPool
  readonly sources: AsyncIterable<ReadResult>
  /** How many extractions may run ahead of the one being written (default 32). */
  readonly window?: number
  /** Called once per input result, after it has been dealt with (stored, found, or skipped). */
  readonly onArticle?: (event: ArticleEvent, done: number) => void
}

/** The numbers `dateline ingest` reports. */
export interface IngestSummary {
  /** Articles read from the inputs (records, files, feed items, pages). */
  readonly read: number
  readonly added: number
  readonly replaced: number
  /** Already stored with the same text (a re-run, or an exact copy earlier in the inputs). */
  readonly unchanged: number
  /** Added or replaced articles linked to an earlier near-duplicate (a wire copy). */
  readonly nearDuplicates: number
  /** Inputs and articles not stored, by error code. */
  readonly skipped: Readonly<Partial<Record<ErrorCode, number>>>
  readonly skippedTotal: number
  /** Events in the extractions that were added or replaced. */
  readonly events: number
  /** The store's counts before and after the run. */
  readonly before: StoreCounts
  readonly after: StoreCounts
}

interface InFlight {
  readonly article: Article
  readonly identity: ArticleIdentity
  readonly result: Promise<{ extraction: Extraction } | { error: DatelineError }>
}

/**
 * The identity of an article before extraction: `identify` reads only the URL, title and text,
 * which an extraction carries over unchanged from its article.
 */
export function identifyArticle(article: Article): ArticleIdentity {
  return identify({ article })
}

/** Runs the ingest loop to the end of the sources and returns its numbers. */
export async function runIngest(options: IngestRunOptions): Promise<IngestSummary> {
  const { store, pool } = options
  const window = Math.max(1, options.window ?? 32)
  const before = await store.counts()
  const skipped: Partial<Record<ErrorCode, number>> = {}
  let read = 0
  let added = 0
  let replaced = 0
  let unchanged = 0
  let nearDuplicates = 0
  let skippedTotal = 0
  let events = 0
  let done = 0
  const report = (event: ArticleEvent): void => {
    done++
    options.onArticle?.(event, done)
  }
  const skip = (input: string, code: ErrorCode, message: string): void => {
    skipped[code] = (skipped[code] ?? 0) + 1
    skippedTotal++
    report({ kind: 'skipped', input, code, message })
  }

  const queue: InFlight[] = []
  /** Writes the oldest extraction in flight (waiting for it if need be). */
  const writeOldest = async (): Promise<void> => {
    const head = queue.shift()
    if (!head) return
    const result = await head.result
    if ('error' in result) {
      // A pool that cannot run at all ends the run: every article after would fail the same way.
      if (result.error instanceof ExtractPoolError) throw result.error
      skip(head.article.input, result.error.code, result.error.message)
      return
    }
    const put = await store.put(result.extraction, head.identity)
    if (put.outcome === 'unchanged') {
      unchanged++
      report({ kind: 'unchanged', input: head.article.input })
      return
    }
    if (put.outcome === 'added') added++
    else replaced++
    if (put.duplicateOf !== null) nearDuplicates++
    events += result.extraction.events.length
    report({
      kind: 'stored',
      input: head.article.input,
      outcome: put.outcome,
      articleId: put.articleId,
      events: result.extraction.events.length,
      duplicateOf: put.duplicateOf,
    })
  }

  try {
    for await (const r of options.sources) {
      if (!r.ok) {
        skip(r.input, r.error.code, r.error.message)
        continue
      }
      read++
      const identity = identifyArticle(r.article)
      if ((await store.lookup(identity)) === 'same') {
        unchanged++
        report({ kind: 'unchanged', input: r.article.input })
        continue
      }
      queue.push({
        article: r.article,
        identity,
        // Settled at once, so that a failure waiting in the queue is never an unhandled rejection.
        result: pool.extract(r.article).then(
          (extraction) => ({ extraction }),
          (error: unknown) => ({ error: asDatelineError(error) }),
        ),
      })
      while (queue.length >= window) await writeOldest()
    }
    while (queue.length > 0) await writeOldest()
  } finally {
    // On an error, let the extractions still running settle before the pool is closed.
    await Promise.allSettled(queue.map((f) => f.result))
  }
  const after = await store.counts()
  return {
    read,
    added,
    replaced,
    unchanged,
    nearDuplicates,
    skipped,
    skippedTotal,
    events,
    before,
    after,
  }
}

function asDatelineError(error: unknown): DatelineError {
  if (error instanceof DatelineError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new DatelineError('STAGE_FAILED', message, { cause: error })
}
