/**
 * Calendar dates, month names and casual day words through chrono-node ("December 20, 2023",
 * "Oct 20", "August 2018", "today", "last night", "three years ago", "next year"), with the
 * year of a year-less date chosen by the sentence's tense and chrono's false friends filtered
 * out ("may" the modal, "march" the verb, "sat", "sun", times of day on their own).
 */
import * as chrono from 'chrono-node'
import {
  daysInMonth,
  formatDay,
  formatMonth,
  resolveYear,
  weekdayOf,
  type Day,
  type Direction,
} from '../calendar.js'
import type { DateCandidate, DateChunk, DateRule } from '../date-rule.js'

const SOURCE = 'dates/chrono'

/**
 * Casual-configuration parsers we take out, by class name. Each reads a span of time rather than
 * a date, or a date relative to something other than the reference day.
 */
const DROPPED_PARSERS = new Set([
  // "for two years", "within a month", "in three weeks": durations and deadlines.
  'ENTimeUnitWithinFormatParser',
  // "the next two years", "+2 days": stretches of time.
  'ENTimeUnitCasualRelativeFormatParser',
  // "three days later": counted from an event, not from the reference day.
  'ENTimeUnitLaterFormatParser',
])

const MONTH_NAMES = new Set(
  (
    'january february march april may june july august september october november december ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec'
  ).split(' '),
)
/** Words before a bare month name that make it a date: "in August", "since May", "early June". */
const MONTH_CONTEXT = new Set(
  (
    'in since until till by during from through throughout of before after early late mid last ' +
    'next this end beginning start between and to or'
  ).split(' '),
)
/** Words that tie an expression to the reference day; without one it cannot be resolved. */
const RELATIVE_WORD = new RegExp(
  '\\b(?:today|tonight|yesterday|tomorrow|now|ago|last|next|this|past|coming|later|earlier|' +
    'within|night|morning|evening|afternoon)\\b',
  'i',
)
/** Prepositions chrono keeps at the front of a match ("on Wednesday, March 30"). */
const LEADING_PREPOSITION = /^(?:on|in|at|by|since|until|from|of|during)\s+/i
/** A duration that slipped through: "for two years", "within a week", "the past year". */
const DURATION_LEAD = /^(?:for|within|over|past)\b/i
const PLACEHOLDER_REFERENCE = new Date(2000, 0, 1, 12)

/** Builds the chrono parser once; the rule it returns runs it once per chunk. */
export function createChronoRule(): DateRule {
  const parser = chrono.casual.clone()
  parser.parsers = parser.parsers.filter((p) => !DROPPED_PARSERS.has(p.constructor.name))

  return function chronoDates(chunk: DateChunk): DateCandidate[] {
    const text = chunk.text.slice(chunk.start, chunk.end)
    const ref = chunk.reference
    // Noon keeps every component on the same day whatever the machine's time zone.
    const instant = ref ? new Date(ref.year, ref.month - 1, ref.day, 12) : PLACEHOLDER_REFERENCE
    const out: DateCandidate[] = []
    for (const result of parser.parse(text, instant)) {
      const candidate = toCandidate(chunk, text, result)
      if (candidate) out.push(candidate)
    }
    return out
  }
}

function toCandidate(chunk: DateChunk, text: string, r: chrono.ParsedResult): DateCandidate | null {
  let begin = r.index
  let end = r.index + r.text.length
  const lead = LEADING_PREPOSITION.exec(r.text)
  if (lead) begin += lead[0].length
  while (end > begin && /[\s,.;:\-–—]/.test(text[end - 1] ?? '')) end--
  const span = text.slice(begin, end)
  if (!acceptable(text, begin, span, r)) return null

  const ref = chunk.reference
  const s = r.start
  if (!ref && !(s.isCertain('year') && !RELATIVE_WORD.test(span))) return null
  const direction = chunk.directionAt(chunk.start + begin)
  const first = resolveComponents(s, ref, direction, null)
  if (!first) return null
  const last = r.end ? resolveComponents(r.end, ref, direction, first) : null

  let value: string
  let grain: DateCandidate['grain']
  if (!last) {
    value = first.value
    grain = first.grain
  } else if (first.grain === 'year' && last.grain === 'year') {
    value = `${first.from.year}/${last.to.year}`
    grain = 'interval'
  } else {
    value = `${formatDay(first.from)}/${formatDay(last.to)}`
    grain = 'interval'
  }
  const certainty = first.inferred || last?.inferred ? 'implied' : 'known'
  return {
    start: chunk.start + begin,
    end: chunk.start + end,
    value,
    grain,
    certainty,
    source: SOURCE,
    priority: 1,
  }
}

/** The filters for what chrono reads too eagerly. */
function acceptable(text: string, begin: number, span: string, r: chrono.ParsedResult): boolean {
  const s = r.start
  if (r.tags().has('casualReference/now') || DURATION_LEAD.test(span)) return false
  // A weekday alone is left to the weekday rule; a time of day alone is not a date.
  if (!s.isCertain('day') && !s.isCertain('month') && !s.isCertain('year')) return false
  // "6/2", "9/11": figures or names more often than dates when no year is given.
  if (!/[a-z]/i.test(span) && !s.isCertain('year')) return false
  for (const word of span.match(/[a-z]+/gi) ?? []) {
    // "march", "may": a verb or a modal unless capitalised.
    if (MONTH_NAMES.has(word.toLowerCase()) && !/^[A-Z]/.test(word)) return false
  }
  // "The Europe Today", "USA Today": a capitalised day word inside a name, not at a sentence start.
  if (/^(?:Today|Tonight|Tomorrow|Yesterday)$/.test(span)) {
    if (/[A-Z][\w.&]*\s+$/.test(text.slice(Math.max(0, begin - 30), begin))) return false
  }
  if (s.isCertain('month') && !s.isCertain('day') && !s.isCertain('year')) {
    // A bare month name needs a preposition or modifier in front: "in August", "early May".
    const before = /([a-z]+)[\s-]*$/i.exec(text.slice(Math.max(0, begin - 20), begin))
    if (!before || !MONTH_CONTEXT.has((before[1] ?? '').toLowerCase())) return false
  }
  return true
}

interface Resolved {
  readonly value: string
  readonly grain: 'day' | 'month' | 'year'
  readonly from: Day
  readonly to: Day
  readonly inferred: boolean
}

/**
 * One end of a chrono result as a calendar unit, in its own precision. A year chrono only
 * implied is chosen again by `direction`; the end of a range takes the start's year.
 */
function resolveComponents(
  c: chrono.ParsedComponents,
  ref: Day | null,
  direction: Direction,
  start: Resolved | null,
): Resolved | null {
  const hasDay = c.isCertain('day')
  const hasMonth = hasDay || c.isCertain('month')
  const month = c.get('month') ?? 1
  const day = c.get('day') ?? 1
  let year = c.get('year') ?? 0
  let inferred = false
  if (!c.isCertain('year')) {
    if (!hasMonth) return null
    inferred = true
    if (start) {
      const from = start.from
      const wraps = month < from.month || (month === from.month && hasDay && day < from.day)
      year = from.year + (wraps ? 1 : 0)
    } else {
      if (!ref) return null
      const weekday = c.isCertain('weekday') ? c.get('weekday') : null
      const fits = (y: number): boolean =>
        weekday === null || weekdayOf({ year: y, month, day }) === weekday
      const dayOrNull = hasDay ? day : null
      // A stated weekday outweighs the tense: "Wednesday, March 30" falls in the year where
      // March 30 is a Wednesday, whichever way the verbs point.
      year =
        resolveYear(ref, month, dayOrNull, direction, hasDay ? fits : undefined) ??
        (hasDay && weekday !== null ? resolveYear(ref, month, day, 'nearest', fits) : null) ??
        resolveYear(ref, month, dayOrNull, direction) ??
        ref.year
    }
  }
  if (hasDay) {
    const d = { year, month, day }
    return { value: formatDay(d), grain: 'day', from: d, to: d, inferred }
  }
  if (hasMonth) {
    return {
      value: formatMonth(year, month),
      grain: 'month',
      from: { year, month, day: 1 },
      to: { year, month, day: daysInMonth(year, month) },
      inferred,
    }
  }
  return {
    value: String(year),
    grain: 'year',
    from: { year, month: 1, day: 1 },
    to: { year, month: 12, day: 31 },
    inferred,
  }
}
