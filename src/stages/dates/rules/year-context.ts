/**
 * What surrounds a four-digit figure, for telling a year ("in 1956", "a 1949 law") from an amount
 * ("2000 tonnes", "$1990"), a count ("some 1500 troops"), a street number or a label
 * ("Section 2001", "Flight 1549").
 */

/** A year written in four digits, within the span news text talks about. */
export const YEAR_DIGITS = '(?:18\\d\\d|19\\d\\d|20\\d\\d|2100)'

/** Units and counted nouns that make the figure before them a quantity. */
const UNIT_WORDS = new Set(
  (
    'tonnes tonne tons ton t people persons person dollars dollar dlrs dlr usd yen marks francs ' +
    'pounds sterling stg euros yuan rupees roubles rubles won lire lira pesos percent pct ' +
    'km kilometres kilometers kms miles mile metres meters m feet ft kg kilograms grams hectares ' +
    'acres barrels bpd mln million billion bln trillion thousand hundred shares votes troops ' +
    'soldiers workers deaths dead casualties victims refugees prisoners children houses homes ' +
    'buildings cars vehicles units points hours hrs hour minutes mins seconds gmt utc est edt ' +
    'cases members students employees jobs tanks aircraft planes ships megawatts mw kw calories ' +
    'degrees yards words pages times copies rounds games seats delegates candidates women men ' +
    'villages families passengers pupils inhabitants residents civilians policemen officers ' +
    'rebels militants protesters demonstrators marines sailors flights kilos lbs ounces litres ' +
    'liters gallons bushels bales head cattle'
  ).split(' '),
)
/** "1600 Pennsylvania Avenue": a number before a street name. */
const STREET_WORDS = new Set(
  'street st avenue ave road rd boulevard blvd lane drive way place square plaza'.split(' '),
)
/** Words after which a figure is a label or an identifier: "Section 2001", "Flight 1549". */
export const LABEL_WORDS = new Set(
  (
    'section sections article articles no number nos route room flight chapter resolution ' +
    'resolutions rule paragraph clause highway page pages p vol volume item case code bill model ' +
    'version box suite apartment apt unit lot platform gate channel exit title form order decree ' +
    'law act regulation directive annex schedule table figure fig row line bus train boeing ' +
    'airbus interstate hr sec pp'
  ).split(' '),
)
/** Words that make the figure after them an approximate count. */
export const QUANTIFIER_WORDS = new Set(
  (
    'about some nearly almost over than around approximately roughly only just least total ' +
    'estimated additional another extra up down fewer more less below above under exceeding ' +
    'averaged reached hit killed injured'
  ).split(' '),
)

/**
 * Is the figure that ends at `end` followed by a unit, a percent sign, a multiplier or a street
 * name? Then it is a quantity or an address, not a year.
 */
export function quantityFollows(text: string, end: number): boolean {
  const after = text.slice(end, end + 40)
  if (/^\s*(?:%|per\s*cent)/i.test(after)) return true
  const words = after.match(/^[\s-]*([a-z]+)\.?(?:\s+([a-z]+))?(?:\s+([a-z]+))?/i)
  if (!words) return false
  const first = (words[1] ?? '').toLowerCase()
  if (UNIT_WORDS.has(first)) return true
  // A street name sits between the number and "Street" ("1600 Pennsylvania Avenue").
  if (!/^[A-Z]/.test(words[1] ?? '')) return false
  return [words[2], words[3]].some((w) => w !== undefined && STREET_WORDS.has(w.toLowerCase()))
}

/**
 * The word just before `start`, lower-cased, skipping a full stop, `#` or `(` ("No. 1990" gives
 * `no`); a possessive gives `'s` ("Britain's 1990 budget"); '' at the start of the text.
 */
export function wordBefore(text: string, start: number): string {
  const m = /([a-z]+)(['’]s)?\.?\s*(?:[#(]\s*)?$/i.exec(
    text.slice(Math.max(0, start - 30), start),
  )
  if (!m) return ''
  return m[2] ? "'s" : (m[1] ?? '').toLowerCase()
}
