import type { Command } from 'commander'
import { z } from 'zod'
import { formatDyadText } from '../../query/format-dyad.js'
import { DEFAULT_DYAD_LIMIT, queryDyad } from '../../query/queries.js'
import { EXIT } from './exit-codes.js'
import { addDbOption, createStdoutWriter, fail, optionIssue, runWithStore, stdoutWidth } from './store-command.js'

const Options = z.object({
  format: z.enum(['table', 'json']),
  limit: z.string().optional(),
  db: z.string().optional(),
})

/** `dateline dyad <a> <b>`: the relationship between two actors over time. */
export function registerDyad(program: Command): void {
  const command = program
    .command('dyad')
    .description('Show the relationship between two actors over time: events per month by quad class, mean Goldstein, the latest events, statements and figures.')
    .argument('<a>', 'an actor code (CHN, or CHNGOV for the government only)')
    .argument('<b>', 'the other actor code')
    .option('--limit <n>', `latest events, statements and figures to list (default ${DEFAULT_DYAD_LIMIT})`)
    .option('-f, --format <format>', 'table (a text chart) or json', 'table')
  addDbOption(command).addHelpText(
    'after',
    `
The chart has one line per month: events by quad class (VCOOP verbal cooperation, MCOOP
material cooperation, VCONF verbal conflict, MCONF material conflict), the mean Goldstein
value (-10 … +10) and a bar shaded by quad class. Months without events are shown as such.
Events count in either direction; codes match by prefix (CHN includes CHNGOV).

Exit status: 0 done (also when the two never meet); 2 bad usage or no database; 3 the database failed.

Examples:
  dateline dyad CHN RUS
  dateline dyad USA CHN --limit 20
  dateline dyad chngov rusgov --format json | jq '.months'`,
  )
  command.action(async (a: string, b: string, raw: Record<string, unknown>) => {
    const parsed = Options.safeParse(raw)
    if (!parsed.success) return fail('dyad', optionIssue(parsed.error.issues), EXIT.usage)
    const opts = parsed.data
    await runWithStore('dyad', opts.db, async (store) => {
      const report = await queryDyad(store, a, b, { limit: opts.limit })
      const out = createStdoutWriter()
      if (opts.format === 'json') await out.write(`${JSON.stringify(report, null, 2)}\n`)
      else await out.write(formatDyadText(report, { width: stdoutWidth() }))
    })
  })
}
