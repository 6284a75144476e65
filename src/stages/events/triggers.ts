import type { TokenAnnotation } from '../../core/annotation.js'
import { clauseEndOf } from './modality.js'
import type { EventPattern, PatternIndex } from './patterns.js'

/** A trigger word of a sentence and the pattern it satisfies. */
export interface Match {
  /** Token index within the sentence. */
  readonly k: number
  readonly pattern: EventPattern
  readonly kind: 'verb' | 'noun'
  /** The words that satisfied the pattern, for `matched`. */
  readonly words: readonly string[]
  /** Token index of the word that satisfied the pattern's `before` ("*offered* condolences"), or -1. */
  readonly before: number
}

/** Which triggers are the content of another, and what each framing trigger frames. */
export interface Framing {
  /** Triggers coded only as part of another ("rejected ... the *proposal*", "urged X to *meet*"). */
  readonly consumed: ReadonlySet<Match>
  /** For a framing trigger (an appeal, promise, demand, refusal, threat), the act it frames. */
  readonly inner: ReadonlyMap<Match, Match>
}

const DETERMINER = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'its', 'his', 'her', 'their', 'our', "'s"])
const PLAIN_WORD = /^[a-z]+$/i
const ARTICLE = new Set(['a', 'an', 'the'])
/** Degree adverbs: the word after one is an adjective ("very encouraging", "more open"). */
const DEGREE = new Set(['very', 'more', 'most', 'so', 'too', 'less', 'least', 'highly', 'quite', 'extremely', 'fairly', 'rather'])
/** Auxiliaries and modals: a word after one of them is a verb, whatever its tag ("would strike"). */
const VERB_CUE = new Set(['to', 'will', 'would', 'shall', 'can', 'could', 'may', 'might', 'must', "'ll", 'did', 'not', "n't", 'has', 'have', 'had'])

/** Trigger words of a sentence that satisfy a pattern's conditions, left to right. */
export function findMatches(toks: readonly TokenAnnotation[], patterns: PatternIndex, isActorEnd: (k: number) => boolean): Match[] {
  const found: Match[] = []
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k] as TokenAnnotation
    // Most words trigger nothing: two look-ups decide it before anything else is read.
    const verbs = patterns.verbs.get(t.lemma) ?? patterns.verbs.get(t.lower)
    const nouns = patterns.nouns.get(t.lower) ?? patterns.nouns.get(t.lemma)
    const compound = compoundOf(toks, k)
    const compounds = compound === null ? undefined : patterns.nouns.get(compound)
    const compoundVerbs = compound === null ? undefined : patterns.verbs.get(compound)
    if (!verbs && !nouns && !compounds && !compoundVerbs) continue
    // "drought-stricken" is no strike: triggers are plain words, not the tail of a compound; and
    // lower-case ("March 19" is a date, "Georgia Power" a name), except first in the sentence.
    if (!PLAIN_WORD.test(t.text)) continue
    if (k > 0 && t.text !== t.lower && t.text !== t.text.toUpperCase()) continue
    const prev = toks[k - 1]
    if (prev && prev.text === '-' && prev.end === t.start) continue
    const reading = readWord(toks, k, nouns !== undefined, isActorEnd)
    const candidates: Array<readonly [EventPattern, 'verb' | 'noun']> = []
    for (const p of compounds ?? []) candidates.push([p, 'noun'])
    for (const p of compoundVerbs ?? []) candidates.push([p, 'verb'])
    if (reading === 'noun-first') for (const p of nouns ?? []) candidates.push([p, 'noun'])
    if (reading === 'verb' || reading === 'both') for (const p of verbs ?? []) candidates.push([p, 'verb'])
    if (reading === 'noun' || reading === 'both') for (const p of nouns ?? []) candidates.push([p, 'noun'])
    const best = bestCandidate(candidates, toks, k)
    if (best) found.push(best)
  }
  return found
}

/** "cease-fire", "test-fired": a hyphenated compound starting at k, looked up whole. */
function compoundOf(toks: readonly TokenAnnotation[], k: number): string | null {
  const t = toks[k] as TokenAnnotation
  const next = toks[k + 1]
  const afterNext = toks[k + 2]
  if (next?.text !== '-' || next.start !== t.end || !afterNext || afterNext.start !== next.end) return null
  return `${t.lower}-${afterNext.lower}`
}

/**
 * Whether the word at k reads as a verb, a noun, either, or a noun before all ("Israeli tank
 * shelling"). The tagger's part of speech, corrected by the words around it.
 */
function readWord(toks: readonly TokenAnnotation[], k: number, hasNouns: boolean, isActorEnd: (k: number) => boolean): 'verb' | 'noun' | 'both' | 'noun-first' {
  const t = toks[k] as TokenAnnotation
  const prev = toks[k - 1]
  const next = toks[k + 1]
  // "Israeli tank shelling": an "-ing" word after a noun or adjective is a noun of action first.
  if (hasNouns && prev !== undefined && t.lower.endsWith('ing') && (prev.pos === 'NOUN' || prev.pos === 'ADJ' || prev.pos === 'PROPN')) return 'noun-first'
  const nounish = t.pos === 'NOUN' || t.pos === 'PROPN' || (prev !== undefined && DETERMINER.has(prev.lower))
  // "donated food", "the proposed meeting", "domestic and imported oils", "very encouraging":
  // adjectives, not acts.
  const adjectival =
    (t.lower.endsWith('ed') && next?.pos === 'NOUN' && (prev === undefined || DETERMINER.has(prev.lower) || prev.pos === 'ADP' || prev.pos === 'CCONJ' || prev.lower === 'than')) ||
    (prev !== undefined && DEGREE.has(prev.lower))
  const cued = prev !== undefined && VERB_CUE.has(prev.lower)
  // "an agreed surcharge", "the proposed talks": after an article, a word is no verb.
  const article = prev !== undefined && ARTICLE.has(prev.lower)
  // "Syrian forces clash with ...": right after a plural actor and before a preposition, a word
  // tagged as a noun is the verb ("public support for" is a noun after a modifier).
  const predicate = t.pos === 'NOUN' && prev !== undefined && prev.lower.endsWith('s') && isActorEnd(k - 1) && (next?.pos === 'ADP' || next?.pos === 'DET')
  const verbish = !adjectival && !article && (t.pos === 'VERB' || cued || predicate || (!nounish && t.pos !== 'ADJ' && t.pos !== 'ADP'))
  if (verbish) return nounish ? 'both' : 'verb'
  return 'noun'
}

/**
 * The most specific satisfied pattern: one with more conditions first; between equals, the one
 * whose modifier stands closest ("launched an *air* strike" is an air strike, not a labour strike).
 */
function bestCandidate(candidates: ReadonlyArray<readonly [EventPattern, 'verb' | 'noun']>, toks: readonly TokenAnnotation[], k: number): Match | null {
  let best: Match | null = null
  let bestRank = -1
  let bestDistance = Infinity
  for (const [pattern, kind] of candidates) {
    const rank = specificity(pattern)
    if (rank < bestRank) continue
    const hit = satisfies(pattern, toks, k)
    if (!hit) continue
    if (rank > bestRank || hit.distance < bestDistance) {
      best = { k, pattern, kind, words: hit.words, before: hit.before }
      bestRank = rank
      bestDistance = hit.distance
    }
  }
  return best
}

function specificity(p: EventPattern): number {
  return (p.next ? 1 : 0) + (p.object ? 1 : 0) + (p.before ? 1 : 0)
}

const PASSIVE_AUX = new Set(['was', 'were', 'been', 'be', 'is', 'are', 'being'])

/** Does a token's word or lemma belong to the set? A capitalised month ("March") is no common noun. */
function has(set: readonly string[], x: TokenAnnotation | undefined): boolean {
  if (x === undefined || (x.text !== x.lower && CALENDAR.test(x.lower))) return false
  return set.includes(x.lower) || set.includes(x.lemma)
}

/** Month and day names, which look like common nouns lower-cased ("March", "May"). */
const CALENDAR = /^(?:january|february|march|april|may|june|july|august|september|october|november|december|sunday|monday|tuesday|wednesday|thursday|friday|saturday)$/

/**
 * The words that satisfy a pattern's next/object/before conditions at token k, with the distance
 * of its 'before' word (0 without one) and that word's index (-1), or null.
 */
function satisfies(p: EventPattern, toks: readonly TokenAnnotation[], k: number): { words: string[]; distance: number; before: number } | null {
  const t = toks[k] as TokenAnnotation
  const words = [t.text]
  let distance = 0
  let before = -1
  // "meet its export commitments", "provides for", "occupy key positions": not this act.
  if (p.except && (excepted(p.except, toks, k) || has(p.except, toks[k - 1]) || has(p.except, toks[k - 2]) || has(p.except, beforeAuxiliaries(toks, k)))) return null
  if (p.next) {
    // "called on", "called Thursday on", "pulled quickly out": a day or an adverb may stand between.
    let j = k + 1
    while (j < k + 3 && toks[j] && !has(p.next, toks[j]) && isSkippable(toks[j] as TokenAnnotation)) j++
    const n = toks[j]
    if (!has(p.next, n)) return null
    words.push((n as TokenAnnotation).text)
  }
  if (p.before) {
    let at = -1
    for (let j = k - 1; j >= Math.max(0, k - 3) && at < 0; j--) if (has(p.before, toks[j])) at = j
    if (at < 0) return null
    words.unshift((toks[at] as TokenAnnotation).text)
    distance = k - at
    before = at
  }
  if (p.object) {
    // A passive's object stands before it ("The accord ... was signed"); an object may also
    // stand just before a participle ("tariffs imposed by Beijing").
    const passive = PASSIVE_AUX.has(toks[k - 1]?.lower ?? '') || PASSIVE_AUX.has(toks[k - 2]?.lower ?? '')
    const ahead = toks.slice(k + 1, k + 11)
    const stop = ahead.findIndex((x) => x.text === ';' || x.lower === 'but')
    // Behind the trigger only content words count ("want to buy" has no object "to").
    const behind = toks.slice(Math.max(0, k - (passive ? 14 : 3)), k).filter((x) => x.pos === 'NOUN' || x.pos === 'PROPN' || x.pos === 'PRON')
    const window = [...(stop >= 0 ? ahead.slice(0, stop) : ahead), ...behind]
    const at = window.findIndex((x) => has(p.object ?? [], x))
    const o = window[at]
    if (!o) return null
    words.push(o.text)
    // The nearer its object, the better a pattern fits ("cancelled a visit ... after a siege").
    distance += o.start > t.start ? at + 1 : window.length - at
  }
  return { words, distance, before }
}

/** The word before a verb's auxiliaries: the subject of a passive ("tenders would be invited"). */
function beforeAuxiliaries(toks: readonly TokenAnnotation[], k: number): TokenAnnotation | undefined {
  let j = k - 1
  while (j >= 0 && /^(?:AUX|ADV|PART)$/.test((toks[j] as TokenAnnotation).pos)) j--
  return j < k - 1 ? toks[j] : undefined
}

/** An `except` word among the next three words, up to the first preposition ("provides for"). */
function excepted(words: readonly string[], toks: readonly TokenAnnotation[], k: number): boolean {
  for (let j = k + 1; j <= Math.min(toks.length - 1, k + 3); j++) {
    const x = toks[j] as TokenAnnotation
    if (has(words, x)) return true
    if (x.pos === 'ADP' || x.pos === 'PART' || x.text === ',') return false
  }
  return false
}

const WEEKDAY = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight)$/

/** A word that may stand between a verb and its particle: an adverb or a day. */
function isSkippable(t: TokenAnnotation): boolean {
  return t.pos === 'ADV' || WEEKDAY.test(t.lower)
}

/** The code a pattern's `refine` entries give from the words around the trigger, or its own. */
export function refinedCode(p: EventPattern, toks: readonly TokenAnnotation[], k: number): { code: string; intent: string | undefined; refined: boolean } {
  const lo = Math.max(0, k - 3)
  const hi = Math.min(toks.length, k + 10)
  for (const r of p.refine ?? []) {
    for (let j = lo; j < hi; j++) {
      const x = toks[j] as TokenAnnotation
      if (r.object.includes(x.lower) || r.object.includes(x.lemma)) return { code: r.code, intent: r.intent, refined: true }
    }
  }
  return { code: p.code, intent: p.intent, refined: false }
}

function isHostileMatch(m: Match): boolean {
  return Number(m.pattern.code.slice(0, 2)) >= 17
}

/** Roots whose acts are made by saying what another should do: their content is not a separate act. */
const FRAMING_ROOTS = new Set(['02', '03', '10', '12', '13'])

/**
 * Which triggers are the content of another:
 * - the act an appeal, promise, demand, refusal, threat or permission is about ("urged X to *meet*",
 *   "offered to *mediate*", "threatened to *attack*", "allowed refugees to *return*");
 * - a noun that is the object of a verb trigger ("rejected ... Greece's *proposal*", "imposed
 *   *sanctions*").
 */
export function frameMatches(matches: readonly Match[], toks: readonly TokenAnnotation[]): Framing {
  const consumed = new Set<Match>()
  const inner = new Map<Match, Match>()
  for (const a of matches) {
    if (consumed.has(a)) continue
    const frames = a.pattern.frame !== undefined || FRAMING_ROOTS.has(a.pattern.code.slice(0, 2))
    const end = clauseEndOf(toks, a.k)
    for (const b of matches) {
      if (b === a || b.k <= a.k) continue
      // The content of a frame is in its clause or in a "that" clause it opens, not after "but".
      if (b.k >= end) break
      const gap = toks.slice(a.k + 1, b.k)
      const direct = a.kind === 'verb' && b.kind === 'noun' && b.k - a.k <= 6 && !gap.some((x) => x.pos === 'ADP' && !/^(?:of|for|'s|to)$/.test(x.lower))
      const content = frames && b.k - a.k <= 10
      // "bombarded the city, killing eight people": the participle tells the attack's toll.
      const toll = isHostileMatch(a) && isHostileMatch(b) && b.kind === 'verb' && /ing$/.test((toks[b.k] as TokenAnnotation).lower) && toks[b.k - 1]?.text === ','
      if (!direct && !content && !toll) continue
      consumed.add(b)
      if (frames && !inner.has(a)) inner.set(a, b)
    }
  }
  return { consumed, inner }
}
