import type { Command } from 'commander'
import { z } from 'zod'
import { FILTER_FIELDS, type RawEventFilter } from '../../query/event-filter.js'
import { EVENT_CSV_COLUMNS, EVENT_TABLE_COLUMNS } from '../../query/event-columns.js'
import { formatCsv } from '../../query/format-csv.js'
import { formatTable } from '../../query/format-table.js'
import { DEFAULT_EVENT_LIMIT, queryEvents } from '../../query/queries.js'
import { addDbOption, createStdoutWriter, fail, optionIssue, runWithStore, stdoutWidth } from './store-command.js'
import { EXIT } from './exit-codes.js'

/** The event filter flags, shared by `events` and `export`. */
export function addFilterOptions(command: Command): Command {
  return command
    .option('--actor <code>', 'an actor on either side, by CAMEO code or prefix (CHN, CHNGOV, IGOUNO)')
    .option('--source <code>', 'the actor who acts')
    .option('--target <code>', 'the actor acted upon')
    .option('--dyad <a,b>', 'both actors, either direction (CHN,RUS)')
    .option('--code <cameo>', 'a CAMEO event code or prefix (036, 0211)')
    .option('--root <nn>', 'a CAMEO root, 01 to 20 (04 consult, 19 fight)')
    .option('--quad <class>', 'quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict (number or name)')
    .option('--from <date>', 'events on or after this day (YYYY-MM-DD; YYYY-MM or YYYY mean the first day)')
    .option('--to <date>', 'events on or before this day (YYYY-MM or YYYY mean the last day)')
    .option('--place <name>', 'where the event happened (Beijing)')
    .option('--text <words>', 'words in the event\'s sentence')
    .option('--offset <n>', 'skip this many events first')
}

/** The filter flags of parsed options, as typed (the query layer checks them). */
export function rawFilter(options: Record<string, unknown>): RawEventFilter {
  const raw: Record<string, string> = {}
  for (const f of FILTER_FIELDS) {
    const v = options[f]
    if (typeof v === 'string') raw[f] = v
  }
  return raw
}

const Options = z.object({
  format: z.enum(['table', 'json', 'csv']),
  db: z.string().optional(),
})

/** `dateline events [filters]`: the stored events that match, as a table, JSON or CSV. */
export function registerEvents(program: Command): void {
  const command = program
    .command('events')
    .description('List stored events that match filters on actors, CAMEO codes, dates, places and words.')
  addFilterOptions(command)
    .option('--limit <n>', `at most this many events (default ${DEFAULT_EVENT_LIMIT}, at most 10000)`)
    .option('-f, --format <format>', 'table, json or csv', 'table')
  addDbOption(command).addHelpText(
    'after',
    `
Filters combine with AND. Actor codes match by prefix: --actor CHN matches CHN, CHNGOV, CHNMIL.
Events come newest first; a full page ends with a hint on stderr for --offset.

Exit status: 0 done (also when nothing matches); 2 bad usage or no database; 3 the database failed.

Examples:
  dateline events --dyad CHN,RUS
  dateline events --actor USA --root 19 --from 2023 --to 2023-06
  dateline events --quad verbal-conflict --text tariffs --format csv > tariffs.csv
  DATELINE_DB=postgres://localhost/dateline dateline events --source RUSGOV --limit 20`,
  )
  command.action(async (raw: Record<string, unknown>) => {
    const parsed = Options.safeParse(raw)
    if (!parsed.success) return fail('events', optionIssue(parsed.error.issues), EXIT.usage)
    const opts = parsed.data
    const filter = rawFilter(raw)
    await runWithStore('events', opts.db, async (store) => {
      const page = await queryEvents(store, filter)
      const out = createStdoutWriter()
      if (opts.format === 'json') {
        await out.write(`${JSON.stringify(page.events, null, 2)}\n`)
      } else if (opts.format === 'csv') {
        await out.write(formatCsv(EVENT_CSV_COLUMNS, page.events))
      } else if (page.events.length === 0) {
        process.stderr.write('No events match.\n')
      } else {
        await out.write(formatTable(EVENT_TABLE_COLUMNS, page.events, { width: stdoutWidth() }))
      }
      if (page.more && opts.format === 'table') {
        const next = (page.filter.offset ?? 0) + page.events.length
        process.stderr.write(`${page.events.length} events shown; more with --offset ${next}\n`)
      }
    })
  })
}
