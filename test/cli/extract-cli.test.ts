/**
 * End-to-end tests of `dateline extract`: the CLI runs as a child process, straight from the
 * TypeScript sources (`node --import tsx src/interfaces/cli/main.ts`), so no build is needed.
 * Every bad input is written by this file into a temp dir; the good ones are the project's own
 * examples.
 */
import assert from 'node:assert/strict'
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import type { Extraction } from '../../src/core/extraction.js'
import { runCli, type Run } from '../helpers/run-cli.js'

const HARBOUR = 'examples/harbour-talks.txt'
const BRIEFS = 'examples/wire-briefs.jsonl'


/** Runs `dateline ARGS` from the project root, with `stdin` piped in (else an empty stdin). */
function dateline(args: readonly string[], stdin: string | Buffer = ''): Promise<Run> {
  return runCli(args, { stdin })
}

/** The run's output as one extraction, failing with its stderr when it is not one. */
function oneExtraction(run: Run): Extraction {
  assert.equal(run.code, 0, run.stderr)
  const value = JSON.parse(run.stdout) as unknown
  assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value), run.stdout)
  return value as Extraction
}

const stderrLines = (run: Run): string[] => run.stderr.split('\n').filter((l) => l.trim() !== '')

const tmp = mkdtempSync(join(tmpdir(), 'dateline-cli-'))
after(() => rmSync(tmp, { recursive: true, force: true }))

function write(name: string, content: string | Uint8Array): string {
  const path = join(tmp, name)
  writeFileSync(path, content)
  return path
}

/** Composed for this test: a German local-news paragraph (Dateline reads English only). */
const GERMAN =
  'Der Stadtrat hat am Mittwoch beschlossen, dass die alte Markthalle im Zentrum bis zum ' +
  'Herbst renoviert wird. Nach Angaben der Verwaltung kostet der Umbau etwa acht Millionen ' +
  'Euro, und die Händler sollen während der Arbeiten auf dem Parkplatz neben dem Rathaus ' +
  'verkaufen. Viele Anwohner begrüßen den Plan, doch einige Geschäftsleute fürchten, dass ' +
  'ihnen die Kunden in den Sommermonaten fehlen werden.\n'

/** A page of navigation only: Readability finds no article in it. */
const NAV_PAGE =
  '<!doctype html><html><head><title>Harbour Gazette</title></head><body>' +
  '<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>' +
  '<li><a href="/sport">Sport</a></li><li><a href="/contact">Contact</a></li></ul></nav>' +
  '<footer>© Harbour Gazette</footer></body></html>\n'

/** An English sentence with a Latin-1 "é" (byte 0xE9), which is not UTF-8. */
const LATIN1 = Buffer.from(
  'The café on the harbour front reopened on Monday after the storm, the owner said.\n',
  'latin1',
)

/** A PNG signature and header: NUL and control bytes a text never has. */
const BINARY = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
  Buffer.from('IHDR'),
  Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256)),
])

/** Writes a text file of `mib` MiB in 1 MiB chunks, never holding it whole. */
function writeLargeText(name: string, mib: number): string {
  const path = join(tmp, name)
  const line = 'The port authority said on Tuesday that the harbour would reopen next week.\n'
  const mibOfText = line.repeat(Math.ceil((1024 * 1024) / line.length)).slice(0, 1024 * 1024)
  const chunk = Buffer.from(mibOfText)
  const fd = openSync(path, 'w')
  try {
    for (let i = 0; i < mib; i++) writeSync(fd, chunk)
  } finally {
    closeSync(fd)
  }
  return path
}

describe('dateline extract', { concurrency: 2 }, () => {
  test('extracts the harbour example as one JSON extraction', async () => {
    const e = oneExtraction(await dateline(['extract', HARBOUR]))
    assert.equal(e.article.text, readFileSync(HARBOUR, 'utf8'))
    assert.equal(e.article.input, HARBOUR)
    assert.ok(e.entities.length > 0, 'no entities')
    assert.ok(e.dates.length > 0, 'no dates')
    assert.ok(e.quotes.length > 0, 'no quotes')
  })

  test('writes one extraction a line with --format jsonl, an empty brief included', async () => {
    const run = await dateline(['extract', BRIEFS, '--format', 'jsonl'])
    assert.equal(run.code, 0, run.stderr)
    const lines = run.stdout.split('\n').filter((l) => l !== '')
    assert.equal(lines.length, 3, run.stdout)
    const extractions = lines.map((l) => JSON.parse(l) as Extraction)
    assert.deepEqual(
      extractions.map((e) => e.article.id),
      ['brief-1', 'brief-2', 'brief-3'],
    )
    const empty = extractions[2]
    assert.ok(empty)
    assert.equal(empty.article.text, '')
    for (const field of [
      'entities',
      'dates',
      'quantities',
      'quotes',
      'sentences',
      'clauses',
      'incidents',
      'events',
    ] as const) {
      assert.deepEqual(empty[field], [], `${field} of the empty brief`)
    }
  })

  test('reads standard input given as -', async () => {
    const text = readFileSync(HARBOUR, 'utf8')
    const e = oneExtraction(await dateline(['extract', '-'], text))
    assert.equal(e.article.input, '-')
    assert.equal(e.article.text, text)
    assert.ok(e.entities.length > 0, 'no entities')
  })

  test('prints a human summary with --format pretty', async () => {
    const run = await dateline(['extract', HARBOUR, '--format', 'pretty'])
    assert.equal(run.code, 0, run.stderr)
    assert.throws(() => JSON.parse(run.stdout), 'pretty output should not be JSON')
    assert.match(run.stdout, /^harbour-talks\n/)
    assert.match(run.stdout, /^ {2}dateline: /m)
    assert.match(run.stdout, /^ {2}entities \(\d+\)$/m)
    assert.match(run.stdout, /^ {2}statements \(\d+\)$/m)
    // eslint-disable-next-line no-control-regex -- looking for ANSI escapes on a pipe
    assert.doesNotMatch(run.stdout, /\x1b\[/, 'no colour when stdout is not a terminal')
  })

  for (const args of [['--help'], ['extract', '--help'], ['eval', '--help']]) {
    test(`dateline ${args.join(' ')} prints usage and exits 0`, async () => {
      const run = await dateline(args)
      assert.equal(run.code, 0, run.stderr)
      assert.match(run.stdout, /^Usage: dateline/m)
    })
  }

  test('an unknown flag is a usage error (exit 2)', async () => {
    const run = await dateline(['extract', '--no-such-flag', HARBOUR])
    assert.equal(run.code, 2, run.stderr)
    assert.match(run.stderr, /unknown option '--no-such-flag'/)
    assert.equal(run.stdout, '')
  })

  test('names each bad input once on stderr, still extracts the good one, exits 1', async () => {
    // [path, what its one stderr line should say]
    const bad: ReadonlyArray<readonly [string, RegExp]> = [
      [write('empty.txt', ''), /empty/],
      [write('photo.txt', BINARY), /binary/],
      [write('latin1.txt', LATIN1), /UTF-8/],
      [write('truncated.json', '{"id": "cut", "date": "2024-01-10", "text": "OSLO - The'), /JSON/],
      [writeLargeText('fifty-mib.txt', 50), /limit|large|bytes/],
      [write('nav-only.html', NAV_PAGE), /no article/],
      [write('german.txt', GERMAN), /English/],
    ]
    const inputs = bad.map(([path]) => path)
    // The good example sits among the bad ones: reading goes on after a failure.
    inputs.splice(3, 0, HARBOUR)
    const run = await dateline(['extract', ...inputs])
    assert.equal(run.code, 1, run.stderr)
    const lines = stderrLines(run)
    for (const [path, says] of bad) {
      const naming = lines.filter((l) => l.includes(path))
      assert.equal(naming.length, 1, `${path} should be named on exactly one line:\n${run.stderr}`)
      assert.match(naming[0] ?? '', says)
    }
    assert.ok(!run.stderr.includes(HARBOUR), `the good input is not an error:\n${run.stderr}`)
    const e = JSON.parse(run.stdout) as Extraction
    assert.equal(e.article.input, HARBOUR)
    assert.equal(e.article.text, readFileSync(HARBOUR, 'utf8'))
    assert.ok(e.entities.length > 0)
  })

  test('--published fills the reference day of a .txt with none, not a JSON date', async () => {
    const story =
      'Officials from the two port authorities met on Tuesday and said the new ferry line ' +
      'would open next month.'
    const txt = write('no-dateline.txt', `${story}\n`)
    const record = { id: 'own-date', date: '2021-05-11', text: story }
    const json = write('own-date.json', JSON.stringify(record))
    const args = ['extract', txt, json, '--published', '2024-01-10', '--format', 'jsonl']
    const run = await dateline(args)
    assert.equal(run.code, 0, run.stderr)
    const [fromTxt, fromJson] = run.stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Extraction)
    assert.ok(fromTxt && fromJson, run.stdout)

    assert.equal(fromTxt.article.date, null)
    assert.equal(fromTxt.dateline.date, '2024-01-10')
    assert.equal(fromTxt.dateline.dateFrom, 'published')
    // Wednesday 2024-01-10: "next month" is February 2024.
    assert.ok(
      fromTxt.dates.some((d) => d.text === 'next month' && d.value === '2024-02'),
      JSON.stringify(fromTxt.dates),
    )

    assert.equal(fromJson.article.date, '2021-05-11')
    assert.equal(fromJson.dateline.date, '2021-05-11')
    assert.equal(fromJson.dateline.dateFrom, 'article')
    assert.ok(
      fromJson.dates.some((d) => d.text === 'next month' && d.value === '2021-06'),
      JSON.stringify(fromJson.dates),
    )
  })
})
