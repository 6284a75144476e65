import type {
  Annotation,
  ClauseAnnotation,
  MentionAnnotation,
  QuoteAnnotation,
  TokenAnnotation,
} from '../../core/annotation.js'
import { annotationsOf, type Document } from '../../core/document.js'
import type { Stage } from '../../core/stage.js'

export interface ClausesStageOptions {
  /** Words to take as predicates whatever their POS tag ("urges" is often tagged a noun). */
  readonly verbs?: ReadonlySet<string>
}

/** Words that open a new clause: its subject is found afresh after them. */
const BOUNDARY = new Set([';', 'that', 'which', 'who', 'whom', 'while', 'whereas', 'because', 'although', 'if', 'when', 'after', 'before', 'as', 'but'])
const NEGATION = new Set(['not', "n't", 'never', 'no', 'neither', 'nor'])
/** Modal and plan words that make an act intended rather than done. */
const MODAL: ReadonlyArray<readonly string[]> = [
  ['ready', 'to'], ['willing', 'to'], ['prepared', 'to'], ['plans', 'to'], ['plan', 'to'], ['planned', 'to'],
  ['expected', 'to'], ['intends', 'to'], ['intend', 'to'], ['hopes', 'to'], ['hope', 'to'], ['want', 'to'],
  ['wants', 'to'], ['agreed', 'to'], ['is', 'to'], ['are', 'to'], ['need', 'to'], ['needs', 'to'],
  ['should'], ['would'], ['will'], ['could'], ['can'], ['may'], ['might'], ['must'], ["'ll"], ['shall'],
  ['going', 'to'], ['scheduled', 'to'], ['set', 'to'], ['due', 'to'], ['likely', 'to'], ['unable', 'to'],
]

/** Mentions that can do or undergo an act (not a mere location or a nationality adjective). */
function isActor(m: MentionAnnotation): boolean {
  if (m.form === 'demonym') return false
  if (m.entityType === 'place' && m.form !== 'capital') return false
  return true
}

/**
 * The clauses stage: for each verb of a sentence, its subject (the actor mentions before it in
 * its clause, inherited across "and"/"," from the clause it continues), the actors after it up to
 * the next verb (its objects), negation, modality, and the quote it sits in. A shallow reading —
 * no parser — that the event coder refines with its patterns.
 */
export function createClausesStage(options: ClausesStageOptions = {}): Stage {
  const verbs = options.verbs ?? new Set<string>()
  return {
    name: 'clauses',
    requires: ['sentence', 'token', 'mention', 'quote'],
    produces: ['clause'],
    run: function clauses(doc: Document): Annotation[] {
      const text = doc.text
      const sentences = annotationsOf(doc, 'sentence')
      const tokens = annotationsOf(doc, 'token')
      const mentions = annotationsOf(doc, 'mention').filter(isActor)
      const quotes = annotationsOf(doc, 'quote')
      const bySentence: TokenAnnotation[][] = sentences.map(() => [])
      for (const t of tokens) bySentence[t.sentence]?.push(t)
      const out: ClauseAnnotation[] = []
      let mi = 0
      for (const s of sentences) {
        const toks = bySentence[s.index] ?? []
        while (mi < mentions.length && (mentions[mi] as MentionAnnotation).start < s.start) mi++
        const inSentence: MentionAnnotation[] = []
        for (let k = mi; k < mentions.length && (mentions[k] as MentionAnnotation).end <= s.end; k++) {
          inSentence.push(mentions[k] as MentionAnnotation)
        }
        // Drop mentions nested inside a wider one ("Chinese" inside "Chinese President Xi").
        const outer = inSentence.filter((m) => !inSentence.some((o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start))
        let subjects: MentionAnnotation[] = []
        let clauseStart = s.start
        const isVerb = (t: TokenAnnotation): boolean =>
          (t.pos === 'VERB' && !/ing$/.test(t.lower)) || verbs.has(t.lower) || (t.pos === 'VERB' && t.lower.endsWith('ing') && t.index === toks[0]?.index)
        for (let k = 0; k < toks.length; k++) {
          const t = toks[k] as TokenAnnotation
          if (BOUNDARY.has(t.lower) && t.pos !== 'VERB') {
            clauseStart = t.end
            if (t.lower !== 'but') subjects = []
            continue
          }
          if (!isVerb(t)) continue
          const before = outer.filter((m) => m.start >= clauseStart && m.end <= t.start)
          if (before.length) subjects = leadingGroup(before, text)
          const next = toks.slice(k + 1).find((x) => isVerb(x) || (BOUNDARY.has(x.lower) && x.pos !== 'VERB'))
          const objectsEnd = next ? next.start : s.end
          const objects = outer.filter((m) => m.start >= t.end && m.end <= objectsEnd)
          const quote = quotes.find((q: QuoteAnnotation) => q.start <= t.start && t.end <= q.end)
          out.push({
            kind: 'clause',
            id: `c${out.length}`,
            start: s.start,
            end: s.end,
            text: s.text,
            source: 'clauses/shallow',
            sentence: s.index,
            subjects: subjects.map((m) => m.id),
            predicate: { start: t.start, end: t.end, text: t.text, lemma: t.lemma, pos: t.pos },
            objects: objects.map((m) => m.id),
            negated: isNegated(toks, k),
            modality: modalityOf(toks, k, clauseStart),
            quote: quote?.id ?? null,
          })
          clauseStart = t.end
        }
      }
      return out
    },
  }
}

/** "X and Y met": the mentions joined by "and" that open the clause, else its last actor before the verb. */
function leadingGroup(before: readonly MentionAnnotation[], text: string): MentionAnnotation[] {
  const group: MentionAnnotation[] = [before[0] as MentionAnnotation]
  for (let k = 1; k < before.length; k++) {
    const gap = text.slice((before[k - 1] as MentionAnnotation).end, (before[k] as MentionAnnotation).start)
    if (/^\s*(?:,|and|,\s*and|&)\s*$/.test(gap)) group.push(before[k] as MentionAnnotation)
    else break
  }
  // "In talks with X, Y said": when the group is followed by more actors, the last one is nearer.
  const last = before[before.length - 1] as MentionAnnotation
  return group.includes(last) ? group : [last]
}

function isNegated(toks: readonly TokenAnnotation[], k: number): boolean {
  for (let j = Math.max(0, k - 3); j < k; j++) if (NEGATION.has((toks[j] as TokenAnnotation).lower)) return true
  return false
}

function modalityOf(toks: readonly TokenAnnotation[], k: number, clauseStart: number): string | null {
  for (let j = k - 1; j >= 0 && j >= k - 5; j--) {
    const t = toks[j] as TokenAnnotation
    if (t.start < clauseStart) break
    for (const m of MODAL) {
      const end = j + m.length - 1
      if (end >= k) continue
      if (m.every((w, n) => toks[j + n]?.lower === w)) return m.join(' ')
    }
  }
  return null
}
