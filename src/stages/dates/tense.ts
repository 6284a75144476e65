/**
 * Which way a sentence points in time, read from its verbs: the clue that decides whether a bare
 * "Wednesday" or "in August" is the last one or the next one. wink-nlp gives parts of speech but
 * no tense, so past forms are recognised by their shape ("-ed") or from a list of irregular ones.
 */
import type { TokenAnnotation } from '../../core/annotation.js'
import type { Direction } from './calendar.js'

/** A word in the sentence that marks past or future time. */
export interface TenseCue {
  /** Index of the token in its sentence's token list. */
  readonly index: number
  readonly direction: 'past' | 'future'
}

const MODALS = new Set(['will', "'ll", 'shall', 'would', 'wo'])
/** "scheduled to end", "due to arrive", "set to visit": the act lies ahead. */
const AHEAD_TO = new Set([
  'scheduled',
  'due',
  'expected',
  'set',
  'slated',
  'planned',
  'plans',
  'plan',
  'poised',
  'going',
  'intends',
  'is',
  'are',
  'am',
])
const FUTURE_WORDS = new Set(['next', 'upcoming'])
/** "set for Sunday", "scheduled for March": a date fixed ahead. */
const AHEAD_FOR = new Set(['scheduled', 'set', 'slated', 'planned', 'due', 'fixed'])

/** Past forms not ending in "-ed" (ambiguous ones such as "put", "set", "read" are left out). */
const IRREGULAR_PAST = new Set(
  (
    'was were had did said told met took made led went came gave left began held found saw knew ' +
    'thought brought bought sent spent kept felt stood fell rose won lost paid wrote spoke broke ' +
    'chose drove flew grew threw drew ran sold struck fought caught taught sought built meant ' +
    'became got heard shook stole swore tore woke wore arose withdrew undertook overtook forgot ' +
    'understood oversaw sank sang swam began fled slept lent bent bore'
  ).split(' '),
)
/** Words ending in "-ed" that are not past forms. */
const NOT_PAST = new Set(
  (
    'need needed feed speed proceed exceed succeed bleed breed seed shed bed red wed embed ' +
    'indeed creed greed weed'
  ).split(' '),
)
const BE_PRESENT = new Set(['is', 'are', 'am', 'be', 'being', "'s", "'re"])
const AUXILIARY_POS = new Set(['AUX', 'PART', 'ADV'])

/** The past and future cues of one sentence, in token order. */
export function tenseCues(tokens: readonly TokenAnnotation[]): TenseCue[] {
  const cues: TenseCue[] = []
  for (let i = 0; i < tokens.length; i++) {
    const direction = cueAt(tokens, i)
    if (direction) cues.push({ index: i, direction })
  }
  return cues
}

function cueAt(tokens: readonly TokenAnnotation[], i: number): 'past' | 'future' | null {
  const tok = tokens[i] as TokenAnnotation
  const lower = tok.lower
  if (MODALS.has(lower) || FUTURE_WORDS.has(lower)) return 'future'
  if (AHEAD_TO.has(lower) && tokens[i + 1]?.lower === 'to') {
    const after = tokens[i + 2]
    // "due to arrive" looks ahead; "due to the weather" gives a cause.
    if (after && (after.pos === 'VERB' || after.pos === 'AUX')) return 'future'
  }
  if (AHEAD_FOR.has(lower) && tokens[i + 1]?.lower === 'for') return 'future'
  if (!isPastForm(tok)) return null
  // A participle takes its time from the auxiliaries before it: "will be held" is future,
  // "is held" present, "to be held" infinitive; "has met" and "was held" stay past.
  for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
    const prev = tokens[j] as TokenAnnotation
    if (!AUXILIARY_POS.has(prev.pos) && prev.lower !== 'be') break
    if (MODALS.has(prev.lower)) return 'future'
    if (prev.lower === 'to' || BE_PRESENT.has(prev.lower)) return null
  }
  return 'past'
}

function isPastForm(tok: TokenAnnotation): boolean {
  if (IRREGULAR_PAST.has(tok.lower)) return tok.pos === 'VERB' || tok.pos === 'AUX'
  return tok.pos === 'VERB' && /^[a-z]{2,}ed$/.test(tok.lower) && !NOT_PAST.has(tok.lower)
}

/**
 * The direction of the cue nearest to the token at `index` (ties go to the cue before it), or
 * `fallback` when the sentence has none.
 */
export function directionNear(
  cues: readonly TenseCue[],
  index: number,
  fallback: Direction,
): Direction {
  let best: TenseCue | null = null
  let bestDistance = Infinity
  for (const cue of cues) {
    const distance = Math.abs(cue.index - index) * 2 + (cue.index > index ? 1 : 0)
    if (distance < bestDistance) {
      best = cue
      bestDistance = distance
    }
  }
  return best?.direction ?? fallback
}
