/**
 * How an article is recognised across runs (its URL or its content hash) and how near-duplicate
 * wire copies are found (a 64-bit SimHash of its word shingles). Both backends store what
 * `identify` returns, so they agree on keys and duplicates.
 */
import { createHash } from 'node:crypto'
import type { ExtractionArticle } from '../core/extraction.js'
import type { ArticleIdentity } from './store.js'

/** Query parameters that track a click, not name a page (`utm_source`, `UTM_Medium`, ...). */
const TRACKING_PARAM = /^utm_/i

/** A word for shingling: a run of letters and digits (`200`, `China`, `2024`). */
const WORD = /[\p{L}\p{N}]+/gu

/** Words per shingle: 3-shingles survive a changed word better than 4 or 5 on short wire copies. */
const SHINGLE_WORDS = 3

/** The SimHash of a text with no words: all bits clear. */
const EMPTY_SIMHASH = '0000000000000000'

/** What `identify` reads: an extraction, or anything with the same article fields. */
export interface IdentifiedArticle {
  readonly article: Pick<ExtractionArticle, 'url' | 'title' | 'text'>
}

/**
 * The identity of an extracted article: `url:<normalised url>` when it has a URL, else
 * `sha256:<hex>` of its text; the text's SHA-256; and its SimHash. Only the article's URL,
 * title and text are read, so an article can be identified before it is extracted (the same
 * fields carry over unchanged into its extraction).
 *
 * A headline-only brief (blank text; the Reuters corpus has 1,799) is identified by its title
 * instead: hashing the empty text would make all of them one article.
 *
 * @example
 * identify(extraction).key // 'url:https://example.com/news/1' or 'sha256:9f86d0…'
 */
export function identify(extraction: IdentifiedArticle): ArticleIdentity {
  const { url, text, title } = extraction.article
  const content = text.trim() === '' ? (title ?? '') : text
  const contentHash = sha256Hex(content)
  const normalised = url === null ? null : normalizeUrl(url)
  return {
    key: normalised === null ? `sha256:${contentHash}` : `url:${normalised}`,
    contentHash,
    simhash: simhash(text),
  }
}

/** SHA-256 of a string's UTF-8 bytes, as 64 lower-case hex digits. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/**
 * A URL in the form used for article keys: lower-case scheme and host (as WHATWG URL parsing
 * gives them), no credentials, no fragment, no `utm_*` parameters, no trailing slash. A string
 * that does not parse as a URL is only trimmed and loses its fragment; a blank one gives null.
 *
 * @example
 * normalizeUrl('HTTPS://Example.com/News/1/?utm_source=rss&id=2#top')
 * // 'https://example.com/News/1?id=2'
 */
export function normalizeUrl(raw: string): string | null {
  const trimmed = raw.trim()
  if (trimmed === '') return null
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    // Not absolute (a bare path or a feed's odd link): still a stable key, fragment aside.
    const bare = trimmed.replace(/#.*$/s, '')
    return bare === '' ? null : bare
  }
  const kept = [...url.searchParams].filter(([name]) => !TRACKING_PARAM.test(name))
  const search = kept.length === 0 ? '' : `?${new URLSearchParams(kept).toString()}`
  const path = url.pathname.replace(/\/+$/, '')
  const host = url.host === '' ? '' : `//${url.host}`
  return `${url.protocol}${host}${path}${search}`
}

/**
 * The 64-bit SimHash (Charikar 2002) of a text's word 3-shingles, as 16 hex digits. Each shingle
 * (lower-cased words joined by one space) is hashed with FNV-1a 64 over its UTF-16 code units
 * (the same as over UTF-8 bytes for ASCII text); every occurrence votes on every bit. A text of
 * one or two words is one shingle; a text with no words gives all zeros.
 *
 * @example
 * hamming(simhash('a b c d e f g'), simhash('a b c d e f h')) // small
 */
export function simhash(text: string): string {
  const words = text.toLowerCase().match(WORD)
  if (words === null) return EMPTY_SIMHASH
  const votes = new Int32Array(64)
  const shingles = Math.max(1, words.length - SHINGLE_WORDS + 1)
  for (let i = 0; i < shingles; i++) {
    const [hi, lo] = fnv1a64(words, i, Math.min(words.length, i + SHINGLE_WORDS))
    for (let bit = 0; bit < 32; bit++) {
      votes[bit]! += (((lo >>> bit) & 1) << 1) - 1
      votes[bit + 32]! += (((hi >>> bit) & 1) << 1) - 1
    }
  }
  let lo = 0
  let hi = 0
  for (let bit = 0; bit < 32; bit++) {
    if ((votes[bit] ?? 0) > 0) lo |= 1 << bit
    if ((votes[bit + 32] ?? 0) > 0) hi |= 1 << bit
  }
  return hex32(hi >>> 0) + hex32(lo >>> 0)
}

/**
 * The number of bits in which two SimHashes (16 hex digits each) differ.
 *
 * @example
 * hamming('0000000000000000', '0000000000000007') // 3
 */
export function hamming(a: string, b: string): number {
  return (
    popcount32((parseInt(a.slice(0, 8), 16) ^ parseInt(b.slice(0, 8), 16)) >>> 0) +
    popcount32((parseInt(a.slice(8, 16), 16) ^ parseInt(b.slice(8, 16), 16)) >>> 0)
  )
}

/** Two articles are near-duplicates when their SimHashes differ in at most this many bits. */
export const NEAR_DUPLICATE_DISTANCE = 3

/**
 * Texts shorter than this are never linked as near-duplicates. Measured on Reuters-21578: below
 * 20 words the wire's formula notices ("Qtly div four cts vs four cts prior / Pay April 15 /
 * Record March 23") from different companies fall within distance 3 of each other, because the
 * company is named only in the headline; from 20 words on, the pairs found were true copies.
 */
export const NEAR_DUPLICATE_MIN_WORDS = 20

/**
 * Whether a text is long enough to be compared for near-duplicates (see
 * {@link NEAR_DUPLICATE_MIN_WORDS}).
 *
 * @example
 * canBeNearDuplicate('Qtly div four cts vs four cts prior') // false
 */
export function canBeNearDuplicate(text: string): boolean {
  let words = 0
  for (const _ of text.matchAll(WORD)) {
    if (++words >= NEAR_DUPLICATE_MIN_WORDS) return true
  }
  return false
}

/**
 * The four 16-bit bands of a SimHash, most significant first. Two hashes within Hamming distance 3
 * agree on at least one band (pigeonhole), so an index on the bands finds every candidate.
 */
export function simhashBands(hash: string): [number, number, number, number] {
  return [
    parseInt(hash.slice(0, 4), 16),
    parseInt(hash.slice(4, 8), 16),
    parseInt(hash.slice(8, 12), 16),
    parseInt(hash.slice(12, 16), 16),
  ]
}

/** FNV-1a offset basis 0xcbf29ce484222325, as two 32-bit halves. */
const FNV_OFFSET_HI = 0xcbf29ce4
const FNV_OFFSET_LO = 0x84222325
/** FNV 64-bit prime 0x100000001b3 = 2^40 + 0x1b3: its high half is 0x100. */
const FNV_PRIME_LO = 0x1b3
const FNV_PRIME_HI_SHIFT = 8
const SPACE = 0x20

/**
 * FNV-1a 64 of `words[from..to)` joined by single spaces (hashed in place, without building the
 * string), over UTF-16 code units, as [high, low] unsigned 32-bit halves.
 */
function fnv1a64(words: readonly string[], from: number, to: number): [number, number] {
  let hi = FNV_OFFSET_HI
  let lo = FNV_OFFSET_LO
  for (let w = from; w < to; w++) {
    const word = words[w] ?? ''
    for (let i = w === from ? 0 : -1; i < word.length; i++) {
      // Index -1 stands for the space before every word but the first.
      lo = (lo ^ (i < 0 ? SPACE : word.charCodeAt(i))) >>> 0
      // (hi·2^32 + lo) · (2^40 + 0x1b3) mod 2^64, in doubles: every product stays below 2^53.
      const low = lo * FNV_PRIME_LO
      const carry = Math.floor(low / 0x100000000)
      hi = (hi * FNV_PRIME_LO + ((lo << FNV_PRIME_HI_SHIFT) >>> 0) + carry) >>> 0
      lo = low >>> 0
    }
  }
  return [hi, lo]
}

function hex32(n: number): string {
  return n.toString(16).padStart(8, '0')
}

function popcount32(n: number): number {
  let v = n - ((n >>> 1) & 0x55555555)
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}
