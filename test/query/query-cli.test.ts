/**
 * End-to-end tests of the query commands (`events`, `dyad`, `actors`, `search`, `show`,
 * `export`): a SQLite database is built in a temp dir from the project's examples and a few gold
 * articles (read at run time from `../shared/gold/articles`; the tests that need them skip when
 * they are absent), then the CLI runs as a child process straight from the TypeScript sources.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { createExtractor } from '../../src/extractor.js'
import { readInputs } from '../../src/ingest/read-inputs.js'
import { checkGdeltLine, GDELT_COLUMNS } from '../../src/query/gdelt-columns.js'
import { identify } from '../../src/storage/article-identity.js'
import { openStore } from '../../src/storage/open-store.js'
import type { DyadReport, StoredArticle, StoredEvent } from '../../src/storage/store.js'
import { runCli, type Run } from '../helpers/run-cli.js'

const GOLD = '../shared/gold/articles'
const XI = join(GOLD, 'xi-mishustin-2023-12-20.txt')
const GOLD_ARTICLES = [
  XI,
  join(GOLD, 'voa-china-trade-talks-2018-09-25.json'),
  join(GOLD, 'reuters21578-16218.json'),
  join(GOLD, 'reuters21578-10910.json'),
  join(GOLD, 'reuters21578-20232.json'),
].filter((p) => existsSync(p))
const EXAMPLES = readdirSync('examples')
  .filter((f) => /\.(?:txt|jsonl?|html)$/.test(f))
  .map((f) => join('examples', f))
const hasXi = existsSync(XI)


function dateline(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return runCli(args, { env: { DATELINE_DB: db, ...env } })
}

function ok(run: Run): Run {
  assert.equal(run.code, 0, `exit ${run.code}: ${run.stderr}`)
  return run
}

/** A usage error: exit 2 and exactly one line on stderr, naming the command. */
function usageError(run: Run, command: string, message: RegExp): void {
  assert.equal(run.code, 2, run.stderr)
  assert.equal(run.stdout, '')
  const lines = run.stderr.trimEnd().split('\n')
  assert.equal(lines.length, 1, run.stderr)
  assert.ok(lines[0]?.startsWith(`dateline ${command}: `), run.stderr)
  assert.match(lines[0] ?? '', message)
}

const dir = mkdtempSync(join(tmpdir(), 'dateline-query-'))
const db = join(dir, 'test.db')
let storedEvents = 0
let xiArticle: number | null = null

before(async () => {
  const store = await openStore(db)
  const extractor = createExtractor({ published: null })
  for await (const r of readInputs([...EXAMPLES, ...GOLD_ARTICLES], { published: null })) {
    if (!r.ok) throw r.error
    const extraction = extractor.extract(r.article)
    const put = await store.put(extraction, identify(extraction))
    if (extraction.article.id.startsWith('xi-mishustin')) xiArticle = put.articleId
  }
  storedEvents = (await store.counts()).events
  await store.close()
})

after(() => rmSync(dir, { recursive: true, force: true }))

// The groups run side by side: each test spends most of its time starting a node process.
describe('query commands', { concurrency: 4 }, () => {

  describe('dateline dyad', { concurrency: true }, () => {
    test('CHN RUS on the Xi–Mishustin article: the meeting, appeals, intents, condolences and the $200 billion figure', { skip: !hasXi && 'no gold articles' }, async () => {
      const { stdout } = ok(await dateline(['dyad', 'CHN', 'RUS', '--limit', '20']))
      assert.match(stdout, /^CHN ↔ RUS: \d+ events by month from 2023-12 to 2023-12, mean Goldstein \+\d/)
      assert.match(stdout, /^2023-12 +\d+ +\. +\. +\. +\+\d(?:\.\d)? +█+$/m)
      assert.match(stdout, /\b040 +Consult/, 'the meeting')
      assert.match(stdout, /during a meeting in Beijing/)
      assert.match(stdout, /\b0211 +Appeal for economic cooperation/, 'the appeals')
      assert.match(stdout, /\b03\d{1,2} +Express intent/, 'the intents')
      assert.match(stdout, /\b018 +Make empathetic comment/, 'the condolences')
      assert.match(stdout, /condolences/)
      assert.match(stdout, /Statements \(\d+\)\n {2}2023-12-20 {2}(?:Xi Jinping|Mikhail Mishustin) (?:said|noted|added)/)
      assert.match(stdout, /Figures \(\d+\)\n.*"\$200 billion" = 200,000,000,000 USD/)
    })

    test('CHN RUS --format json: months by quad class, events, statements, figures', { skip: !hasXi && 'no gold articles' }, async () => {
      const report = JSON.parse(ok(await dateline(['dyad', 'chn', 'rus', '--format', 'json', '--limit', '50'])).stdout) as DyadReport
      assert.equal(report.a, 'CHN')
      assert.equal(report.b, 'RUS')
      const december = report.months.find((m) => m.month === '2023-12')
      assert.ok(december && december.counts[1] > 0, JSON.stringify(report.months))
      const codes = new Set(report.events.map((e) => e.code))
      for (const code of ['040', '0211', '018']) assert.ok(codes.has(code), `${code} in ${[...codes].join(' ')}`)
      for (const e of report.events) {
        const sides = [e.source.slice(0, 3), e.target.slice(0, 3)].sort().join()
        assert.equal(sides, 'CHN,RUS', `${e.source} → ${e.target}`)
      }
      assert.ok(report.statements.some((q) => q.speaker === 'Xi Jinping'))
      assert.ok(report.figures.some((f) => f.value === 200_000_000_000 && f.unit === 'USD'))
    })

    test('a bad code is a usage error', async () => {
      usageError(await dateline(['dyad', 'CHN', 'R1']), 'dyad', /"R1" is not a CAMEO actor code/)
    })
  })

  describe('dateline events', { concurrency: true }, () => {
    test('--dyad, --root and --format json keep to the filter', async () => {
      const events = JSON.parse(ok(await dateline(['events', '--dyad', 'CHN,RUS', '--root', '02', '--format', 'json'])).stdout) as StoredEvent[]
      if (hasXi) assert.ok(events.length > 0)
      for (const e of events) {
        assert.ok(e.code.startsWith('02'), e.code)
        assert.equal([e.source.slice(0, 3), e.target.slice(0, 3)].sort().join(), 'CHN,RUS')
      }
    })

    test('table and CSV show the same events', async () => {
      const [table, csv] = await Promise.all([
        dateline(['events', '--limit', '5']),
        dateline(['events', '--limit', '5', '--format', 'csv']),
      ])
      const rows = ok(table).stdout.trimEnd().split('\n')
      assert.match(rows[0] ?? '', /^ID +DATE +CODE +EVENT +SOURCE +TARGET +Q +GS +ART +SENTENCE$/)
      assert.equal(rows.length, 6)
      const records = ok(csv).stdout.split('\r\n')
      assert.match(records[0] ?? '', /^id,eventKey,date,code,label,root,quadClass,goldstein,source,/)
      const ids = rows.slice(1).map((r) => r.trim().split(/\s+/)[0])
      assert.deepEqual(records.slice(1, 6).map((r) => r.split(',')[0]), ids)
      assert.match(table.stderr, /5 events shown; more with --offset 5/)
    })

    test('bad filters are one-line usage errors; a missing database is one too', async () => {
      // Every filter goes through one parser (test/query/event-filter.test.ts has the table).
      const runs = await Promise.all([
        dateline(['events', '--quad', '9']),
        dateline(['events', '--dyad', 'CHN']),
        dateline(['events'], { DATELINE_DB: join(dir, 'absent.db') }),
      ])
      usageError(runs[0]!, 'events', /^dateline events: --quad: "9" is not a quad class/)
      usageError(runs[1]!, 'events', /--dyad: expected two actor codes separated by a comma/)
      usageError(runs[2]!, 'events', /no database at .*absent\.db: run `dateline ingest` first/)
      assert.equal(existsSync(join(dir, 'absent.db')), false, 'a query never creates a database')
    })

    test('--db wins over DATELINE_DB', async () => {
      const run = await dateline(['events', '--db', db, '--limit', '1', '--format', 'json'], { DATELINE_DB: join(dir, 'absent.db') })
      assert.equal((JSON.parse(ok(run).stdout) as unknown[]).length, 1)
    })
  })

  describe('dateline actors, search, show', { concurrency: true }, () => {
    test('actors --prefix CHN', { skip: !hasXi && 'no gold articles' }, async () => {
      const { stdout } = ok(await dateline(['actors', '--prefix', 'chn']))
      const lines = stdout.trimEnd().split('\n')
      assert.match(lines[0] ?? '', /^CODE +NAME +AS SOURCE +AS TARGET +TOTAL$/)
      for (const l of lines.slice(1)) assert.match(l, /^CHN/)
      assert.match(stdout, /^CHNGOV +Xi Jinping +\d+ +\d+ +\d+$/m)
    })

    test('search finds the article and its statement; show prints it with its events', { skip: !hasXi && 'no gold articles' }, async () => {
      const hits = JSON.parse(ok(await dateline(['search', 'bilateral', 'trade', '--format', 'json'])).stdout) as Array<{ articleId: number; kind: string }>
      assert.ok(hits.some((h) => h.articleId === xiArticle && h.kind === 'quote'))
      assert.ok(hits.some((h) => h.articleId === xiArticle && h.kind === 'article'))
      const { stdout } = ok(await dateline(['show', String(xiArticle)]))
      assert.match(stdout, new RegExp(`^article ${xiArticle} \\(sha256:[0-9a-f]{64}\\)\n`))
      assert.match(stdout, /dateline: Beijing, CHN, 2023-12-20/)
      assert.match(stdout, /"\$200 billion" → 200000000000 USD/)
      assert.match(stdout, /events \(\d+\)\n {4}0211 Appeal for economic cooperation {2}CHNGOV \(Xi Jinping\) → RUS/)
      assert.match(stdout, / {6}2023-12-20 · Beijing · Goldstein \+3\.4 · quad class 1\n {6}"President Xi urges/)
      const json = JSON.parse(ok(await dateline(['show', String(xiArticle), '--format', 'json'])).stdout) as StoredArticle
      assert.equal(json.id, xiArticle)
      assert.ok(json.extraction.events.length > 0)
    })

    test('show: no such article exits 3; not an id exits 2', async () => {
      const missing = await dateline(['show', '99999'])
      assert.equal(missing.code, 3)
      assert.equal(missing.stderr, 'dateline show: no article 99999 in the database\n')
      usageError(await dateline(['show', 'abc']), 'show', /"abc" is not an article id/)
    })
  })

  describe('dateline export', { concurrency: true }, () => {
    test('gdelt: every line has the GDELT column count and each typed column parses', async () => {
      const { stdout } = ok(await dateline(['export', '--format', 'gdelt']))
      const lines = stdout.split('\n')
      assert.equal(lines.pop(), '', 'ends with a newline')
      assert.ok(lines.length > 0)
      assert.ok(lines.length <= storedEvents)
      const ids = new Set<string>()
      for (const [i, line] of lines.entries()) {
        assert.equal(line.split('\t').length, GDELT_COLUMNS.length, `line ${i + 1}`)
        assert.deepEqual(checkGdeltLine(line), [], `line ${i + 1}: ${line}`)
        const f = line.split('\t')
        ids.add(f[0] ?? '')
        // Every stored article has a day (its dateline or its date field), so every event has one.
        assert.match(f[1] ?? '', /^\d{8}$/, `line ${i + 1} has a Day`)
      }
      assert.equal(ids.size, lines.length, 'GlobalEventID is unique')
      if (hasXi) {
        const meeting = lines.map((l) => l.split('\t')).find((f) => f[26] === '040' && f[5] === 'CHNGOV')
        assert.ok(meeting, 'the Xi–Mishustin meeting is exported')
        assert.deepEqual(
          [meeting[1], meeting[5], meeting[7], meeting[12], meeting[15], meeting[17], meeting[28], meeting[29], meeting[30], meeting[52]],
          ['20231220', 'CHNGOV', 'CHN', 'GOV', 'RUSGOV', 'RUS', '04', '1', '1', 'Beijing'],
        )
      }
    })

    test('gdelt --out: a file that scripts/check-gdelt-export.ts accepts', async () => {
      const out = join(dir, 'events.tsv')
      const run = ok(await dateline(['export', '--format', 'gdelt', '--out', out, '--from', '2000']))
      assert.equal(run.stdout, '')
      assert.match(run.stderr, /^dateline export: \d+ events? written to .*events\.tsv/)
      assert.deepEqual(readdirSync(dir).filter((f) => f.includes('partial')), [], 'no temporary file is left')
      const check = await new Promise<Run>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/check-gdelt-export.ts', out], { stdio: ['ignore', 'pipe', 'pipe'] })
        let stdout = ''
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
        child.on('error', reject)
        child.on('close', (code) => resolve({ code, stdout, stderr: '' }))
      })
      assert.equal(check.code, 0, check.stdout)
      assert.match(check.stdout, /^\d+ records?, 61 columns expected: all good\n$/)
    })

    test('csv and jsonl: one record per stored event', async () => {
      const [csv, jsonl] = await Promise.all([
        dateline(['export', '--format', 'csv']),
        dateline(['export', '--format', 'jsonl']),
      ])
      const events = ok(jsonl).stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as StoredEvent)
      assert.equal(events.length, storedEvents)
      assert.deepEqual(events.map((e) => e.id), [...events.map((e) => e.id)].sort((a, b) => a - b), 'id order')
      const text = ok(csv).stdout
      assert.ok(text.endsWith('\r\n'))
      // Records end with CRLF; a quoted sentence may hold a bare LF but never a CRLF.
      assert.equal(text.split('\r\n').length - 2, storedEvents)
    })

    test('filters and bad formats', async () => {
      const [rooted, bad] = await Promise.all([
        dateline(['export', '--format', 'jsonl', '--root', '04']),
        dateline(['export', '--format', 'xml']),
      ])
      for (const l of ok(rooted).stdout.trimEnd().split('\n').filter(Boolean)) {
        assert.ok((JSON.parse(l) as StoredEvent).code.startsWith('04'))
      }
      usageError(bad, 'export', /--format: /)
    })
  })

  describe('--help', { concurrency: true }, () => {
    for (const command of ['events', 'dyad', 'actors', 'search', 'show', 'export']) {
      test(command, async () => {
        const { stdout } = ok(await dateline([command, '--help']))
        assert.match(stdout, new RegExp(`^Usage: dateline ${command} `))
        assert.match(stdout, /--db <path\|url>/)
        assert.match(stdout, /Exit status: /)
        assert.match(stdout, new RegExp(`Examples:\n {2}dateline ${command}`))
      })
    }
  })
})
