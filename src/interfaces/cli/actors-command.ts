import type { Command } from 'commander'
import { z } from 'zod'
import { formatCsv } from '../../query/format-csv.js'
import { formatTable } from '../../query/format-table.js'
import { ACTOR_COLUMNS } from '../../query/list-columns.js'
import { DEFAULT_ACTOR_LIMIT, queryActors } from '../../query/queries.js'
import { EXIT } from './exit-codes.js'
import { addDbOption, createStdoutWriter, fail, optionIssue, runWithStore, stdoutWidth } from './store-command.js'

const Options = z.object({
  format: z.enum(['table', 'json', 'csv']),
  prefix: z.string().optional(),
  limit: z.string().optional(),
  db: z.string().optional(),
})

/** `dateline actors [--prefix CHN]`: the actors in the database, the most active first. */
export function registerActors(program: Command): void {
  const command = program
    .command('actors')
    .description('List the actors in the database with how often each acts and is acted upon.')
    .option('--prefix <code>', 'only codes that start with this (CHN gives CHN, CHNGOV, CHNMIL, ...)')
    .option('--limit <n>', `at most this many actors (default ${DEFAULT_ACTOR_LIMIT})`)
    .option('-f, --format <format>', 'table, json or csv', 'table')
  addDbOption(command).addHelpText(
    'after',
    `
Exit status: 0 done; 2 bad usage or no database; 3 the database failed.

Examples:
  dateline actors
  dateline actors --prefix CHN
  dateline actors --prefix IGO --format csv > igos.csv`,
  )
  command.action(async (raw: Record<string, unknown>) => {
    const parsed = Options.safeParse(raw)
    if (!parsed.success) return fail('actors', optionIssue(parsed.error.issues), EXIT.usage)
    const opts = parsed.data
    await runWithStore('actors', opts.db, async (store) => {
      const actors = await queryActors(store, { prefix: opts.prefix, limit: opts.limit })
      const out = createStdoutWriter()
      if (opts.format === 'json') await out.write(`${JSON.stringify(actors, null, 2)}\n`)
      else if (opts.format === 'csv') await out.write(formatCsv(ACTOR_COLUMNS, actors))
      else if (actors.length === 0) process.stderr.write('No actors.\n')
      else await out.write(formatTable(ACTOR_COLUMNS, actors, { width: stdoutWidth() }))
    })
  })
}
