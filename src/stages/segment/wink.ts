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

/** A feature table of wink-nlp's core model: values by index and index by value. */
interface FeatureTable {
  hash: Record<string, number>
  list: string[]
  index: number
}

/** The part of wink-nlp's unpacked core model that reading a text changes. */
interface CoreModel {
  readonly features: Readonly<Record<string, FeatureTable | undefined>>
}

/**
 * The feature tables wink-nlp extends as it meets new words (`cache.add`): the word itself and
 * the prefix, suffix and shape it packs for the tagger.
 */
const GROWING = ['lexeme', 'prefix', 'suffix', 'shape'] as const

/** A word of letters only: always a word to the tokenizer, read the same whether remembered or new. */
const LETTERS = /^[a-z]+$/i

/**
 * How far a table may grow before the reader starts afresh: half the room its packed index has
 * (prefix and shape indices live in 13 and 14 bits of a word), else a bound on memory.
 */
function budget(table: FeatureTable, name: string): number {
  const room = name === 'prefix' ? 8191 : name === 'shape' ? 16383 : 2 * 200_000
  return Math.max(1000, Math.floor((room - table.list.length) / 2))
}

/**
 * Loads wink-nlp with only the pipes we use (sentence boundaries and POS): the model's NER and
 * negation pipes cost time and we do our own entity work.
 *
 * wink-nlp remembers every new word it meets, with the token type it first had, and a
 * remembered word changes how later texts are tokenised and tagged ("Poor's." is one token once
 * "Poor's" was seen, else "Poor" and "'s"; "300" may stay a name). So that an article reads the
 * same whatever was read before it (in worker threads the order varies from run to run), the
 * reader forgets each text's new words once it is read, except words of letters only, which
 * read the same remembered or new (and are most of them: "mln", "dlrs"). A forgotten word leaves
 * the word table's lookup; the table's list, which wink-nlp's own per-word data is kept in step
 * with, only grows. The prefix, suffix and shape tables keep what they learn. Both are checked:
 * a reader started afresh every few texts reads 2,000 wire stories exactly as one that never
 * restarts, and forward and backward order give the same tokens (wink.test.ts). When a table has
 * grown by its budget the reader is built afresh from the unpacked model (≈10 ms), every table
 * cut back to the model's own. `budget` sets one growth budget for every table (tests use a
 * small one to start afresh often).
 */
export function createWinkReader(options: { readonly budget?: number } = {}): WinkReader {
  const packed = model as unknown as Record<string, unknown> & { core(): CoreModel }
  const core = packed.core()
  // wink-nlp unpacks its models on every load (≈80 ms), and the CER loader re-encodes its own
  // module state each time (a string that doubles in size): hand it each model unpacked once.
  const theModel: Record<string, unknown> = { ...packed, core: () => core }
  for (const name of ['sbd', 'pos', 'ner', 'negation', 'sa', 'metaCER']) {
    const loader = packed[name]
    if (typeof loader !== 'function') continue
    let loaded: unknown
    let done = false
    theModel[name] = () => {
      if (!done) [loaded, done] = [(loader as () => unknown).call(packed), true]
      return loaded
    }
  }
  const tables = GROWING.map((name) => {
    const table = core.features[name]
    if (!table) throw new Error(`wink-nlp's model has no '${name}' feature table`)
    return { table, pristine: table.list.length, limit: table.list.length + (options.budget ?? budget(table, name)) }
  })
  let nlp = winkNLP(theModel as unknown as typeof model, ['sbd', 'pos'])
  const words = (tables[0] as (typeof tables)[number]).table
  /** How many words the word table held before the text being read. */
  let known = words.list.length

  /** Forgets the words the last text added, and starts afresh when a table has used its budget. */
  const forget = (): void => {
    for (let j = known; j < words.list.length; j++) {
      const word = words.list[j] as string
      if (!LETTERS.test(word)) delete words.hash[word]
    }
    const full = tables.some(({ table, limit }) => table.list.length > limit)
    if (!full) return
    for (const { table, pristine } of tables) {
      for (let j = pristine; j < table.list.length; j++) {
        const value = table.list[j] as string
        if ((table.hash[value] ?? 0) >= pristine) delete table.hash[value]
      }
      table.list.length = pristine
      table.index = pristine
    }
    nlp = winkNLP(theModel as unknown as typeof model, ['sbd', 'pos'])
  }

  return {
    read(text, offset) {
      known = words.list.length
      try {
        return readWith(nlp, text, offset)
      } finally {
        forget()
      }
    },
  }
}

function readWith(nlp: ReturnType<typeof winkNLP>, text: string, offset: number): WinkReading {
  const its = nlp.its
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
}
