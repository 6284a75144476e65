/**
 * Article identity: URL normalisation, keys, content hashes, SimHash and Hamming distance.
 * Table-driven; the SimHash rows check the published FNV-1a 64 vectors through one-shingle texts.
 */
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { test } from 'node:test'
import { EXTRACTION_FORMAT, type Extraction } from '../../src/core/extraction.js'
import {
  canBeNearDuplicate,
  hamming,
  identify,
  normalizeUrl,
  simhash,
  simhashBands,
} from '../../src/storage/article-identity.js'

const URLS: ReadonlyArray<[string, string | null]> = [
  ['https://example.com/news/1', 'https://example.com/news/1'],
  ['HTTPS://Example.COM/News/1', 'https://example.com/News/1'],
  ['https://example.com/news/1/', 'https://example.com/news/1'],
  ['https://example.com/', 'https://example.com'],
  ['https://example.com/news/1#comments', 'https://example.com/news/1'],
  ['https://example.com/a?utm_source=rss&utm_medium=feed', 'https://example.com/a'],
  ['https://example.com/a?id=7&UTM_Campaign=x', 'https://example.com/a?id=7'],
  ['https://example.com:443/a', 'https://example.com/a'],
  ['http://user:secret@example.com/a', 'http://example.com/a'],
  ['  https://example.com/a  ', 'https://example.com/a'],
  ['story-17.html#top', 'story-17.html'],
  ['   ', null],
]

for (const [raw, expected] of URLS) {
  test(`normalizeUrl(${JSON.stringify(raw)})`, () => {
    assert.equal(normalizeUrl(raw), expected)
  })
}

/** FNV-1a 64 test vectors (Fowler–Noll–Vo reference); a one-word text is one shingle, and the
 * SimHash of a single shingle is that shingle's hash. */
const FNV_VECTORS: ReadonlyArray<[string, string]> = [
  ['a', 'af63dc4c8601ec8c'],
  ['foobar', '85944171f73967e8'],
]

for (const [word, hash] of FNV_VECTORS) {
  test(`simhash of the one-shingle text '${word}' is its FNV-1a 64 hash`, () => {
    assert.equal(simhash(word), hash)
  })
}

const SIMHASH_SHAPES: ReadonlyArray<[string, string]> = [
  ['', '0000000000000000'],
  ['... !!! ---', '0000000000000000'],
  ['Hello, World!', simhash('hello world')],
]

for (const [text, expected] of SIMHASH_SHAPES) {
  test(`simhash(${JSON.stringify(text)}) ignores case and punctuation`, () => {
    assert.equal(simhash(text), expected)
    assert.match(simhash(text), /^[0-9a-f]{16}$/)
  })
}

const HAMMING: ReadonlyArray<[string, string, number]> = [
  ['0000000000000000', '0000000000000000', 0],
  ['0000000000000000', '0000000000000007', 3],
  ['8000000000000000', '0000000000000001', 2],
  ['ffffffffffffffff', '0000000000000000', 64],
  ['00000000ffffffff', 'ffffffff00000000', 64],
]

for (const [a, b, distance] of HAMMING) {
  test(`hamming(${a}, ${b}) = ${distance}`, () => {
    assert.equal(hamming(a, b), distance)
    assert.equal(hamming(b, a), distance)
  })
}

test('simhashBands splits the hash into four 16-bit values, most significant first', () => {
  assert.deepEqual(simhashBands('0001000200030004'), [1, 2, 3, 4])
  assert.deepEqual(simhashBands('ffff00000000ffff'), [0xffff, 0, 0, 0xffff])
})

const WIRE =
  'Canada proposed talks with Mexico on steel quotas, Trade Minister Mary Ng said on Tuesday. ' +
  'Ng told reporters that Ottawa wanted an agreement before the end of June, and said Canada ' +
  'would not impose new tariffs while the talks went on.'

test('a copy differing only in case, spacing and punctuation has the same SimHash', () => {
  const copy = WIRE.toUpperCase().replace(/, /g, ' -- ').replace(/ /g, '\n ')
  assert.equal(hamming(simhash(WIRE), simhash(copy)), 0)
})

test('another story is far from it', () => {
  const other =
    'Kenya sent 500 tonnes of food and $2 million in emergency aid to Somalia after floods ' +
    'killed at least 50 people, the Kenyan foreign ministry said on Monday in Nairobi.'
  assert.ok(hamming(simhash(WIRE), simhash(other)) > 3)
})

const NEAR_DUPLICATE_SIZES: ReadonlyArray<[string, boolean]> = [
  ['Qtly div four cts vs four cts prior. Pay April 15. Record March 23.', false],
  [WIRE, true],
  ['', false],
]

for (const [text, expected] of NEAR_DUPLICATE_SIZES) {
  test(`canBeNearDuplicate(${JSON.stringify(text.slice(0, 30))}…) = ${expected}`, () => {
    assert.equal(canBeNearDuplicate(text), expected)
  })
}

function extraction(article: Partial<Extraction['article']>): Extraction {
  return {
    format: EXTRACTION_FORMAT,
    article: {
      id: 'a',
      title: null,
      source: null,
      url: null,
      date: null,
      input: 'a.txt',
      format: 'txt',
      text: '',
      ...article,
    },
  } as unknown as Extraction
}

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex')

test('identify: the normalised URL is the key when there is one', () => {
  const id = identify(extraction({ url: 'HTTPS://Example.com/a/?utm_source=x#y', text: WIRE }))
  assert.equal(id.key, 'url:https://example.com/a')
  assert.equal(id.contentHash, sha256(WIRE))
  assert.equal(id.simhash, simhash(WIRE))
})

test('identify: without a URL the key is the SHA-256 of the text', () => {
  const id = identify(extraction({ text: WIRE }))
  assert.equal(id.key, `sha256:${sha256(WIRE)}`)
  assert.equal(id.contentHash, sha256(WIRE))
})

test('identify: a headline-only brief is identified by its title, not the empty text', () => {
  const a = identify(extraction({ title: 'CANADA, MEXICO TO DISCUSS STEEL QUOTAS', text: '' }))
  const b = identify(extraction({ title: 'KENYA SENDS FLOOD AID TO SOMALIA', text: '  ' }))
  assert.equal(a.key, `sha256:${sha256('CANADA, MEXICO TO DISCUSS STEEL QUOTAS')}`)
  assert.notEqual(a.key, b.key)
  assert.equal(a.simhash, '0000000000000000')
})

test('identify: a blank URL counts as none', () => {
  assert.equal(identify(extraction({ url: '  ', text: WIRE })).key, `sha256:${sha256(WIRE)}`)
})
