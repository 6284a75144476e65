import type { Dirent } from 'node:fs'
import { open, readdir, readFile, stat } from 'node:fs/promises'
import { extname, join } from 'node:path'
import type { Article } from '../../core/document.js'
import { IngestError, type ErrorCode } from '../../core/errors.js'
import { DEFAULT_MAX_BYTES, readInputs, type ReadOptions, type ReadResult } from '../read-inputs.js'
import { decodeUtf8, looksBinary, SNIFF_BYTES } from '../text-bytes.js'
import {
  createLimiter,
  DEFAULT_CONCURRENCY,
  fetchResource,
  type FetchOptions,
  type Limiter,
} from './fetch-resource.js'
import { looksLikeFeed, parseFeed, type Feed, type FeedItem } from './parse-feed.js'

/**
 * Every kind of input `dateline ingest` takes, read into articles: what `readInputs` reads
 * (files, folders, stdin), RSS and Atom feeds (local files and URLs), and web pages, JSON and
 * text served over http(s). A feed's items become articles: an item's own full content when it
 * carries one, else the page its link points to, fetched.
 */

/** How sources are read: `readInputs`' options plus the HTTP ones. */
export interface SourceOptions extends ReadOptions, Omit<FetchOptions, 'maxBytes'> {
  /** Requests in flight at once, across all inputs (default 4). */
  readonly concurrency?: number
}

/** File extensions read as feeds. `.xml` is read as one only when it opens like one. */
const FEED_EXTENSIONS: ReadonlySet<string> = new Set(['.rss', '.atom', '.xml'])
/** Extensions `readInputs` reads itself. */
const ARTICLE_EXTENSIONS: ReadonlySet<string> = new Set([
  '.txt',
  '.json',
  '.jsonl',
  '.html',
  '.htm',
])

/**
 * Whether an input is an http(s) URL rather than a path.
 *
 * @example
 * isHttpUrl('https://news.example.invalid/feed.xml') // true
 * isHttpUrl('feeds/world.xml') // false
 */
export function isHttpUrl(input: string): boolean {
  return /^https?:\/\//i.test(input)
}

/**
 * Reads articles from paths, folders, `-`, feeds and URLs, in the order given. Like
 * `readInputs`, it never throws for bad input: each one that fails yields an `ok: false` result
 * naming it (a URL, a file, `feed.xml#3` for a feed's third item), and reading goes on.
 *
 * @example
 * for await (const r of readSources(['corpus.jsonl', 'https://news.example.invalid/rss'], {})) {
 *   if (r.ok) console.log(r.article.id)
 *   else console.error(r.error.message)
 * }
 */
export async function* readSources(
  inputs: readonly string[],
  options: SourceOptions = {},
): AsyncGenerator<ReadResult> {
  const context: Context = {
    options,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    limiter: createLimiter(options.concurrency ?? DEFAULT_CONCURRENCY),
  }
  for (const input of inputs) {
    if (isHttpUrl(input)) yield* readUrl(input, context)
    else if (input === '-') yield* readInputs([input], options)
    else yield* readLocal(input, context)
  }
}

interface Context {
  readonly options: SourceOptions
  readonly maxBytes: number
  readonly limiter: Limiter
}

function failure(code: ErrorCode, input: string, message: string, cause?: unknown): ReadResult {
  const options = cause === undefined ? undefined : { cause }
  return { ok: false, input, error: new IngestError(code, input, message, options) }
}

async function* readLocal(path: string, context: Context): AsyncGenerator<ReadResult> {
  let info: Awaited<ReturnType<typeof stat>>
  try {
    info = await stat(path)
  } catch {
    // readInputs names a missing path with its own message and code.
    yield* readInputs([path], context.options)
    return
  }
  if (info.isDirectory()) {
    yield* readInputs([path], context.options)
    for (const file of await listFeedFiles(path)) yield* readFeedFile(file, context, false)
    return
  }
  const ext = extname(path).toLowerCase()
  if (FEED_EXTENSIONS.has(ext)) yield* readFeedFile(path, context, true)
  else if (ARTICLE_EXTENSIONS.has(ext)) yield* readInputs([path], context.options)
  // An unknown extension: a feed saved under any name is still a feed.
  else if (await opensLikeFeed(path)) yield* readFeedFile(path, context, true)
  else yield* readInputs([path], context.options)
}

/** Feed files under `dir`, recursively, sorted by path (links to directories not followed). */
async function listFeedFiles(dir: string): Promise<string[]> {
  const files: string[] = []
  let entries: Dirent[]
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch {
    // readInputs has already reported an unreadable folder.
    return files
  }
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) files.push(...(await listFeedFiles(path)))
    else if (entry.isFile() || entry.isSymbolicLink()) {
      if (FEED_EXTENSIONS.has(extname(path).toLowerCase())) files.push(path)
    }
  }
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

async function opensLikeFeed(path: string): Promise<boolean> {
  try {
    const handle = await open(path)
    try {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0)
      return looksLikeFeed(buffer.subarray(0, bytesRead).toString('utf8'))
    } finally {
      await handle.close()
    }
  } catch {
    // Unreadable: readInputs reports it when it tries.
    return false
  }
}

/**
 * A local feed file. In a folder, an `.xml` file that is not a feed is passed over silently (as
 * `readInputs` passes over unknown types); named on the command line, it is an error.
 */
async function* readFeedFile(
  path: string,
  context: Context,
  explicit: boolean,
): AsyncGenerator<ReadResult> {
  let bytes: Buffer
  try {
    const info = await stat(path)
    if (info.size > context.maxBytes) {
      const message = `is ${info.size} bytes, over the limit of ${context.maxBytes} bytes (maxBytes)`
      yield failure('INGEST_TOO_LARGE', path, message)
      return
    }
    bytes = await readFile(path)
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    yield failure('INGEST_NOT_FOUND', path, `cannot be read: ${why}`, error)
    return
  }
  const text = decodeXml(bytes, null, path)
  if (typeof text !== 'string') {
    yield text
    return
  }
  if (extname(path).toLowerCase() === '.xml' && !looksLikeFeed(text.slice(0, SNIFF_BYTES))) {
    if (explicit) yield failure('INGEST_UNSUPPORTED_TYPE', path, 'is XML but not an RSS or Atom feed')
    return
  }
  yield* readFeed(text, path, undefined, context)
}

/** A URL: a feed (unless `asItem`: a feed item's link must be a page), a page, JSON or text. */
async function* readUrl(url: string, context: Context, asItem = false): AsyncGenerator<ReadResult> {
  const fetched = await context.limiter.run(() => fetchResource(url, fetchOptions(context)))
  if (!fetched.ok) {
    yield { ok: false, input: url, error: fetched.error }
    return
  }
  const head = new TextDecoder().decode(fetched.body.subarray(0, SNIFF_BYTES))
  if (looksLikeFeed(head)) {
    if (asItem) {
      // Reading it would be reading another feed, perhaps this one again: never-ending.
      yield failure('INGEST_NO_ARTICLE', url, 'the feed item links to a feed, not an article')
      return
    }
    const text = decodeXml(fetched.body, fetched.charset, url)
    if (typeof text !== 'string') yield text
    else yield* readFeed(text, url, fetched.url, context)
    return
  }
  if (fetched.kind === 'xml' && !/^\s*(?:<\?xml[^>]*>\s*)?(?:<!DOCTYPE html|<html)/i.test(head)) {
    yield failure('INGEST_UNSUPPORTED_TYPE', url, 'is XML but not an RSS or Atom feed')
    return
  }
  for await (const r of readBody(fetched.body, fetched.charset, url, context)) {
    // A page's address is the one it was fetched from, unless it names its canonical one.
    if (r.ok && r.article.format === 'html' && r.article.url === null) {
      yield { ok: true, article: { ...r.article, url: fetched.url } }
    } else {
      yield r
    }
  }
}

function fetchOptions(context: Context): FetchOptions {
  const { timeoutMs, userAgent } = context.options
  return {
    maxBytes: context.maxBytes,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(userAgent !== undefined ? { userAgent } : {}),
  }
}

/**
 * A downloaded body read as `readInputs` reads stdin (format sniffed: JSON Lines, JSON, HTML or
 * text, with the same checks and language test), then named after its URL. A body in a charset
 * other than UTF-8 is converted first.
 */
async function* readBody(
  body: Uint8Array,
  charset: string | null,
  input: string,
  context: Context,
): AsyncGenerator<ReadResult> {
  let bytes = body
  if (charset !== null && !/^utf-?8$/.test(charset) && !looksBinary(body)) {
    const text = decodeCharset(body, charset, input)
    if (typeof text !== 'string') {
      yield text
      return
    }
    bytes = Buffer.from(text, 'utf8')
  }
  const stdin = (async function* () {
    yield bytes
  })()
  for await (const r of readInputs(['-'], { ...context.options, stdin })) yield renamed(r, input)
}

/** A result read from `-` renamed after its real input: `-` → `input`, `-#3` → `input#3`. */
function renamed(r: ReadResult, input: string): ReadResult {
  const rename = (name: string): string =>
    name.startsWith('-') ? `${input}${name.slice(1)}` : name
  if (r.ok) {
    const { article } = r
    // readInputs names what it reads from stdin 'stdin' or 'stdin#N'; a record's own id stays.
    const fromStdin = article.id === 'stdin' || article.id.startsWith('stdin#')
    const id = fromStdin ? rename(`-${article.id.slice('stdin'.length)}`) : article.id
    return { ok: true, article: { ...article, id, input: rename(article.input) } }
  }
  const name = rename(r.input)
  const prefix = `${r.input}: `
  const { message: full, code, cause } = r.error
  const message = full.startsWith(prefix) ? full.slice(prefix.length) : full
  return { ok: false, input: name, error: new IngestError(code, name, message, { cause }) }
}

/**
 * Decodes a feed: by the HTTP charset, else the XML declaration's encoding, else UTF-8 (XML 1.0
 * §4.3.3, Appendix F).
 */
function decodeXml(bytes: Uint8Array, charset: string | null, input: string): string | ReadResult {
  if (looksBinary(bytes)) return failure('INGEST_BINARY', input, 'looks binary, not a feed')
  const declared = /^\uFEFF?<\?xml[^>]*\sencoding\s*=\s*["']([\w.:-]+)["']/.exec(
    new TextDecoder().decode(bytes.subarray(0, 200)),
  )?.[1]
  const encoding = (charset ?? declared ?? 'utf-8').toLowerCase()
  if (!/^utf-?8$/.test(encoding)) return decodeCharset(bytes, encoding, input)
  const decoded = decodeUtf8(bytes)
  if (decoded.ok) return decoded.text
  const where = `byte at offset ${decoded.offset}`
  return failure('INGEST_ENCODING', input, `is not valid UTF-8 (${where}) and declares no other encoding`)
}

function decodeCharset(bytes: Uint8Array, charset: string, input: string): string | ReadResult {
  let decoder: InstanceType<typeof TextDecoder>
  try {
    decoder = new TextDecoder(charset, { fatal: true })
  } catch (error) {
    return failure('INGEST_ENCODING', input, `declares an unknown character set '${charset}'`, error)
  }
  try {
    return decoder.decode(bytes)
  } catch (error) {
    return failure('INGEST_ENCODING', input, `is not valid ${charset}`, error)
  }
}

/** A feed's items as articles, in feed order; items are fetched a few at a time. */
async function* readFeed(
  xml: string,
  input: string,
  base: string | undefined,
  context: Context,
): AsyncGenerator<ReadResult> {
  const parsed = parseFeed(xml, base)
  if (!parsed.ok) {
    yield failure('INGEST_MALFORMED', input, parsed.reason)
    return
  }
  const { feed } = parsed
  if (feed.items.length === 0) {
    yield failure('INGEST_EMPTY', input, 'the feed has no items')
    return
  }
  // Items are started ahead of the one being yielded, so that their pages download in parallel
  // (the limiter keeps the number in flight polite); results still come out in feed order.
  const ahead = Math.max(1, context.options.concurrency ?? DEFAULT_CONCURRENCY) * 2
  const pending: Array<Promise<ReadResult[]>> = []
  let next = 0
  const fill = (): void => {
    while (pending.length < ahead && next < feed.items.length) {
      const item = feed.items[next++]
      if (item) pending.push(itemArticles(item, feed, input, context))
    }
  }
  fill()
  for (let batch = pending.shift(); batch !== undefined; batch = pending.shift()) {
    fill()
    yield* await batch
  }
}

/** One feed item's article: its own content when it has some, else its page, else its summary. */
async function itemArticles(
  item: FeedItem,
  feed: Feed,
  feedInput: string,
  context: Context,
): Promise<ReadResult[]> {
  const input = `${feedInput}#${item.index}`
  const fromItem = async (html: string): Promise<ReadResult[]> => {
    const page = Buffer.from(itemPage(item.title, html), 'utf8')
    const results = await collect(readBody(page, null, input, context))
    return results.map((r) => withItem(r, item, feed, input))
  }
  if (item.content !== null) return fromItem(item.content)
  if (item.link !== null && isHttpUrl(item.link)) {
    const link = item.link
    const results = await collect(readUrl(link, context, true))
    return results.map((r) => withItem(r, item, feed, link))
  }
  if (item.summary !== null) return fromItem(item.summary)
  return [failure('INGEST_NO_ARTICLE', input, 'the item has no content and no web link')]
}

/**
 * A feed item's metadata over what was read from its content or page: the feed names the item's
 * title, day and address as its publisher means them, where a page's own tags are often missing
 * or generic.
 */
function withItem(r: ReadResult, item: FeedItem, feed: Feed, input: string): ReadResult {
  if (!r.ok) return r
  const article: Article = {
    ...r.article,
    id: item.id ?? item.link ?? input,
    title: item.title ?? r.article.title,
    source: r.article.source ?? feed.title,
    // A relative link (from a feed read off disk) names no page anywhere: not an address to key by.
    url: item.link !== null && isHttpUrl(item.link) ? item.link : r.article.url,
    date: item.day ?? r.article.date,
    input,
  }
  return { ok: true, article }
}

/**
 * A page around an item's HTML, for the HTML reader. Plain text (no tags: an RSS description or
 * an Atom `type="text"` content) is split into paragraphs at blank lines first.
 */
function itemPage(title: string | null, html: string): string {
  const body = /<[a-z!/]/i.test(html)
    ? html
    : html
        .split(/\n\s*\n/)
        .map((p) => `<p>${p}</p>`)
        .join('\n')
  const head = title === null ? '' : `<title>${title.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</title>`
  return (
    `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head>` +
    `<body><article>${body}</article></body></html>`
  )
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const x of source) out.push(x)
  return out
}
