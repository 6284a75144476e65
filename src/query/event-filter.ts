/**
 * Event filters as users type them (CLI flags, HTTP query parameters: all strings) parsed and
 * checked into the store's {@link EventFilter}. One parser for every interface, so `dateline
 * events --dyad CHN,RUS` and `GET /events?dyad=CHN,RUS` accept and reject the same things with the
 * same one-line messages.
 */
import { z } from 'zod'
import { ConfigError } from '../core/errors.js'
import type { EventFilter } from '../storage/store.js'

/** The filter fields, named as the CLI flags and HTTP query parameters that carry them. */
export const FILTER_FIELDS = [
  'actor',
  'source',
  'target',
  'dyad',
  'code',
  'root',
  'quad',
  'from',
  'to',
  'place',
  'text',
  'limit',
  'offset',
] as const

export type FilterField = (typeof FILTER_FIELDS)[number]

/** A filter as typed: every field a string (a number is accepted for `limit`, `offset`, `quad`). */
export type RawEventFilter = { readonly [K in FilterField]?: string | number | undefined }

/** The largest `limit` a query may ask for; `export` streams without one. */
export const MAX_LIMIT = 10_000

/**
 * A filter value that does not parse. `field` is the flag or parameter name (`dyad`); the message
 * is one line and starts with it, so the CLI can print `--dyad: ...` and HTTP `dyad: ...`.
 */
export class FilterError extends ConfigError {
  readonly field: string
  readonly reason: string
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`)
    this.name = 'FilterError'
    this.field = field
    this.reason = reason
  }
}

/**
 * A CAMEO actor code or code prefix: whole three-letter blocks (`CHN`, `CHNGOV`, `IGOUNO`), as the
 * CAMEO actor codebook builds codes (Schrodt et al., chapter 3). Case is folded to upper.
 */
const ACTOR = /^(?:[A-Z]{3}){1,5}$/
/** A CAMEO event code or prefix: two to four digits, always a string (`'04'`, `'036'`, `'0333'`). */
const EVENT_CODE = /^\d{2,4}$/
/** A two-digit CAMEO root between 01 and 20. */
const ROOT = /^(?:0[1-9]|1\d|20)$/
/** A day, a month or a year, as ISO 8601 writes them (`2023-12-20`, `2023-12`, `2023`). */
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const ISO_MONTH = /^(\d{4})-(\d{2})$/
const ISO_YEAR = /^\d{4}$/

/** Quad classes by name as well as by number (GDELT's 1 … 4). */
const QUAD_NAMES: Readonly<Record<string, 1 | 2 | 3 | 4>> = {
  'verbal-cooperation': 1,
  'material-cooperation': 2,
  'verbal-conflict': 3,
  'material-conflict': 4,
}

const text = z.union([z.string(), z.number()]).transform((v) => String(v).trim())

const Raw = z.object(
  Object.fromEntries(FILTER_FIELDS.map((f) => [f, text.optional()])) as {
    [K in FilterField]: z.ZodOptional<typeof text>
  },
)

/**
 * Parses a filter as typed into an {@link EventFilter}. Empty strings count as absent; unknown
 * keys are ignored (an HTTP query also carries `format`). Throws {@link FilterError} naming the
 * first bad field.
 *
 * `--from`/`--to` take a day, a month or a year: `--from 2023` is 2023-01-01, `--to 2023-02`
 * is 2023-02-28. `--root 04` and `--code 036` both become the store's code prefix; given together,
 * the code must fall under the root.
 *
 * @example
 * parseEventFilter({ dyad: 'chn,rus', quad: '1', from: '2023-12' })
 * // { dyad: ['CHN', 'RUS'], quadClass: 1, from: '2023-12-01' }
 */
export function parseEventFilter(raw: RawEventFilter): EventFilter {
  const parsed = Raw.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new FilterError(String(issue?.path[0] ?? 'filter'), 'expected text')
  }
  const given: Partial<Record<FilterField, string>> = {}
  for (const f of FILTER_FIELDS) {
    const v = parsed.data[f]
    if (v !== undefined && v !== '') given[f] = v
  }
  const filter: {
    -readonly [K in keyof EventFilter]: EventFilter[K]
  } = {}
  if (given.actor !== undefined) filter.actor = actorCode('actor', given.actor)
  if (given.source !== undefined) filter.source = actorCode('source', given.source)
  if (given.target !== undefined) filter.target = actorCode('target', given.target)
  if (given.dyad !== undefined) filter.dyad = dyad(given.dyad)
  const code = given.code === undefined ? undefined : eventCode(given.code)
  const root = given.root === undefined ? undefined : rootCode(given.root)
  if (code !== undefined && root !== undefined && !code.startsWith(root)) {
    throw new FilterError('code', `${code} is not under root ${root}`)
  }
  if (code !== undefined || root !== undefined) filter.code = code ?? root
  if (given.quad !== undefined) filter.quadClass = quadClass(given.quad)
  if (given.from !== undefined) filter.from = isoBound('from', given.from, 'start')
  if (given.to !== undefined) filter.to = isoBound('to', given.to, 'end')
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
    throw new FilterError('to', `${filter.to} is before --from ${filter.from}`)
  }
  if (given.place !== undefined) filter.place = given.place
  if (given.text !== undefined) filter.text = given.text
  if (given.limit !== undefined) filter.limit = integer('limit', given.limit, 1, MAX_LIMIT)
  if (given.offset !== undefined) filter.offset = integer('offset', given.offset, 0, Number.MAX_SAFE_INTEGER)
  return filter
}

/**
 * Checks one CAMEO actor code (or prefix) and returns it in upper case.
 *
 * @example
 * parseActorCode('chngov') // 'CHNGOV'
 */
export function parseActorCode(value: string, field = 'actor'): string {
  return actorCode(field, value.trim())
}

function actorCode(field: string, value: string): string {
  const code = value.toUpperCase()
  if (!ACTOR.test(code)) {
    throw new FilterError(field, `"${oneLine(value)}" is not a CAMEO actor code (three-letter blocks, e.g. CHN or CHNGOV)`)
  }
  return code
}

function dyad(value: string): readonly [string, string] {
  const parts = value.split(',').map((s) => s.trim())
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    throw new FilterError('dyad', `expected two actor codes separated by a comma, e.g. CHN,RUS; got "${oneLine(value)}"`)
  }
  return [actorCode('dyad', parts[0]), actorCode('dyad', parts[1])]
}

function eventCode(value: string): string {
  if (!EVENT_CODE.test(value) || !ROOT.test(value.slice(0, 2))) {
    throw new FilterError('code', `"${oneLine(value)}" is not a CAMEO event code (2 to 4 digits under a root 01-20, e.g. 036)`)
  }
  return value
}

function rootCode(value: string): string {
  const v = /^\d$/.test(value) ? `0${value}` : value
  if (!ROOT.test(v)) throw new FilterError('root', `"${oneLine(value)}" is not a CAMEO root (01 to 20)`)
  return v
}

function quadClass(value: string): 1 | 2 | 3 | 4 {
  const named = QUAD_NAMES[value.toLowerCase()]
  if (named !== undefined) return named
  if (/^[1-4]$/.test(value)) return Number(value) as 1 | 2 | 3 | 4
  throw new FilterError('quad', `"${oneLine(value)}" is not a quad class (1-4 or ${Object.keys(QUAD_NAMES).join(', ')})`)
}

/** A day, month or year as the first (`start`) or last (`end`) ISO day it covers. */
function isoBound(field: string, value: string, side: 'start' | 'end'): string {
  const bad = (): FilterError =>
    new FilterError(field, `"${oneLine(value)}" is not a date (YYYY-MM-DD, YYYY-MM or YYYY)`)
  let m = ISO_DAY.exec(value)
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw bad()
    return value
  }
  m = ISO_MONTH.exec(value)
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])]
    if (mo < 1 || mo > 12) throw bad()
    return side === 'start' ? `${value}-01` : `${value}-${String(daysInMonth(y, mo)).padStart(2, '0')}`
  }
  if (ISO_YEAR.test(value)) return side === 'start' ? `${value}-01-01` : `${value}-12-31`
  throw bad()
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function integer(field: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value)) throw new FilterError(field, `"${oneLine(value)}" is not a whole number`)
  const n = Number(value)
  if (n < min) throw new FilterError(field, `must be at least ${min}`)
  if (n > max) throw new FilterError(field, `must be at most ${max}`)
  return n
}

/** A value quoted in a one-line message: control characters and line breaks shown as spaces. */
function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = value.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat
}
