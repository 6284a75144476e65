/**
 * Fields every backend derives the same way from a stored event: the GDELT-style event key that
 * groups reports of one event, and the span of days an event's date covers (for date filters).
 */
import type { EventOut } from '../core/extraction.js'

/**
 * The key under which reports of the same event are counted together (GDELT's NumMentions,
 * NumSources, NumArticles): `${date ?? ''}|${source}|${target}|${code}`.
 *
 * @example
 * eventKey({ date: '2023-12-20', source: 'CHNGOV', target: 'RUSGOV', code: '040' })
 * // '2023-12-20|CHNGOV|RUSGOV|040'
 */
export function eventKey(event: Pick<EventOut, 'date' | 'source' | 'target' | 'code'>): string {
  return `${event.date ?? ''}|${event.source}|${event.target}|${event.code}`
}

/** The first and last ISO day a date value covers. */
export interface DayBounds {
  readonly from: string
  readonly to: string
}

const DAY = /^\d{4}-\d{2}-\d{2}$/
const MONTH = /^(\d{4})-(\d{2})$/
const YEAR = /^\d{4}$/

/**
 * The days a date value (as the dates stage writes it: `2023-12-20`, `2018-08`, `2024`, or an
 * interval `2023-01-01/2023-11-30`, `2024/2025`) covers, or null for null or any other form.
 *
 * @example
 * dayBounds('2018-08') // { from: '2018-08-01', to: '2018-08-31' }
 * dayBounds('2024/2025') // { from: '2024-01-01', to: '2025-12-31' }
 */
export function dayBounds(value: string | null): DayBounds | null {
  if (value === null) return null
  const slash = value.indexOf('/')
  if (slash >= 0) {
    const first = dayBounds(value.slice(0, slash))
    const last = dayBounds(value.slice(slash + 1))
    if (first === null || last === null || first.from > last.to) return null
    return { from: first.from, to: last.to }
  }
  if (DAY.test(value)) return { from: value, to: value }
  const month = MONTH.exec(value)
  if (month) {
    const last = new Date(Date.UTC(Number(month[1]), Number(month[2]), 0)).getUTCDate()
    return { from: `${value}-01`, to: `${value}-${String(last).padStart(2, '0')}` }
  }
  if (YEAR.test(value)) return { from: `${value}-01-01`, to: `${value}-12-31` }
  return null
}

/**
 * The country (alpha-3) an actor code belongs to: its first three letters (`CHNGOV` → `CHN`).
 * International and non-state codes (`IGOUNO`, `NGO`) give their own first block.
 */
export function actorCountry(code: string): string {
  return code.slice(0, 3)
}
