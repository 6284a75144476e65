import type { Command } from 'commander'
import { z } from 'zod'
import type { EventOut, Extraction } from '../../core/extraction.js'
import { EXIT } from './exit-codes.js'

const Options = z.object({
  json: z.boolean().optional(),
  color: z.boolean().optional(),
  published: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
    .optional(),
  actors: z.string().optional(),
})

/** `dateline explain <input>`: every event with its sentence, matched words, actors and rule. */
export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('Show why each event was coded: its sentence with the matched words marked, the actors, the rule.')
    .argument('<inputs...>', 'files, folders or - for stdin')
    .option('--json', 'print the explanations as JSON (one object per article)')
    .option('--no-color', 'plain text even on a terminal')
    .option('--published <day>', 'reference day (YYYY-MM-DD) for inputs without a date')
    .option('--actors <file>', 'a user actor dictionary')
    .addHelpText(
      'after',
      `
Each event is shown as: code and label, source → target (actor codes and the names they were
read from), the sentence with the trigger and matched words marked, mode (done, intent,
refusal), date, place, Goldstein value, quad class, PLOVER category, and the pattern that fired.`,
    )
    .action(async (inputs: string[], raw: Record<string, unknown>) => {
      const parsed = Options.safeParse(raw)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        process.stderr.write(`dateline explain: --${String(issue?.path[0] ?? '')} ${issue?.message ?? 'is invalid'}\n`)
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
      const color = opts.color !== false && process.stdout.isTTY === true
      let skipped = 0
      let processed = 0
      for await (const r of readInputs(inputs, { published: opts.published ?? null })) {
        if (!r.ok) {
          skipped++
          process.stderr.write(`dateline: ${r.error.message}\n`)
          continue
        }
        const e = extractor.extract(r.article)
        processed++
        process.stdout.write(opts.json ? `${JSON.stringify(explainJson(e))}\n` : `${formatExplanation(e, color)}\n`)
      }
      process.exitCode = processed === 0 && skipped > 0 ? EXIT.failed : skipped > 0 ? EXIT.someFailed : EXIT.ok
    })
}

/** The explanation of an article's events as plain data. */
export function explainJson(e: Extraction): object {
  return {
    article: { id: e.article.id, input: e.article.input },
    events: e.events.map((ev) => ({
      ...ev,
      sentenceText: e.article.text.slice(ev.sentence.start, ev.sentence.end),
    })),
  }
}

/** A terminal explanation of each event; `color` marks the matched words in bold yellow. */
export function formatExplanation(e: Extraction, color: boolean): string {
  const bold = (s: string): string => (color ? `\x1b[1m${s}\x1b[0m` : s)
  const dim = (s: string): string => (color ? `\x1b[2m${s}\x1b[0m` : s)
  const lines = [bold(`${e.article.id}: ${e.events.length} event${e.events.length === 1 ? '' : 's'}`)]
  for (const ev of e.events) {
    lines.push('')
    lines.push(`${bold(`${ev.code} ${ev.label}`)}  ${actor(ev.sourceActor)} → ${actor(ev.targetActor)}`)
    lines.push(`  ${highlight(e.article.text, ev, color)}`)
    const facts = [
      `mode ${ev.mode}`,
      ev.date ? `date ${ev.date}` : null,
      ev.place ? `place ${ev.place}` : null,
      `Goldstein ${ev.goldstein}`,
      `quad class ${ev.quadClass}`,
      ev.plover ? `PLOVER ${ev.plover.event}` : null,
    ].filter(Boolean)
    lines.push(dim(`  ${facts.join(' · ')}`))
    lines.push(dim(`  rule ${ev.rule}; matched ${ev.matched.map((w) => `"${w}"`).join(', ')}; source by ${ev.sourceActor.role}, target by ${ev.targetActor.role}`))
  }
  return lines.join('\n')
}

function actor(a: EventOut['sourceActor']): string {
  return a.name ? `${a.code} (${a.name})` : a.code
}

/** The sentence with the trigger and the other matched words marked: [[trigger]] or bold on a terminal. */
function highlight(text: string, ev: EventOut, color: boolean): string {
  const { start, end } = ev.sentence
  const sentence = text.slice(start, end).replace(/\s+/g, ' ')
  const marks: Array<[number, number]> = [[ev.trigger.start - start, ev.trigger.end - start]]
  const flat = text.slice(start, end)
  for (const w of ev.matched) {
    if (w === ev.trigger.text) continue
    const at = flat.indexOf(w, Math.max(0, ev.trigger.start - start - 60))
    if (at >= 0) marks.push([at, at + w.length])
  }
  marks.sort((a, b) => b[0] - a[0])
  let out = flat
  for (const [a, b] of marks) {
    const word = out.slice(a, b)
    out = out.slice(0, a) + (color ? `\x1b[1;33m${word}\x1b[0m` : `[[${word}]]`) + out.slice(b)
  }
  return out.length === flat.length ? sentence : out.replace(/\s+/g, ' ')
}
