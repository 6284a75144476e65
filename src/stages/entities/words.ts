import type { TokenAnnotation } from '../../core/annotation.js'

/** A word: wink-nlp tokens joined where a hyphen glues them ("Shin-yong", "China-Russia"). */
export interface Word {
  readonly start: number
  readonly end: number
  readonly text: string
  readonly lower: string
  /** Starts with an upper-case letter. */
  readonly cap: boolean
  /** Punctuation or a possessive "'s": a boundary for names. */
  readonly punct: boolean
  readonly pos: string
  /** Index of the word in its sentence. */
  readonly index: number
}

const HYPHEN = /^[-‐‑]$/
const ARABIC_ARTICLE = /^(?:al|el|ad|an|ar|as|ash|at|az)[-‐‑]\p{Lu}/u

/** Groups a sentence's tokens into words. */
export function wordsOf(tokens: readonly TokenAnnotation[], text: string): Word[] {
  const words: Word[] = []
  let i = 0
  while (i < tokens.length) {
    const first = tokens[i] as TokenAnnotation
    let last = first
    let j = i + 1
    // Join "X - Y" when the three touch with no space: a hyphenated compound.
    while (j + 1 < tokens.length) {
      const h = tokens[j] as TokenAnnotation
      const next = tokens[j + 1] as TokenAnnotation
      if (HYPHEN.test(h.text) && h.start === last.end && next.start === h.end && /\w/.test(next.text)) {
        last = next
        j += 2
      } else break
    }
    const wordText = text.slice(first.start, last.end)
    words.push({
      start: first.start,
      end: last.end,
      text: wordText,
      lower: wordText.toLowerCase(),
      // "al-Qaeda", "el-Sisi": a name behind the Arabic article is capitalised as a name.
      cap: /^\p{Lu}/u.test(wordText) || ARABIC_ARTICLE.test(wordText),
      punct: first === last && (first.pos === 'PUNCT' || first.pos === 'SYM' || /^['’]s$/i.test(wordText) || !/\w/.test(wordText)),
      pos: first.pos,
      index: words.length,
    })
    i = j
  }
  return words
}

/** The text from word `a` to word `b` (inclusive), as written. */
export function surface(text: string, words: readonly Word[], a: number, b: number): string {
  const w0 = words[a]
  const w1 = words[b]
  return w0 && w1 ? text.slice(w0.start, w1.end) : ''
}
