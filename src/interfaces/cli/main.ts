#!/usr/bin/env node
import { Command, CommanderError } from 'commander'
import { registerActors } from './actors-command.js'
import { registerDyad } from './dyad-command.js'
import { registerEvents } from './events-command.js'
import { EXIT } from './exit-codes.js'
import { registerExport } from './export-command.js'
import { registerEval } from './eval-command.js'
import { registerExplain } from './explain-command.js'
import { registerExtract } from './extract-command.js'
import { registerIngest } from './ingest-command.js'
import { registerSearch } from './search-command.js'
import { registerShow } from './show-command.js'

const program = new Command()
program
  .name('dateline')
  .description('Turns news articles into CAMEO-coded events, statements, figures and dates, each tied to its text.')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride()

registerExtract(program)
registerEval(program)
registerExplain(program)
registerIngest(program)
registerEvents(program)
registerDyad(program)
registerActors(program)
registerSearch(program)
registerShow(program)
registerExport(program)

try {
  await program.parseAsync(process.argv)
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.usage
  } else {
    process.stderr.write(`dateline: ${e instanceof Error ? e.message : String(e)}\n`)
    process.exitCode = EXIT.failed
  }
}
