import type { Command } from 'commander'
import { z } from 'zod'
import { formatTable } from '../../query/format-table.js'
import { SEARCH_COLUMNS } from '../../query/list-columns.js'
import { DEFAULT_SEARCH_LIMIT, querySearch } from '../../query/queries.js'
import { EXIT } from './exit-codes.js'
import { addDbOption, createStdoutWriter, fail, optionIssue, runWithStore, stdoutWidth } from './store-command.js'

const Options = z.object({
  format: z.enum(['table', 'json']),
  limit: z.string().optional(),
  db: z.string().optional(),
})

/** `dateline search "words"`: full-text search over article text and statements. */
export function registerSearch(program: Command): void {
  const command = program
    .command('search')
    .description('Search the text of stored articles and statements; each hit names the article to `dateline show`.')
    .argument('<words...>', 'the words to look for (all of them must occur)')
    .option('--limit <n>', `at most this many hits (default ${DEFAULT_SEARCH_LIMIT})`)
    .option('-f, --format <format>', 'table or json', 'table')
  addDbOption(command).addHelpText(
    'after',
    `
Exit status: 0 done (also when nothing matches); 2 bad usage or no database; 3 the database failed.

Examples:
  dateline search "bilateral trade"
  dateline search earthquake Gansu --limit 5
  dateline search tariffs --format json | jq '.[].articleId'`,
  )
  command.action(async (words: string[], raw: Record<string, unknown>) => {
    const parsed = Options.safeParse(raw)
    if (!parsed.success) return fail('search', optionIssue(parsed.error.issues), EXIT.usage)
    const opts = parsed.data
    await runWithStore('search', opts.db, async (store) => {
      const hits = await querySearch(store, words.join(' '), { limit: opts.limit })
      const out = createStdoutWriter()
      if (opts.format === 'json') await out.write(`${JSON.stringify(hits, null, 2)}\n`)
      else if (hits.length === 0) process.stderr.write('Nothing matches.\n')
      else await out.write(formatTable(SEARCH_COLUMNS, hits, { width: stdoutWidth() }))
    })
  })
}
