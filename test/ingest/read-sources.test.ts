/**
 * readSources: local feeds and folders, and feeds, pages and JSON served by a local server
 * (127.0.0.1, bounded in requests and time). No network.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { Article } from '../../src/core/document.js'
import { readSources, type SourceOptions } from '../../src/ingest/feeds/read-sources.js'
import type { ReadResult } from '../../src/ingest/read-inputs.js'
import { send, startTestServer, type TestServer } from './test-server.js'

const FIXTURES = 'test/fixtures/feeds'
const fixture = (name: string): string => readFileSync(`${FIXTURES}/${name}`, 'utf8')

async function readAll(inputs: readonly string[], options: SourceOptions = {}): Promise<ReadResult[]> {
  const out: ReadResult[] = []
  for await (const r of readSources(inputs, options)) out.push(r)
  return out
}

function articles(results: readonly ReadResult[]): Article[] {
  return results.flatMap((r) => (r.ok ? [r.article] : []))
}

function errors(results: readonly ReadResult[]): string[] {
  return results.flatMap((r) => (r.ok ? [] : [`${r.error.code} ${r.error.message}`]))
}

describe('readSources: local feeds', () => {
  test('an RSS file: content, else the summary when the link is relative (nothing fetched)', async () => {
    const results = await readAll([`${FIXTURES}/coastal-wire.rss`])
    assert.deepEqual(errors(results), [])
    const got = articles(results)
    assert.deepEqual(
      got.map((a) => [a.id, a.input, a.date, a.format, a.source, a.url]),
      [
        ['coastal-wire-1001', `${FIXTURES}/coastal-wire.rss#1`, '2024-03-05', 'html', 'Coastal Wire', null],
        ['coastal-wire-1002', `${FIXTURES}/coastal-wire.rss#2`, '2024-03-06', 'html', 'Coastal Wire', null],
        ['coastal-wire-1003', `${FIXTURES}/coastal-wire.rss#3`, '2024-03-07', 'html', 'Coastal Wire', null],
      ],
    )
    assert.equal(got[0]?.title, 'Norway and Chile sign fisheries accord in Oslo')
    // The content's paragraphs stay apart, as the HTML reader keeps them.
    assert.match(got[0]?.text ?? '', /Pacific, the Norwegian foreign ministry said\.\n\n"This accord/)
    assert.match(got[1]?.text ?? '', /^Dock workers in Valparaiso voted on Wednesday/)
  })

  test('an Atom file: html and xhtml content, a summary-only entry', async () => {
    const got = articles(await readAll([`${FIXTURES}/river-desk.atom`]))
    assert.equal(got.length, 3)
    assert.match(got[0]?.text ?? '', /^VIENNA, April 10 - Austria and Hungary agreed/)
    assert.match(got[1]?.text ?? '', /^LINZ, April 11 - Heavy rain closed/)
    assert.match(got[2]?.text ?? '', /^Barge operators on the upper Danube warned/)
    assert.equal(got[0]?.url, 'https://river-desk.example.invalid/2024/04/danube-cleanup')
  })

  test('a malformed feed is one error naming it; the batch goes on', async () => {
    const results = await readAll([`${FIXTURES}/broken.rss`, `${FIXTURES}/river-desk.atom`])
    assert.deepEqual(errors(results), [
      `INGEST_MALFORMED ${FIXTURES}/broken.rss: is not well-formed XML (line 8, column 3: Expected closing tag 'item' (opened in line 5, col 5) instead of closing tag 'channel'.)`,
    ])
    assert.equal(articles(results).length, 3)
  })

  test('an .xml file that is not a feed is refused when named, passed over in a folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dateline-sources-'))
    try {
      writeFileSync(join(dir, 'sitemap.xml'), '<?xml version="1.0"?><urlset><url><loc>/</loc></url></urlset>')
      writeFileSync(join(dir, 'feed'), fixture('river-desk.atom'))
      assert.deepEqual(errors(await readAll([join(dir, 'sitemap.xml')])), [
        `INGEST_UNSUPPORTED_TYPE ${join(dir, 'sitemap.xml')}: is XML but not an RSS or Atom feed`,
      ])
      assert.deepEqual(await readAll([dir]), [])
      // A feed saved without an extension is sniffed.
      assert.equal(articles(await readAll([join(dir, 'feed')])).length, 3)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('a folder: its pages (through readInputs) and its feeds', async () => {
    const results = await readAll([FIXTURES])
    const inputs = results.map((r) => (r.ok ? r.article.input : r.input))
    assert.deepEqual(inputs, [
      `${FIXTURES}/pages/port-strike.html`,
      `${FIXTURES}/pages/traffic-report.html`,
      `${FIXTURES}/broken.rss`,
      `${FIXTURES}/coastal-wire.rss#1`,
      `${FIXTURES}/coastal-wire.rss#2`,
      `${FIXTURES}/coastal-wire.rss#3`,
      `${FIXTURES}/river-desk.atom#1`,
      `${FIXTURES}/river-desk.atom#2`,
      `${FIXTURES}/river-desk.atom#3`,
    ])
  })
})

describe('readSources: over HTTP', { timeout: 20_000 }, () => {
  let server: TestServer
  before(async () => {
    const latin1 = Buffer.from(
      '<html><head><title>Caf\u00e9 owners protest</title></head><body><article><p>Caf\u00e9 owners in Lyon protested on Monday against a new tax on terraces, the city council said.</p></article></body></html>',
      'latin1',
    )
    server = await startTestServer(
      {
        '/coastal.rss': send('application/rss+xml; charset=utf-8', fixture('coastal-wire.rss')),
        '/river.atom': send('application/atom+xml', fixture('river-desk.atom')),
        // A feed served as text/html still reads as a feed: its content decides.
        '/mislabelled-feed': send('text/html', fixture('river-desk.atom')),
        '/broken.rss': send('application/xml', fixture('broken.rss')),
        '/articles/port-strike.html': send('text/html; charset=utf-8', fixture('pages/port-strike.html')),
        '/articles/traffic-report.html': send('text/html', fixture('pages/traffic-report.html')),
        '/latin1.html': send('text/html; charset=ISO-8859-1', latin1),
        '/story.json': send(
          'application/json',
          JSON.stringify({ id: 'wire-77', title: 'Grain', date: '2024-05-02', text: 'Farmers in Kansas said on Thursday that the wheat harvest would start two weeks early because of the warm spring.' }),
        ),
        '/loop.rss': send(
          'application/rss+xml',
          '<rss version="2.0"><channel><title>Loop</title><item><title>me</title><link>/loop.rss</link></item></channel></rss>',
        ),
        '/sitemap.xml': send('application/xml', '<urlset><url><loc>https://x.example.invalid/</loc></url></urlset>'),
      },
      { maxRequests: 60, lifetimeMs: 20_000 },
    )
  })
  after(() => server.close())

  test('an RSS URL: item content used as is, linked pages fetched', async () => {
    const before = server.requests.length
    const results = await readAll([`${server.origin}/coastal.rss`])
    assert.deepEqual(errors(results), [])
    const got = articles(results)
    assert.deepEqual(
      got.map((a) => [a.url, a.date, a.title]),
      [
        [`${server.origin}/articles/fisheries-accord.html`, '2024-03-05', 'Norway and Chile sign fisheries accord in Oslo'],
        [`${server.origin}/articles/port-strike.html`, '2024-03-06', 'Dock workers in Valparaiso extend strike'],
        [`${server.origin}/articles/traffic-report.html`, '2024-03-07', 'Harbour authority publishes annual traffic report'],
      ],
    )
    // The fetched page's text, not the feed's teaser.
    assert.match(got[1]?.text ?? '', /union leader Tomas Riquelme told a rally/)
    const paths = server.requests.slice(before).map((r) => r.path)
    assert.deepEqual(paths.sort(), ['/articles/port-strike.html', '/articles/traffic-report.html', '/coastal.rss'])
    assert.ok(server.requests.every((r) => r.userAgent?.startsWith('Dateline/')))
  })

  test('an Atom URL: a missing linked page is one error; the others are read', async () => {
    const results = await readAll([`${server.origin}/river.atom`])
    assert.deepEqual(errors(results), [
      `INGEST_NOT_FOUND ${server.origin}/2024/04/barge-insurance: the server answered HTTP 404 Not Found`,
    ])
    assert.equal(articles(results).length, 2)
  })

  test('a feed served as text/html is still read as a feed', async () => {
    const results = await readAll([`${server.origin}/mislabelled-feed`])
    assert.equal(articles(results).length, 2)
  })

  test('a malformed feed URL is one error naming it', async () => {
    const results = await readAll([`${server.origin}/broken.rss`, `${server.origin}/story.json`])
    assert.equal(results.length, 2)
    assert.match(errors(results)[0] ?? '', /^INGEST_MALFORMED http:\/\/127\.0\.0\.1:\d+\/broken\.rss: is not well-formed XML \(line 8/)
  })

  test('a page URL is one article keyed by its canonical address', async () => {
    const [r] = await readAll([`${server.origin}/articles/port-strike.html`])
    assert.ok(r?.ok)
    assert.equal(r.article.url, 'https://coastal-wire.example.invalid/articles/port-strike')
    assert.equal(r.article.input, `${server.origin}/articles/port-strike.html`)
  })

  test('a page without a canonical address is keyed by the URL it came from', async () => {
    const [r] = await readAll([`${server.origin}/articles/traffic-report.html`])
    assert.ok(r?.ok)
    assert.equal(r.article.url, `${server.origin}/articles/traffic-report.html`)
  })

  test('a page in ISO-8859-1 is decoded by its charset', async () => {
    const [r] = await readAll([`${server.origin}/latin1.html`])
    assert.ok(r?.ok, r && !r.ok ? r.error.message : '')
    assert.match(r.article.text, /^Café owners in Lyon/)
  })

  test('JSON served over HTTP is read as an article record', async () => {
    const [r] = await readAll([`${server.origin}/story.json`])
    assert.ok(r?.ok)
    assert.deepEqual([r.article.id, r.article.date, r.article.input], ['wire-77', '2024-05-02', `${server.origin}/story.json#1`])
  })

  test('a feed item that links to a feed is not followed', async () => {
    const results = await readAll([`${server.origin}/loop.rss`])
    assert.deepEqual(errors(results), [
      `INGEST_NO_ARTICLE ${server.origin}/loop.rss: the feed item links to a feed, not an article`,
    ])
  })

  test('XML that is not a feed is refused', async () => {
    const results = await readAll([`${server.origin}/sitemap.xml`])
    assert.match(errors(results)[0] ?? '', /INGEST_UNSUPPORTED_TYPE .*sitemap\.xml: is XML but not an RSS or Atom feed/)
  })
})
