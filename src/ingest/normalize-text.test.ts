import { test } from 'node:test'
import assert from 'node:assert/strict'
import { normalizeText } from './normalize-text.js'

const rows: ReadonlyArray<readonly [string, string, string]> = [
  // [name, input, expected]
  ['no-break space', 'Xi\u00A0Jinping', 'Xi Jinping'],
  ['en, em, thin and hair spaces', 'a\u2002b\u2003c\u2009d\u200Ae', 'a b c d e'],
  ['narrow no-break, math and ideographic spaces', '1\u202F000\u205Fx\u3000y', '1 000 x y'],
  ['single curly quotes', '‘it’s’ ‚low‛', "'it's' 'low'"],
  ['double curly quotes', '“yes” „low‟', '"yes" "low"'],
  ['CRLF keeps its length', 'one\r\ntwo\r\n', 'one \ntwo \n'],
  ['leading BOM', '\uFEFFtext', ' text'],
  ['inner BOM is left alone', 'a\uFEFFb', 'a\uFEFFb'],
  ['zero-width space is left alone', 'a\u200Bb', 'a\u200Bb'],
  ['astral characters are untouched', 'flag 🇳🇿 “x”', 'flag 🇳🇿 "x"'],
]

for (const [name, input, expected] of rows) {
  test(`normalizeText: ${name}`, () => {
    const out = normalizeText(input)
    assert.equal(out, expected)
    assert.equal(out.length, input.length)
  })
}
