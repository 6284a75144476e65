import type {
  Annotation,
  DateAnnotation,
  DatelineAnnotation,
  EntityAnnotation,
  EventActor,
  EventAnnotation,
  MentionAnnotation,
  QuoteAnnotation,
  SentenceAnnotation,
  TokenAnnotation,
} from '../../core/annotation.js'
import { annotationsOf, type Document } from '../../core/document.js'
import type { Stage, StageContext } from '../../core/stage.js'
import type { CameoCodebook } from '../../lexicons/cameo-codebook.js'
import { framedCode, intentCode, isHostile, isVerbal, refusalCode, threatForm } from './code-families.js'
import { attributionStart, clauseEndOf, clauseStartOf, isClauseGerund, isCoordinated, isPassive, isSpeech, readModality, reducedRelative, type Modality } from './modality.js'
import { loadEventPatterns, type PatternIndex } from './patterns.js'
import { isLocated, sentenceSlots, type Slot } from './sentence-actors.js'
import { findMatches, frameMatches, refinedCode, type Match } from './triggers.js'

export interface EventsStageOptions {
  readonly codebook: CameoCodebook
  readonly patterns?: PatternIndex
}

/** Verbs that make a noun of action an act of their subject ("held talks", "launched an air strike"). */
const LIGHT = new Set([
  'hold', 'have', 'attend', 'begin', 'open', 'start', 'go', 'enter', 'resume', 'lead', 'propose', 'offer',
  'call', 'extend', 'express', 'convey', 'send', 'issue', 'impose', 'make', 'pay', 'conduct', 'host',
  'join', 'launch', 'stage', 'announce', 'renew', 'accept', 'take', 'end', 'conclude', 'complete', 'move',
  'engage', 'carry', 'mount', 'unleash', 'order', 'undertake', 'file', 'lodge', 'deliver', 'give', 'fire',
  'step', 'intensify', 'reimpose', 'institute', 'declare',
])
/** Verbs whose "that" clause is proposed, not done ("proposed that they meet"). */
const PROPOSING = new Set(['propose', 'suggest', 'offer', 'urge', 'ask', 'call', 'invite', 'demand', 'insist', 'want', 'hope', 'plan', 'agree', 'request'])
/** Prepositions that name the other party of a noun of action ("a meeting with X", "talks between X and Y"). */
const PARTY = /^(?:with|between)$/
/** Words between a possessor and its noun: "'s", adjectives, numbers, names. */
const MODIFIER_WORD = /^(?:new|recent|latest|renewed|first|second|fresh|further|planned)$/
/** Executive sectors of one state: two of them in one country are one side (the government and its army). */
const EXECUTIVE = new Set(['', 'GOV', 'MIL', 'COP', 'SPY'])
/** Prepositions whose object is no subject (not "of": "hundreds of UN troops withdrew"). */
const SUBJECTLESS = new Set(['to', 'with', 'from', 'by', 'for', 'at', 'in', 'on', 'against', 'near', 'after', 'before', 'during', 'under', 'over', 'into', 'through', 'toward', 'towards', 'between', 'among', 'like', 'than'])
/** Verbs that ask for a hostile act to end rather than to happen. */
const HALTING = new Set(['stop', 'end', 'halt', 'cease', 'refrain', 'suspend', 'abandon', 'renounce'])
/** Roots of acts done to someone: a participle of one right after a noun and before a preposition is passive. */
const TRANSITIVE_ROOTS = new Set(['11', '17', '18', '20'])
/** International actors, compared by organisation rather than by country. */
const INTERNATIONAL = /^(?:IGO|NGO|IMG|MNC|NGM|INT|UIS)/

/** Hears why a trigger gave no event. */
type Trace = (message: () => string) => void

interface Side {
  readonly actors: readonly EventActor[]
  readonly role: string
  /** The slots it was read from, so that the other side is looked for elsewhere. */
  readonly slots: readonly Slot[]
}

/** What the article as a whole gives every sentence. */
interface ArticleContext {
  readonly entities: ReadonlyMap<string, EntityAnnotation>
  readonly mentions: readonly MentionAnnotation[]
  readonly quotes: readonly QuoteAnnotation[]
  readonly dates: readonly DateAnnotation[]
  readonly dateline: DatelineAnnotation | undefined
  readonly salience: readonly SalientCountry[]
}

/** One sentence, read once for all its triggers. */
interface SentenceContext {
  readonly s: SentenceAnnotation
  readonly toks: readonly TokenAnnotation[]
  readonly slots: readonly Slot[]
  /** First token of a trailing attribution (", officials said"); its actors are no party. */
  readonly tail: number
}

/** An event before its annotation is assembled. */
interface Coded {
  readonly code: string
  readonly mode: EventAnnotation['mode']
  readonly source: Side
  readonly target: Side
  readonly match: Match
  readonly rule: string
}

/**
 * The CAMEO event coder: reads each sentence's verbs and nouns of action against the patterns of
 * `data/cameo/patterns.json`, finds who acts (the clause subject, the agent of a passive, the
 * possessor of a noun, the giver of what is received) and whom the act is aimed at (the object,
 * the subject of a passive, the other party of a compound subject, else another actor of the
 * sentence or the article), and codes the act as done, intended, threatened or refused. An act
 * that is framed by an appeal, promise, demand, refusal or threat takes the frame's code for it
 * ("urged X to meet" is 026, "threatened to attack" 138). Negated acts without a refusal code,
 * conditions and questions give no event.
 */
export function createEventsStage(options: EventsStageOptions): Stage {
  const { codebook } = options
  const patterns = options.patterns ?? loadEventPatterns()
  return {
    name: 'events',
    requires: ['sentence', 'token', 'dateline', 'entity', 'mention', 'date', 'quote'],
    produces: ['event'],
    run: function events(doc: Document, ctx: StageContext): Annotation[] {
      // At most one message per trigger that gives no event: cheap enough to build always.
      const trace: Trace = (message) => ctx.debug('events', message())
      const sentences = annotationsOf(doc, 'sentence')
      const tokens = annotationsOf(doc, 'token')
      const mentions = annotationsOf(doc, 'mention')
      const entities = new Map(annotationsOf(doc, 'entity').map((e) => [e.id, e]))
      const article: ArticleContext = {
        entities,
        mentions,
        quotes: annotationsOf(doc, 'quote'),
        dates: annotationsOf(doc, 'date'),
        dateline: annotationsOf(doc, 'dateline')[0],
        salience: countrySalience(mentions, entities),
      }
      const bySentence: TokenAnnotation[][] = sentences.map(() => [])
      for (const t of tokens) bySentence[t.sentence]?.push(t)
      const out: EventAnnotation[] = []
      /** Events already coded in the article, to spot a later reference back to one. */
      const coded = new Set<string>()
      let mi = 0
      for (const s of sentences) {
        while (mi < mentions.length && (mentions[mi] as MentionAnnotation).start < s.start) mi++
        if (s.role === 'banner' || isQuestion(s.text)) continue
        const toks = bySentence[s.index] ?? []
        const inSentence: MentionAnnotation[] = []
        for (let j = mi; j < mentions.length && (mentions[j] as MentionAnnotation).start < s.end; j++) {
          const m = mentions[j] as MentionAnnotation
          if (m.end <= s.end) inSentence.push(m)
        }
        // "BAHRAIN - Iran reported ...": the dateline's place is no party to the sentence.
        const dl = article.dateline
        if (dl && dl.end > dl.start && dl.end > s.start && dl.start < s.end) {
          for (let j = inSentence.length - 1; j >= 0; j--) {
            const m = inSentence[j] as MentionAnnotation
            if (m.start >= dl.start && m.start < dl.end) inSentence.splice(j, 1)
          }
        }
        if (inSentence.length === 0) continue
        // Triggers first: most sentences have none, and then their actors need no reading.
        const ends = new Set(inSentence.map((m) => m.end))
        const matches = findMatches(toks, patterns, (j) => ends.has(toks[j]?.end ?? -1))
        if (matches.length === 0) continue
        const sentence: SentenceContext = { s, toks, slots: sentenceSlots(toks, inSentence, entities, article.dateline?.country ?? null), tail: attributionStart(toks) }
        const seen = new Set<string>()
        for (const ev of codeSentence(sentence, article, matches, trace)) {
          const key = eventKey(ev)
          const mirror = eventKey({ ...ev, source: ev.target, target: ev.source })
          if (seen.has(key) || (ev.match.pattern.symmetric && seen.has(mirror))) continue
          // "during Gandhi's visit": a noun after during/after/before names an act already reported.
          const full = `${key}|${ev.code}`
          if (isReference(ev.match, toks) && coded.has(full)) continue
          const annotation = assemble(ev, sentence, article)
          if (!annotation) continue
          coded.add(full)
          seen.add(key)
          out.push({ ...annotation, id: `ev${out.length}` })
        }
      }
      return out
    },
  }

  /** The events of one sentence, in trigger order. */
  function codeSentence(sentence: SentenceContext, article: ArticleContext, matches: readonly Match[], trace: Trace): Coded[] {
    if (sentence.slots.length === 0) return []
    const framing = frameMatches(matches, sentence.toks)
    const out: Coded[] = []
    for (let i = 0; i < matches.length; i++) {
      const match = matches[i] as Match
      if (framing.consumed.has(match)) continue
      // A place after the trigger locates it only up to the next act ("a trip aimed at pushing
      // for a ceasefire in Gaza" is no trip to Gaza).
      const nextTrigger = matches[i + 1]?.k ?? sentence.toks.length
      const ev = codeMatch(match, framing.inner.get(match), sentence, article, nextTrigger, trace)
      if (!ev) continue
      out.push(ev)
      // "X received Y": the host's act implies the visitor's (043 and 042 are coded together).
      const mirror = match.pattern.mirror
      if (mirror && ev.mode === 'done' && ev.target.role !== 'article' && ev.target.role !== 'home') {
        out.push({ ...ev, code: repressionCode(mirror, ev.target, ev.source), source: ev.target, target: ev.source, rule: `${ev.rule}+mirror` })
      }
    }
    return out
  }

  function assemble(ev: Coded, sentence: SentenceContext, article: ArticleContext): Omit<EventAnnotation, 'id'> | null {
    // A derived code the codebook does not list (1213) is coded as its parent (121).
    const info = codebook.code(ev.code) ?? codebook.code(ev.code.slice(0, 3)) ?? codebook.code(ev.code.slice(0, 2))
    if (!info) return null
    const { s, toks } = sentence
    const trigger = toks[ev.match.k] as TokenAnnotation
    const first = ev.source.actors[0] as EventActor
    const second = ev.target.actors.find((a) => !sameSide(a, first)) ?? (ev.target.role === 'home' ? ev.target.actors[0] : undefined)
    if (!second) return null
    const quote = article.quotes.find((q) => q.start <= trigger.start && trigger.end <= q.end) ?? null
    return {
      kind: 'event',
      start: trigger.start,
      end: trigger.end,
      text: trigger.text,
      source: `events/${ev.rule}`,
      code: info.code,
      label: info.label,
      root: info.root,
      goldstein: info.goldstein,
      quadClass: info.quadClass,
      plover: info.plover,
      sourceActor: { ...first, role: ev.source.role },
      targetActor: { ...second, role: ev.target.role },
      sentence: s.index,
      sentenceRange: { start: s.start, end: s.end },
      rule: ev.rule,
      matched: ev.match.words,
      mode: ev.mode,
      date: article.dates.find((d) => d.start >= s.start && d.end <= s.end)?.value ?? article.dateline?.date ?? null,
      place: placeOf(s, article) ?? article.dateline?.place ?? null,
      quote: quote?.id ?? null,
    }
  }

  /**
   * Codes one trigger, or null when it has no source or target, or is negated or conditional;
   * `trace` hears why a trigger gave no event (`dateline explain`, failing tests).
   */
  function codeMatch(match: Match, inner: Match | undefined, sentence: SentenceContext, article: ArticleContext, nextTrigger: number, trace: Trace): Coded | null {
    const { toks } = sentence
    const { k, pattern } = match
    const trigger = toks[k] as TokenAnnotation
    const drop = (why: string): null => {
      trace(() => `${pattern.id} '${trigger.text}' (sentence ${sentence.s.index}): ${why}`)
      return null
    }
    const quote = article.quotes.find((q) => q.start <= trigger.start && trigger.end <= q.end) ?? null
    const { start: clauseStart, reporting } = clauseOf(toks, k, quote)
    const modality = readModality(toks, k, clauseStart)
    if (modality.hypothetical) return drop('a condition')
    const act = actCode(match, inner, toks)
    // "allowed its output to sink", "helped cultivate tobacco": a permission or help is an act
    // only towards an actor, or for what the codebook names (inspectors, refugees, aid).
    if (pattern.objectActor && act.code === pattern.code && !modality.intended && !sentence.slots.some((x) => x.first > k && x.first <= k + 3)) return drop('aimed at no actor')
    // "announced it would prohibit all aid", "decided to impose sanctions": a decision is the act;
    // "will withdraw unless ..." stays a threat.
    const announced = reporting !== null && (toks[reporting] as TokenAnnotation).lemma === 'announce' && /^(?:will|would|'ll)$/.test(modality.cue ?? '')
    const decision = (modality.cue === 'decided' || announced) && isHostile(act.code) && !modality.conditional
    const decided = decideCode(act, match, decision ? { ...modality, intended: false } : modality, framedAsProposal(toks, clauseStart))
    if (!decided) return drop(modality.negated ? 'negated' : 'not done and no intent code')
    // "officials accused of ...": a participle after a noun is a passive; "an earthquake hitting
    // the region": an act whose subject is no actor. The pattern's own act decides: "Britain
    // called for sanctions" frames a hostile act but "call for" takes no object; "accused of" does.
    const afterActor = sentence.slots.some((x) => x.last === k - 1)
    const transitive = !pattern.next && (TRANSITIVE_ROOTS.has(pattern.code.slice(0, 2)) || pattern.id === 'fight.kill')
    const reduced = match.kind === 'verb' ? reducedRelative(toks, k, transitive, afterActor) : null
    if (reduced === 'non-actor') return drop('its subject names no actor')
    // A gerund opening a clause names no act, unless the clause rules it out ("removing the
    // sanctions is out of the question": the speaker refuses it).
    if (match.kind === 'verb' && isClauseGerund(toks, k, clauseStart) && !modality.refused) return drop('a gerund')
    const passive = match.kind === 'verb' && (isPassive(toks, k) || reduced === 'passive')
    const source = findSource(match, sentence, article, clauseStart, quote, passive, isHostile(decided.code), reporting)
    if (!source || source.actors.length === 0) return drop('no source')
    const accusation = reportedAccusation(match, sentence, decided, source, reporting)
    if (accusation) return accusation
    const obligation = reportedObligation(match, sentence, act.code, modality, source, reporting, clauseStart)
    if (obligation) return obligation
    const found = findTarget(match, sentence, article, source, clauseStart, passive, nextTrigger, decided.code)
    if (!found || found.actors.length === 0) return drop('no target')
    const target = localize(found, sentence, article, decided.code, clauseStart)
    return { ...decided, code: repressionCode(decided.code, source, target), source, target, match, rule: pattern.id }
  }

  /**
   * "Russia said Sudan must return the helicopter": what a speaker says another must do is the
   * speaker's demand on it; "should", the speaker's appeal (chapter 2.10: "all demands and orders").
   */
  function reportedObligation(match: Match, sentence: SentenceContext, act: string, modality: Modality, source: Side, reporting: number | null, clauseStart: number): Coded | null {
    const root = act.slice(0, 2)
    const said = root === '01' || root === '02' || (Number(root) >= 10 && Number(root) <= 13)
    if (reporting === null || !modality.obliged || said) return null
    const { toks } = sentence
    const speaker = subjectBefore(toks, sentence.slots, reporting)
    const obliged = source.actors[0] as EventActor
    if (!speaker?.actors[0] || sameSide(speaker.actors[0], obliged) || source.slots.includes(speaker)) return null
    const halted = isHostile(act) && toks.slice(clauseStart, match.k).some((x) => HALTING.has(x.lemma))
    const asked = framedCode(modality.obliged, halted ? '087' : act) ?? (modality.obliged === 'demand' ? '100' : '020')
    return {
      code: asked,
      mode: 'done',
      source: { actors: speaker.actors, role: 'speaker', slots: [speaker] },
      target: { actors: [obliged], role: 'obliged', slots: source.slots },
      match,
      rule: `${match.pattern.id}+obliged`,
    }
  }

  /**
   * "X said rebels attacked Y": a hostile act reported by another party is its accusation (112),
   * whoever the act was aimed at.
   */
  function reportedAccusation(match: Match, sentence: SentenceContext, decided: { code: string; mode: EventAnnotation['mode'] }, source: Side, reporting: number | null): Coded | null {
    if (reporting === null || decided.mode !== 'done' || Number(decided.code.slice(0, 2)) < 17) return null
    const speaker = subjectBefore(sentence.toks, sentence.slots, reporting)
    const accused = source.actors[0] as EventActor
    if (!speaker?.actors[0] || sameSide(speaker.actors[0], accused)) return null
    // "Chad's military said troops killed ...", "Iran reported ... troops had killed": unnamed
    // forces of the speaker's own kind, or of a state speaking, are its own.
    const said = speaker.actors[0].code
    const forces = accused.code.slice(3)
    const state = said.length === 3 && speaker.form === 'name'
    if (!isLocated(accused.code) && (forces === said.slice(3) || (state && SECURITY.has(forces)))) return null
    return {
      code: '112',
      mode: 'done',
      source: { actors: speaker.actors, role: 'speaker', slots: [speaker] },
      target: { actors: [accused], role: 'accused', slots: source.slots },
      match,
      rule: `${match.pattern.id}+reported`,
    }
  }

  /** The code of the act as done: the pattern's, made precise by its object or by the act it frames. */
  function actCode(match: Match, inner: Match | undefined, toks: readonly TokenAnnotation[]): { code: string; intent: string | undefined; framed: boolean } {
    const own = refinedCode(match.pattern, toks, match.k)
    const frame = match.pattern.frame
    if (!inner || !frame || frame === 'allow' || own.refined) return { code: own.code, intent: own.intent, framed: false }
    // "urged them to stop the attacks": asking that a hostile act end asks for de-escalation (087).
    const inside = refinedCode(inner.pattern, toks, inner.k).code
    const halted = isHostile(inside) && toks.slice(match.k + 1, inner.k).some((x) => HALTING.has(x.lemma))
    const content = halted ? '087' : inside
    const framed = framedCode(frame, content)
    return framed ? { code: framed, intent: undefined, framed: true } : { code: own.code, intent: own.intent, framed: false }
  }

  /** The code and mode once refusal, negation, intent and condition are read. */
  function decideCode(
    act: { code: string; intent: string | undefined; framed: boolean },
    match: Match,
    modality: Modality,
    framedAsIntent: boolean,
  ): { code: string; mode: EventAnnotation['mode'] } | null {
    const { pattern } = match
    if (modality.refused) {
      const code = act.framed ? refusalCode(act.code) : (pattern.refuse ?? refusalCode(act.code))
      return code ? { code, mode: 'refusal' } : null
    }
    if (modality.negated) return null
    if (modality.intended || framedAsIntent) {
      // "will withdraw unless ...": a promise on a condition is a threat.
      if (modality.conditional && !isVerbal(act.code)) return { code: pattern.threat ?? threatForm(act.code) ?? '130', mode: 'intent' }
      const code = act.framed || isVerbal(act.code) ? act.code : isHostile(act.code) ? (pattern.threat ?? intentCode(act.code)) : (act.intent ?? pattern.intent ?? intentCode(act.code))
      return code ? { code, mode: 'intent' } : null
    }
    return { code: act.code, mode: 'done' }
  }

  /**
   * Who acts: the giver of what is received, the agent of a passive ("by X"), the possessor of a
   * noun ("Israeli tank shelling"), the speaker of a first person in a quotation, else the clause
   * subject.
   */
  function findSource(
    match: Match,
    sentence: SentenceContext,
    article: ArticleContext,
    clauseStart: number,
    quote: QuoteAnnotation | null,
    passive: boolean,
    hostile: boolean,
    reporting: number | null,
  ): Side | null {
    const { toks, slots } = sentence
    const { k, pattern } = match
    if (pattern.giver) {
      const giver = slotAfterWord(toks, slots, k, 8, pattern.giver)
      if (giver) return { actors: giver.actors, role: 'giver', slots: [giver] }
    }
    const agent = byAgent(toks, slots, k)
    if (agent) return { actors: agent.flatMap((x) => x.actors), role: 'passive-agent', slots: agent }
    if (passive) {
      // A passive names its patient, not its agent: "four children were killed" says nothing of
      // who killed them. What a speaker announces ("a statement said aid would be shipped") is
      // the speaker's act, so an earlier actor of the sentence may stand for a cooperative one.
      // "a mortar bomb was fired at it from the Gaza Strip": where an attack came from is who made it.
      if (hostile) {
        const origin = toks.findIndex((x, n) => n > k && n < k + 8 && x.lower === 'from')
        const place = origin >= 0 ? placeCountryAfter(sentence, article, origin, Math.min(toks.length, origin + 5)) : null
        return place ? { actors: [{ code: place, entity: null, name: null, mention: null, role: 'origin' }], role: 'origin', slots: [] } : null
      }
      const root = Number(pattern.code.slice(0, 2))
      if (reporting === null || !isPassive(toks, k) || root < 3 || root > 8) return null
      const earlier = slots.find((x) => x.last < clauseStart && x.actors.every((a) => isLocated(a.code)))
      return earlier ? { actors: earlier.actors, role: 'context', slots: [earlier] } : null
    }
    if (match.kind === 'noun') {
      // "a meat inspection requirement": a noun of action modifying another noun is no act.
      if (toks[k + 1]?.pos === 'NOUN' && !/^(?:today|yesterday|tonight)$/.test(toks[k + 1]?.lower ?? '')) return null
      const owner = possessorOf(toks, slots, k)
      // "Italy announced a suspension of air links": a verb of speech with an object is its light verb.
      const light = lightVerbOf(toks, k, Math.min(clauseStart, clauseStartOf(toks, k))) >= 0
      // "his talks", "their meeting": a reference back to an act, not a new one; but "held their
      // first meeting", "mounted its invasion" report it, and the subject is the actor.
      const pronoun = owner?.form === 'pronoun' || /^(?:its|their|his|her)$/.test(toks[k - 1]?.lower ?? '') || /^(?:its|their|his|her)$/.test(toks[k - 2]?.lower ?? '')
      if (pronoun && lightVerbOf(toks, k, clauseStart, 5) < 0) return null
      if (owner && owner.form !== 'pronoun') return { actors: owner.actors, role: 'possessor', slots: [owner] }
      if (pattern.needsSource && !(pronoun && light)) return null
      const indefinite = toks.slice(Math.max(0, k - 5), k).some((x) => x.lower === 'a' || x.lower === 'an')
      if (!light && !pattern.before) {
        // "a meeting with X", "during a meeting" of a compound subject: a new act with its
        // parties named; "a resumption of stalled talks" names none and reports no act.
        const parties = PARTY.test(toks[k + 1]?.lower ?? '') || subjectOf(toks, slots, clauseStart, k, true).length > 1
        if (!indefinite || !parties) return null
      }
    }
    // "we stand ready to assist": a first person in a quotation is its speaker.
    const firstPerson = toks.slice(clauseStart, k).find((x) => /^(?:we|i)$/.test(x.lower))
    const inClause = subjectOf(toks, slots, clauseStart, k, false)
    // "Iraq said it would allow ...": a pronoun opening a reported clause is the reporter.
    const pronoun = subjectPronoun(toks, clauseStart, k)
    if (reporting !== null && pronoun >= 0 && !inClause.some((x) => x.first <= pronoun)) {
      const speaker = subjectBefore(toks, slots, reporting)
      if (speaker) return { actors: speaker.actors, role: 'reporter', slots: [speaker] }
    }
    // "the group that has seized parts of Iraq": a relative clause's subject is its antecedent.
    if (inClause.length === 0 && isRelative(toks, clauseStart)) {
      const antecedent = slots.find((x) => x.last === clauseStart - 2)
      return antecedent ? { actors: antecedent.actors, role: 'antecedent', slots: [antecedent] } : null
    }
    if (quote?.speakerEntity && firstPerson && !inClause.some((m) => m.start < firstPerson.start)) {
      const e = article.entities.get(quote.speakerEntity)
      if (e) return { actors: [{ code: e.country ?? e.actor ?? '', entity: e.id, name: e.name, mention: null, role: 'quote-speaker' }], role: 'quote-speaker', slots: [] }
    }
    if (inClause.length) return { actors: inClause.flatMap((x) => x.actors), role: 'subject', slots: inClause }
    // With no subject in its clause, a verb shares the sentence's first actor ("... and imposed"),
    // unless the clause has a subject of its own that names no actor ("the move would help").
    // "after he visited them": an unresolved "he" is someone the text does not name.
    if (hasOwnSubject(toks, clauseStart, k) || /^(?:he|she|it)$/.test(toks[subjectPronoun(toks, clauseStart, k)]?.lower ?? '')) return null
    const widened = subjectOf(toks, slots, clauseStart, k, true).filter((x) => x.actors.every((a) => isLocated(a.code)))
    if (widened.length) return { actors: widened.flatMap((x) => x.actors), role: 'subject', slots: widened }
    return null
  }

  /**
   * Whom the act is aimed at: the subject of a passive, the other member of a compound subject,
   * the first other actor after the trigger (or after the light verb of a noun), else another
   * actor of the sentence, the article's other party, or for acts aimed at no one in particular
   * (protests, resignations) the source's own country.
   */
  /**
   * An unnamed patient of a hostile act takes the country of the place it happened ("four
   * children were killed in ... the Gaza Strip"); its agent does not ("insurgents bombarded ...").
   */
  function localize(target: Side, sentence: SentenceContext, article: ArticleContext, code: string, clauseStart: number): Side {
    if (!isHostile(code) || target.actors.every((a) => isLocated(a.code))) return target
    const place = placeCountryAfter(sentence, article, Math.max(0, clauseStart - 1), clauseEndOf(sentence.toks, clauseStart))
    if (!place) return target
    return { ...target, actors: target.actors.map((a) => (isLocated(a.code) || INTERNATIONAL.test(a.code.slice(3)) ? a : { ...a, code: place + a.code.slice(3) })) }
  }

  function findTarget(
    match: Match,
    sentence: SentenceContext,
    article: ArticleContext,
    source: Side,
    clauseStart: number,
    passive: boolean,
    nextTrigger: number,
    code: string,
  ): Side | null {
    const { toks, slots, tail } = sentence
    const { k, pattern } = match
    const lead = source.actors[0] as EventActor
    const other = (x: Slot): boolean => !source.slots.includes(x) && x.actors.some((a) => !sameSide(a, lead))
    const pick = (x: Slot, role: string): Side => ({ actors: x.actors.filter((a) => !sameSide(a, lead)), role, slots: [x] })
    // "what Georgia received from Russia", "the building was demolished by X": the receiver, the
    // patient, is the subject; "officials accused of ...": the noun the participle follows.
    if (source.role === 'giver' || passive) {
      // "Evidence against Russia was presented by the US": the patient may sit in a phrase.
      const patient = passive ? slots.find((x) => x.last === k - 1 && other(x)) : undefined
      const subject = patient ?? subjectOf(toks, slots, clauseStart, k, false, !passive).find(other)
      if (subject) return pick(subject, source.role === 'giver' ? 'receiver' : 'passive-subject')
      // "a helicopter that was captured by X": the patient is the antecedent, no actor here.
      if (passive && isRelative(toks, clauseStart)) return null
    }
    // "four children were killed in Israeli tank shelling": the passive's subject suffered the act.
    if (match.kind === 'noun') {
      const verb = passiveVerbBefore(toks, k)
      const subject = verb >= 0 ? subjectOf(toks, slots, clauseStart, verb, false).find(other) : undefined
      if (subject) return pick(subject, 'passive-subject')
    }
    if (source.actors.length > 1 && pattern.symmetric !== false && source.role !== 'possessor') {
      const rest = source.actors.slice(1).filter((a) => !sameSide(a, lead))
      if (rest.length) return { actors: rest, role: 'co-subject', slots: source.slots }
    }
    const light = match.kind === 'noun' ? lightVerbOf(toks, k, clauseStart) : -1
    const from = light >= 0 ? light : k
    const end = Math.min(tail, clauseEndOf(toks, k))
    const after = slots.filter((x) => x.first > from && x.first < end && other(x))
    const located = after.find((x) => x.actors.some((a) => isLocated(a.code)))
    if (located) return pick(located, 'object')
    // An unnamed agent of no country is a target only as the act's own object ("arrested
    // protesters"), not as a noun's modifier ("military talks", "police custody").
    const near = after.find((x) => x.first - from <= 8 && toks[x.last + 1]?.pos !== 'NOUN')
    if (near) return pick(near, 'object')
    // An unnamed source needs a target the sentence names for its act: no guessing on both sides.
    if (!isLocated(lead.code)) return null
    // Only what is said may be aimed at a party named elsewhere ("we stand ready to assist"; "Russia
    // is willing to implement the consensus"); a material act needs its own object or place.
    const said = isVerbal(code)
    // Another actor of the sentence ("we stand ready to assist", with "the Indians" earlier).
    for (const x of said ? slots : []) {
      if (x.first >= tail || !other(x) || !x.actors.some((a) => isLocated(a.code))) continue
      return { ...pick(x, 'sentence'), actors: x.actors.filter((a) => isLocated(a.code) && !sameSide(a, lead)) }
    }
    // Where the act takes place: "set up a research centre in Tokyo", "evacuate settlements in Gaza".
    const place = placeCountryAfter(sentence, article, from, Math.min(end, nextTrigger))
    // At home it is aimed at the country only from outside its executive ("Afghan guerillas blew
    // up power lines into Kabul").
    const where: EventActor = { code: place ?? '', entity: null, name: null, mention: null, role: 'place' }
    if (place && !sameSide(where, lead)) return { actors: [where], role: 'place', slots: [] }
    // The article's other party: "Russia is willing to implement the consensus".
    const home = lead.code.slice(0, 3)
    if (said && isLocated(home) && !INTERNATIONAL.test(home)) {
      const party = article.salience.find((c) => c.code !== home)
      if (party) return { actors: [{ code: party.code, entity: party.entity || null, name: party.name, mention: null, role: 'article' }], role: 'article', slots: [] }
    }
    // A protest, strike or resignation with no one named is aimed at the source's own country.
    if (pattern.implicitTarget === 'home' && isLocated(home) && !INTERNATIONAL.test(home)) {
      return { actors: [{ code: home, entity: null, name: null, mention: null, role: 'home' }], role: 'home', slots: [] }
    }
    return null
  }
}

/** Sectors of security forces and of dissent (agents.json: police, troops; protesters, rioters). */
const SECURITY = new Set(['COP', 'MIL'])
const DISSENT = new Set(['OPP'])
const UNSPECIFIED_FORCE = new Set(['180', '182', '1823', '190'])

/**
 * Force between security forces and protesters is repression (175) or a violent protest (145),
 * not war: "riot police used tear gas to disperse demonstrators" (codebook 175), "protesters
 * attacked the police" (145).
 */
function repressionCode(code: string, source: Side, target: Side): string {
  if (!['18', '19', '20'].includes(code.slice(0, 2))) return code
  const s = source.actors[0]?.code.slice(3, 6) ?? ''
  const t = target.actors[0]?.code.slice(3, 6) ?? ''
  if (SECURITY.has(s) && DISSENT.has(t)) return '175'
  // Missiles or bombs are no riot: "when the use of force to cause casualties is the primary
  // purpose" the act keeps its code (codebook 145).
  if (DISSENT.has(s) && (SECURITY.has(t) || t === 'GOV') && UNSPECIFIED_FORCE.has(code)) return '145'
  return code
}

/** Is a sentence a question ("how can any talks proceed?")? */
function isQuestion(text: string): boolean {
  return /\?\s*["'”’]?$/.test(text)
}

/** The dedup key of an event: source and target country (or full code at home) and root. */
function eventKey(ev: { readonly code: string; readonly source: Side; readonly target: Side }): string {
  const a = ev.source.actors[0]?.code ?? ''
  const b = ev.target.actors[0]?.code ?? ''
  const domestic = a.slice(0, 3) === b.slice(0, 3)
  return `${domestic ? a : a.slice(0, 3)}|${domestic ? b : b.slice(0, 3)}|${ev.code.slice(0, 2)}`
}

/** A noun after during/after/before names an act already reported ("during Gandhi's visit"). */
function isReference(match: Match, toks: readonly TokenAnnotation[]): boolean {
  return match.kind === 'noun' && toks.slice(Math.max(0, match.k - 4), match.k).some((x) => /^(?:during|after|before|since|until|ahead)$/.test(x.lower))
}

/**
 * Are two actors one side? The same code; or one country's executive (government, army, police,
 * intelligence); or one international organisation. Different sectors of one country (the
 * opposition and the government, a court and a citizen) are two sides.
 */
function sameSide(a: EventActor, b: EventActor): boolean {
  if (a.code === b.code) return true
  if (INTERNATIONAL.test(a.code) || INTERNATIONAL.test(b.code)) return a.code.slice(0, 6) === b.code.slice(0, 6)
  if (a.code.slice(0, 3) !== b.code.slice(0, 3)) return false
  const sa = a.code.slice(3, 6)
  const sb = b.code.slice(3, 6)
  return sa === sb || (EXECUTIVE.has(sa) && EXECUTIVE.has(sb))
}

/**
 * The clause of token k: after the nearest boundary word, after a verb of speech ("Mishustin said
 * Russia is ready ..."), or at the start of the quotation holding it. `reporting` is the index of
 * that verb of speech, whose subject reports the act.
 */
function clauseOf(toks: readonly TokenAnnotation[], k: number, quote: QuoteAnnotation | null): { start: number; reporting: number | null } {
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

/** Verbs of speech whose first object is the one spoken to. */
const ADDRESSING = new Set(['tell', 'assure', 'inform', 'remind', 'advise', 'notify', 'brief'])

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
function framedAsProposal(toks: readonly TokenAnnotation[], clauseStart: number): boolean {
  if (toks[clauseStart - 1]?.lower !== 'that') return false
  return toks.slice(Math.max(0, clauseStart - 16), clauseStart - 1).some((t) => PROPOSING.has(t.lemma))
}

/** The index of a personal pronoun that is the clause's subject ("said on Friday they would"), or -1. */
function subjectPronoun(toks: readonly TokenAnnotation[], clauseStart: number, k: number): number {
  for (let j = clauseStart; j < k; j++) {
    const t = toks[j] as TokenAnnotation
    if (/^(?:it|they|he|she)$/.test(t.lower)) return j
    if (t.pos === 'VERB' || t.pos === 'AUX' || t.pos === 'NOUN') return -1
  }
  return -1
}

/** Does a clause have a subject of its own before k: a noun not preceded by a preposition ("the move would help")? */
function hasOwnSubject(toks: readonly TokenAnnotation[], clauseStart: number, k: number): boolean {
  for (let j = clauseStart; j < k; j++) {
    const t = toks[j] as TokenAnnotation
    if (t.pos === 'VERB' || t.pos === 'AUX') return false
    // A pronoun refers back to an actor ("that they meet"); a noun names a subject that is none.
    if (t.pos === 'NOUN' && toks[j - 1]?.pos !== 'ADP' && !/^(?:today|yesterday)$/.test(t.lower)) return true
  }
  return false
}

/** Does the clause open with a relative pronoun after a noun ("the group that has seized ...")? */
function isRelative(toks: readonly TokenAnnotation[], clauseStart: number): boolean {
  const opener = toks[clauseStart - 1]
  const noun = toks[clauseStart - 2]
  const next = toks[clauseStart]
  if (!opener || !noun || !next) return false
  // The relative pronoun is the subject only when a verb follows it ("that has seized"), not a
  // subject of its own ("the Indians that we stand ready to assist").
  const verbFollows = next.pos === 'VERB' || next.pos === 'AUX' || next.pos === 'ADV'
  return verbFollows && (/^(?:who|which)$/.test(opener.lower) || (opener.lower === 'that' && (noun.pos === 'NOUN' || noun.pos === 'PROPN')))
}

/** A passive verb a few words before a noun ("were killed in Israeli shelling"), or -1. */
function passiveVerbBefore(toks: readonly TokenAnnotation[], k: number): number {
  for (let j = k - 1; j >= Math.max(0, k - 5); j--) {
    const t = toks[j] as TokenAnnotation
    if (t.pos === 'VERB') return isPassive(toks, j) && toks.slice(j + 1, k).some((x) => /^(?:in|by|during|from)$/.test(x.lower)) ? j : -1
  }
  return -1
}

/** The light verb before a noun of action in its clause ("launched an air strike"), or -1. */
function lightVerbOf(toks: readonly TokenAnnotation[], k: number, clauseStart: number, span = 6): number {
  for (let j = k - 1; j >= Math.max(clauseStart, k - span); j--) {
    const t = toks[j] as TokenAnnotation
    // "which has cast a shadow over his talks": an auxiliary is no light verb.
    if (LIGHT.has(t.lemma) && t.pos !== 'AUX') return j
  }
  return -1
}

/** The slot that starts within two tokens after one of `words` found in the `span` tokens after k. */
function slotAfterWord(toks: readonly TokenAnnotation[], slots: readonly Slot[], k: number, span: number, words: readonly string[]): Slot | null {
  for (let j = k + 1; j < Math.min(toks.length, k + 1 + span); j++) {
    if (!words.includes((toks[j] as TokenAnnotation).lower)) continue
    return slots.find((x) => x.first > j && x.first <= j + 3) ?? null
  }
  return null
}

/** The agent of a passive or participle: "was signed by X and Y", "tariffs imposed by Beijing". */
function byAgent(toks: readonly TokenAnnotation[], slots: readonly Slot[], k: number): Slot[] | null {
  for (let j = k + 1; j <= Math.min(toks.length - 1, k + 3); j++) {
    const t = toks[j] as TokenAnnotation
    // "rejected calls by Belarus": a "by" after the object belongs to the object.
    if (t.lower !== 'by') {
      if (t.pos === 'ADV' || t.pos === 'PART') continue
      return null
    }
    const first = slots.find((x) => x.first > j && x.first <= j + 3)
    if (!first) return null
    const group = [first]
    const second = slots.find((x) => x.first > first.last && x.first <= first.last + 2 && toks[first.last + 1]?.lower === 'and')
    if (second) group.push(second)
    return group
  }
  return null
}

/** The actor that owns a noun of action: "Papandreou's renewed offer", "U.S. duties", "Israeli tank shelling". */
function possessorOf(toks: readonly TokenAnnotation[], slots: readonly Slot[], k: number): Slot | null {
  for (let i = slots.length - 1; i >= 0; i--) {
    const x = slots[i] as Slot
    if (x.last >= k) continue
    if (k - x.last > 5) return null
    const between = toks.slice(x.last + 1, k)
    const modifiers = between.every((t) => t.lower === "'s" || t.lower === "'" || t.pos === 'ADJ' || t.pos === 'NUM' || t.pos === 'PROPN' || (t.pos === 'NOUN' && between.length <= 2) || MODIFIER_WORD.test(t.lower))
    return modifiers ? x : null
  }
  return null
}

/** The subject of the clause of the verb at j (a verb of speech): its first slot before j. */
function subjectBefore(toks: readonly TokenAnnotation[], slots: readonly Slot[], j: number): Slot | null {
  const from = clauseStartOf(toks, j)
  // "Iran reported an offensive, saying troops had ...": a participle shares the main subject.
  if ((toks[j] as TokenAnnotation).lower.endsWith('ing') && toks[j - 1]?.text === ',') {
    return slots.find((x) => x.first >= from && x.last < j && !SUBJECTLESS.has(toks[x.first - 1]?.lower ?? '')) ?? null
  }
  // "The Observatory, a UK-based group that tracks the war, said": skip the aside before the verb.
  let end = j
  while (end > from && (toks[end - 1] as TokenAnnotation).pos === 'ADV') end--
  if (toks[end - 1]?.text === ',') {
    let open = end - 2
    while (open > from && (toks[open] as TokenAnnotation).text !== ',') open--
    if (open > from) end = open
  }
  // The nearest actor before the verb; "Russia said on Tuesday that": days and adverbs between.
  return slots.findLast((x) => x.first >= from && x.last < end) ?? null
}

/**
 * The subject of the clause: its first actor before the trigger, with the actors joined to it by
 * "and" ("X and Y met"); after a relative "who", the noun it refers to; with none in the clause
 * and `widen`, the sentence's first actor (a verb phrase coordinated with an earlier one).
 */
function subjectOf(toks: readonly TokenAnnotation[], slots: readonly Slot[], clauseStart: number, k: number, widen: boolean, strict = true): Slot[] {
  const opener = toks[clauseStart - 1]
  if (opener && /^(?:who|which)$/.test(opener.lower)) {
    // "the earthquake, which killed 300 people": the relative refers to the word right before it.
    const at = toks[clauseStart - 2]?.text === ',' ? clauseStart - 3 : clauseStart - 2
    const antecedent = slots.find((x) => x.last === at)
    return antecedent ? [antecedent] : []
  }
  // "Speaking to reporters after a meeting ...": the object of a preposition is no subject.
  const free = (x: Slot): boolean => !strict || !SUBJECTLESS.has(toks[x.first - 1]?.lower ?? '')
  const inClause = slots.filter((x) => x.first >= clauseStart && x.last < k && !inAside(toks, x, clauseStart) && free(x))
  const pick = inClause.length || !widen ? inClause : slots.filter((x) => x.last < k && !inAside(toks, x, 0) && free(x))
  // A subject borrowed from the whole sentence is its first actor, not the nearest one.
  const head = (inClause.length ? finiteSubject(toks, pick, k) : undefined) ?? 0
  const first = pick[head]
  if (!first) return []
  // "X and Y met": the actors joined to it by "and", before and after.
  const group = [first]
  const joined = (a: Slot, b: Slot): boolean => {
    const between = toks.slice(a.last + 1, b.first)
    return between.length === 1 && /^(?:and|&)$/.test((between[0] as TokenAnnotation).lower)
  }
  for (let i = head - 1; i >= 0 && joined(pick[i] as Slot, group[0] as Slot); i--) group.unshift(pick[i] as Slot)
  for (let i = head + 1; i < pick.length && joined(group[group.length - 1] as Slot, pick[i] as Slot); i++) group.push(pick[i] as Slot)
  return group
}

/**
 * For a finite verb, the actor nearest before it with no other verb between: "Kohl made clear the
 * dismantling would hit farmers" has no actor subject for "hit". An infinitive ("to help") or a
 * verb coordinated with an earlier one shares the clause's first actor instead. Returns the
 * index in `pick`, or undefined to take the first.
 */
function finiteSubject(toks: readonly TokenAnnotation[], pick: readonly Slot[], k: number): number | undefined {
  const trigger = toks[k] as TokenAnnotation
  if (trigger.pos !== 'VERB' || isCoordinated(toks, k)) return undefined
  let j = k - 1
  while (j >= 0 && /^(?:ADV|PART|AUX)$/.test((toks[j] as TokenAnnotation).pos) && (toks[j] as TokenAnnotation).lower !== 'to') j--
  if (toks[j]?.lower === 'to') return undefined
  // "Pakistan, a key U.S. ally in the war, has refused": the subject stands before the aside.
  let end = k
  if (toks[j]?.text === ',') {
    let open = j - 1
    while (open >= 0 && (toks[open] as TokenAnnotation).text !== ',') open--
    if (open >= 0) end = open
  }
  for (let i = pick.length - 1; i >= 0; i--) {
    const x = pick[i] as Slot
    if (x.last >= end) continue
    if (!toks.slice(x.last + 1, end).some((t, n) => isFiniteVerb(t, toks[x.last + n]))) return i
  }
  // "Kenzo Oshima, the United Nations relief coordinator, demanded": a subject the lexicons do
  // not know is identified by its appositive.
  if (end < k) {
    const appositive = pick.findIndex((x) => x.first > end && x.last < j)
    if (appositive >= 0) return appositive
  }
  return pick.length
}

/**
 * A verb that heads a clause of its own, not a participle modifying a noun ("aircraft using
 * missiles", "precision guided missiles").
 */
function isFiniteVerb(t: TokenAnnotation, prev: TokenAnnotation | undefined): boolean {
  if (t.pos !== 'VERB' || /ing$/.test(t.lower)) return false
  return !(/(?:ed|en)$/.test(t.lower) && prev !== undefined && (prev.pos === 'NOUN' || prev.pos === 'ADJ' || prev.pos === 'PROPN'))
}

/** Inside ", accompanied by senior advisers," or ", who ...,": an aside, not the subject. */
function inAside(toks: readonly TokenAnnotation[], x: Slot, from: number): boolean {
  let open = -1
  for (let j = from; j < x.first; j++) {
    const t = toks[j] as TokenAnnotation
    if (t.text === ',' || t.text === '(') {
      const next = toks[j + 1]
      open = next && (next.pos === 'VERB' || /^(?:who|which|accompanied|including)$/.test(next.lower)) ? j : -1
    }
  }
  if (open < 0) return false
  const close = toks.slice(open + 1).findIndex((t) => t.text === ',' || t.text === ')')
  return close >= 0 && open + 1 + close > x.last
}

/** The country of the first place named between token `from` and `end` ("... in Tokyo"). */
function placeCountryAfter(sentence: SentenceContext, article: ArticleContext, from: number, end: number): string | null {
  const { toks } = sentence
  const lo = toks[from]?.end ?? 0
  const hi = toks[end - 1]?.end ?? 0
  for (const m of article.mentions) {
    if (m.start < lo) continue
    if (m.start >= hi) break
    if (m.entityType !== 'place' && !(m.entityType === 'country' && m.form !== 'demonym')) continue
    const e = article.entities.get(m.refs[0] ?? '')
    const country = e?.country ?? m.country
    if (country) return country
  }
  return null
}

function placeOf(s: SentenceAnnotation, article: ArticleContext): string | null {
  for (const m of article.mentions) {
    if (m.start < s.start) continue
    if (m.start >= s.end) break
    if (m.end > s.end || m.entityType !== 'place' || m.form === 'capital') continue
    const e = article.entities.get(m.refs[0] ?? '')
    if (e) return e.name
  }
  return null
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
      const code = e?.entityType === 'country' || e?.entityType === 'person' || e?.entityType === 'organization' ? e.country : null
      if (code) counts.set(code, (counts.get(code) ?? 0) + 1)
    }
  }
  const byCode = new Map<string, EntityAnnotation>()
  for (const e of entities.values()) if (e.entityType === 'country' && e.country) byCode.set(e.country, e)
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([code]) => ({ code, entity: byCode.get(code)?.id ?? '', name: byCode.get(code)?.name ?? code }))
}
