/**
 * parseFeed and looksLikeFeed over the invented fixtures in test/fixtures/feeds/ and small
 * inline documents.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { looksLikeFeed, parseFeed, type Feed } from '../../src/ingest/feeds/parse-feed.js'

const FIXTURES = 'test/fixtures/feeds'

function feedOf(xml: string, base?: string): Feed {
  const parsed = parseFeed(xml, base)
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason)
  return parsed.feed
}

describe('parseFeed: RSS 2.0', () => {
  const feed = feedOf(readFileSync(`${FIXTURES}/coastal-wire.rss`, 'utf8'), 'http://127.0.0.1:1/rss')

  test('reads the channel and its items in order', () => {
    assert.equal(feed.kind, 'rss')
    assert.equal(feed.title, 'Coastal Wire')
    assert.deepEqual(
      feed.items.map((i) => [i.index, i.id, i.day]),
      [
        [1, 'coastal-wire-1001', '2024-03-05'],
        [2, 'coastal-wire-1002', '2024-03-06'],
        [3, 'coastal-wire-1003', '2024-03-07'],
      ],
    )
  })

  test('resolves relative links against the feed address', () => {
    assert.equal(feed.items[1]?.link, 'http://127.0.0.1:1/articles/port-strike.html')
  })

  test('content:encoded is the full content; description the summary', () => {
    assert.match(feed.items[0]?.content ?? '', /^<p>OSLO, March 5 - Norway and Chile signed/)
    assert.equal(feed.items[0]?.summary, 'Two fishing nations agree on quotas.')
    assert.equal(feed.items[1]?.content, null)
  })

  test('without a base a relative link stays as written', () => {
    const local = feedOf(readFileSync(`${FIXTURES}/coastal-wire.rss`, 'utf8'))
    assert.equal(local.items[1]?.link, '/articles/port-strike.html')
  })
})

describe('parseFeed: Atom', () => {
  const feed = feedOf(readFileSync(`${FIXTURES}/river-desk.atom`, 'utf8'))

  test('reads entries with their ids, links and days', () => {
    assert.equal(feed.kind, 'atom')
    assert.equal(feed.title, 'River Desk')
    assert.deepEqual(
      feed.items.map((i) => [i.link, i.day]),
      [
        ['https://river-desk.example.invalid/2024/04/danube-cleanup', '2024-04-10'],
        ['https://river-desk.example.invalid/2024/04/linz-floods', '2024-04-11'],
        ['/2024/04/barge-insurance', '2024-04-11'],
      ],
    )
  })

  test('type="html" content is unescaped into markup', () => {
    assert.match(feed.items[0]?.content ?? '', /^<p>VIENNA, April 10 - Austria and Hungary agreed/)
  })

  test('type="xhtml" content is the markup as it stands', () => {
    assert.match(feed.items[1]?.content ?? '', /<div xmlns="http:\/\/www\.w3\.org\/1999\/xhtml">\s*<p>LINZ/)
  })

  test('an entry with only a summary has no content', () => {
    assert.equal(feed.items[2]?.content, null)
    assert.match(feed.items[2]?.summary ?? '', /^Barge operators on the upper Danube/)
  })
})

describe('parseFeed: edge cases', () => {
  const rows: ReadonlyArray<readonly [string, string, (feed: Feed) => void]> = [
    [
      'RSS 1.0 (RDF) items beside the channel',
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="https://a.example.invalid/"><title>R</title></channel>
        <item rdf:about="https://a.example.invalid/1"><title>One</title><link>https://a.example.invalid/1</link><dc:date>2024-01-02T03:04:05Z</dc:date></item>
      </rdf:RDF>`,
      (feed) => {
        assert.equal(feed.kind, 'rdf')
        assert.deepEqual([feed.items[0]?.link, feed.items[0]?.day], ['https://a.example.invalid/1', '2024-01-02'])
      },
    ],
    [
      'a permalink guid stands in for a missing link',
      `<rss version="2.0"><channel><title>G</title><item><guid>https://g.example.invalid/7</guid></item></channel></rss>`,
      (feed) => assert.equal(feed.items[0]?.link, 'https://g.example.invalid/7'),
    ],
    [
      'a guid marked isPermaLink="false" is no link',
      `<rss version="2.0"><channel><title>G</title><item><guid isPermaLink="false">https://g.example.invalid/7</guid></item></channel></rss>`,
      (feed) => assert.equal(feed.items[0]?.link, null),
    ],
    [
      'a two-digit RFC 822 year and a long month name',
      `<rss version="2.0"><channel><title>D</title><item><pubDate>5 March 99 10:00 EST</pubDate></item></channel></rss>`,
      (feed) => assert.equal(feed.items[0]?.day, '1999-03-05'),
    ],
    [
      'an impossible day is no day',
      `<rss version="2.0"><channel><title>D</title><item><pubDate>Mon, 31 Feb 2025 10:00:00 GMT</pubDate></item></channel></rss>`,
      (feed) => assert.equal(feed.items[0]?.day, null),
    ],
    [
      'a one-item feed is still a list; values stay strings',
      `<rss version="2.0"><channel><title>2024</title><item><title>007</title></item></channel></rss>`,
      (feed) => assert.deepEqual([feed.title, feed.items[0]?.title], ['2024', '007']),
    ],
    [
      'Atom content given by reference is not inline content',
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>S</title><entry><title>x</title><content src="https://s.example.invalid/x" type="text/html"/></entry></feed>`,
      (feed) => assert.equal(feed.items[0]?.content, null),
    ],
    [
      'Atom text content is escaped for the HTML reader',
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>S</title><entry><content type="text">a &lt; b &amp; c</content></entry></feed>`,
      (feed) => assert.equal(feed.items[0]?.content, 'a &lt; b &amp; c'),
    ],
    [
      'entities declared in a DOCTYPE are not expanded (no "billion laughs")',
      `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><rss version="2.0"><channel><title>&b;</title></channel></rss>`,
      (feed) => assert.ok((feed.title ?? '').length < 100),
    ],
  ]
  for (const [name, xml, check] of rows) test(name, () => check(feedOf(xml)))

  const failures: ReadonlyArray<readonly [string, string, RegExp]> = [
    ['malformed XML names the line', readFileSync(`${FIXTURES}/broken.rss`, 'utf8'), /^is not well-formed XML \(line 8, column 3: /],
    ['an HTML page is not a feed', '<html><body><p>x</p></body></html>', /^is not an RSS or Atom feed \(root element <html>\)$/],
    ['an RSS document without a channel', '<rss version="2.0"></rss>', /no <channel>/],
  ]
  for (const [name, xml, reason] of failures) {
    test(name, () => {
      const parsed = parseFeed(xml)
      assert.equal(parsed.ok, false)
      if (!parsed.ok) {
        assert.match(parsed.reason, reason)
        assert.doesNotMatch(parsed.reason, /\n/)
      }
    })
  }
})

describe('looksLikeFeed', () => {
  const rows: ReadonlyArray<readonly [string, boolean]> = [
    ['<?xml version="1.0"?>\n<rss version="2.0">', true],
    ['\uFEFF<?xml version="1.0"?><!-- a comment --><feed xmlns="http://www.w3.org/2005/Atom">', true],
    ['<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><rdf:RDF xmlns:rdf="x">', true],
    ['<!DOCTYPE rss [<!ENTITY x "y">]><rss>', true],
    ['<!DOCTYPE html><html><head>', false],
    ['<feedback>not a feed</feedback>', false],
    ['{"rss": true}', false],
    ['The <rss> element opens an RSS feed.', false],
  ]
  for (const [head, expected] of rows) {
    test(`${JSON.stringify(head.slice(0, 40))} → ${expected}`, () => assert.equal(looksLikeFeed(head), expected))
  }
})
