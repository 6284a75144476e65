/**
 * "this week", "last week", "next week" and the same for the weekend: an interval of days,
 * weeks running Monday to Sunday as in ISO 8601.
 */
import { addDays, formatDay, mondayOf } from '../calendar.js'
import type { DateCandidate, DateChunk, DateRule } from '../date-rule.js'

const SOURCE = 'dates/relative-week'
/** "this week", "Last weekend" */
const RELATIVE_WEEK = /\b([Tt]his|[Ll]ast|[Nn]ext)\s+(week(?:end)?)\b/g
const SHIFT: Readonly<Record<string, number>> = { this: 0, last: -7, next: 7 }

/** Finds "this/last/next week(end)". */
export const relativeWeek: DateRule = function relativeWeek(chunk: DateChunk): DateCandidate[] {
  const ref = chunk.reference
  if (!ref) return []
  const out: DateCandidate[] = []
  for (const m of chunk.text.slice(chunk.start, chunk.end).matchAll(RELATIVE_WEEK)) {
    const monday = addDays(mondayOf(ref), SHIFT[(m[1] ?? '').toLowerCase()] ?? 0)
    // A weekend is the Saturday and Sunday closing the week.
    const first = m[2] === 'weekend' ? addDays(monday, 5) : monday
    const last = addDays(monday, 6)
    out.push({
      start: chunk.start + m.index,
      end: chunk.start + m.index + m[0].length,
      value: `${formatDay(first)}/${formatDay(last)}`,
      grain: 'interval',
      certainty: 'known',
      source: SOURCE,
      priority: 2,
    })
  }
  return out
}
