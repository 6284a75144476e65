import type {
  Annotation,
  EventActor,
  EventAnnotation,
  MentionAnnotation,
  Range,
  TokenAnnotation,
} from '../../core/annotation.js'
import { annotationsOf, type Document } from '../../core/document.js'
import type { Stage, StageContext } from '../../core/stage.js'
import type { CameoCodebook } from '../../lexicons/cameo-codebook.js'
import { framedCode, intentCode, isHostile, isVerbal, refusalCode, threatForm } from './code-families.js'
import { attributionStart, clauseOf, framedAsProposal, isClauseGerund, isPassive, readModality, reducedRelative, type Modality } from './modality.js'
import { currencyWords, loadQuantityLexicon } from '../quantities/quantity-lexicon.js'
import { eventDate } from './event-date.js'
import { loadEventPatterns, type PatternIndex } from './patterns.js'
import { countrySalience, findSource, findTarget, localize, placeOf, sameSide, subjectBefore, subjectOf, type ArticleContext, type SentenceContext, type Side } from './parties.js'
import { isBusiness, isLocated, sentenceSlots } from './sentence-actors.js'
import { findMatches, frameMatches, refinedCode, type Match } from './triggers.js'

export interface EventsStageOptions {
  readonly codebook: CameoCodebook
  readonly patterns?: PatternIndex
  /** Currency words: a nationality before one names money, not an actor ("Swiss franc"); read from `data/units/` when absent. */
  readonly currencyWords?: ReadonlySet<string>
}


/** Verbs that ask for a hostile act to end rather than to happen. */
const HALTING = new Set(['stop', 'end', 'halt', 'cease', 'refrain', 'suspend', 'abandon', 'renounce'])
/** Verbs of wanting: "wants X to do" asks X. */
const WANTING = new Set(['want', 'expect', 'wish', 'like', 'need', 'prefer'])
/** Roots of acts done to someone: a participle of one right after a noun and before a preposition is passive. */
const TRANSITIVE_ROOTS = new Set(['11', '17', '18', '20'])

/** Hears why a trigger gave no event. */
type Trace = (message: () => string) => void


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
  const currencies = options.currencyWords ?? currencyWords(loadQuantityLexicon())
  return {
    name: 'events',
    requires: ['sentence', 'token', 'dateline', 'entity', 'mention', 'date', 'quantity', 'quote'],
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
        quantities: annotationsOf(doc, 'quantity'),
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
        const sentence: SentenceContext = { s, toks, slots: sentenceSlots(toks, inSentence, entities, article.dateline?.country ?? null, currencies), tail: attributionStart(toks) }
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
    // An actor with no code ("we" of a speaker whose country is unknown) cannot be recorded.
    if (!second || !first.code || !second.code) return null
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
      date: eventDate(trigger, toks, inside(article.dates, s), inside(article.quantities, s), article.dateline?.date ?? null),
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
    // "offered condolences": the light verb a noun pattern names is the act's own verb.
    const modality = readModality(toks, k, clauseStart, match.kind === 'noun' ? match.before : -1)
    if (modality.hypothetical) return drop('a condition')
    const act = actCode(match, inner, toks)
    const wanted = wantedOf(match, sentence, act.code, clauseStart)
    if (wanted === 'unnamed') return drop('wanted of someone named by no actor')
    if (wanted) return wanted
    // "allowed its output to sink", "helped cultivate tobacco": a permission or help is an act
    // only towards an actor, or for what the codebook names (inspectors, refugees, aid).
    // "received Japanese government certification": an actor before a noun only modifies the object.
    const aimed = sentence.slots.some((x) => x.first > k && x.first <= k + 3 && toks[x.last + 1]?.pos !== 'NOUN')
    if (pattern.objectActor && act.code === pattern.code && !modality.intended && !aimed) return drop('aimed at no actor')
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
   * "The US wants Pakistan to arrest the militants": what one actor wants another to do is its
   * appeal to it (chapter 2.2: "requests, proposals, suggestions"), not the wanter's own act.
   */
  function wantedOf(match: Match, sentence: SentenceContext, act: string, clauseStart: number): Coded | 'unnamed' | null {
    const { toks, slots } = sentence
    // "to arrest", "to resume talks": the infinitive of the act, or of its light verb.
    let j = match.k - 1
    const skippable = (t: TokenAnnotation): boolean => t.pos === 'ADV' || (match.kind === 'noun' && match.k - j <= 3 && /^(?:VERB|DET|ADJ)$/.test(t.pos))
    while (j > clauseStart && skippable(toks[j] as TokenAnnotation)) j--
    if (toks[j]?.lower !== 'to') return null
    // The wanting verb, then the one asked: a noun phrase ("Uganda", "other Group of Seven
    // countries", "the seven") between it and "to".
    let cue = j - 1
    while (cue > clauseStart && /^(?:DET|ADJ|NOUN|PROPN|NUM|ADP|PRON|CCONJ)$/.test((toks[cue] as TokenAnnotation).pos) && j - cue <= 8 && !WANTING.has((toks[cue] as TokenAnnotation).lemma)) cue--
    if (cue >= j - 1 || !WANTING.has(toks[cue]?.lemma ?? '')) return null
    const asked = slots.find((x) => x.first > cue && x.last < j)
    // "want the seven to agree": someone the text names no actor for is asked; no one's act here.
    if (!asked) return 'unnamed'
    const wanter = subjectOf(toks, slots, clauseStart, cue, false)
    const lead = wanter[0]
    if (!lead?.actors[0] || !asked.actors.some((a) => !sameSide(a, lead.actors[0] as EventActor))) return null
    return {
      code: framedCode('appeal', act) ?? '020',
      mode: 'done',
      source: { actors: lead.actors, role: 'subject', slots: [lead] },
      target: { actors: asked.actors, role: 'asked', slots: [asked] },
      match,
      rule: `${match.pattern.id}+wanted`,
    }
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
    // "the start of Iranian attacks on shipping": a noun inside an "of" phrase refers to an act,
    // it does not report one.
    if (match.kind === 'noun' && sentence.toks.slice(Math.max(0, match.k - 4), match.k).some((x) => x.lower === 'of')) return null
    const speaker = subjectBefore(sentence.toks, sentence.slots, reporting)
    const accused = source.actors[0] as EventActor
    // A company reporting what happened to it ("The company said Montoya was arrested") accuses no one.
    if (!speaker?.actors[0] || sameSide(speaker.actors[0], accused) || isBusiness(speaker.actors[0].code)) return null
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


}

/**
 * Sectors of security forces and of dissent (agents.json: police, troops; protesters, rioters,
 * and the students and workers who march).
 */
const SECURITY = new Set(['COP', 'MIL'])
const DISSENT = new Set(['OPP', 'EDU', 'LAB'])
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


/** The annotations within a sentence's span. */
function inside<T extends Range>(list: readonly T[], s: Range): T[] {
  return list.filter((x) => x.start >= s.start && x.end <= s.end)
}
