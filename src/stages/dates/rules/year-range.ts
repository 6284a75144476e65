/**
 * A span of years written with a hyphen, dash or slash: "2024-2025", "1986/87", "1990–91". The
 * value is an interval of years, `2024/2025`.
 */
import type { DateCandidate, DateChunk, DateRule } from '../date-rule.js'
import {
  LABEL_WORDS,
  QUANTIFIER_WORDS,
  YEAR_DIGITS,
  quantityFollows,
  wordBefore,
} from './year-context.js'

const SOURCE = 'dates/year-range'
/** Not inside a longer figure, an amount or an identifier. */
const NOT_AFTER = "(?<![\\w$€£¥.,/#'’-])"
/** "2023-12-20" is a day, "1990-1.5" an odd figure: neither is a range. */
const NOT_BEFORE = '(?![\\w%]|[-–/.,]\\d)'
/** "2024-2025", "1986/87" */
const YEAR_RANGE = new RegExp(
  `${NOT_AFTER}(${YEAR_DIGITS})\\s?[-–/]\\s?(\\d{4}|\\d{2})${NOT_BEFORE}`,
  'g',
)

/** Finds spans of years. */
export const yearRange: DateRule = function yearRange(chunk: DateChunk): DateCandidate[] {
  const text = chunk.text
  const out: DateCandidate[] = []
  for (const m of text.slice(chunk.start, chunk.end).matchAll(YEAR_RANGE)) {
    const start = chunk.start + m.index
    const end = start + m[0].length
    const from = Number(m[1])
    const written = m[2] ?? ''
    // "87" after "1986" is 1987; "00" after "1999" is 2000.
    let to = Number(written)
    if (written.length === 2) {
      to += Math.floor(from / 100) * 100
      if (to < from) to += 100
    }
    if (to <= from || to > 2100 || to - from > 100) continue
    const before = wordBefore(text, start)
    if (LABEL_WORDS.has(before) || QUANTIFIER_WORDS.has(before)) continue
    if (quantityFollows(text, end)) continue
    out.push({
      start,
      end,
      value: `${from}/${to}`,
      grain: 'interval',
      certainty: 'known',
      source: SOURCE,
      priority: 2,
    })
  }
  return out
}
