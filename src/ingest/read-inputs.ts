import { createReadStream } from 'node:fs'
import { open, readdir, readFile, stat } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import type { Article } from '../core/document.js'
import { ConfigError, IngestError, type ErrorCode } from '../core/errors.js'
import { parseArticleRecord, toIsoDay } from './article-record.js'
import { isNonEnglish, languageShares } from './language-check.js'
import { normalizeText } from './normalize-text.js'
import { splitLines } from './split-lines.js'
import { decodeUtf8, looksBinary, SNIFF_BYTES } from './text-bytes.js'

/** How inputs are read. */
export interface ReadOptions {
  /**
   * The most bytes one `.txt`, `.html` or `.json` input, or one line of a `.jsonl` input, may
   * have (default 10 MiB). A `.jsonl` file may be of any size: it is streamed.
   */
  readonly maxBytes?: number
  /**
   * The publication day given on the command line. Reading never applies it: `Article.date` is
   * only the input's own date, and the pipeline falls back on `published` (through
   * `StageContext`) where an article has none.
   */
  readonly published?: string | null
  /** Where `-` reads from (default `process.stdin`); tests pass their own stream. */
  readonly stdin?: AsyncIterable<Uint8Array>
}

/** One article read, or one input (file, record, stdin) that could not be read as an article. */
export type ReadResult =
  | { readonly ok: true; readonly article: Article }
  | { readonly ok: false; readonly input: string; readonly error: IngestError }

/** The default `maxBytes`: 10 MiB. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024

type Format = Article['format']

/** The formats read, by lower-cased file extension. */
const FORMATS: Readonly<Record<string, Format>> = {
  '.txt': 'txt',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.html': 'html',
  '.htm': 'html',
}

/** Where a text came from: the input name for messages and the id to use when it has none. */
interface Origin {
  readonly input: string
  readonly id: string
}

/**
 * Reads articles from files, directories (recursively, known extensions only, in sorted order)
 * and `-` (stdin, its format sniffed). A bad input yields an `ok: false` result naming it and
 * reading goes on; nothing is thrown for bad input.
 *
 * @example
 * for await (const result of readInputs(['story.txt', 'corpus.jsonl', '-'], {})) {
 *   if (result.ok) console.log(result.article.id)
 *   else console.error(result.error.message) // "corpus.jsonl#12: is not valid JSON: ..."
 * }
 */
export async function* readInputs(
  inputs: readonly string[],
  options: ReadOptions = {},
): AsyncGenerator<ReadResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new ConfigError(`maxBytes must be a positive integer, got ${maxBytes}`)
  }
  for (const input of inputs) {
    if (input === '-') yield* readStdin(options.stdin ?? process.stdin, maxBytes)
    else yield* readPath(input, maxBytes, true)
  }
}

/** The origin of the `n`th record of an input (`input#n`, id `id#n`). */
function numbered(origin: Origin, n: number): Origin {
  return { input: `${origin.input}#${n}`, id: `${origin.id}#${n}` }
}

function failure(code: ErrorCode, input: string, message: string, cause?: unknown): ReadResult {
  // Messages quote parser errors and field values, which may span lines; a message is one line.
  const line = message.replace(/\s+/g, ' ').trim()
  const short = line.length > 300 ? `${line.slice(0, 299)}…` : line
  return { ok: false, input, error: new IngestError(code, input, short, { cause }) }
}

function readFailure(input: string, error: unknown): ReadResult {
  const code = (error as NodeJS.ErrnoException | null)?.code
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return failure('INGEST_NOT_FOUND', input, 'no such file or directory', error)
  }
  const why = error instanceof Error ? error.message : String(error)
  return failure('INGEST_NOT_FOUND', input, `cannot be read: ${why}`, error)
}

function formatOf(path: string): Format | undefined {
  return FORMATS[extname(path).toLowerCase()]
}

async function* readPath(
  path: string,
  maxBytes: number,
  explicit: boolean,
): AsyncGenerator<ReadResult> {
  let info: Awaited<ReturnType<typeof stat>>
  try {
    info = await stat(path)
  } catch (error) {
    yield readFailure(path, error)
    return
  }
  if (info.isDirectory()) {
    yield* readDirectory(path, maxBytes)
    return
  }
  const format = formatOf(path)
  if (format === undefined) {
    if (explicit) yield unsupported(path)
    return
  }
  yield* readFileInput(path, format, info.size, maxBytes)
}

function unsupported(path: string): ReadResult {
  const ext = extname(path)
  const what = ext === '' ? 'has no file extension' : `has an unsupported file type '${ext}'`
  const known = Object.keys(FORMATS).join(', ')
  return failure('INGEST_UNSUPPORTED_TYPE', path, `${what} (expected one of ${known})`)
}

async function* readDirectory(dir: string, maxBytes: number): AsyncGenerator<ReadResult> {
  let files: string[]
  try {
    files = await listFiles(dir)
  } catch (error) {
    yield readFailure(dir, error)
    return
  }
  for (const file of files) yield* readPath(file, maxBytes, false)
}

/** Files with a known extension under `dir`, recursively, in code-point order of their paths. */
async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    // Symbolic links to files are read; links to directories are not followed (no cycles).
    if (entry.isDirectory()) files.push(...(await listFiles(path)))
    else if ((entry.isFile() || entry.isSymbolicLink()) && formatOf(path)) files.push(path)
  }
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

async function* readFileInput(
  path: string,
  format: Format,
  size: number,
  maxBytes: number,
): AsyncGenerator<ReadResult> {
  const origin: Origin = { input: path, id: basename(path, extname(path)) }
  if (size === 0) {
    yield failure('INGEST_EMPTY', path, 'the file is empty')
    return
  }
  if (format === 'jsonl') {
    yield* readJsonLinesFile(path, origin, maxBytes)
    return
  }
  // Checked before reading, so an oversized file costs nothing.
  if (size > maxBytes) {
    yield tooLarge(path, `is ${size} bytes`, maxBytes)
    return
  }
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    yield readFailure(path, error)
    return
  }
  yield* readContent(bytes, format, origin, await htmlReaderFor(format))
}

function tooLarge(input: string, what: string, maxBytes: number): ReadResult {
  const message = `${what}, over the limit of ${maxBytes} bytes (maxBytes)`
  return failure('INGEST_TOO_LARGE', input, message)
}

/** Decodes a whole input, checking for binary content, bad UTF-8 and emptiness. */
function decodeInput(bytes: Uint8Array, input: string): { text: string } | { failed: ReadResult } {
  if (looksBinary(bytes)) {
    return { failed: failure('INGEST_BINARY', input, 'looks binary, not text') }
  }
  const decoded = decodeUtf8(bytes)
  if (!decoded.ok) {
    const byte = `0x${decoded.byte.toString(16).padStart(2, '0')}`
    const message = `is not valid UTF-8 (byte ${byte} at offset ${decoded.offset}); convert it`
    return { failed: failure('INGEST_ENCODING', input, message) }
  }
  // String#trim also strips a BOM and no-break spaces.
  if (decoded.text.trim() === '') {
    return { failed: failure('INGEST_EMPTY', input, 'contains only white space') }
  }
  return { text: decoded.text }
}

type ExtractHtml = typeof import('./html-article.js').extractHtmlArticle

/** The page reader (Readability on linkedom), loaded on the first HTML input: it is slow to load. */
let htmlReader: ExtractHtml | null = null

async function htmlReaderFor(format: Format): Promise<ExtractHtml | null> {
  if (format !== 'html') return null
  htmlReader ??= (await import('./html-article.js')).extractHtmlArticle
  return htmlReader
}

/** Reads a whole `.txt`, `.json` or `.html` input already in memory (`html` reads a page). */
function* readContent(bytes: Uint8Array, format: Format, origin: Origin, html: ExtractHtml | null): Generator<ReadResult> {
  const decoded = decodeInput(bytes, origin.input)
  if ('failed' in decoded) {
    yield decoded.failed
    return
  }
  if (format === 'txt') yield textArticle(decoded.text, origin)
  else if (format === 'html') {
    yield htmlArticle(() => {
      if (!html) throw new Error('the page reader is not loaded')
      return html(decoded.text)
    }, origin)
  }
  else yield* jsonArticles(decoded.text, origin)
}

/** Accepts an article unless its text reads as another language. */
function accept(article: Article): ReadResult {
  if (!isNonEnglish(article.text)) return { ok: true, article }
  const shares = languageShares(article.text)
  const percent = (share: number): string => `${Math.round(share * 100)}%`
  const message =
    `does not read as English (${percent(shares.english)} English function words, ` +
    `${percent(shares.other)} Romance or Germanic ones, ${percent(shares.nonLatin)} non-Latin ` +
    `words); only English text is supported`
  return failure('INGEST_LANGUAGE', article.input, message)
}

function textArticle(text: string, origin: Origin): ReadResult {
  // A text file's headline is part of its text; it has no metadata of its own.
  return accept({
    id: origin.id,
    title: null,
    source: null,
    url: null,
    date: null,
    text: normalizeText(text),
    dateline: null,
    input: origin.input,
    format: 'txt',
  })
}

function htmlArticle(read: () => ReturnType<ExtractHtml>, origin: Origin): ReadResult {
  let page: ReturnType<ExtractHtml>
  try {
    page = read()
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    return failure('INGEST_NO_ARTICLE', origin.input, `the page could not be parsed: ${why}`, error)
  }
  if (page === null) {
    const message = 'no article found (no paragraph of running text)'
    return failure('INGEST_NO_ARTICLE', origin.input, message)
  }
  return accept({
    id: origin.id,
    title: page.title,
    source: page.siteName,
    url: page.url,
    // A page's published time is its own date; one in no ISO form is dropped, not an error.
    date: page.publishedTime === null ? null : toIsoDay(page.publishedTime),
    text: normalizeText(page.text),
    dateline: null,
    input: origin.input,
    format: 'html',
  })
}

/** A `.json` input: one article object, or an array of them (`path#N`, 1-based). */
function* jsonArticles(json: string, origin: Origin): Generator<ReadResult> {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (error) {
    yield malformedJson(origin.input, error)
    return
  }
  if (!Array.isArray(value)) {
    yield recordArticle(value, origin, 'json')
    return
  }
  if (value.length === 0) yield failure('INGEST_EMPTY', origin.input, 'is an empty array')
  for (const [i, item] of value.entries()) {
    yield recordArticle(item, numbered(origin, i + 1), 'json')
  }
}

function malformedJson(input: string, error: unknown): ReadResult {
  const why = error instanceof Error ? error.message : String(error)
  return failure('INGEST_MALFORMED', input, `is not valid JSON: ${why}`, error)
}

function recordArticle(value: unknown, origin: Origin, format: 'json' | 'jsonl'): ReadResult {
  const parsed = parseArticleRecord(value)
  if (!parsed.ok) {
    return failure('INGEST_MALFORMED', origin.input, `is not an article: ${parsed.reason}`)
  }
  const record = parsed.record
  return accept({
    id: record.id ?? origin.id,
    title: record.title,
    source: record.source,
    url: record.url,
    date: record.date,
    text: normalizeText(record.text),
    dateline: record.dateline === null ? null : normalizeText(record.dateline),
    input: origin.input,
    format,
  })
}

async function* readJsonLinesFile(
  path: string,
  origin: Origin,
  maxBytes: number,
): AsyncGenerator<ReadResult> {
  // A binary file would otherwise yield one error per "line"; judge it once, by its opening.
  let head: Buffer
  try {
    const handle = await open(path)
    try {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0)
      head = buffer.subarray(0, bytesRead)
    } finally {
      await handle.close()
    }
  } catch (error) {
    yield readFailure(path, error)
    return
  }
  if (looksBinary(head)) {
    yield failure('INGEST_BINARY', path, 'looks binary, not text')
    return
  }
  const stream = { error: undefined as unknown }
  yield* readJsonLines(fileChunks(path, stream), origin, maxBytes)
  if (stream.error !== undefined) yield readFailure(path, stream.error)
}

/** The chunks of a file; a read error ends them and is left in `failed.error`. */
async function* fileChunks(path: string, failed: { error: unknown }): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of createReadStream(path)) yield chunk as Buffer
  } catch (error) {
    failed.error = error
  }
}

/** JSON Lines: one article object a line (`input#LINE`); blank lines are skipped. */
async function* readJsonLines(
  chunks: AsyncIterable<Uint8Array>,
  origin: Origin,
  maxBytes: number,
): AsyncGenerator<ReadResult> {
  let records = 0
  for await (const line of splitLines(chunks, maxBytes)) {
    const at = numbered(origin, line.number)
    if (line.bytes === null) {
      records++
      yield tooLarge(at.input, `the line is ${line.size} bytes`, maxBytes)
      continue
    }
    if (isBlank(line.bytes)) continue
    records++
    yield jsonLine(line.bytes, at)
  }
  if (records === 0) yield failure('INGEST_EMPTY', origin.input, 'contains no records')
}

/** Only spaces, tabs and CR (or a lone BOM, on the first line). */
function isBlank(bytes: Buffer): boolean {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  return bytes.subarray(start).every((b) => b === 0x20 || b === 0x09 || b === 0x0d)
}

function jsonLine(bytes: Buffer, at: Origin): ReadResult {
  if (bytes.includes(0)) return failure('INGEST_BINARY', at.input, 'the line contains NUL bytes')
  const decoded = decodeUtf8(bytes)
  if (!decoded.ok) {
    const message = `the line is not valid UTF-8 (byte at offset ${decoded.offset})`
    return failure('INGEST_ENCODING', at.input, message)
  }
  let value: unknown
  try {
    // A BOM may open the first line; JSON.parse does not skip it.
    value = JSON.parse(decoded.text.replace(/^\uFEFF/, ''))
  } catch (error) {
    return malformedJson(at.input, error)
  }
  return recordArticle(value, at, 'jsonl')
}

/**
 * Standard input, its format sniffed from its content. It is buffered up to `maxBytes`; only
 * JSON Lines may run longer, and are then streamed.
 */
async function* readStdin(
  stream: AsyncIterable<Uint8Array>,
  maxBytes: number,
): AsyncGenerator<ReadResult> {
  const origin: Origin = { input: '-', id: 'stdin' }
  const source = stream[Symbol.asyncIterator]()
  let head: { bytes: Buffer; complete: boolean }
  try {
    head = await readHead(source, maxBytes)
  } catch (error) {
    yield readFailure('-', error)
    return
  }
  if (head.bytes.length === 0) {
    yield failure('INGEST_EMPTY', '-', 'standard input is empty')
    return
  }
  if (looksBinary(head.bytes)) {
    await source.return?.()
    yield failure('INGEST_BINARY', '-', 'looks binary, not text')
    return
  }
  const format = sniffFormat(head.bytes)
  if (format === 'jsonl') {
    yield* readJsonLines(prepend(head.bytes, source), origin, maxBytes)
    return
  }
  if (!head.complete) {
    await source.return?.()
    yield tooLarge('-', 'standard input is longer than maxBytes and not JSON Lines', maxBytes)
    return
  }
  yield* readContent(head.bytes, format, origin, await htmlReaderFor(format))
}

/** Reads until more than `maxBytes` have come or the stream ends. */
async function readHead(
  source: AsyncIterator<Uint8Array>,
  maxBytes: number,
): Promise<{ bytes: Buffer; complete: boolean }> {
  const parts: Buffer[] = []
  let size = 0
  while (size <= maxBytes) {
    const next = await source.next()
    if (next.done) return { bytes: Buffer.concat(parts), complete: true }
    parts.push(Buffer.from(next.value))
    size += next.value.byteLength
  }
  return { bytes: Buffer.concat(parts), complete: false }
}

async function* prepend(head: Buffer, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    yield head
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value
  } finally {
    // Stopping early releases the stream.
    await rest.return?.()
  }
}

/**
 * The format of stdin, from its opening: every non-blank line opening with `{` is JSON Lines,
 * else `{` or `[` is JSON, `<` is HTML, anything else text. (A one-line JSON object is therefore
 * read as JSON Lines, `-#1`.)
 */
function sniffFormat(head: Buffer): Format {
  // A lenient decode is enough to sniff; the strict one comes later.
  const text = new TextDecoder('utf-8').decode(head)
  const lines = text.split('\n').filter((line) => line.trim() !== '')
  if (lines.length > 0 && lines.every((line) => line.trimStart().startsWith('{'))) return 'jsonl'
  const first = text.trimStart()[0]
  if (first === '{' || first === '[') return 'json'
  if (first === '<') return 'html'
  return 'txt'
}
