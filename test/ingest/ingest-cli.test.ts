/**
 * `dateline ingest` end to end: the CLI runs as a child process from the TypeScript sources into
 * a temp SQLite database. Feeds and pages come from test/fixtures/feeds/ (invented stories) or
 * from a local server on 127.0.0.1; nothing touches the network.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { openStore } from '../../src/storage/open-store.js'
import { send, startTestServer, type TestServer } from './test-server.js'
import { runCli, type Run } from '../helpers/run-cli.js'

const FEEDS = 'test/fixtures/feeds'
/** The good fixtures: two feeds (six items) and a folder of two pages. */
const GOOD = [`${FEEDS}/coastal-wire.rss`, `${FEEDS}/river-desk.atom`, `${FEEDS}/pages`]


/** What `--json` prints. */
interface Summary {
  readonly read: number
  readonly added: number
  readonly replaced: number
  readonly unchanged: number
  readonly nearDuplicates: number
  readonly skipped: number
  readonly skippedByCode: Record<string, number>
  readonly events: number
  readonly database: { readonly before: { articles: number; events: number }; readonly after: { articles: number; events: number } }
}

function dateline(args: readonly string[], stdin = ''): Promise<Run> {
  return runCli(args, { stdin, env: { DATELINE_DB: '' } })
}

function summaryOf(run: Run): Summary {
  assert.ok(run.stdout.trim() !== '', `no JSON summary; stderr:\n${run.stderr}`)
  return JSON.parse(run.stdout) as Summary
}

const dir = mkdtempSync(join(tmpdir(), 'dateline-ingest-'))
after(() => rmSync(dir, { recursive: true, force: true }))

describe('dateline ingest', { timeout: 120_000 }, () => {
  test('--help describes the inputs, options and exit status', async () => {
    const run = await dateline(['ingest', '--help'])
    assert.equal(run.code, 0)
    for (const words of ['<inputs...>', '--db <target>', '--jobs <n>', '--published <day>', '--actors <file>', '--timeout <seconds>', '--json', 'Exit status']) {
      assert.ok(run.stdout.includes(words), `--help mentions ${words}`)
    }
  })

  test('bad usage exits 2 with one line naming the flag', async () => {
    const run = await dateline(['ingest', `${FEEDS}/pages`, '--published', '2024-3-1', '--db', join(dir, 'usage.db')])
    assert.equal(run.code, 2)
    assert.equal(run.stderr, 'dateline ingest: --published must be YYYY-MM-DD\n')
  })

  test('stores feeds and pages; a second run adds nothing and extracts nothing', async () => {
    const db = join(dir, 'idempotent.db')
    const first = await dateline(['ingest', ...GOOD, '--db', db, '--jobs', '0', '--json'])
    assert.equal(first.code, 0, first.stderr)
    const s1 = summaryOf(first)
    assert.deepEqual([s1.read, s1.added, s1.replaced, s1.unchanged, s1.skipped], [8, 8, 0, 0, 0])
    assert.ok(s1.events > 0, 'the invented stories hold events')
    assert.equal(s1.database.after.events - s1.database.before.events, s1.events)
    assert.match(first.stderr, /^dateline ingest: added {7}8$/m)

    const second = await dateline(['ingest', ...GOOD, '--db', db, '--jobs', '0', '--json', '--verbose'])
    assert.equal(second.code, 0, second.stderr)
    const s2 = summaryOf(second)
    assert.deepEqual([s2.read, s2.added, s2.replaced, s2.unchanged, s2.events], [8, 0, 0, 8, 0])
    assert.deepEqual(s2.database.after, s2.database.before)
    assert.equal(second.stderr.match(/^unchanged /gm)?.length, 8)
  })

  test('an article whose text changed under the same URL replaces the old one', async () => {
    const db = join(dir, 'replace.db')
    const story = join(dir, 'story.json')
    const record = (text: string): string =>
      JSON.stringify({
        id: 'harbour-1',
        url: 'https://coastal-wire.example.invalid/articles/harbour-talks',
        date: '2024-06-03',
        title: 'Harbour talks',
        text,
      })
    writeFileSync(story, record('OSLO, June 3 - Norway and Iceland signed an agreement on Monday to share fishing data, the Norwegian foreign ministry said.'))
    const first = summaryOf(await dateline(['ingest', story, '--db', db, '--jobs', '0', '--json']))
    assert.deepEqual([first.added, first.replaced], [1, 0])

    writeFileSync(story, record('OSLO, June 3 - Norway and Iceland signed an agreement on Monday to share fishing data and criticised Denmark over its new quotas, the Norwegian foreign ministry said.'))
    const run = await dateline(['ingest', story, '--db', db, '--jobs', '0', '--json', '--verbose'])
    const second = summaryOf(run)
    assert.deepEqual([second.added, second.replaced, second.unchanged], [0, 1, 0])
    assert.equal(second.database.after.articles, 1)
    const id = Number(/^replaced .*story\.json as #(\d+)/m.exec(run.stderr)?.[1])

    const store = await openStore(db)
    try {
      const stored = await store.article(id)
      assert.match(stored?.extraction.article.text ?? '', /criticised Denmark/)
      const events = await store.events({ limit: 100 })
      assert.ok(events.every((e) => e.articleId === id), 'no events are left from the old text')
    } finally {
      await store.close()
    }
  })

  test('stdin and a malformed feed: the batch goes on, exit 1, one line per bad input', async () => {
    const db = join(dir, 'mixed.db')
    const story = JSON.stringify({ id: 'grain-1', text: 'Farmers in Kansas said on Thursday that the wheat harvest would start two weeks early because of the warm spring.' })
    const run = await dateline(['ingest', '-', `${FEEDS}/broken.rss`, `${FEEDS}/river-desk.atom`, '--db', db, '--jobs', '0', '--json'], story)
    assert.equal(run.code, 1)
    const s = summaryOf(run)
    assert.deepEqual([s.read, s.added, s.skipped, s.skippedByCode], [4, 4, 1, { INGEST_MALFORMED: 1 }])
    assert.match(run.stderr, /^dateline: test\/fixtures\/feeds\/broken\.rss: is not well-formed XML \(line 8, column 3: .*\)$/m)
  })

  test('nothing readable exits 3', async () => {
    const run = await dateline(['ingest', join(dir, 'absent.txt'), '--db', join(dir, 'none.db'), '--jobs', '0'])
    assert.equal(run.code, 3)
    assert.match(run.stderr, /absent\.txt: no such file or directory/)
  })

  test('a database that cannot be opened exits 3 with one line', async () => {
    const run = await dateline(['ingest', `${FEEDS}/pages`, '--db', join(dir, 'no-such-dir', 'x.db'), '--jobs', '0'])
    assert.equal(run.code, 3)
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr)
  })
})

describe('dateline ingest over HTTP', { timeout: 120_000 }, () => {
  let server: TestServer
  before(async () => {
    server = await startTestServer(
      {
        '/coastal.rss': send('application/rss+xml', readFileSync(`${FEEDS}/coastal-wire.rss`)),
        '/articles/port-strike.html': send('text/html', readFileSync(`${FEEDS}/pages/port-strike.html`)),
        // /articles/traffic-report.html is missing: a 404 for one item.
        '/photo.jpg': send('image/jpeg', Buffer.alloc(64)),
        '/slow': () => {
          // Never answers; the --timeout ends the wait.
        },
      },
      { maxRequests: 20, lifetimeMs: 100_000 },
    )
  })
  after(() => server.close())

  test('a feed URL: items stored, the missing page and refused URLs named; a re-run adds nothing', async () => {
    const db = join(dir, 'http.db')
    const args = ['ingest', `${server.origin}/coastal.rss`, `${server.origin}/photo.jpg`, `${server.origin}/slow`, '--timeout', '0.5', '--db', db, '--jobs', '1', '--json']
    const run = await dateline(args)
    assert.equal(run.code, 1, run.stderr)
    const s = summaryOf(run)
    assert.deepEqual([s.read, s.added], [2, 2])
    assert.deepEqual(s.skippedByCode, { INGEST_NOT_FOUND: 2, INGEST_UNSUPPORTED_TYPE: 1 })
    const lines = run.stderr.split('\n').filter((l) => l.startsWith('dateline: '))
    assert.deepEqual(lines, [
      `dateline: ${server.origin}/articles/traffic-report.html: the server answered HTTP 404 Not Found`,
      `dateline: ${server.origin}/photo.jpg: serves 'image/jpeg', not a web page, feed, JSON or text`,
      `dateline: ${server.origin}/slow: timed out after 0.5 s`,
    ])
    assert.ok(server.requests.every((r) => /^Dateline\/\d+\.\d+\.\d+ \(\+https:\/\/example\.invalid\/dateline\)$/.test(r.userAgent ?? '')))

    const again = summaryOf(await dateline(args))
    assert.deepEqual([again.read, again.added, again.unchanged], [2, 0, 2])
  })
})
