/**
 * A weekday named on its own ("on Wednesday", "Tuesday evening", "next Friday"), resolved
 * against the reference day: the day itself when it falls on that weekday, otherwise the last
 * or the next one as the modifier or the sentence's tense says, or the nearest (within three
 * days) when nothing does.
 */
import { addDays, formatDay, mondayOf, weekdayOf, type Day, type Direction } from '../calendar.js'
import type { DateCandidate, DateChunk, DateRule } from '../date-rule.js'

const SOURCE = 'dates/relative-weekday'
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MODIFIER = '[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast'
/** "next Wednesday", "Tuesday": capitalised, whole words (not "Tuesdays"). */
const WEEKDAY = new RegExp(`\\b(?:(${MODIFIER})\\s+)?(${WEEKDAYS.join('|')})\\b`, 'g')
/** Named days that are not a day of this week: "Good Friday", "Super Tuesday". */
const NAMED_DAY_BEFORE =
  /\b(?:Black|Good|Ash|Easter|Palm|Super|Holy|Bloody|Cyber|Maundy|Shrove|Whit|Low|Giving)\s+$/
/** Newspapers and the like: "the Sunday Times", "Monday Morning Herald". */
const TITLE_AFTER = new RegExp(
  '^\\s+(?:Times|Telegraph|Express|Mirror|Herald|Post|Independent|Observer|Mail|Tribune|' +
    'People|Sport|Star|Business|Morning\\s+Herald)\\b',
)

/** Finds bare and modified weekdays in a chunk. */
export const relativeWeekday: DateRule = function relativeWeekday(
  chunk: DateChunk,
): DateCandidate[] {
  const ref = chunk.reference
  if (!ref) return []
  const text = chunk.text
  const out: DateCandidate[] = []
  const slice = text.slice(chunk.start, chunk.end)
  for (const m of slice.matchAll(WEEKDAY)) {
    const modifier = m[1]?.toLowerCase() ?? null
    const name = m[2] ?? ''
    const at = chunk.start + m.index
    const nameAt = at + m[0].length - name.length
    if (NAMED_DAY_BEFORE.test(text.slice(Math.max(0, at - 12), at))) continue
    if (TITLE_AFTER.test(text.slice(nameAt + name.length, nameAt + name.length + 20))) continue
    const weekday = WEEKDAYS.indexOf(name)
    const day = modifier
      ? withModifier(ref, weekday, modifier)
      : withDirection(ref, weekday, chunk.directionAt(nameAt))
    out.push({
      // A modifier belongs to the expression; a preposition ("on") does not.
      start: modifier ? at : nameAt,
      end: nameAt + name.length,
      value: formatDay(day),
      grain: 'day',
      certainty: modifier ? 'known' : 'implied',
      source: SOURCE,
      priority: 2,
    })
  }
  return out
}

function withDirection(ref: Day, weekday: number, direction: Direction): Day {
  const ahead = (weekday - weekdayOf(ref) + 7) % 7
  if (ahead === 0) return ref
  if (direction === 'future') return addDays(ref, ahead)
  if (direction === 'past') return addDays(ref, ahead - 7)
  // Seven days split into three back, three ahead: the nearest is always unique.
  return addDays(ref, ahead <= 3 ? ahead : ahead - 7)
}

function withModifier(ref: Day, weekday: number, modifier: string): Day {
  const ahead = (weekday - weekdayOf(ref) + 7) % 7
  switch (modifier) {
    case 'next':
    case 'coming':
      return addDays(ref, ahead === 0 ? 7 : ahead)
    case 'last':
    case 'past':
      return addDays(ref, ahead === 0 ? -7 : ahead - 7)
    default:
      // "this Friday": the one in the reference day's Monday-to-Sunday week.
      return addDays(mondayOf(ref), (weekday + 6) % 7)
  }
}
