/**
 * What a figure is about, read from its sentence: the noun phrase it measures, the period a date
 * gives it, and the countries it passes between. Explainable heuristics over the tagged tokens,
 * each tried in a fixed order; "unclear" is null.
 */
import type { DateAnnotation, MentionAnnotation, TokenAnnotation } from '../../core/annotation.js'
import { alternation, type Figure } from './figure-finder.js'
import type { QuantityLexicon } from './quantity-lexicon.js'

/** One sentence with the annotations the context rules read; offsets index the document. */
export interface SentenceContext {
  readonly start: number
  readonly text: string
  readonly tokens: readonly TokenAnnotation[]
  readonly mentions: readonly MentionAnnotation[]
  readonly dates: readonly DateAnnotation[]
}

/** The context rules, compiled once per stage. */
export interface FigureContext {
  measure(figure: Figure, s: SentenceContext): string | null
  parties(figure: Figure, s: SentenceContext): string[]
  period(figure: Figure, s: SentenceContext): string | null
}

/** Parts of speech a noun phrase is made of (wink-nlp's universal tags). */
const NP_POS = new Set(['NOUN', 'PROPN', 'ADJ'])
/** Words the tagger reads as adjectives that end a noun phrase ("cereals worth six mln"). */
const NOT_IN_NP = new Set(['worth', 'due', 'able', 'likely', 'ready'])
const DETERMINERS = new Set(['DET', 'PRON', 'NUM'])
/** Clause breaks inside a sentence: each clause keeps its own parties. */
const CLAUSE_BREAK = /;|,\s+(?:and|but|while|whereas|although)\s+|\s+but\s+/g

/** Is token `i` joined to the next by a hyphen ("two-way")? */
const hyphenated = (tokens: readonly TokenAnnotation[], i: number): boolean =>
  tokens[i + 1]?.text === '-' && tokens[i]!.end === tokens[i + 1]!.start

const inNp = (t: TokenAnnotation | undefined): boolean =>
  t !== undefined && NP_POS.has(t.pos) && !NOT_IN_NP.has(t.lower)

/** Builds the context rules from the lexicons. */
export function createFigureContext(lexicon: QuantityLexicon): FigureContext {
  const containers = new Set(lexicon.units.containerNouns.map((w) => w.toLowerCase()))
  const topic = new RegExp(`\\b(?:${alternation(lexicon.parties.topics)})\\b`, 'i')
  const giverAfter = new RegExp(
    `^(?:['’]s)?(?:\\s+(?:has|have|had|will|would|is|was|were|also|already|agreed\\s+to|plans\\s+to|to|could|may|might|must|should|shall|not|jointly|recently))*` +
      `\\s+(?:${alternation(lexicon.parties.giverVerbs)})\\b`,
    'i',
  )
  const giverBefore = new RegExp(`\\b(?:${alternation(lexicon.parties.giverPrepositions)})\\s+(?:the\\s+)?$`, 'i')

  /** The noun phrase that starts at token `i`, past determiners; null unless it has a noun. */
  const npAfter = (s: SentenceContext, i: number): string | null => {
    const { tokens } = s
    while (tokens[i] && DETERMINERS.has(tokens[i]!.pos)) i++
    const first = i
    let last = -1
    for (; i < tokens.length; i++) {
      const t = tokens[i]!
      if (inNp(t)) last = i
      else if ((t.pos === 'CCONJ' || t.text === '-' || t.pos === 'PART') && inNp(tokens[i + 1])) continue
      else break
    }
    return phrase(s, first, last)
  }

  /** The noun phrase that ends at token `i`. */
  const npBefore = (s: SentenceContext, i: number): string | null => {
    const { tokens } = s
    const last = i
    let first = i + 1
    for (; i >= 0; i--) {
      const t = tokens[i]!
      if (inNp(t)) first = i
      else if ((t.pos === 'CCONJ' || t.text === '-' || t.pos === 'PART') && inNp(tokens[i - 1])) continue
      else break
    }
    return phrase(s, first, last)
  }

  /**
   * The text of tokens `first..last` when they make a noun phrase: one with a noun; or headed by
   * an adjective after a determiner ("a fine of"); or a capitalised sentence opener the tagger
   * took for a name ("Unemployment fell") that no mention claims.
   */
  const phrase = (s: SentenceContext, first: number, last: number): string | null => {
    const { tokens } = s
    if (last < first) return null
    const slice = tokens.slice(first, last + 1)
    const head = tokens[last]!
    const opener = tokens[first]!
    const isNoun =
      slice.some((t) => t.pos === 'NOUN') ||
      (head.pos === 'ADJ' && tokens[first - 1]?.pos === 'DET' && tokens[last + 1]?.lower === 'of') ||
      (first === 0 && first === last && opener.pos === 'PROPN' && !s.mentions.some((m) => m.start <= opener.start && opener.end <= m.end))
    if (!isNoun) return null
    return s.text.slice(opener.start - s.start, head.end - s.start)
  }

  /**
   * The subject of the verb governing a figure: walk back from the verb over auxiliaries, then
   * over noun phrases joined by prepositions ("the bilateral trade between China and Russia"),
   * and keep the first. A clause with no subject of its own shares the previous verb's
   * ("The tariffs begin at 10 percent, then will rise to 25 percent").
   */
  const subject = (s: SentenceContext, before: number): string | null => {
    const { tokens } = s
    let verb = before
    for (let attempt = 0; attempt < 2; attempt++) {
      verb--
      while (verb >= 0 && tokens[verb]!.pos !== 'VERB') verb--
      if (verb < 0) return null
      let k = verb - 1
      while (k >= 0 && ['AUX', 'ADV', 'PART'].includes(tokens[k]!.pos)) k--
      let head: [number, number] | null = null
      while (k >= 0) {
        const end = k
        while (k >= 0 && (inNp(tokens[k]) || tokens[k]!.text === '-' || ['DET', 'NUM', 'CCONJ', 'PART'].includes(tokens[k]!.pos))) k--
        if (k === end) break
        head = [k + 1, end]
        if (k >= 0 && tokens[k]!.pos === 'ADP') k--
        else break
      }
      if (head) {
        let [a, b] = head
        // Trim determiners, but keep "two-" of "two-way trade".
        while (a <= b && !inNp(tokens[a]) && !hyphenated(tokens, a)) a++
        while (b >= a && !inNp(tokens[b])) b--
        const np = phrase(s, a, b)
        if (np) return np
        // A named subject ("Britain has granted ...") says who, not what.
        return null
      }
    }
    return null
  }

  const firstTokenFrom = (tokens: readonly TokenAnnotation[], offset: number): number => {
    let lo = 0
    let hi = tokens.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (tokens[mid]!.start < offset) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  return {
    measure(f, s) {
      const { tokens } = s
      const base = s.start
      if (f.unit === 'people') return f.casualty
      const after = firstTokenFrom(tokens, base + f.end)
      let i = after
      if (f.unit === 'magnitude' && tokens[i]?.pos === 'NOUN') return npAfter(s, i)
      // "to the U.N. refugee agency for food transport": the recipient is not the measure.
      if (tokens[i]?.lower === 'to' && tokens[i + 1]?.pos !== 'VERB') {
        i++
        while (tokens[i] && (DETERMINERS.has(tokens[i]!.pos) || inNp(tokens[i]))) i++
      }
      const word = tokens[i]?.lower
      if (word === 'worth' && tokens[i + 1]?.lower === 'of') {
        const np = npAfter(s, i + 2)
        if (np) return np
      } else if (word === 'of' || word === 'for' || (word === 'in' && /^[A-Z]{3}$/.test(f.unit))) {
        // "in the first five months of this year" is a period, not a measure.
        const near = tokens[i + 2] ?? tokens[i + 1]
        const np = npAfter(s, i + 1)
        if (np && near && !s.dates.some((d) => d.start <= near.start && near.start < d.end)) return np
      }
      // Before the figure, past its qualifier: "cereals worth six mln", "a loan of $5 mln".
      let j = firstTokenFrom(tokens, base + f.start) - 1
      if (f.qualifier) j -= f.qualifier.split(' ').length
      const prev = tokens[j]?.lower
      if (prev === 'worth' || prev === 'of' || prev === 'measuring' || prev === 'registering') {
        const headToken = tokens[j - 1]
        const np = npBefore(s, j - 1)
        if (np && headToken && !containers.has(headToken.lower)) return np
        if (f.unit === 'magnitude' && !np) {
          // "three earthquakes, the strongest measuring 6.5": the nearest noun before.
          for (let k = j - 1; k >= 0; k--) if (tokens[k]!.pos === 'NOUN') return tokens[k]!.text
        }
      }
      // An apposition, "the Matahina dam, 32 kilometres above Whakatane": the phrase before.
      if (prev === ',') return npBefore(s, j - 1)
      return subject(s, j + 1)
    },

    parties(f, s) {
      const text = s.text
      let from = 0
      let to = text.length
      CLAUSE_BREAK.lastIndex = 0
      for (let m = CLAUSE_BREAK.exec(text); m; m = CLAUSE_BREAK.exec(text)) {
        if (m.index + m[0].length <= f.start) from = m.index + m[0].length
        else if (m.index >= f.end) {
          to = m.index
          break
        }
      }
      const clause = text.slice(from, to)
      if (!topic.test(clause)) return []
      let giver: string | null = null
      const found: string[] = []
      for (const m of s.mentions) {
        const a = m.start - s.start
        const b = m.end - s.start
        if (a < from || b > to || !m.country) continue
        // People speak for their countries, but the figure is not between them.
        if (m.entityType === 'person') continue
        if (m.entityType === 'organization' && !(m.actor ?? '').startsWith(m.country)) continue
        if (!found.includes(m.country)) found.push(m.country)
        if (giver === null && (giverAfter.test(text.slice(b, Math.min(to, b + 60))) || giverBefore.test(text.slice(Math.max(from, a - 14), a)))) {
          giver = m.country
        }
      }
      if (giver !== null) return [giver, ...found.filter((c) => c !== giver)]
      return found
    },

    period(f, s) {
      const candidates = s.dates
        .filter((d) => d.grain !== 'day')
        .map((d) => {
          const a = d.start - s.start
          const b = d.end - s.start
          return { value: d.value, a, b, distance: b <= f.start ? f.start - b : a >= f.end ? a - f.end : 0 }
        })
        .sort((x, y) => x.distance - y.distance)
      let best = candidates[0]
      if (!best) return null
      // Of overlapping expressions the longer wins: "first 11 months of this year" over "this year".
      for (const c of candidates) if (c.a < best.b && best.a < c.b && c.b - c.a > best.b - best.a) best = c
      return best.value
    },
  }
}
