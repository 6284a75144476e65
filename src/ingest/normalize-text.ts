/**
 * Typographic normalisation that keeps every offset valid: each replacement swaps one UTF-16 code
 * unit for one, so `normalizeText(s).length === s.length` and a span of the normalised text is
 * the same span of the raw text.
 */

/**
 * No-break, fixed-width and ideographic spaces (U+00A0, U+2000–U+200A, U+202F, U+205F, U+3000),
 * a carriage return (so CRLF stays two units: " \n") and a byte-order mark (U+FEFF, only at the
 * start: elsewhere it is a zero-width no-break space and left alone).
 */
const SPACES = /^\uFEFF|[\r\u00A0\u2000-\u200A\u202F\u205F\u3000]/g
/** ‘ ’ ‚ ‛ (U+2018–U+201B). */
const SINGLE_QUOTES = /[\u2018-\u201B]/g
/** “ ” „ ‟ (U+201C–U+201F). */
const DOUBLE_QUOTES = /[\u201C-\u201F]/g

/**
 * Replaces exotic spaces, carriage returns and a leading BOM with a space and curly quotes with
 * straight ones, one code unit for one.
 *
 * @example
 * normalizeText('Xi\u00A0Jinping said “yes”\r\n') // 'Xi Jinping said "yes" \n'
 */
export function normalizeText(s: string): string {
  return s.replace(SPACES, ' ').replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"')
}
