import type { QuoteAnnotation, TokenAnnotation } from '../../core/annotation.js'

/** Words that open a new clause: subjects and negations do not reach across them. */
const BOUNDARY = new Set([';', 'that', 'which', 'who', 'whom', 'whether', 'while', 'whereas', 'because', 'although', 'though', 'if', 'unless', 'when', 'but', 'after', 'before', 'until'])
/** Clause openers that make what follows a condition, not a report ("if it is attacked"). */
const CONDITIONAL = new Set(['if', 'unless'])
const NEGATION = new Set(['not', "n't", 'never', 'no', 'unable', 'without', 'neither', 'nor', 'failed', 'failure'])
/** Words that make an act refused rather than merely not done ("refused to meet", "impossible to hold talks"). */
const REFUSAL = new Set(['refuse', 'refused', 'refuses', 'refusing', 'declined', 'declines', 'decline', 'impossible', 'reject', 'rejected', 'rejects', 'unwilling', 'reluctant'])
/** Modal and future auxiliaries: negated, they announce a refusal ("would not provide", "won't meet"). */
const MODAL = new Set(['will', 'would', 'shall', 'can', 'could', 'may', 'might', 'must', "'ll"])
/** Words that make an act planned, offered, wanted or conditional rather than done. */
const INTENT = new Set([
  'will', 'would', "'ll", 'shall', 'ready', 'willing', 'prepared', 'plan', 'plans', 'planned', 'planning',
  'intend', 'intends', 'intended', 'hope', 'hopes', 'hoped', 'want', 'wants', 'wanted', 'wish', 'seek',
  'seeks', 'sought', 'expect', 'expects', 'expected', 'propose', 'proposed', 'proposes', 'offer', 'offered',
  'offers', 'could', 'may', 'might', 'should', 'must', 'need', 'needs', 'promise', 'promised', 'pledge',
  'pledged', 'vow', 'vowed', 'swore', 'sworn', 'towards', 'toward', 'like', 'going', 'scheduled', 'due', 'set',
  'agreed', 'agree', 'agrees', 'committed', 'determined', 'decided', 'aim', 'aims', 'aimed',
])
/** "set to", "ready to", "due for": these words mark intent only before "to" or "for". */
const NEEDS_TO = new Set(['set', 'due', 'going', 'scheduled', 'like', 'ready', 'willing', 'prepared', 'need', 'needs', 'expected', 'agreed', 'agree', 'agrees', 'committed', 'determined', 'decided', 'aim', 'aims', 'aimed', 'swore', 'sworn'])
/** Verbs that report speech: a trailing ", officials said" attributes, it does not act. */
const SPEECH = new Set(['say', 'tell', 'report', 'announce', 'add', 'quote', 'confirm', 'state', 'claim', 'according', 'note', 'disclose', 'reveal', 'write'])

/** How the words around a trigger present its act. */
export interface Modality {
  /** Not done: "did not meet", "have not yet agreed". */
  readonly negated: boolean
  /** Refused or ruled out: "refused to meet", "would not provide", "impossible to hold talks". */
  readonly refused: boolean
  /** Planned, offered, wanted: "will meet", "ready to provide", "wants to attack". */
  readonly intended: boolean
  /** The word that made it intended ("will", "wants", "decided"), lower-case. */
  readonly cue: string | null
  /** Obliged by a modal: "must return" (a demand when someone else says it), "should meet" (an appeal). */
  readonly obliged: 'demand' | 'appeal' | null
  /** Inside a condition: "if it is attacked". */
  readonly hypothetical: boolean
  /** Promised on a condition: "will withdraw unless ..." (a threat). */
  readonly conditional: boolean
}

/** Where the clause holding token k begins: after the nearest boundary word before it. */
export function clauseStartOf(toks: readonly TokenAnnotation[], k: number): number {
  for (let j = k - 1; j >= 0; j--) {
    const t = toks[j] as TokenAnnotation
    if (BOUNDARY.has(t.lower) && !(t.lower === 'that' && t.pos === 'DET') && !isTemporalPreposition(toks, j)) {
      // "Before leaving for Beijing, President Bush ...": a sentence that opens with a
      // subordinate clause resumes its main clause after the comma.
      if (j === 0) {
        const comma = toks.findIndex((x, n) => n > j && n < k && x.text === ',')
        if (comma >= 0) return comma + 1
      }
      return j + 1
    }
  }
  return 0
}

/** "after"/"before"/"until" open a clause only before a verb phrase, not before a noun ("after talks"). */
function isTemporalPreposition(toks: readonly TokenAnnotation[], j: number): boolean {
  const t = toks[j] as TokenAnnotation
  if (!/^(?:after|before|until)$/.test(t.lower)) return false
  return toks.slice(j + 1, j + 5).every((x) => x.pos !== 'VERB' && x.pos !== 'AUX')
}

/** Where the clause holding token k ends: at the next boundary word, ';' or the sentence end. */
export function clauseEndOf(toks: readonly TokenAnnotation[], k: number): number {
  for (let j = k + 1; j < toks.length; j++) {
    const t = toks[j] as TokenAnnotation
    if (t.text === ';' || (BOUNDARY.has(t.lower) && t.lower !== 'that' && !isTemporalPreposition(toks, j))) return j
  }
  return toks.length
}

/**
 * The first token of a trailing attribution (", Palestinian security officials said.", ",
 * according to a report"): its actors report the act, they are no party to it. Returns the
 * sentence length when there is none.
 */
export function attributionStart(toks: readonly TokenAnnotation[]): number {
  for (let c = toks.length - 1; c >= Math.max(1, toks.length - 16); c--) {
    const t = toks[c] as TokenAnnotation
    if (t.text !== ',' && t.text !== '--') continue
    const tail = toks.slice(c + 1)
    if (tail.some((x) => SPEECH.has(x.lemma) || SPEECH.has(x.lower))) return c
  }
  return toks.length
}

/**
 * Reads negation, refusal, intent and condition for the trigger at k; `lightVerb` is the index of
 * the verb that carries a noun trigger, when the pattern names it.
 */
export function readModality(toks: readonly TokenAnnotation[], k: number, clauseStart: number, lightVerb = -1): Modality {
  const clause = toks.slice(Math.max(clauseStart, k - 12), k)
  const before = toks.slice(Math.max(clauseStart, k - 6), k)
  const negAt = clause.findIndex((x) => NEGATION.has(x.lower))
  const negated = negAt >= 0
  // "would not provide", "will no longer tolerate": a modal negated right before the act refuses
  // it; "will not be tied to purchase" refuses the tie, not the purchase.
  const modalNegation =
    negated &&
    clause.slice(Math.max(0, negAt - 2), negAt).some((x) => MODAL.has(x.lemma) || MODAL.has(x.lower)) &&
    clause.slice(negAt + 1).every((x) => x.pos === 'ADV' || x.lower === 'longer' || x.lower === 'be')
  const refused = clause.some((x) => REFUSAL.has(x.lower)) || modalNegation || ruledOutAfter(toks, k)
  // "offered condolences": the light verb a noun pattern names is the act's own verb, no intent.
  const cueAt = before.findIndex((x, n) => x !== toks[lightVerb] && isIntentCue(x, before[n + 1]))
  const intended = cueAt >= 0
  const cue = intended ? (before[cueAt] as TokenAnnotation).lower : null
  const obliged = before.some((x, n) => x.lower === 'must' || ((x.lower === 'has' || x.lower === 'have') && before[n + 1]?.lower === 'to'))
    ? 'demand'
    : before.some((x) => x.lower === 'should' || x.lower === 'ought')
      ? 'appeal'
      : null
  const opener = toks[clauseStart - 1]
  const hypothetical = opener !== undefined && CONDITIONAL.has(opener.lower)
  const conditional = toks.slice(k + 1).some((x) => x.lower === 'unless')
  return { negated, refused, intended, cue, obliged, hypothetical, conditional }
}

/** "Removing the sanctions is out of the question", "talks were ruled out". */
function ruledOutAfter(toks: readonly TokenAnnotation[], k: number): boolean {
  const after = toks.slice(k + 1, k + 12)
  for (let j = 0; j + 3 < after.length; j++) {
    if ((after[j] as TokenAnnotation).lower === 'out' && (after[j + 1] as TokenAnnotation).lower === 'of' && (after[j + 3] as TokenAnnotation).lower === 'question') return true
  }
  return false
}

function isIntentCue(t: TokenAnnotation, next: TokenAnnotation | undefined): boolean {
  if (!INTENT.has(t.lower)) return false
  return !NEEDS_TO.has(t.lower) || next === undefined || next.lower === 'to' || next.lower === 'for'
}

/** Auxiliaries of a passive ("was signed", "have been arrested"). */
const PASSIVE_AUX = new Set(['was', 'were', 'been', 'be', 'is', 'are', 'being', 'get', 'got', 'gets'])

/** Is the verb at k a passive participle ("was demolished", "were reportedly killed")? */
export function isPassive(toks: readonly TokenAnnotation[], k: number): boolean {
  const t = toks[k] as TokenAnnotation
  // "is providing" is progressive; "is opposed to" an adjective.
  if (/ing$/.test(t.lower) || (t.lemma === 'oppose' && toks[k + 1]?.lower === 'to')) return false
  for (let j = k - 1; j >= Math.max(0, k - 3); j--) {
    const t = toks[j] as TokenAnnotation
    if (PASSIVE_AUX.has(t.lower)) return true
    if (t.pos !== 'ADV' && t.pos !== 'PART') return false
  }
  return false
}

/**
 * Is the verb at k coordinated with an earlier one ("... has said X and has accused Y")? Then it
 * shares the subject of the clause it continues.
 */
export function isCoordinated(toks: readonly TokenAnnotation[], k: number): boolean {
  for (let j = k - 1; j >= Math.max(0, k - 4); j--) {
    const t = toks[j] as TokenAnnotation
    if (t.lower === 'and' || t.lower === 'or') return true
    if (t.pos !== 'AUX' && t.pos !== 'ADV' && t.pos !== 'PART') return false
  }
  return false
}

/**
 * A participle right after a noun modifies it: "officials accused of ...", "a member jailed over
 * ...", "an earthquake hitting ...". An "-ed" form then is a passive whose subject is that noun
 * (checked only for acts that need an object, where an active verb cannot be followed by a
 * preposition); an "-ing" form after a noun that names no actor has that noun as its subject.
 */
export function reducedRelative(toks: readonly TokenAnnotation[], k: number, transitive: boolean, afterActor: boolean): 'passive' | 'non-actor' | null {
  const t = toks[k] as TokenAnnotation
  const prev = toks[k - 1]
  if (!prev) return null
  const ing = /ing$/.test(t.lower)
  // "the decision of sending troops", "jailed for helping militants": a gerund after a
  // preposition is no act of the clause's subject; after an adjective ("guilty of violating") it is.
  if (ing && GERUND_PREPOSITION.has(prev.lower) && toks[k - 2]?.pos !== 'ADJ') return 'non-actor'
  // "The central bank, charged with supervision, ...": a participle after a comma describes the noun.
  if (prev.text === ',' && !ing && (toks[k - 2]?.pos === 'NOUN' || toks[k - 2]?.pos === 'PROPN')) return passiveParticiple(toks, k, transitive)
  // "Albania on Friday denounced": a day is no noun the participle could modify.
  if ((prev.pos !== 'NOUN' && prev.pos !== 'PROPN') || TIME_NOUN.test(prev.lower)) return null
  // "a declaration demanding that ...": a document's words are its issuer's.
  if (ing) return prev.pos === 'NOUN' && !afterActor && !DOCUMENT.has(prev.lemma) ? 'non-actor' : null
  return passiveParticiple(toks, k, transitive)
}

/** "allowing X would ...": a gerund opening its clause is a noun, no one's act. */
export function isClauseGerund(toks: readonly TokenAnnotation[], k: number, clauseStart: number): boolean {
  return k === clauseStart && /^(?:that|whether)$/.test(toks[k - 1]?.lower ?? '') && /ing$/.test((toks[k] as TokenAnnotation).lower)
}

function passiveParticiple(toks: readonly TokenAnnotation[], k: number, transitive: boolean): 'passive' | null {
  const t = toks[k] as TokenAnnotation
  if (!transitive || !/(?:ed|en|wn)$/.test(t.lower)) return null
  const next = toks[k + 1]
  const follows = next !== undefined && ((next.pos === 'ADP' && next.lower !== 'to') || next.text === ',' || TIME_WORD.has(next.lower))
  return follows ? 'passive' : null
}

const TIME_NOUN = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|week|month|year|morning|afternoon|evening|night|weekend)$/
const GERUND_PREPOSITION = new Set(['of', 'for', 'in', 'on', 'about', 'after', 'before', 'without', 'from', 'against', 'over', 'despite', 'since'])
/** Nouns of documents and statements, whose words are their issuer's acts. */
const DOCUMENT = new Set(['statement', 'declaration', 'letter', 'resolution', 'communique', 'message', 'note', 'report', 'decree', 'motion', 'petition', 'editorial', 'appeal'])
/** Time words that may follow a reduced passive ("equipment seized last year"). */
const TIME_WORD = new Set(['last', 'earlier', 'yesterday', 'recently', 'previously', 'today'])

/** Is token j a verb of speech ("said", "claimed", "told")? */
export function isSpeech(t: TokenAnnotation): boolean {
  return SPEECH.has(t.lemma) && t.lower !== 'according'
}

/** Verbs whose "that" clause is proposed, not done ("proposed that they meet"). */
const PROPOSING = new Set(['propose', 'suggest', 'offer', 'urge', 'ask', 'call', 'invite', 'demand', 'insist', 'want', 'hope', 'plan', 'agree', 'request'])
/** Verbs of speech whose first object is the one spoken to. */
const ADDRESSING = new Set(['tell', 'assure', 'inform', 'remind', 'advise', 'notify', 'brief'])

/**
 * The clause of token k: after the nearest boundary word, after a verb of speech ("Mishustin said
 * Russia is ready ..."), or at the start of the quotation holding it. `reporting` is the index of
 * that verb of speech, whose subject reports the act.
 */
export function clauseOf(toks: readonly TokenAnnotation[], k: number, quote: QuoteAnnotation | null): { start: number; reporting: number | null } {
  let start = clauseStartOf(toks, k)
  let reporting: number | null = null
  // "The US claimed that ISIL had attacked": the verb of speech before "that".
  for (let j = start - 1; j >= Math.max(0, start - 6); j--) {
    const t = toks[j] as TokenAnnotation
    if (isSpeech(t)) {
      reporting = j
      break
    }
    if (t.text === ',' || (t.pos === 'VERB' && j < start - 1)) break
  }
  // "X said Y attacked": the verb of speech ends X's clause, unless the trigger continues it
  // ("X has said ... and has accused Y").
  for (let j = k - 1; j > start && !isCoordinated(toks, k); j--) {
    // "..., a correspondent said, two weeks after ...": a verb of speech followed by a comma
    // closes an attribution; it does not introduce what follows.
    if (isSpeech(toks[j] as TokenAnnotation) && toks[j + 1]?.text !== ',') {
      reporting = j
      start = j + 1
      // "told their partners (that) they would oppose": the addressee is no subject.
      if (ADDRESSING.has((toks[j] as TokenAnnotation).lemma)) start = addresseeEnd(toks, start, k)
      break
    }
  }
  if (quote && quote.start > (toks[start]?.start ?? 0)) {
    const q = toks.findIndex((x) => x.start >= quote.start)
    if (q >= 0 && q <= k) start = q
  }
  return { start, reporting }
}

/** The first token after the addressee of "told X ...": after its noun phrase, or at "that". */
function addresseeEnd(toks: readonly TokenAnnotation[], from: number, k: number): number {
  // The addressee is one noun phrase: "reporters", "their European Community partners".
  let noun = false
  for (let j = from; j < k; j++) {
    const t = toks[j] as TokenAnnotation
    if (t.lower === 'that') return j + 1
    if (t.pos === 'PRON' && j > from && !/^(?:their|its|his|her|our|my|your)$/.test(t.lower)) return j
    if (t.pos === 'VERB' || t.pos === 'AUX' || (noun && (t.pos === 'PROPN' || t.pos === 'DET'))) return j
    if (t.pos === 'NOUN') noun = true
  }
  return from
}

/** A clause opened by "that" after a proposing verb ("proposed in a letter ... that they meet"). */
export function framedAsProposal(toks: readonly TokenAnnotation[], clauseStart: number): boolean {
  if (toks[clauseStart - 1]?.lower !== 'that') return false
  return toks.slice(Math.max(0, clauseStart - 16), clauseStart - 1).some((t) => PROPOSING.has(t.lemma))
}
