/**
 * Finds the dateline that opens a body paragraph: "Beijing, December 20, 2023, The Europe
 * Today:", "MOSCOW, March 31 -", "SEOUL (Reuters) -". Only the extent is found here; the
 * dateline stage reads place, date and outlet out of it.
 */

const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?'
/** "Beijing", "NEW YORK", "Port-au-Prince", "ST. PETERSBURG": up to five capitalised words. */
const PLACE = "[A-Z][A-Za-z.'\\-]*(?: [A-Z][A-Za-z.'\\-]*){0,4}"
/** Everything between the place and the separator: date, outlet, agency. */
const MIDDLE = "[^\\n:]{0,90}?"
/** The separator: a colon, a spaced dash (one or two hyphens, en or em dash). */
const SEPARATOR = '(?::|\\s+(?:-{1,2}|–|—)\\s+)'

const DATELINE = new RegExp(`^(${PLACE})(${MIDDLE})${SEPARATOR}`)
const HAS_DATE = new RegExp(`\\b${MONTH}\\s+\\d{1,2}\\b|\\b\\d{4}\\b`)
/** Labels that open a wire story like a dateline but name no place ("BREAKING:", "UPDATE -"). */
const NOT_PLACES = new Set([
  'BREAKING', 'BREAKING NEWS', 'UPDATE', 'UPDATED', 'EXCLUSIVE', 'ANALYSIS', 'OPINION', 'WATCH',
  'LIVE', 'CORRECTION', 'CORRECTED', 'FACTBOX', 'EDITORIAL', 'COMMENT', 'REVIEW', 'INTERVIEW',
  'ALERT', 'URGENT', 'FLASH', 'NEWSALERT', 'BULLETIN', 'REFILE', 'ADVISORY', 'PREVIEW', 'FEATURE',
])
const AGENCY = /\((?:Reuters|AP|AFP|UPI|Xinhua|TASS|dpa|Bloomberg)\)/i

/** The end offset (within `paragraph`) of its opening dateline, or -1 when it has none. */
export function findDatelinePrefix(paragraph: string): number {
  const m = DATELINE.exec(paragraph)
  if (!m) return -1
  const place = m[1] ?? ''
  const middle = m[2] ?? ''
  // A dateline names a date, an agency, or an all-capitals place ("LONDON -"); an opening
  // clause that merely ends in a colon ("China said:") has none of these.
  if (NOT_PLACES.has(place.toUpperCase())) return -1
  const capsPlace = place.length > 2 && place === place.toUpperCase()
  if (!HAS_DATE.test(middle) && !AGENCY.test(middle) && !capsPlace) return -1
  if (middle.length > 0 && !/^\s*[,(]/.test(middle)) return -1
  return m[0].length
}
