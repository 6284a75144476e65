import { once } from 'node:events'
import { createWriteStream, renameSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Command } from 'commander'
import { z } from 'zod'
import { parseEventFilter } from '../../query/event-filter.js'
import type { EventFilter } from '../../storage/store.js'
import { EXPORT_FORMATS, exportEvents, type ExportSink } from '../../query/export-events.js'
import { EXIT } from './exit-codes.js'
import { addFilterOptions, rawFilter } from './events-command.js'
import { createProgress } from './progress.js'
import { addDbOption, createStdoutWriter, fail, optionIssue, reportError, runWithStore } from './store-command.js'

const Options = z.object({
  format: z.enum(EXPORT_FORMATS),
  out: z.string().min(1).optional(),
  db: z.string().optional(),
})

/** `dateline export --format gdelt|csv|jsonl [filters]`: every matching event, streamed. */
export function registerExport(program: Command): void {
  const command = program
    .command('export')
    .description('Write stored events as a GDELT 2.0 event table, CSV or JSON Lines, streamed.')
    .option('-f, --format <format>', 'gdelt, csv or jsonl', 'jsonl')
    .option('-o, --out <file>', 'write to this file (replaced only when the export is complete) instead of stdout')
  addFilterOptions(command).option('--limit <n>', 'at most this many events (at most 10000; default all)')
  addDbOption(command).addHelpText(
    'after',
    `
Formats:
  gdelt  the 61 tab-separated columns of the GDELT 2.0 event table, no header, one record per
         event (reports of the same event on the same day are one record with their counts).
         Fields we have no value for are empty: tone, actor geography, FIPS and ADM codes,
         feature ids, DATEADDED. Check a file with: node --import tsx scripts/check-gdelt-export.ts FILE
  csv    every stored field, with a header (RFC 4180: CRLF, quoted where needed)
  jsonl  one stored event per line, as JSON

Takes the same filters as \`dateline events\`; events come in id order.

Exit status: 0 done; 2 bad usage or no database; 3 the database or the output failed.

Examples:
  dateline export --format gdelt --out events.tsv
  dateline export --format csv --dyad CHN,RUS --from 2023 > chn-rus.csv
  dateline export --format jsonl --root 19 | jq .sentence`,
  )
  command.action(async (raw: Record<string, unknown>) => {
    const parsed = Options.safeParse(raw)
    if (!parsed.success) return fail('export', optionIssue(parsed.error.issues), EXIT.usage)
    const opts = parsed.data
    let filter: EventFilter
    try {
      filter = parseEventFilter(rawFilter(raw))
    } catch (e) {
      return reportError('export', e)
    }
    await runWithStore('export', opts.db, async (store) => {
      const progress = createProgress({ label: 'export' })
      const target = opts.out ? createFileSink(opts.out) : { sink: createStdoutWriter(), commit: async () => {}, abort: () => {} }
      let result
      try {
        result = await exportEvents(store, filter, opts.format, target.sink, {
          onProgress: (n) => progress.tick(n),
        })
        await target.commit()
      } catch (e) {
        target.abort()
        throw e
      } finally {
        progress.done()
      }
      if (opts.out || process.stderr.isTTY) {
        const merged = result.merged ? ` (${result.merged} more reports of these events merged into them)` : ''
        process.stderr.write(
          `dateline export: ${result.records} event${result.records === 1 ? '' : 's'} written${opts.out ? ` to ${opts.out}` : ''}${merged}\n`,
        )
      }
    })
  })
}

/**
 * A file written beside its destination under a temporary name and renamed over it when
 * complete, so that a failed or interrupted export never leaves a truncated file in its place.
 */
function createFileSink(path: string): { sink: ExportSink; commit(): Promise<void>; abort(): void } {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.partial`)
  const stream = createWriteStream(temp)
  let failure: Error | null = null
  stream.on('error', (e: NodeJS.ErrnoException) => {
    // Name the file asked for, not the temporary one.
    failure = new Error(`cannot write ${path}: ${e.code ?? e.message}`, { cause: e })
  })
  return {
    sink: {
      async write(chunk) {
        if (failure) throw failure
        // `once` rejects when the stream fails while we wait; the failure below says why.
        if (!stream.write(chunk) && !stream.destroyed) {
          const stop = new AbortController()
          const { signal } = stop
          await Promise.race([once(stream, 'drain', { signal }), once(stream, 'close', { signal })]).catch(() => {})
          // Removes the listener of whichever event did not come.
          stop.abort()
        }
        if (failure) throw failure
      },
    },
    async commit() {
      if (failure) throw failure
      const closed = once(stream, 'close').catch(() => {})
      stream.end()
      await closed
      if (failure) throw failure
      renameSync(temp, path)
    },
    abort() {
      stream.destroy()
      rmSync(temp, { force: true })
    },
  }
}
