/**
 * Gold answers in the `dateline-gold/1` format (described in `../shared/gold/README.md`): the
 * zod schema of one file and a loader for a directory of them, each paired with the text its
 * article is analysed as.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { z } from 'zod'
import { IngestError } from '../core/errors.js'

export const GOLD_FORMAT = 'dateline-gold/1'

/** A gold file's name ends in this; the rest of the name is free. */
export const GOLD_SUFFIX = '.gold.json'

const optionalText = z.string().nullish()

/** Where, when and by whom, from the article's opening line. */
const goldDatelineSchema = z.looseObject({
  place: optionalText,
  country: optionalText,
  date: optionalText,
  source: optionalText,
})

/** A referent; `lat`/`lon` come as a pair, since the scorer compares both. */
const goldEntitySchema = z
  .looseObject({
    name: z.string(),
    type: z.string(),
    country: optionalText,
    title: optionalText,
    actor: optionalText,
    aliases: z.array(z.string()).default([]),
    lat: z.number().optional(),
    lon: z.number().optional(),
  })
  .refine((e) => (e.lat === undefined) === (e.lon === undefined), {
    message: 'lat and lon must be given together',
  })

const goldDateSchema = z.looseObject({
  text: z.string(),
  value: z.string(),
})

const goldQuantitySchema = z.looseObject({
  text: optionalText,
  value: z.number(),
  unit: z.string(),
  measure: optionalText,
  period: optionalText,
  parties: z.array(z.string()).optional(),
})

const goldQuoteSchema = z.looseObject({
  speaker: z.string(),
  contains: z.string(),
  cue: optionalText,
})

const goldEventSchema = z.looseObject({
  evidence: z.string(),
  source: z.string(),
  target: z.string(),
  roots: z.array(z.string()),
  code: optionalText,
  symmetric: z.boolean().optional(),
})

/** The schema of one `dateline-gold/1` file; keys it does not name are kept as they are. */
export const goldFileSchema = z.looseObject({
  format: z.literal(GOLD_FORMAT),
  article: z.string().min(1),
  title: optionalText,
  dateline: goldDatelineSchema.nullish(),
  entities: z.array(goldEntitySchema).default([]),
  dates: z.array(goldDateSchema).default([]),
  quantities: z.array(goldQuantitySchema).default([]),
  quotes: z.array(goldQuoteSchema).default([]),
  events: z.array(goldEventSchema).default([]),
  optional_events: z.array(goldEventSchema).default([]),
  optional_quantities: z.array(goldQuantitySchema).default([]),
  incidents: z.array(z.looseObject({})).default([]),
})

export type GoldFile = z.infer<typeof goldFileSchema>
export type GoldEntity = GoldFile['entities'][number]
export type GoldDate = GoldFile['dates'][number]
export type GoldQuantity = GoldFile['quantities'][number]
export type GoldQuote = GoldFile['quotes'][number]
export type GoldEvent = GoldFile['events'][number]

/** One gold file with the article it answers for, read as the scorer reads it. */
export interface GoldArticle {
  /** Path of the `*.gold.json` file. */
  readonly goldPath: string
  /** Path of the article, resolved against the gold file's directory. */
  readonly articlePath: string
  /** The article's file name, as reports name it. */
  readonly name: string
  /** The analysed text: a `.json` article's `text` field, else the whole file. */
  readonly text: string
  readonly gold: GoldFile
}

/** Zod's issues as one line: `events.0.roots: expected array, received undefined; …`. */
export function describeIssues(error: z.ZodError, max = 3): string {
  const parts = error.issues
    .slice(0, max)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(top)'}: ${i.message}`)
  if (error.issues.length > max) parts.push(`and ${error.issues.length - max} more`)
  return parts.join('; ')
}

function readText(path: string, namedBy?: string): string {
  let raw: string
  try {
    raw = readFileSync(path, 'utf8')
  } catch (cause) {
    const by = namedBy === undefined ? '' : ` (named by ${namedBy})`
    throw new IngestError('INGEST_NOT_FOUND', path, `cannot be read${by}`, { cause })
  }
  // Read as Python's text mode does (score.py opens files so): CRLF and CR become LF. Offsets in
  // an extraction index the text the project read, which it echoes back; this is the fallback.
  return raw.replace(/\r\n?/g, '\n')
}

function parseJson(path: string, raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause)
    throw new IngestError('INGEST_MALFORMED', path, `not JSON (${why})`, { cause })
  }
}

/**
 * Parses one gold file's content; throws an `IngestError` whose one-line message names `path`.
 *
 * @example
 * const gold = parseGoldFile('x.gold.json', readFileSync('x.gold.json', 'utf8'))
 */
export function parseGoldFile(path: string, raw: string): GoldFile {
  const result = goldFileSchema.safeParse(parseJson(path, raw))
  if (!result.success) {
    throw new IngestError(
      'INGEST_MALFORMED',
      path,
      `not a ${GOLD_FORMAT} file: ${describeIssues(result.error)}`,
      { cause: result.error },
    )
  }
  return result.data
}

/**
 * The text an article is analysed as: a `.json` article's `text` field, else the whole file.
 * `namedBy` (the gold file) goes into the error when the article cannot be read.
 */
export function readArticleText(articlePath: string, namedBy?: string): string {
  const raw = readText(articlePath, namedBy)
  if (!articlePath.endsWith('.json')) return raw
  const doc = parseJson(articlePath, raw)
  const text = typeof doc === 'object' && doc !== null ? (doc as { text?: unknown }).text : null
  if (typeof text !== 'string') {
    throw new IngestError('INGEST_MALFORMED', articlePath, 'a JSON article needs a string `text`')
  }
  return text
}

/**
 * Loads every `*.gold.json` in `dir` (not recursively), sorted by file name, each with its
 * article's path and analysed text. Throws an `IngestError` naming the file when a gold file or
 * its article is missing or malformed, and when the directory holds no gold files.
 *
 * @example
 * const golds = loadGoldDir('../shared/gold/articles')
 * golds[0]?.gold.events.length
 */
export function loadGoldDir(dir: string): GoldArticle[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch (cause) {
    throw new IngestError('INGEST_NOT_FOUND', dir, 'gold directory cannot be read', { cause })
  }
  const goldPaths = names
    // as a shell glob does, hidden files are skipped
    .filter((n) => n.endsWith(GOLD_SUFFIX) && !n.startsWith('.'))
    .sort()
    .map((n) => join(dir, n))
  if (goldPaths.length === 0) {
    throw new IngestError('INGEST_NOT_FOUND', dir, `no *${GOLD_SUFFIX} files`)
  }
  return goldPaths.map((goldPath) => {
    const gold = parseGoldFile(goldPath, readText(goldPath))
    const articlePath = join(dirname(goldPath), gold.article)
    return {
      goldPath,
      articlePath,
      name: basename(articlePath),
      text: readArticleText(articlePath, goldPath),
      gold,
    }
  })
}
