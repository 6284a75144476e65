/**
 * A part of a year: "first 11 months of this year", "first half of 1987", "the third quarter",
 * "last two months of 2019". Emitted whole, as one interval of days, so that the year inside it
 * ("this year") is not reported again on its own.
 */
import { monthsInterval } from '../calendar.js'
import type { DateCandidate, DateChunk, DateRule } from '../date-rule.js'

const SOURCE = 'dates/first-n-months'
const NUMBER_WORDS = 'one two three four five six seven eight nine ten eleven twelve'.split(' ')
const COUNT = `(\\d{1,2}|${NUMBER_WORDS.join('|')})`
/** "first 11 months", "last two months" */
const MONTHS_PART = `([Ff]irst|[Ll]ast)\\s+${COUNT}\\s+months`
/** "first half", "second half" */
const HALF_PART = '([Ff]irst|[Ss]econd|1st|2nd)\\s+half'
/** "third quarter", "final quarter" */
const QUARTER_PART =
  '([Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|[Ff]inal|[Ll]ast|1st|2nd|3rd|4th)\\s+quarter'
/** " of this year", " of 1987", " 1987" */
const YEAR_PART =
  '(?:\\s+of)?\\s+(?:(this|last|next|the\\s+current|the\\s+previous)\\s+year|' +
  '((?:18|19|20)\\d\\d)(?![\\d/-]))'
const YEAR_FRACTION = new RegExp(
  `\\b(?:${MONTHS_PART}|${HALF_PART}|${QUARTER_PART})\\b(?:${YEAR_PART})?`,
  'g',
)
const RELATIVE_YEAR: Readonly<Record<string, number>> = {
  this: 0,
  'the current': 0,
  last: -1,
  'the previous': -1,
  next: 1,
}
const QUARTERS: Readonly<Record<string, number>> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  final: 4,
  last: 4,
}

/** Finds fractions of a year. */
export const firstNMonths: DateRule = function firstNMonths(chunk: DateChunk): DateCandidate[] {
  const ref = chunk.reference
  const slice = chunk.text.slice(chunk.start, chunk.end)
  const out: DateCandidate[] = []
  for (const m of slice.matchAll(YEAR_FRACTION)) {
    const [, monthsEdge, count, half, quarter, relative, stated] = m
    const after = slice.slice(m.index + m[0].length)
    let year: number
    if (stated) year = Number(stated)
    else if (relative && ref) year = ref.year + (RELATIVE_YEAR[relative.replace(/\s+/g, ' ')] ?? 0)
    else {
      // No year: "the first quarter of the century" is no date, and "the last two months" a
      // rolling window rather than part of a calendar year.
      // "The first half" of a match and "the last quarter" (the one just gone) are as likely.
      if (!ref || /^\s+of\b/.test(after) || half) continue
      if (/^last$/i.test(monthsEdge ?? quarter ?? '')) continue
      year = ref.year
    }
    const months = monthsOf(monthsEdge, count, half, quarter)
    if (!months) continue
    out.push({
      start: chunk.start + m.index,
      end: chunk.start + m.index + m[0].length,
      value: monthsInterval(year, months[0], months[1]),
      grain: 'interval',
      certainty: stated || relative ? 'known' : 'implied',
      source: SOURCE,
      priority: 3,
    })
  }
  return out
}

function monthsOf(
  monthsEdge: string | undefined,
  count: string | undefined,
  half: string | undefined,
  quarter: string | undefined,
): readonly [number, number] | null {
  if (monthsEdge && count) {
    const n = /^\d/.test(count) ? Number(count) : NUMBER_WORDS.indexOf(count) + 1
    if (n < 1 || n > 12) return null
    return monthsEdge.toLowerCase() === 'first' ? [1, n] : [13 - n, 12]
  }
  if (half) return /^(?:first|1st)$/i.test(half) ? [1, 6] : [7, 12]
  const q = QUARTERS[(quarter ?? '').toLowerCase()]
  return q ? [q * 3 - 2, q * 3] : null
}
