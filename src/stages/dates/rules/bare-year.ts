/**
 * A year on its own: "in 1956", "by 1990", "a 1949 law", "the 1994 genocide", "mid-1987",
 * "early 2020", and decades ("the 1980s", an interval of years). A four-digit figure counts as a
 * year only in a year's company: a preposition, determiner or time word before it, or a noun
 * after it; never before a unit ("2000 tonnes"), after a label ("Section 2001") or a quantifier
 * ("some 1500").
 */
import type { DateCandidate, DateChunk, DateRule } from '../date-rule.js'
import {
  LABEL_WORDS,
  QUANTIFIER_WORDS,
  YEAR_DIGITS,
  quantityFollows,
  wordBefore,
} from './year-context.js'

const WHOLE_YEAR = new RegExp(`^${YEAR_DIGITS}$`)

const SOURCE = 'dates/bare-year'
/** "mid-1987", "early 2020", "late 1990s" */
const SEASON_PREFIX = '([Mm]id-|(?:[Mm]id|[Ee]arly|[Ll]ate)\\s+)'
const BARE_YEAR = new RegExp(
  `(?<![\\w$€£¥.,/#'’-])${SEASON_PREFIX}?(${YEAR_DIGITS})(s)?(?![\\w%]|[.,]\\d|[-–/]\\d)`,
  'g',
)
/** Words before a figure that make it a year. */
const PREPOSITIONS = new Set(
  (
    'in by since until till from during before after through throughout between circa year ' +
    'fiscal calendar early late mid spring summer autumn fall winter end beginning start of'
  ).split(' '),
)
const DETERMINERS = new Set("the a an this that its his her their our whose 's".split(' '))
/** Joining words that make a year of the figure only when a year came just before. */
const CONJOINED = new Set(['and', 'or'])
/** "rose to 2000", "cut to 1990": after these, "to" leads to an amount, not a year. */
const CHANGE_WORDS = new Set(
  (
    'rise rises rose risen rising fall falls fell fallen falling climb climbed increase ' +
    'increased decrease decreased reduce reduced cut raise raised drop dropped jump jumped grow ' +
    'grew grown boost boosted lift lifted lower lowered slash slashed double doubled triple ' +
    'tripled amount amounted total totalled totaled equal equalled up down surge surged soar ' +
    'soared slump slumped plunge plunged tumble tumbled edge edged'
  ).split(' '),
)
/** "a total of 2000", "the number of 1500": the figure is a count. */
const COUNT_NOUNS = new Set(
  (
    'total number sum maximum minimum average population capacity figure estimate list group ' +
    'team batch price cost value rate fine loss deficit surplus output production'
  ).split(' '),
)
const NOUN_POS = new Set(['NOUN', 'PROPN'])

/** Finds years and decades standing on their own. */
export const bareYear: DateRule = function bareYear(chunk: DateChunk): DateCandidate[] {
  const text = chunk.text
  const out: DateCandidate[] = []
  for (const m of text.slice(chunk.start, chunk.end).matchAll(BARE_YEAR)) {
    const start = chunk.start + m.index
    const end = start + m[0].length
    const prefix = m[1]
    const year = Number(m[2])
    const decade = m[3] !== undefined
    if (quantityFollows(text, end)) continue
    if (!prefix && !looksLikeYear(chunk, start, end, decade)) continue
    if (decade && year % 10 !== 0) continue
    out.push({
      start,
      end,
      value: decade ? `${year}/${year + 9}` : String(year),
      grain: decade ? 'interval' : 'year',
      certainty: 'known',
      source: SOURCE,
      priority: 0,
    })
  }
  return out
}

function looksLikeYear(chunk: DateChunk, start: number, end: number, decade: boolean): boolean {
  const text = chunk.text
  const before = wordBefore(text, start)
  if (LABEL_WORDS.has(before) || QUANTIFIER_WORDS.has(before)) return false
  if (before === 'of') {
    const of = text.lastIndexOf('of', start)
    if (COUNT_NOUNS.has(wordBefore(text, of))) return false
  }
  const next = chunk.tokens[chunk.tokenAt(end)]
  const nextPos = next && next.start < end + 3 ? next.pos : null
  if (PREPOSITIONS.has(before)) return true
  if (DETERMINERS.has(before)) {
    // "the 1994 genocide", "the 1980s"; not "the 2000 who fled".
    if (decade || nextPos === null) return true
    return NOUN_POS.has(nextPos) || nextPos === 'ADJ' || nextPos === 'PUNCT'
  }
  if (before === 'to') {
    // "extended to 2025", "from 1990 to 1995"; not "rose to 2000" nor "from 1500 to 2000".
    const to = text.lastIndexOf('to', start)
    if (CHANGE_WORDS.has(wordBefore(text, to))) return false
    const from = /\bfrom\s+(\d[\d,.]*)\s+$/i.exec(text.slice(Math.max(0, to - 20), to))
    return !from || WHOLE_YEAR.test(from[1] ?? '')
  }
  if (CONJOINED.has(before)) {
    // "from 1990 to 1995", "between 1986 and 1990"
    return /(?:18|19|20)\d\d\s+\S+\s*$/.test(text.slice(Math.max(0, start - 20), start))
  }
  if (decade || !next || nextPos === null || !NOUN_POS.has(nextPos)) return false
  // "1949 law", "1956 Geneva Convention"; a plural common noun ("1500 troops") is a count.
  return nextPos === 'PROPN' || !/[^s]s$/.test(next.lower)
}
