import type {
  Annotation,
  EntityAnnotation,
  EventActor,
  EventAnnotation,
  MentionAnnotation,
  QuoteAnnotation,
  SentenceAnnotation,
  TokenAnnotation,
} from '../../core/annotation.js'
import { annotationsOf, type Document } from '../../core/document.js'
import type { Stage } from '../../core/stage.js'
import type { CameoCodebook } from '../../lexicons/cameo-codebook.js'
import { loadEventPatterns, type EventPattern, type PatternIndex } from './patterns.js'

export interface EventsStageOptions {
  readonly codebook: CameoCodebook
  readonly patterns?: PatternIndex
}

/** Words that open a new clause: subjects and negations do not reach across them. */
const BOUNDARY = new Set([';', 'that', 'which', 'who', 'whom', 'whether', 'while', 'whereas', 'because', 'although', 'though', 'if', 'unless', 'when', 'but'])
const NEGATION = new Set(['not', "n't", 'never', 'no', 'unable', 'without', 'neither', 'nor', 'failed'])
/** Words that make an act refused rather than merely not done ("refused to meet"). */
const REFUSAL = new Set(['refuse', 'refused', 'refuses', 'declined', 'declines', 'impossible', 'reject', 'rejected', 'rejects', 'out'])
/** Words that make an act planned, offered or conditional rather than done. */
const INTENT = new Set([
  'will', 'would', "'ll", 'shall', 'ready', 'willing', 'prepared', 'plan', 'plans', 'planned', 'planning',
  'intend', 'intends', 'intended', 'hope', 'hopes', 'hoped', 'want', 'wants', 'wanted', 'wish', 'seek',
  'seeks', 'sought', 'expect', 'expects', 'expected', 'propose', 'proposed', 'proposes', 'offer', 'offered',
  'offers', 'could', 'may', 'might', 'should', 'must', 'need', 'needs', 'promise', 'promised', 'pledge',
  'pledged', 'vow', 'vowed', 'towards', 'toward', 'like', 'going', 'scheduled', 'due', 'set',
])
/** Verbs that make a noun of action an act of their subject ("held talks", "extended condolences"). */
const LIGHT = new Set([
  'hold', 'have', 'attend', 'begin', 'open', 'start', 'go', 'enter', 'resume', 'lead', 'propose', 'offer',
  'call', 'extend', 'express', 'convey', 'send', 'issue', 'impose', 'make', 'pay', 'conduct', 'host',
  'join', 'launch', 'stage', 'announce', 'renew', 'accept', 'take', 'end', 'conclude', 'complete', 'move',
])
/** Verbs whose "that" clause is proposed, not done ("proposed that they meet"). */
const PROPOSING = new Set(['propose', 'suggest', 'offer', 'urge', 'ask', 'call', 'invite', 'demand', 'insist', 'want', 'hope', 'plan', 'agree', 'request'])
/** Roots of acts made in words: modality does not change them. */
const VERBAL_ROOTS = new Set(['01', '02', '03', '10', '11', '12', '13'])
const PASSIVE_AUX = new Set(['was', 'were', 'been', 'be', 'is', 'are', 'being'])
const DETERMINER = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'its', 'his', 'her', 'their', 'our', "'s"])
const TARGET_PREPOSITIONS = new Set(['with', 'to', 'on', 'against', 'for', 'into', 'between', 'upon', 'toward', 'towards'])

interface Match {
  readonly k: number
  readonly pattern: EventPattern
  readonly kind: 'verb' | 'noun'
  readonly words: string[]
}

interface Side {
  readonly actors: readonly EventActor[]
  readonly role: string
}

/**
 * The CAMEO event coder: reads each sentence's verbs and nouns of action against the patterns of
 * `data/cameo/patterns.json`, finds who acts (the clause subject, the agent of a passive, the
 * possessor of a noun) and whom the act is aimed at (the actors after it, the other party of a
 * compound subject, else the other country of the sentence or the article), and codes the act
 * as done, intended or refused. Negated and hypothetical acts without an intent code, and
 * questions, give no event.
 */
export function createEventsStage(options: EventsStageOptions): Stage {
  const { codebook } = options
  const patterns = options.patterns ?? loadEventPatterns()
  return {
    name: 'events',
    requires: ['sentence', 'token', 'dateline', 'entity', 'mention', 'date', 'quote'],
    produces: ['event'],
    run: function events(doc: Document): Annotation[] {
      const text = doc.text
      const sentences = annotationsOf(doc, 'sentence')
      const tokens = annotationsOf(doc, 'token')
      const entities = new Map(annotationsOf(doc, 'entity').map((e) => [e.id, e]))
      const mentions = annotationsOf(doc, 'mention')
      const quotes = annotationsOf(doc, 'quote')
      const dates = annotationsOf(doc, 'date')
      const dateline = annotationsOf(doc, 'dateline')[0]
      const bySentence: TokenAnnotation[][] = sentences.map(() => [])
      for (const t of tokens) bySentence[t.sentence]?.push(t)
      const salience = countrySalience(mentions, entities)
      const out: EventAnnotation[] = []
      /** Events already coded in the article, to spot a later reference back to one. */
      const coded = new Set<string>()

      for (const s of sentences) {
        if (s.role === 'banner') continue
        const toks = bySentence[s.index] ?? []
        if (/\?\s*["']?$/.test(s.text)) continue
        const ments = actorMentions(mentions.filter((m) => m.start >= s.start && m.end <= s.end))
        const matches = findMatches(toks)
        const consumed = consumedBy(matches, toks)
        const seen = new Set<string>()
        for (const match of matches) {
          if (consumed.has(match)) continue
          const ev = code(match, s, toks, ments)
          if (!ev) continue
          const root = ev.code.slice(0, 2)
          const key = `${ev.sourceActor.code.slice(0, 3)}|${ev.targetActor.code.slice(0, 3)}|${root}`
          const mirror = `${ev.targetActor.code.slice(0, 3)}|${ev.sourceActor.code.slice(0, 3)}|${root}`
          if (seen.has(key) || (match.pattern.symmetric && seen.has(mirror))) continue
          // "during Gandhi's visit": a noun after during/after/before names an act already reported.
          const full = `${key}|${ev.code}`
          const ref = match.kind === 'noun' && toks.slice(Math.max(0, match.k - 4), match.k).some((x) => /^(during|after|before|since|until|ahead)$/.test(x.lower))
          if (ref && coded.has(full)) continue
          coded.add(full)
          seen.add(key)
          out.push({ ...ev, id: `ev${out.length}` })
        }
      }
      return out

      /** Trigger words of a sentence that satisfy a pattern's conditions. */
      function findMatches(toks: readonly TokenAnnotation[]): Match[] {
        const found: Match[] = []
        for (let k = 0; k < toks.length; k++) {
          const t = toks[k] as TokenAnnotation
          // "drought-stricken" is no strike: triggers are plain words.
          if (!/^[a-z]+$/i.test(t.text)) continue
          const prev = toks[k - 1]
          if (prev && prev.text === '-' && prev.end === t.start) continue
          const nounish = t.pos === 'NOUN' || t.pos === 'PROPN' || (prev !== undefined && DETERMINER.has(prev.lower))
          // "donated food", "the proposed meeting": a participle used as an adjective is no act.
          const next = toks[k + 1]
          const adjectival = /ed$/.test(t.lower) && next?.pos === 'NOUN' && (prev === undefined || DETERMINER.has(prev.lower) || prev.pos === 'ADP' || prev.lower === 'than')
          const verbish = !adjectival && (t.pos === 'VERB' || (!nounish && t.pos !== 'ADJ' && t.pos !== 'ADP'))
          // The most specific pattern first: one with conditions before one without.
          const candidates: Array<[EventPattern, 'verb' | 'noun']> = []
          if (verbish) for (const p of patterns.verbs.get(t.lemma) ?? []) candidates.push([p, 'verb'])
          if (nounish) {
            for (const p of patterns.nouns.get(t.lower) ?? patterns.nouns.get(t.lemma) ?? []) candidates.push([p, 'noun'])
          }
          candidates.sort((a, b) => specificity(b[0]) - specificity(a[0]))
          for (const [pattern, kind] of candidates) {
            const words = satisfies(pattern, toks, k)
            if (words) {
              found.push({ k, pattern, kind, words })
              break
            }
          }
        }
        return found
      }

      /** The words that satisfy a pattern's next/object/before conditions at token k, or null. */
      function satisfies(p: EventPattern, toks: readonly TokenAnnotation[], k: number): string[] | null {
        const t = toks[k] as TokenAnnotation
        const words = [t.text]
        const has = (set: readonly string[], x: TokenAnnotation | undefined): boolean =>
          x !== undefined && (set.includes(x.lower) || set.includes(x.lemma))
        if (p.next) {
          const n = toks[k + 1]
          if (!has(p.next, n)) return null
          words.push((n as TokenAnnotation).text)
        }
        if (p.before) {
          const b = toks.slice(Math.max(0, k - 3), k).find((x) => has(p.before ?? [], x))
          if (!b) return null
          words.unshift(b.text)
        }
        if (p.object) {
          // A passive's object stands before it ("The accord ... was signed").
          const passive = PASSIVE_AUX.has(toks[k - 1]?.lower ?? '') || PASSIVE_AUX.has(toks[k - 2]?.lower ?? '')
          // The object may also stand just before a participle ("tariffs imposed by Beijing").
          const window = [...toks.slice(k + 1, k + 11), ...toks.slice(Math.max(0, k - (passive ? 14 : 3)), k)]
          const o = window.find((x) => has(p.object ?? [], x))
          if (!o) return null
          words.push(o.text)
        }
        return words
      }

      /**
       * Triggers that are the content of another: a noun right after a verb trigger ("rejected
       * ... Greece's proposal"), and anything an appeal, offer, demand or rejection is about
       * ("proposed that they meet").
       */
      function consumedBy(matches: readonly Match[], toks: readonly TokenAnnotation[]): Set<Match> {
        const consumed = new Set<Match>()
        for (const a of matches) {
          const root = a.pattern.code.slice(0, 2)
          const framing = ['02', '03', '10', '12', '13'].includes(root)
          for (const b of matches) {
            if (b === a || b.k <= a.k) continue
            const gap = toks.slice(a.k + 1, b.k)
            const direct = a.kind === 'verb' && b.kind === 'noun' && b.k - a.k <= 6 && !gap.some((x) => x.pos === 'ADP' && !/^(of|for|'s|to)$/.test(x.lower))
            if (direct || (framing && b.k - a.k <= 10 && !gap.some((x) => x.text === ';'))) consumed.add(b)
          }
        }
        return consumed
      }

      /** Codes one match, or null when it has no source or target, or is negated or a question. */
      function code(
        match: Match,
        s: SentenceAnnotation,
        toks: readonly TokenAnnotation[],
        ments: readonly MentionAnnotation[],
      ): Omit<EventAnnotation, 'id'> | null {
        const { k, pattern } = match
        const trigger = toks[k] as TokenAnnotation
        const quote = quotes.find((q) => q.start <= trigger.start && trigger.end <= q.end) ?? null
        // The statement a speaker makes is a clause of its own ("Mishustin said Russia is ...").
        let clauseStart = clauseStartOf(toks, k)
        if (quote && quote.start > (toks[clauseStart]?.start ?? 0)) {
          const q = toks.findIndex((x) => x.start >= quote.start)
          if (q >= 0 && q <= k) clauseStart = q
        }
        const before = toks.slice(Math.max(clauseStart, k - 5), k)
        const clause = toks.slice(Math.max(clauseStart, k - 12), k)
        const refused = clause.some((x) => REFUSAL.has(x.lower)) || (toks[k + 1]?.lower === 'out' && pattern.id.includes('rule'))
        // A negation anywhere in the clause before the act ("have not yet agreed on a package to help").
        const negated = clause.some((x) => NEGATION.has(x.lower))
        let mode: EventAnnotation['mode'] = 'done'
        let chosen = refine(pattern, toks, k)
        if ((refused || negated) && pattern.refuse && refused) {
          chosen = { code: pattern.refuse, intent: undefined }
          mode = 'refusal'
        } else if (negated || refused) {
          return null
        } else if (before.some((x, n) => isIntentCue(x, before[n + 1])) || framedAsProposal(toks, clauseStart)) {
          // Planned or conditional: an intent code where the pattern has one; a verbal act
          // (appeal, intent, demand, criticism) stays what it is; any other act is not done yet.
          if (pattern.intent) chosen = { code: chosen.intent ?? pattern.intent, intent: undefined }
          else if (!VERBAL_ROOTS.has(chosen.code.slice(0, 2))) return null
          mode = 'intent'
        }
        const source = findSource(match, s, toks, ments, clauseStart, quote)
        if (!source || source.actors.length === 0) return null
        const first = source.actors[0] as EventActor
        let target: Side | null = null
        if (source.actors.length > 1 && pattern.symmetric !== false) {
          target = { actors: source.actors.slice(1), role: 'co-subject' }
        }
        target ??= findTarget(match, s, toks, ments, first)
        if (!target || target.actors.length === 0) return null
        const second = target.actors.find((a) => a.code.slice(0, 3) !== first.code.slice(0, 3) || a.code !== first.code)
        if (!second) return null
        if (second.code === first.code || (second.code.slice(0, 3) === first.code.slice(0, 3) && sameSector(first.code, second.code))) return null
        const info = codebook.code(chosen.code)
        if (!info) return null
        const date = dates.find((d) => d.start >= s.start && d.end <= s.end)?.value ?? dateline?.date ?? null
        const place = placeOf(s) ?? dateline?.place ?? null
        return {
          kind: 'event',
          start: trigger.start,
          end: trigger.end,
          text: trigger.text,
          source: `events/${pattern.id}`,
          code: info.code,
          label: info.label,
          root: info.root,
          goldstein: info.goldstein,
          quadClass: info.quadClass,
          plover: info.plover,
          sourceActor: { ...first, role: source.role },
          targetActor: { ...second, role: target.role },
          sentence: s.index,
          sentenceRange: { start: s.start, end: s.end },
          rule: pattern.id,
          matched: match.words,
          mode,
          date,
          place,
          quote: quote?.id ?? null,
        }
      }

      function findSource(
        match: Match,
        s: SentenceAnnotation,
        toks: readonly TokenAnnotation[],
        ments: readonly MentionAnnotation[],
        clauseStart: number,
        quote: QuoteAnnotation | null,
      ): Side | null {
        const { k } = match
        const trigger = toks[k] as TokenAnnotation
        // Passive and participle: "was signed by X and Y", "tariffs imposed by Beijing".
        const by = toks.slice(k + 1, k + 3).findIndex((x) => x.lower === 'by')
        if (by >= 0) {
          const byTok = toks[k + 1 + by] as TokenAnnotation
          const agent = groupStartingAt(ments, byTok.end)
          if (agent.length) return { actors: agent.flatMap(actorsOf), role: 'passive-agent' }
        }
        if (match.kind === 'noun') {
          // "Papandreou's renewed offer", "a recent North Korean call", "U.S. duties".
          const owner = ments.findLast((m) => m.end <= trigger.start && trigger.start - m.end <= 24 && onlyModifiersBetween(toks, m.end, trigger.start))
          // "his talks", "their meeting": a reference back to an act, not a new one.
          if (owner?.form === 'pronoun') return null
          if (owner) return { actors: actorsOf(owner), role: 'possessor' }
          if (match.pattern.needsSource) return null
          const light = toks.slice(Math.max(clauseStart, k - 6), k).some((x) => LIGHT.has(x.lemma))
          const indefinite = toks.slice(Math.max(0, k - 5), k).some((x) => x.lower === 'a' || x.lower === 'an')
          if (!light && !match.pattern.before) {
            // "a meeting with X", "during a meeting" of a compound subject: a new act with its
            // parties named; "a resumption of stalled talks" names none and reports no act.
            const parties = /^(with|between)$/.test(toks[k + 1]?.lower ?? '') || subjectOf(toks, ments, clauseStart, k, true).length > 1
            if (!indefinite || !parties) return null
          }
        }
        // "we stand ready to assist": a first person in a quotation is its speaker.
        const firstPerson = toks.slice(clauseStart, k).find((x) => /^(we|i)$/.test(x.lower))
        const inClause = subjectOf(toks, ments, clauseStart, k, false)
        if (quote?.speakerEntity && firstPerson && !inClause.some((m) => m.start < firstPerson.start)) {
          const e = entities.get(quote.speakerEntity)
          if (e) return { actors: [entityActor(e, null, 'quote-speaker', true)], role: 'quote-speaker' }
        }
        const subject = inClause.length ? inClause : subjectOf(toks, ments, clauseStart, k, true)
        if (subject.length) return { actors: subject.flatMap(actorsOf), role: 'subject' }
        return null
      }

      function findTarget(
        match: Match,
        s: SentenceAnnotation,
        toks: readonly TokenAnnotation[],
        ments: readonly MentionAnnotation[],
        source: EventActor,
      ): Side | null {
        const trigger = toks[match.k] as TokenAnnotation
        const end = toks.slice(match.k + 1).find((x) => x.text === ';')?.start ?? s.end
        const others = (m: MentionAnnotation): EventActor[] =>
          actorsOf(m).filter((a) => a.code.slice(0, 3) !== source.code.slice(0, 3))
        const after = ments.filter((m) => m.start >= trigger.end && m.end <= end && m.start - trigger.end < 160)
        for (const m of after) {
          const found = others(m)
          if (found.length) return { actors: found, role: 'object' }
        }
        // Another actor of the sentence ("we stand ready to assist", with "the Indians" earlier).
        for (const m of ments) {
          const found = others(m)
          if (found.length) return { actors: found, role: 'sentence' }
        }
        // The article's other party: "Russia is willing to implement the consensus".
        const home = source.code.slice(0, 3)
        const other = salience.find((c) => c.code !== home)
        if (other && /^[A-Z]{3}$/.test(home)) {
          return { actors: [{ code: other.code, entity: other.entity, name: other.name, mention: null, role: 'article' }], role: 'article' }
        }
        return null
      }

      function placeOf(s: SentenceAnnotation): string | null {
        for (const m of mentions) {
          if (m.start < s.start || m.end > s.end || m.entityType !== 'place' || m.form === 'capital') continue
          const e = entities.get(m.refs[0] ?? '')
          if (e) return e.name
        }
        return null
      }

      /** The actors a mention stands for (two for "both sides"). */
      function actorsOf(m: MentionAnnotation): EventActor[] {
        const span = { start: m.start, end: m.end, text: m.text }
        if (m.refs.length === 0) {
          const a = m.actor ? { code: m.actor, entity: null, name: null, mention: span, role: '' } : null
          return a && located(a) ? [a] : []
        }
        const list: EventActor[] = []
        for (const r of m.refs) {
          const e = entities.get(r)
          if (!e) continue
          const a = entityActor(e, span, '', m.refs.length > 1)
          // A capital standing for its government, a demonym for its country.
          list.push(m.form === 'capital' && m.actor ? { ...a, code: m.actor } : a)
        }
        return list.filter((a) => a.code !== '')
      }

      /** An actor with no country ("officials", "---GOV") cannot anchor an international event. */
      function located(a: EventActor): boolean {
        return a.code !== '' && !a.code.startsWith('---')
      }

      function entityActor(e: EntityAnnotation, mention: EventActor['mention'], role: string, countryOnly: boolean): EventActor {
        const code = countryOnly ? (e.country ?? e.actor ?? '') : (e.actor ?? e.country ?? '')
        return { code, entity: e.id, name: e.name, mention, role }
      }

      /** Mentions that can act: people, organisations, countries, capitals used for governments, agents, groups. */
      function actorMentions(list: readonly MentionAnnotation[]): MentionAnnotation[] {
        const usable = list.filter((m) => {
          if (m.entityType === 'place' && m.form !== 'capital') return false
          if (m.refs.length === 0) return m.actor !== null
          return true
        })
        // Nested mentions ("Chinese" inside "Chinese President Xi") give way to the wider one.
        return usable.filter((m) => !usable.some((o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start))
      }
    },
  }

  function refine(p: EventPattern, toks: readonly TokenAnnotation[], k: number): { code: string; intent: string | undefined } {
    const window = toks.slice(Math.max(0, k - 3), k + 9)
    for (const r of p.refine ?? []) {
      if (window.some((x) => r.object.includes(x.lower) || r.object.includes(x.lemma))) {
        return { code: r.code, intent: r.intent }
      }
    }
    return { code: p.code, intent: p.intent }
  }
}

/** "set to", "ready to", "due for": these words mark intent only before "to" or "for". */
const NEEDS_TO = new Set(['set', 'due', 'going', 'scheduled', 'like', 'ready', 'willing', 'prepared', 'need', 'needs', 'expected'])

function isIntentCue(t: TokenAnnotation, next: TokenAnnotation | undefined): boolean {
  if (!INTENT.has(t.lower)) return false
  return !NEEDS_TO.has(t.lower) || next === undefined || next.lower === 'to' || next.lower === 'for'
}

/** How many conditions a pattern sets: the more, the more specific. */
function specificity(p: EventPattern): number {
  return (p.next ? 1 : 0) + (p.object ? 1 : 0) + (p.before ? 1 : 0)
}

/** A clause opened by "that" after a proposing verb ("proposed in a letter ... that they meet"). */
function framedAsProposal(toks: readonly TokenAnnotation[], clauseStart: number): boolean {
  if (toks[clauseStart - 1]?.lower !== 'that') return false
  return toks.slice(Math.max(0, clauseStart - 16), clauseStart - 1).some((t) => PROPOSING.has(t.lemma))
}

/** Where the clause holding token k begins: after the nearest boundary word before it. */
function clauseStartOf(toks: readonly TokenAnnotation[], k: number): number {
  for (let j = k - 1; j >= 0; j--) {
    const t = toks[j] as TokenAnnotation
    if (BOUNDARY.has(t.lower) && !(t.lower === 'that' && t.pos === 'DET')) return j + 1
  }
  return 0
}

/**
 * The subject of the clause: its first actor mention before the trigger, with the mentions
 * joined to it by "and" ("X and Y met"); after a relative "who", the noun it refers to; with
 * none in the clause, the sentence's first actor (a verb phrase coordinated with an earlier one).
 */
function subjectOf(
  toks: readonly TokenAnnotation[],
  ments: readonly MentionAnnotation[],
  clauseStart: number,
  k: number,
  widen: boolean,
): MentionAnnotation[] {
  const trigger = toks[k] as TokenAnnotation
  const from = toks[clauseStart]?.start ?? trigger.start
  const opener = toks[clauseStart - 1]
  if (opener && /^(who|which)$/.test(opener.lower)) {
    const antecedent = ments.findLast((m) => m.end <= opener.start)
    if (antecedent) return [antecedent]
  }
  const inClause = ments.filter((m) => m.start >= from && m.end <= trigger.start && !inAside(toks, m, clauseStart))
  const pick = inClause.length || !widen ? inClause : ments.filter((m) => m.end <= trigger.start && !inAside(toks, m, 0))
  const first = pick[0]
  if (!first) return []
  const group = [first]
  for (const m of pick.slice(1)) {
    const last = group[group.length - 1] as MentionAnnotation
    const between = toks.filter((t) => t.start >= last.end && t.end <= m.start)
    if (between.length === 1 && /^(and|&)$/.test((between[0] as TokenAnnotation).lower)) group.push(m)
    else break
  }
  return group
}

/** Inside ", accompanied by senior advisers," or ", who ...,": an aside, not the subject. */
function inAside(toks: readonly TokenAnnotation[], m: MentionAnnotation, from: number): boolean {
  let open = -1
  for (let j = from; j < toks.length; j++) {
    const t = toks[j] as TokenAnnotation
    if (t.start >= m.start) break
    if (t.text === ',' || t.text === '(') {
      const next = toks[j + 1]
      open = next && (next.pos === 'VERB' || /^(who|which|accompanied|including)$/.test(next.lower)) ? j : -1
    }
  }
  if (open < 0) return false
  const close = toks.slice(open + 1).find((t) => t.text === ',' || t.text === ')')
  return close !== undefined && close.start >= m.end
}

/** Only adjectives, "'s", numbers or names between a possessor and its noun. */
function onlyModifiersBetween(toks: readonly TokenAnnotation[], from: number, to: number): boolean {
  return toks
    .filter((t) => t.start >= from && t.end <= to)
    .every((t) => t.lower === "'s" || t.lower === "'" || t.pos === 'ADJ' || t.pos === 'NUM' || t.pos === 'PROPN' || /^(new|recent|latest|renewed|first|second|fresh)$/.test(t.lower))
}

/** The mention (and those joined to it by "and") that starts right after a word. */
function groupStartingAt(ments: readonly MentionAnnotation[], at: number): MentionAnnotation[] {
  const first = ments.find((m) => m.start >= at && m.start - at <= 24)
  if (!first) return []
  const group = [first]
  for (const m of ments) {
    const last = group[group.length - 1] as MentionAnnotation
    if (m.start > last.end && m.start - last.end <= 6) group.push(m)
  }
  return group.slice(0, 2)
}

/** Same-country actors of one kind (two government officials) make no event between them. */
function sameSector(a: string, b: string): boolean {
  const sa = a.slice(3) || 'GOV'
  const sb = b.slice(3) || 'GOV'
  return sa === sb
}

interface SalientCountry {
  readonly code: string
  readonly entity: string
  readonly name: string
}

/** The article's countries, most mentioned first (for acts whose target the sentence leaves implicit). */
function countrySalience(mentions: readonly MentionAnnotation[], entities: ReadonlyMap<string, EntityAnnotation>): SalientCountry[] {
  const counts = new Map<string, number>()
  for (const m of mentions) {
    for (const r of m.refs) {
      const e = entities.get(r)
      const code = e?.entityType === 'country' ? e.country : e?.entityType === 'person' || e?.entityType === 'organization' ? e.country : null
      if (code) counts.set(code, (counts.get(code) ?? 0) + 1)
    }
  }
  const byCode = new Map<string, EntityAnnotation>()
  for (const e of entities.values()) if (e.entityType === 'country' && e.country) byCode.set(e.country, e)
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([code]) => ({ code, entity: byCode.get(code)?.id ?? '', name: byCode.get(code)?.name ?? code }))
}
