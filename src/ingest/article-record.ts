import { z } from 'zod'

/**
 * The JSON article record accepted in `.json` and `.jsonl` inputs, validated at the edge. Other
 * fields (the Reuters corpus has `labels`, `places`, ...) are ignored.
 */

/** `1987-03-02`. */
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/
/** `19870302`. */
const COMPACT_DAY = /^(\d{4})(\d{2})(\d{2})$/
/**
 * An ISO 8601 timestamp, `1987-02-26T15:01:01.790` or `2018-09-25T10:00:00+02:00`: its day is
 * the day as written, in the writer's own time zone (converting to UTC could move it).
 */
const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i

/**
 * The ISO day (`YYYY-MM-DD`) of a date written `YYYY-MM-DD`, `YYYYMMDD` or as an ISO timestamp,
 * or null when it is none of these or not a calendar day.
 *
 * @example
 * toIsoDay('1987-02-26T15:01:01.790') // '1987-02-26'
 */
export function toIsoDay(value: string): string | null {
  const m = ISO_DAY.exec(value) ?? COMPACT_DAY.exec(value) ?? ISO_TIMESTAMP.exec(value)
  if (!m) return null
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  // Date.UTC rolls 1987-02-30 over to March 2nd; a real day survives the round trip.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return `${m[1]}-${m[2]}-${m[3]}`
}

/** An optional string field; absent, null and blank all mean "not given". */
const optionalText = z
  .string()
  .nullish()
  .transform((s) => (s == null || s.trim() === '' ? null : s))

const recordSchema = z.object({
  id: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((id) => (id == null || String(id).trim() === '' ? null : String(id))),
  title: optionalText,
  date: optionalText.transform((value, ctx) => {
    if (value === null) return null
    const day = toIsoDay(value.trim())
    if (day === null) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `'${value}' is not a day (YYYY-MM-DD, YYYYMMDD or an ISO timestamp)`,
      })
    }
    return day
  }),
  source: optionalText,
  url: optionalText,
  dateline: optionalText,
  // An empty text is valid: a headline-only brief has nothing but a title.
  text: z.string({ error: 'expected a string (the article text)' }),
})

/** A validated JSON article record; `date` is an ISO day. */
export type ArticleRecord = z.output<typeof recordSchema>

/** The outcome of validating one record: the record, or a one-line reason. */
export type RecordParse =
  | { readonly ok: true; readonly record: ArticleRecord }
  | { readonly ok: false; readonly reason: string }

/**
 * Validates a parsed JSON value as an article record.
 *
 * @example
 * parseArticleRecord({ id: 269, date: '19870302', text: 'WELLINGTON, March 2 - ...' })
 * // { ok: true, record: { id: '269', date: '1987-03-02', title: null, ... } }
 */
export function parseArticleRecord(value: unknown): RecordParse {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: `expected an article object, got ${describe(value)}` }
  }
  const result = recordSchema.safeParse(value)
  if (result.success) return { ok: true, record: result.data }
  const reason = result.error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'record'}: ${issue.message}`)
    .join('; ')
  return { ok: false, reason }
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return `a ${typeof value}`
}
