import { createReadStream, type Dirent } from 'node:fs'
import { open, readdir, readFile, stat } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { isHttpUrl } from './read-sources.js'

/**
 * A cheap count of the articles in local inputs, for a progress bar's total and ETA: JSON Lines
 * files by their lines (counted as bytes, not parsed), feeds by their `<item>`/`<entry>` tags, a
 * JSON array by its length, any other file as one. It is an estimate: blank lines and records
 * that fail are counted too.
 */

/** Past this size a JSON Lines file is not read through: its line count is estimated. */
const COUNT_LINES_UP_TO = 256 * 1024 * 1024
/** How much of a larger file is sampled for its mean line length. */
const SAMPLE_BYTES = 1024 * 1024
/** A JSON file larger than this counts as one article rather than being parsed twice. */
const PARSE_JSON_UP_TO = 16 * 1024 * 1024

const KNOWN = new Set(['.txt', '.json', '.jsonl', '.html', '.htm', '.rss', '.atom', '.xml'])
const FEED_ITEM = /<(?:item|entry)[\s>]/g

/**
 * The estimated number of articles in `inputs`, or undefined when it cannot be known in advance
 * (stdin, a URL).
 *
 * @example
 * await countInputs(['../shared/corpora/reuters21578.jsonl']) // 21567
 * await countInputs(['-']) // undefined
 */
export async function countInputs(inputs: readonly string[]): Promise<number | undefined> {
  let total = 0
  for (const input of inputs) {
    if (input === '-' || isHttpUrl(input)) return undefined
    total += await countPath(input, true)
  }
  return total
}

async function countPath(path: string, explicit: boolean): Promise<number> {
  let info: Awaited<ReturnType<typeof stat>>
  try {
    info = await stat(path)
  } catch {
    // A missing input is one error line: one step of progress.
    return 1
  }
  if (info.isDirectory()) return countDirectory(path)
  const ext = extname(path).toLowerCase()
  if (!explicit && !KNOWN.has(ext)) return 0
  try {
    if (ext === '.jsonl') return await countLines(path, info.size)
    if (ext === '.rss' || ext === '.atom' || ext === '.xml') {
      return Math.max(1, ((await readFile(path, 'utf8')).match(FEED_ITEM) ?? []).length)
    }
    if (ext === '.json' && info.size <= PARSE_JSON_UP_TO) {
      const value: unknown = JSON.parse(await readFile(path, 'utf8'))
      return Array.isArray(value) ? Math.max(1, value.length) : 1
    }
  } catch {
    // Unreadable or malformed: reading it proper reports why, as one error line.
    return 1
  }
  return 1
}

async function countDirectory(dir: string): Promise<number> {
  let entries: Dirent[]
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch {
    return 1
  }
  let total = 0
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) total += await countDirectory(path)
    else if (entry.isFile() || entry.isSymbolicLink()) total += await countPath(path, false)
  }
  return total
}

/** Lines in a file: newline bytes, plus an unterminated last line; estimated for huge files. */
async function countLines(path: string, size: number): Promise<number> {
  if (size > COUNT_LINES_UP_TO) {
    const handle = await open(path)
    try {
      const sample = Buffer.alloc(SAMPLE_BYTES)
      const { bytesRead, buffer } = await handle.read(sample, 0, SAMPLE_BYTES, 0)
      const lines = newlines(buffer.subarray(0, bytesRead))
      return lines === 0 ? 1 : Math.round((size * lines) / bytesRead)
    } finally {
      await handle.close()
    }
  }
  let lines = 0
  let last = 0x0a
  for await (const chunk of createReadStream(path)) {
    const bytes = chunk as Buffer
    lines += newlines(bytes)
    last = bytes[bytes.length - 1] ?? last
  }
  return lines + (last === 0x0a ? 0 : 1)
}

function newlines(bytes: Buffer): number {
  let n = 0
  for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, at + 1)) n++
  return n
}
