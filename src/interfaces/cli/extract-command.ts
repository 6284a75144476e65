import type { Command } from 'commander'
import { z } from 'zod'
import type { Extraction } from '../../core/extraction.js'
import { EXIT } from './exit-codes.js'
import { formatPretty } from './format-pretty.js'
import { createProgress } from './progress.js'

const Options = z.object({
  format: z.enum(['json', 'jsonl', 'pretty']),
  published: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
    .optional(),
  actors: z.string().optional(),
  maxBytes: z.coerce.number().int().positive().optional(),
})

/** `dateline extract <inputs...>`: read articles, write their extractions. */
export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('Read articles and write what they say as structured records (JSON).')
    .argument('<inputs...>', 'files (.txt .json .jsonl .html), folders, or - for stdin')
    .option('-f, --format <format>', 'json (one object, or an array for several), jsonl, or pretty', 'json')
    .option('--published <day>', 'reference day (YYYY-MM-DD) for inputs that carry no date of their own')
    .option('--actors <file>', 'a user actor dictionary that adds to or overrides the built-in actors')
    .option('--max-bytes <n>', 'largest article accepted, in bytes (default 10 MiB)')
    .addHelpText(
      'after',
      `
Exit status: 0 all inputs processed; 1 some inputs skipped (named on stderr); 2 bad usage; 3 nothing processed.

Examples:
  dateline extract examples/harbour-talks.txt --format pretty
  cat story.json | dateline extract - --format jsonl`,
    )
    .action(async (inputs: string[], raw: Record<string, unknown>) => {
      const parsed = Options.safeParse(raw)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        process.stderr.write(`dateline extract: --${String(issue?.path[0] ?? '')} ${issue?.message ?? 'is invalid'}\n`)
        process.exitCode = EXIT.usage
        return
      }
      const opts = parsed.data
      // Loaded here, not at start-up: the lexicons and the tokenizer's model take a moment.
      const [{ createExtractor }, { readInputs }] = await Promise.all([import('../../extractor.js'), import('../../ingest/read-inputs.js')])
      const extractor = createExtractor({
        published: opts.published ?? null,
        ...(opts.actors ? { actorDictionary: opts.actors } : {}),
      })
      const out = createWriter(opts.format)
      const progress = createProgress({ label: 'extract' })
      let processed = 0
      let skipped = 0
      for await (const r of readInputs(inputs, {
        published: opts.published ?? null,
        ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
      })) {
        if (!r.ok) {
          skipped++
          process.stderr.write(`dateline: ${r.error.message.split('\n')[0]}\n`)
          continue
        }
        try {
          out.write(extractor.extract(r.article))
          processed++
        } catch (e) {
          skipped++
          process.stderr.write(`dateline: ${r.article.input}: ${e instanceof Error ? e.message : String(e)}\n`)
        }
        progress.tick(processed + skipped)
      }
      progress.done()
      await out.end()
      if (skipped > 0) {
        process.stderr.write(`dateline: ${processed} processed, ${skipped} skipped\n`)
      }
      process.exitCode = processed === 0 && skipped > 0 ? EXIT.failed : skipped > 0 ? EXIT.someFailed : EXIT.ok
    })
}

interface Writer {
  write(e: Extraction): void
  end(): Promise<void>
}

/**
 * Writes extractions as they come. `json` prints a single extraction as an object and several as
 * an array, holding back only the first until it knows which.
 */
function createWriter(format: 'json' | 'jsonl' | 'pretty'): Writer {
  const stdout = process.stdout
  let pending: Extraction | null = null
  let count = 0
  const write = (s: string): void => {
    stdout.write(s)
  }
  return {
    write(e) {
      count++
      if (format === 'jsonl') return write(`${JSON.stringify(e)}\n`)
      if (format === 'pretty') return write(`${formatPretty(e, { color: stdout.isTTY === true })}\n`)
      if (count === 1) {
        pending = e
        return
      }
      if (pending) {
        write(`[\n${JSON.stringify(pending)}`)
        pending = null
      }
      write(`,\n${JSON.stringify(e)}`)
    },
    async end() {
      if (format === 'json') {
        if (pending) write(`${JSON.stringify(pending, null, 2)}\n`)
        else if (count > 1) write('\n]\n')
        else write('[]\n')
      }
      await new Promise<void>((resolve) => (stdout.writableNeedDrain ? stdout.once('drain', resolve) : resolve()))
    },
  }
}
