import winkNLP from 'wink-nlp'
import model from 'wink-eng-lite-web-model'

/** One token as wink-nlp reads it, with our offsets into the analysed text. */
export interface RawToken {
  readonly start: number
  readonly end: number
  readonly value: string
  readonly pos: string
  readonly lemma: string
}

/** Token indices [first, last] of each sentence wink-nlp finds. */
export type SentenceSpans = ReadonlyArray<readonly [number, number]>

export interface WinkReading {
  readonly tokens: readonly RawToken[]
  readonly sentences: SentenceSpans
}

/** A reader that tokenises, splits sentences and tags parts of speech (wink-nlp's lite model). */
export interface WinkReader {
  read(text: string, offset: number): WinkReading
}

/**
 * Loads wink-nlp with only the pipes we use (sentence boundaries and POS): the model's NER and
 * negation pipes cost time and we do our own entity work.
 */
export function createWinkReader(): WinkReader {
  const nlp = winkNLP(model, ['sbd', 'pos'])
  const its = nlp.its
  return {
    read(text, offset) {
      const doc = nlp.readDoc(text)
      const values = doc.tokens().out() as string[]
      const pos = doc.tokens().out(its.pos) as string[]
      // wink-nlp types its.lemma with an addons argument that out() supplies itself.
      const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.value) as string[]
      const tokens: RawToken[] = []
      let cursor = 0
      for (let i = 0; i < values.length; i++) {
        const value = values[i] ?? ''
        // wink-nlp expands some contractions in its values; fall back on the raw stretch up to
        // the next token when the value is not found verbatim.
        let at = text.indexOf(value, cursor)
        let end = at + value.length
        if (at < 0 || at - cursor > 40) {
          at = cursor
          while (at < text.length && /\s/.test(text[at] ?? '')) at++
          end = at + Math.max(1, value.length)
        }
        tokens.push({
          start: offset + at,
          end: offset + end,
          value: text.slice(at, end),
          pos: pos[i] ?? 'X',
          lemma: lemmas[i] ?? value.toLowerCase(),
        })
        cursor = end
      }
      const spans = doc.sentences().out(its.span) as unknown as Array<[number, number]>
      return { tokens, sentences: spans }
    },
  }
}
