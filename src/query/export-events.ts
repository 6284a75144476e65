/**
 * Exporting events: streamed from the store one at a time (`eachEvent`) and written in batches,
 * so an export of the whole database holds one batch of text and a few articles in memory (and,
 * for `gdelt`, the keys of the events already written).
 */
import type { EventFilter, Store, StoredArticle } from '../storage/store.js'
import { EVENT_CSV_COLUMNS } from './event-columns.js'
import { csvRecord } from './format-csv.js'
import { gdeltLine } from './gdelt-record.js'

/** The export formats. */
export const EXPORT_FORMATS = ['gdelt', 'csv', 'jsonl'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** Where exported text goes; a returned promise is awaited before the next batch (backpressure). */
export interface ExportSink {
  write(chunk: string): void | Promise<void>
}

export interface ExportResult {
  /** Records written. */
  readonly records: number
  /**
   * For `gdelt`: stored rows left out because an earlier row is the same event (same event key),
   * which GDELT writes once with its mention, source and article counts.
   */
  readonly merged: number
}

export interface ExportOptions {
  /** Called after each batch with the records written so far (for a progress bar). */
  readonly onProgress?: (records: number) => void
}

/** Text is handed to the sink in batches of about this many characters. */
const BATCH_CHARS = 64 * 1024

/**
 * Streams the events matching `filter` to `sink`, in id order:
 * - `gdelt`: the GDELT 2.0 event table (61 tab-separated columns, no header), one record per
 *   event key: the first report of an event stands for all of them, as GDELT's counts do;
 * - `csv`: every stored field, with a header (RFC 4180);
 * - `jsonl`: one stored event per line, as JSON.
 *
 * @example
 * await exportEvents(store, { dyad: ['CHN', 'RUS'] }, 'gdelt', process.stdout)
 */
export async function exportEvents(
  store: Store,
  filter: EventFilter,
  format: ExportFormat,
  sink: ExportSink,
  options: ExportOptions = {},
): Promise<ExportResult> {
  let batch = format === 'csv' ? csvRecord(EVENT_CSV_COLUMNS.map((c) => c.header)) : ''
  let records = 0
  let merged = 0
  const seen = new Set<string>()
  const articles = createArticleCache(store)
  for await (const event of store.eachEvent(filter)) {
    if (format === 'gdelt') {
      if (seen.has(event.eventKey)) {
        merged++
        continue
      }
      seen.add(event.eventKey)
      batch += `${gdeltLine(event, await articles.get(event.articleId))}\n`
    } else if (format === 'csv') {
      batch += csvRecord(EVENT_CSV_COLUMNS.map((c) => c.value(event)))
    } else {
      batch += `${JSON.stringify(event)}\n`
    }
    records++
    if (batch.length >= BATCH_CHARS) {
      await sink.write(batch)
      batch = ''
      options.onProgress?.(records)
    }
  }
  if (batch !== '') await sink.write(batch)
  return { records, merged }
}

/**
 * The last few articles read. Events come in id order, and an article's events were stored
 * together, so nearly every look-up after the first of an article is a hit.
 */
function createArticleCache(store: Store, size = 8): { get(id: number): Promise<StoredArticle | null> } {
  const cache = new Map<number, StoredArticle | null>()
  return {
    async get(id) {
      if (cache.has(id)) return cache.get(id) ?? null
      const article = await store.article(id)
      if (cache.size >= size) {
        const oldest = cache.keys().next()
        if (!oldest.done) cache.delete(oldest.value)
      }
      cache.set(id, article)
      return article
    },
  }
}
