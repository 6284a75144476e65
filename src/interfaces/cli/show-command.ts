import type { Command } from 'commander'
import { z } from 'zod'
import { formatArticleEvents, formatArticleHeader } from '../../query/format-article.js'
import { queryArticle } from '../../query/queries.js'
import { EXIT } from './exit-codes.js'
import { formatPretty } from './format-pretty.js'
import { addDbOption, createStdoutWriter, fail, optionIssue, runWithStore, stdoutWidth, useColor } from './store-command.js'

const Options = z.object({
  format: z.enum(['pretty', 'json']),
  color: z.boolean().optional(),
  db: z.string().optional(),
})

/** `dateline show <article-id>`: a stored article with everything read from it. */
export function registerShow(program: Command): void {
  const command = program
    .command('show')
    .description('Show a stored article with its records: entities, dates, figures, statements, incidents and events.')
    .argument('<article-id>', 'the article\'s id, as `events` (ART) and `search` (ARTICLE) show it')
    .option('-f, --format <format>', 'pretty, or json (the stored extraction, with the article\'s id, key and duplicate)', 'pretty')
    .option('--no-color', 'plain text even on a terminal')
  addDbOption(command).addHelpText(
    'after',
    `
Exit status: 0 done; 2 bad usage or no database; 3 no such article, or the database failed.

Examples:
  dateline show 12
  dateline show 12 --format json | jq '.extraction.quotes'`,
  )
  command.action(async (id: string, raw: Record<string, unknown>) => {
    const parsed = Options.safeParse(raw)
    if (!parsed.success) return fail('show', optionIssue(parsed.error.issues), EXIT.usage)
    const opts = parsed.data
    await runWithStore('show', opts.db, async (store) => {
      const article = await queryArticle(store, id)
      if (!article) {
        fail('show', `no article ${id.trim()} in the database`, EXIT.failed)
        return EXIT.failed
      }
      const out = createStdoutWriter()
      if (opts.format === 'json') {
        await out.write(`${JSON.stringify(article, null, 2)}\n`)
        return
      }
      const color = useColor(opts.color)
      // The pretty summary lists events in one line each; they are shown in full below instead.
      const summary = formatPretty({ ...article.extraction, events: [] }, { color })
      const events = formatArticleEvents(article, { color, width: stdoutWidth() })
      await out.write(`${formatArticleHeader(article)}${summary}\n${events}`)
    })
  })
}
