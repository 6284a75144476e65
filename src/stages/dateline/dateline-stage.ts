import type { Annotation, DatelineAnnotation, Range } from '../../core/annotation.js'
import { annotationsOf, type Document } from '../../core/document.js'
import type { Stage, StageContext } from '../../core/stage.js'
import type { Gazetteer } from '../../lexicons/types.js'

export interface DatelineStageOptions {
  readonly gazetteer: Gazetteer
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
}
/** "December 20, 2023", "Oct 20", "March 31 1987", "20 December 2023". */
const MONTH_WORD = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\.?'
const MONTH_DAY = new RegExp(`\\b${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`)
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})\\s+${MONTH_WORD}(?:,?\\s+(\\d{4}))?\\b`)
/** "(Reuters)", "(AP)" inside a dateline. */
const AGENCY = /\(([A-Z][A-Za-z .&-]{1,30})\)/

interface ParsedDate {
  readonly month: number
  readonly day: number
  readonly year: number | null
  readonly range: Range
}

function parseDate(s: string, offset: number): ParsedDate | null {
  let m = MONTH_DAY.exec(s)
  if (m) {
    const month = MONTHS[(m[1] ?? '').slice(0, 3).toLowerCase()] ?? 0
    return {
      month,
      day: Number(m[2]),
      year: m[3] ? Number(m[3]) : null,
      range: { start: offset + m.index, end: offset + m.index + m[0].length },
    }
  }
  m = DAY_MONTH.exec(s)
  if (m) {
    const month = MONTHS[(m[2] ?? '').slice(0, 3).toLowerCase()] ?? 0
    return {
      month,
      day: Number(m[1]),
      year: m[3] ? Number(m[3]) : null,
      range: { start: offset + m.index, end: offset + m.index + m[0].length },
    }
  }
  return null
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/**
 * A dateline without a year takes the year that puts it nearest the input's own date: a story
 * datelined "Dec 31" and published on 1 January belongs to the year before.
 */
function yearNear(month: number, day: number, near: string): number {
  const y = Number(near.slice(0, 4))
  const ref = Date.parse(near.slice(0, 10))
  let best = y
  let bestGap = Infinity
  for (const cand of [y - 1, y, y + 1]) {
    const gap = Math.abs(Date.parse(iso(cand, month, day)) - ref)
    if (gap < bestGap) {
      best = cand
      bestGap = gap
    }
  }
  return best
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s\-.'])([a-z])/g, (_m, a: string, b: string) => a + b.toUpperCase())
}

/**
 * The dateline stage: reads place, country, date and outlet from the article's opening dateline
 * ("Beijing, December 20, 2023, The Europe Today:", "MOSCOW, March 31 -") or from the dateline an
 * input gives beside its text, and settles the reference day: the dateline's own date (year from
 * the input's date when it has none), else the input's date, else `--published`.
 */
export function createDatelineStage(options: DatelineStageOptions): Stage {
  const { gazetteer } = options
  return {
    name: 'dateline',
    requires: ['section'],
    produces: ['dateline'],
    run: function dateline(doc: Document, ctx: StageContext): Annotation[] {
      const section = annotationsOf(doc, 'section').find((s) => s.role === 'dateline')
      const inText = section !== undefined
      const raw = section ? section.text : (doc.article.dateline ?? '')
      const offset = section ? section.start : 0
      const fallbackDay = doc.article.date ?? ctx.published
      // The place: words up to the first comma, parenthesis, colon or spaced dash.
      const placeMatch = /^[A-Z][A-Z.'-]*(?: [A-Z][A-Z.'-]*)*/i.exec(raw.trim())
      let place: string | null = null
      let country: string | null = null
      let lat: number | null = null
      let lon: number | null = null
      let placeRange: Range | null = null
      if (placeMatch && placeMatch[0].length > 0) {
        const lead = raw.length - raw.trimStart().length
        const words = placeMatch[0].trim()
        const found = gazetteer.places(words)[0]
        const asCountry = found ? undefined : gazetteer.countryByName(words)
        // The place as the text writes it ("GENEVA" → "Geneva"), not the gazetteer's own form
        // ("Genève"), which the entity keeps as an alias.
        place = words === words.toUpperCase() ? titleCase(words) : words
        country = found?.country ?? asCountry?.code ?? null
        lat = found?.lat ?? asCountry?.lat ?? null
        lon = found?.lon ?? asCountry?.lon ?? null
        if (inText) placeRange = { start: offset + lead, end: offset + lead + words.length }
      }
      const parsed = parseDate(raw, 0)
      let date: string | null = null
      let dateFrom: DatelineAnnotation['dateFrom'] = null
      if (parsed && parsed.month > 0 && parsed.day >= 1 && parsed.day <= 31) {
        const year = parsed.year ?? (fallbackDay ? yearNear(parsed.month, parsed.day, fallbackDay) : null)
        // "June 31" or "Feb. 29" of a common year is no day: no date from the dateline then.
        if (year !== null && parsed.day <= daysInMonth(year, parsed.month)) {
          date = iso(year, parsed.month, parsed.day)
          dateFrom = 'dateline'
        }
      }
      if (!date && doc.article.date) {
        date = doc.article.date
        dateFrom = 'article'
      } else if (!date && ctx.published) {
        date = ctx.published
        dateFrom = 'published'
      }
      const outlet = outletOf(raw, parsed) ?? doc.article.source
      const start = section?.start ?? 0
      const end = section?.end ?? 0
      return [
        {
          kind: 'dateline',
          id: 'dl0',
          start,
          end,
          text: doc.text.slice(start, end),
          source: inText ? 'dateline/opening' : doc.article.dateline ? 'dateline/field' : 'dateline/none',
          place,
          country,
          date,
          dateFrom,
          outlet,
          lat,
          lon,
          placeRange,
          dateRange:
            inText && parsed
              ? { start: offset + parsed.range.start, end: offset + parsed.range.end }
              : null,
        },
      ]
    },
  }
}

/** The outlet: an agency in parentheses, or what follows the date ("..., 2023, The Europe Today:"). */
function outletOf(raw: string, parsed: ParsedDate | null): string | null {
  const agency = AGENCY.exec(raw)
  if (agency?.[1]) return agency[1].trim()
  if (!parsed) return null
  const after = raw
    .slice(parsed.range.end)
    .replace(/^[\s,]+/, '')
    .replace(/[\s:\-–—]+$/, '')
  return /^[A-Z]/.test(after) ? after : null
}
