/**
 * Checks a GDELT 2.0 event file, such as `dateline export --format gdelt` writes: every line has
 * exactly the codebook's 61 tab-separated columns, and each typed column parses (integers,
 * floats, YYYYMMDD days, YYYYMM months, YYYY.FFFF fraction dates, YYYYMMDDHHMMSS timestamps).
 *
 *   node --import tsx scripts/check-gdelt-export.ts events.tsv
 *   dateline export --format gdelt | node --import tsx scripts/check-gdelt-export.ts -
 *
 * Prints the first problems (line number, column, value) and a summary; exits 0 when every line
 * is good, 1 when some are not, 2 on bad usage.
 */
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { checkGdeltLine, GDELT_COLUMNS } from '../src/query/gdelt-columns.js'

/** Problems printed before the rest are only counted. */
const SHOWN = 20

const [path, ...extra] = process.argv.slice(2)
if (path === undefined || extra.length > 0 || path === '-h' || path === '--help') {
  process.stderr.write('usage: node --import tsx scripts/check-gdelt-export.ts <file | ->\n')
  process.exit(path === '-h' || path === '--help' ? 0 : 2)
}

const input = path === '-' ? process.stdin : createReadStream(path)
input.on('error', (e: Error) => {
  process.stderr.write(`check-gdelt-export: ${e.message}\n`)
  process.exit(2)
})

let lines = 0
let bad = 0
for await (const line of createInterface({ input, crlfDelay: Infinity })) {
  lines++
  // A final newline ends the last record; it does not start an empty one.
  const problems = checkGdeltLine(line)
  if (problems.length === 0) continue
  bad++
  if (bad <= SHOWN) process.stdout.write(`line ${lines}: ${problems.join('; ')}\n`)
}
if (bad > SHOWN) process.stdout.write(`… and ${bad - SHOWN} more bad lines\n`)
process.stdout.write(
  `${lines} record${lines === 1 ? '' : 's'}, ${GDELT_COLUMNS.length} columns expected: ${bad === 0 ? 'all good' : `${bad} bad`}\n`,
)
process.exitCode = bad === 0 ? 0 : 1
