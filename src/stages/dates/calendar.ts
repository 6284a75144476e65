/**
 * Calendar arithmetic on plain days (proleptic Gregorian, no time zone), so that resolving a
 * date never depends on the machine's clock or zone.
 */

/** A calendar day. `month` is 1–12. */
export interface Day {
  readonly year: number
  readonly month: number
  readonly day: number
}

/** Which way an expression without a stated year or direction points from the reference day. */
export type Direction = 'past' | 'future' | 'nearest'

const MS_PER_DAY = 86_400_000

/** Reads `YYYY-MM-DD` (a longer ISO timestamp is cut to its day); null when it is not a day. */
export function parseIsoDay(iso: string): Day | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!m) return null
  const day = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }
  return isValidDay(day.year, day.month, day.day) ? day : null
}

export function isValidDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** Days since 1970-01-01. */
export function dayNumber(d: Day): number {
  return Date.UTC(d.year, d.month - 1, d.day) / MS_PER_DAY
}

export function fromDayNumber(n: number): Day {
  const date = new Date(n * MS_PER_DAY)
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }
}

export function addDays(d: Day, n: number): Day {
  return fromDayNumber(dayNumber(d) + n)
}

/** 0 = Sunday … 6 = Saturday, as `Date#getDay` and chrono's `weekday` count. */
export function weekdayOf(d: Day): number {
  return (((dayNumber(d) + 4) % 7) + 7) % 7
}

/** The Monday that opens the ISO 8601 week holding `d`. */
export function mondayOf(d: Day): Day {
  return addDays(d, -((weekdayOf(d) + 6) % 7))
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** `2023-12-20` */
export function formatDay(d: Day): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`
}

/** `2018-08` */
export function formatMonth(year: number, month: number): string {
  return `${pad(year, 4)}-${pad(month)}`
}

/** The interval of days from the first of `fromMonth` to the end of `toMonth` in `year`. */
export function monthsInterval(year: number, fromMonth: number, toMonth: number): string {
  const first = { year, month: fromMonth, day: 1 }
  const last = { year, month: toMonth, day: daysInMonth(year, toMonth) }
  return `${formatDay(first)}/${formatDay(last)}`
}

/**
 * The year to give a month (and day) written without one: the latest occurrence on or before
 * the reference day for `past`, the earliest on or after it for `future`, otherwise the closest
 * (ties go to the past: news reports more of what happened than of what will). `accept` can
 * rule out candidate years, e.g. those where a stated weekday does not fall on the day.
 */
export function resolveYear(
  ref: Day,
  month: number,
  day: number | null,
  direction: Direction,
  accept: (year: number) => boolean = () => true,
): number | null {
  const refKey = day === null ? ref.year * 12 + ref.month : dayNumber(ref)
  let best: { year: number; distance: number } | null = null
  for (let year = ref.year - 1; year <= ref.year + 1; year++) {
    if (day !== null && !isValidDay(year, month, day)) continue
    if (!accept(year)) continue
    const key = day === null ? year * 12 + month : dayNumber({ year, month, day })
    const signed = key - refKey
    if (direction === 'past' && signed > 0) continue
    if (direction === 'future' && signed < 0) continue
    // Past candidates sort before future ones at equal distance.
    const distance = Math.abs(signed) * 2 + (signed > 0 ? 1 : 0)
    if (!best || distance < best.distance) best = { year, distance }
  }
  return best?.year ?? null
}
