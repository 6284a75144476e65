import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { toIsoDay } from '../article-record.js'

/**
 * RSS and Atom feeds, read into a list of items: RSS 2.0 (and 0.9x), RSS 1.0 (RDF) and Atom 1.0
 * (RFC 4287). Only what ingest needs is kept: each item's title, link, id, day and content.
 *
 * fast-xml-parser does not expand entities declared in a DOCTYPE, nor fetch external ones, so a
 * hostile feed can neither blow up in memory ("billion laughs") nor read local files (XXE).
 */

/** One feed item (an RSS `<item>` or an Atom `<entry>`). */
export interface FeedItem {
  /** 1-based position in the feed. */
  readonly index: number
  readonly title: string | null
  /**
   * The item's web page: absolute when the feed gives it so, or when the feed's own address (or
   * an `xml:base`) resolves it; else as written.
   */
  readonly link: string | null
  /** The RSS `guid` or Atom `id`. */
  readonly id: string | null
  /** The publication day (ISO) as written by the publisher, in the publisher's time zone. */
  readonly day: string | null
  /**
   * The full article as HTML, when the item carries it: RSS `content:encoded` or an Atom
   * `<content>` given inline.
   */
  readonly content: string | null
  /** The RSS `description` or Atom `summary`, as HTML: often only a teaser. */
  readonly summary: string | null
}

export interface Feed {
  readonly kind: 'rss' | 'rdf' | 'atom'
  readonly title: string | null
  readonly items: readonly FeedItem[]
}

/** A parsed feed, or a one-line reason why the text is not one. */
export type FeedParse =
  | { readonly ok: true; readonly feed: Feed }
  | { readonly ok: false; readonly reason: string }

/** The root elements of the three feed formats, as they open a document. */
const FEED_ROOT = /^<(?:rss|feed|rdf:RDF)[\s>]/

/**
 * Whether the opening of a document is an RSS or Atom feed: its first element, after the XML
 * declaration, comments, processing instructions and a DOCTYPE, is `<rss>`, `<feed>` or
 * `<rdf:RDF>`.
 *
 * @example
 * looksLikeFeed('<?xml version="1.0"?>\n<rss version="2.0">') // true
 * looksLikeFeed('<!DOCTYPE html><html>') // false
 */
export function looksLikeFeed(head: string): boolean {
  let at = 0
  for (;;) {
    while (at < head.length && /\s/.test(head[at] ?? '')) at++
    const end = prologEnd(head, at)
    if (end < 0) break
    at = end
  }
  return FEED_ROOT.test(head.slice(at, at + 64))
}

/** The end of the prolog item (declaration, comment, PI, DOCTYPE) at `at`, or -1 if none is. */
function prologEnd(head: string, at: number): number {
  const close = (opening: string, closing: string): number => {
    if (!head.startsWith(opening, at)) return -1
    const end = head.indexOf(closing, at + opening.length)
    return end < 0 ? -1 : end + closing.length
  }
  if (head.startsWith('<?', at)) return close('<?', '?>')
  if (head.startsWith('<!--', at)) return close('<!--', '-->')
  if (!head.startsWith('<!DOCTYPE', at)) return -1
  // A DOCTYPE may carry an internal subset in brackets, with '>' inside it.
  const subset = head.indexOf('[', at)
  const gt = head.indexOf('>', at)
  if (subset >= 0 && subset < gt) {
    const end = head.indexOf(']', subset)
    const after = end < 0 ? -1 : head.indexOf('>', end)
    return after < 0 ? -1 : after + 1
  }
  return gt < 0 ? -1 : gt + 1
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Every value stays a string: a title "2024" is not a number, a guid "007" keeps its zeros.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Atom `<content type="xhtml">` holds markup, not text: keep it raw (unescaped below).
  stopNodes: ['*.content'],
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
  processEntities: true,
  htmlEntities: false,
})

/**
 * Parses an RSS or Atom document. Relative links are resolved against `base` (the feed's own
 * URL), when given.
 *
 * @example
 * const parsed = parseFeed(xml, 'https://news.example.invalid/feed.xml')
 * if (parsed.ok) for (const item of parsed.feed.items) console.log(item.link)
 * else console.error(parsed.reason) // 'is not well-formed XML (line 3, column 7: ...)'
 */
export function parseFeed(xml: string, base?: string): FeedParse {
  const text = xml.replace(/^\uFEFF/, '')
  // The parser is lenient about unclosed tags; the validator names the first error and its line.
  const valid = XMLValidator.validate(text)
  if (valid !== true) {
    const { line, col, msg } = valid.err
    return { ok: false, reason: `is not well-formed XML (line ${line}, column ${col}: ${msg})` }
  }
  let doc: Record<string, unknown>
  try {
    doc = parser.parse(text) as Record<string, unknown>
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    return { ok: false, reason: `is not well-formed XML (${why})` }
  }
  const rss = record(doc['rss'])
  if (rss) {
    const channel = record(rss['channel'])
    return rssFeed('rss', channel, asArray(channel?.['item']), base)
  }
  const rdf = record(doc['rdf:RDF'])
  // RSS 1.0 puts its items beside the channel, not inside it.
  if (rdf) return rssFeed('rdf', record(rdf['channel']), asArray(rdf['item']), base)
  const atom = record(doc['feed'])
  if (atom) return atomFeed(atom, base)
  const root = Object.keys(doc).find((key) => !key.startsWith('?') && !key.startsWith('#'))
  const what = root === undefined ? 'no root element' : `root element <${root}>`
  return { ok: false, reason: `is not an RSS or Atom feed (${what})` }
}

function rssFeed(
  kind: 'rss' | 'rdf',
  channel: Record<string, unknown> | null,
  items: readonly unknown[],
  base: string | undefined,
): FeedParse {
  if (!channel) return { ok: false, reason: `is not an RSS feed (no <channel>)` }
  // The channel's <link> is the site's home page, not a base for relative links (RFC 3986 §5.1
  // takes a base from the document's own address or an embedded xml:base only).
  const feedBase = base ?? absolute(textOf(channel['@_xml:base']))
  return {
    ok: true,
    feed: {
      kind,
      title: textOf(channel['title']),
      items: items.map(record).flatMap((item, i) => {
        if (!item) return []
        const guid = record(item['guid'])
        const guidText = textOf(item['guid'])
        // A permalink guid is the item's address when it has no <link> (RSS 2.0 spec, <guid>).
        const permalink = guid?.['@_isPermaLink'] === 'false' ? null : guidText
        const fallback = kind === 'rss' && isHttp(permalink) ? permalink : null
        const link = firstText(item['link']) ?? fallback
        return [
          {
            index: i + 1,
            title: textOf(item['title']),
            link: resolve(link, feedBase),
            id: guidText ?? textOf(item['@_rdf:about']),
            day: rfc822Day(textOf(item['pubDate'])) ?? isoDay(textOf(item['dc:date'])),
            content: textOf(item['content:encoded']),
            summary: textOf(item['description']),
          },
        ]
      }),
    },
  }
}

function atomFeed(feed: Record<string, unknown>, base: string | undefined): FeedParse {
  const feedBase = base ?? absolute(textOf(feed['@_xml:base']))
  return {
    ok: true,
    feed: {
      kind: 'atom',
      title: textOf(feed['title']),
      items: asArray(feed['entry']).flatMap((value, i) => {
        const entry = record(value)
        if (!entry) return []
        const content = atomContent(entry['content'])
        return [
          {
            index: i + 1,
            title: textOf(entry['title']),
            link: resolve(alternateLink(entry['link']), feedBase),
            id: textOf(entry['id']),
            day: isoDay(textOf(entry['published'])) ?? isoDay(textOf(entry['updated'])),
            content,
            summary: atomText(entry['summary']),
          },
        ]
      }),
    },
  }
}

/** An Atom entry's page: its `<link>` with `rel="alternate"` or no `rel` (RFC 4287 §4.2.7.2). */
function alternateLink(value: unknown): string | null {
  for (const link of asArray(value)) {
    const attrs = record(link)
    const rel = attrs ? textOf(attrs['@_rel']) : null
    if (attrs && (rel === null || rel === 'alternate')) return textOf(attrs['@_href'])
  }
  return null
}

/**
 * An Atom `<content>` element, kept raw by the parser: `xhtml` is markup as it stands; `html` and
 * `text` are escaped text (RFC 4287 §4.1.3), unescaped here. Content given by reference (`src`)
 * is not inline and counts as none.
 */
function atomContent(value: unknown): string | null {
  const attrs = record(value)
  if (attrs?.['@_src'] !== undefined) return null
  const type = (attrs ? textOf(attrs['@_type']) : null) ?? 'text'
  const raw = attrs ? textOf(attrs['#text']) : textOf(value)
  if (raw === null) return null
  if (type === 'xhtml') return raw
  const text = unescapeXml(raw)
  return type === 'text' ? escapeHtml(text) : text
}

/** An Atom text construct that the parser did unescape (`summary`, `title`). */
function atomText(value: unknown): string | null {
  const text = textOf(value)
  if (text === null) return null
  const type = record(value) ? textOf(record(value)?.['@_type']) : null
  return type === 'html' || type === 'xhtml' ? text : escapeHtml(text)
}

/** The five XML entities, numeric references and CDATA sections (XML 1.0 §4.6, §2.7). */
const XML_ESCAPE = /<!\[CDATA\[([\s\S]*?)\]\]>|&(lt|gt|amp|quot|apos|#\d+|#x[\da-f]+);/gi
const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

function unescapeXml(raw: string): string {
  return raw.replace(XML_ESCAPE, (whole, cdata: string | undefined, name: string | undefined) => {
    if (cdata !== undefined) return cdata
    if (name === undefined) return whole
    const named = NAMED[name.toLowerCase()]
    if (named !== undefined) return named
    const hex = name[1] === 'x' || name[1] === 'X'
    const code = hex ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
/** RFC 822 (as amended by RFC 1123): `Tue, 5 Mar 2024 09:00:00 GMT`; the day is as written. */
const RFC_822_DAY = /^(?:[a-z]{3},\s*)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{2}|\d{4})\b/i

function rfc822Day(value: string | null): string | null {
  if (value === null) return null
  const m = RFC_822_DAY.exec(value.trim())
  if (!m) return isoDay(value)
  const month = MONTHS.indexOf((m[2] ?? '').toLowerCase()) + 1
  if (month === 0) return null
  // Two-digit years are from RFC 822 itself (1982): read them as 19xx/20xx around 1970.
  const year = m[3]?.length === 2 ? (Number(m[3]) < 70 ? 2000 : 1900) + Number(m[3]) : Number(m[3])
  const pad = (n: number | string, width: number): string => String(n).padStart(width, '0')
  return toIsoDay(`${pad(year, 4)}-${pad(month, 2)}-${pad(m[1] ?? '', 2)}`)
}

function isoDay(value: string | null): string | null {
  return value === null ? null : toIsoDay(value.trim())
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null
}

function asArray(value: unknown): readonly unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}

/** An element's text: a string, or the `#text` of an element with attributes; blank is none. */
function textOf(value: unknown): string | null {
  const text = typeof value === 'string' ? value : record(value)?.['#text']
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : null
}

function firstText(value: unknown): string | null {
  for (const v of asArray(value)) {
    const text = textOf(v)
    if (text !== null) return text
  }
  return null
}

function isHttp(value: string | null): value is string {
  return value !== null && /^https?:\/\//i.test(value)
}

function absolute(value: string | null): string | undefined {
  return isHttp(value) ? value : undefined
}

/** A link made absolute against the feed's address; a link that cannot be is kept as written. */
function resolve(link: string | null, base: string | undefined): string | null {
  if (link === null) return null
  return URL.canParse(link, base) ? new URL(link, base).href : link
}
