/**
 * Who acts and whom the act is aimed at: the source and target of an event, read from a
 * sentence's actor slots around its trigger.
 */
import type {
  DateAnnotation,
  QuantityAnnotation,
  DatelineAnnotation,
  EntityAnnotation,
  EventActor,
  MentionAnnotation,
  QuoteAnnotation,
  SentenceAnnotation,
  TokenAnnotation,
} from '../../core/annotation.js'
import { isHostile, isVerbal } from './code-families.js'
import { clauseEndOf, clauseStartOf, isCoordinated, isPassive } from './modality.js'
import { isBusiness, isLocated, type Slot } from './sentence-actors.js'
import type { Match } from './triggers.js'

/** Verbs that make a noun of action an act of their subject ("held talks", "launched an air strike"). */
const LIGHT = new Set([
  'hold', 'have', 'attend', 'begin', 'open', 'start', 'go', 'enter', 'resume', 'lead', 'propose', 'offer',
  'call', 'extend', 'express', 'convey', 'send', 'issue', 'impose', 'make', 'pay', 'conduct', 'host',
  'join', 'launch', 'stage', 'announce', 'renew', 'accept', 'take', 'end', 'conclude', 'complete', 'move',
  'engage', 'carry', 'mount', 'unleash', 'order', 'undertake', 'file', 'lodge', 'deliver', 'give', 'fire',
  'step', 'intensify', 'reimpose', 'institute', 'declare',
])
/** Prepositions that name the other party of a noun of action ("a meeting with X", "talks between X and Y"). */
const PARTY = /^(?:with|between)$/
/** Words between a possessor and its noun: "'s", adjectives, numbers, names. */
const MODIFIER_WORD = /^(?:new|recent|latest|renewed|first|second|fresh|further|planned)$/
/** Executive sectors of one state: two of them in one country are one side (the government and its army). */
const EXECUTIVE = new Set(['', 'GOV', 'MIL', 'COP', 'SPY'])
/** Prepositions whose object is no subject (not "of": "hundreds of UN troops withdrew"). */
const SUBJECTLESS = new Set(['to', 'with', 'from', 'by', 'for', 'at', 'in', 'on', 'against', 'near', 'after', 'before', 'during', 'under', 'over', 'into', 'through', 'toward', 'towards', 'between', 'among', 'like', 'than'])
/** International actors, compared by organisation rather than by country. */
const INTERNATIONAL = /^(?:IGO|NGO|IMG|MNC|NGM|INT|UIS)/

/** One side of an event: its actors, how they were found, the slots they came from. */
export interface Side {
  readonly actors: readonly EventActor[]
  readonly role: string
  /** The slots it was read from, so that the other side is looked for elsewhere. */
  readonly slots: readonly Slot[]
}

/** What the article as a whole gives every sentence. */
export interface ArticleContext {
  readonly entities: ReadonlyMap<string, EntityAnnotation>
  readonly mentions: readonly MentionAnnotation[]
  readonly quotes: readonly QuoteAnnotation[]
  readonly dates: readonly DateAnnotation[]
  /** Figures: a date right after one is its period, not an event's day. */
  readonly quantities: readonly QuantityAnnotation[]
  readonly dateline: DatelineAnnotation | undefined
  readonly salience: readonly SalientCountry[]
}

/** One sentence, read once for all its triggers. */
export interface SentenceContext {
  readonly s: SentenceAnnotation
  readonly toks: readonly TokenAnnotation[]
  readonly slots: readonly Slot[]
  /** First token of a trailing attribution (", officials said"); its actors are no party. */
  readonly tail: number
}

/** A country of the article, for acts whose target the sentence leaves implicit. */
export interface SalientCountry {
  readonly code: string
  readonly entity: string
  readonly name: string
}

/**
 * Who acts: the giver of what is received, the agent of a passive ("by X"), the possessor of a
 * noun ("Israeli tank shelling"), the speaker of a first person in a quotation, else the clause
 * subject.
 */
export function findSource(
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
    // "Putin's visit to Japan was postponed": an act called off did not happen.
    if (calledOff(toks, k)) return null
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
export function findTarget(
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
  // "X and Y met": a symmetric act's other party is in the compound subject; "X and Y attacked Z"
  // aim at Z, and only with no one else named at each other.
  const coSubject = (): Side | null => {
    if (source.actors.length < 2 || source.role === 'possessor') return null
    const rest = source.actors.slice(1).filter((a) => !sameSide(a, lead))
    return rest.length ? { actors: rest, role: 'co-subject', slots: source.slots } : null
  }
  if (pattern.symmetric) {
    const co = coSubject()
    if (co) return co
  }
  const light = match.kind === 'noun' ? lightVerbOf(toks, k, clauseStart) : -1
  const from = light >= 0 ? light : k
  const end = Math.min(tail, clauseEndOf(toks, k))
  // "their meeting in Luxembourg": where people consult is no party to it.
  const consult = code.startsWith('04') || pattern.code.startsWith('04')
  // "discuss the forthcoming Venice summit": a name before a noun modifies it; it does not take part.
  // "U.N. mediator Diego Cordovez": before a title and a name it is the person's affiliation.
  const modifies = (x: Slot): boolean => toks[x.last + 1]?.pos === 'NOUN' && toks[x.last + 2]?.pos !== 'PROPN'
  const venue = (x: Slot): boolean => consult && (/^(?:in|at)$/.test(toks[x.first - 1]?.lower ?? '') || modifies(x))
  const after = slots.filter((x) => x.first > from && x.first < end && other(x) && !venue(x))
  const located = after.find((x) => x.actors.some((a) => isLocated(a.code)))
  if (located) return pick(located, 'object')
  // An unnamed agent of no country is a target only as the act's own object ("arrested
  // protesters"), not as a noun's modifier ("military talks", "police custody").
  const near = after.find((x) => x.first - from <= 8 && toks[x.last + 1]?.pos !== 'NOUN')
  if (near) return pick(near, 'object')
  const co = coSubject()
  if (co) return co
  // An unnamed source needs a target the sentence names for its act: no guessing on both sides.
  if (!isLocated(lead.code)) return null
  // Only what is said may be aimed at a party named elsewhere ("we stand ready to assist"; "Russia
  // is willing to implement the consensus"); a material act needs its own object or place.
  const said = isVerbal(code)
  // Another actor of the sentence ("we stand ready to assist", with "the Indians" earlier).
  for (const x of said ? slots : []) {
    if (x.first >= tail || !other(x) || venue(x) || !x.actors.some((a) => isLocated(a.code))) continue
    return { ...pick(x, 'sentence'), actors: x.actors.filter((a) => isLocated(a.code) && !sameSide(a, lead)) }
  }
  // Where the act takes place: "set up a research centre in Tokyo", "evacuate settlements in Gaza".
  const place = consult ? null : placeCountryAfter(sentence, article, from, Math.min(end, nextTrigger))
  // At home it is aimed at the country only from outside its executive ("Afghan guerillas blew
  // up power lines into Kabul").
  const where: EventActor = { code: place ?? '', entity: null, name: null, mention: null, role: 'place' }
  if (place && !sameSide(where, lead)) return { actors: [where], role: 'place', slots: [] }
  const home = lead.code.slice(0, 3)
  // A target the sentence does not name is guessed only for a national actor; a company's acts
  // ("the chairman resigned", "Nabisco has called for redemption") are business, not events
  // between political actors.
  const national = isLocated(home) && !INTERNATIONAL.test(home) && !isBusiness(lead.code)
  // A protest, strike or resignation with no one named is aimed at the source's own country.
  if (pattern.implicitTarget === 'home' && national) {
    return { actors: [{ code: home, entity: null, name: null, mention: null, role: 'home' }], role: 'home', slots: [] }
  }
  // The article's other party: "Russia is willing to implement the consensus".
  if (said && national) {
    const party = article.salience.find((c) => c.code !== home)
    if (party) return { actors: [{ code: party.code, entity: party.entity || null, name: party.name, mention: null, role: 'article' }], role: 'article', slots: [] }
  }
  return null
}

/**
 * An unnamed patient of a hostile act takes the country of the place it happened ("four
 * children were killed in ... the Gaza Strip"); its agent does not ("insurgents bombarded ...").
 */
export function localize(target: Side, sentence: SentenceContext, article: ArticleContext, code: string, clauseStart: number): Side {
  if (!isHostile(code) || target.actors.every((a) => isLocated(a.code))) return target
  const place = placeCountryAfter(sentence, article, Math.max(0, clauseStart - 1), clauseEndOf(sentence.toks, clauseStart))
  if (!place) return target
  return { ...target, actors: target.actors.map((a) => (isLocated(a.code) || INTERNATIONAL.test(a.code.slice(3)) ? a : { ...a, code: place + a.code.slice(3) })) }
}

/**
 * Are two actors one side? The same code; or one country's executive (government, army, police,
 * intelligence); or one international organisation. Different sectors of one country (the
 * opposition and the government, a court and a citizen) are two sides.
 */
export function sameSide(a: EventActor, b: EventActor): boolean {
  if (a.code === b.code) return true
  if (INTERNATIONAL.test(a.code) || INTERNATIONAL.test(b.code)) return a.code.slice(0, 6) === b.code.slice(0, 6)
  if (a.code.slice(0, 3) !== b.code.slice(0, 3)) return false
  const sa = a.code.slice(3, 6)
  const sb = b.code.slice(3, 6)
  return sa === sb || (EXECUTIVE.has(sa) && EXECUTIVE.has(sb))
}

/** The subject of the clause of the verb at j (a verb of speech): its first slot before j. */
export function subjectBefore(toks: readonly TokenAnnotation[], slots: readonly Slot[], j: number): Slot | null {
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
  // A true passive has no object, so its "by" may follow a phrase ("aid was delivered to Haiti by
  // Canada"); elsewhere "rejected calls by Belarus": a "by" after the object belongs to the object.
  const passive = isPassive(toks, k)
  for (let j = k + 1; j <= Math.min(toks.length - 1, k + (passive ? 8 : 3)); j++) {
    const t = toks[j] as TokenAnnotation
    if (t.lower !== 'by') {
      if (t.pos === 'ADV' || t.pos === 'PART' || (passive && t.pos !== 'VERB' && t.text !== ',' && t.text !== ';')) continue
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
    // "Lebanon renewed negotiations": without "'s", a word in -ed after a name is its verb.
    const verb = !between.some((t) => t.lower === "'s" || t.lower === "'") && between.some((t) => /ed$/.test(t.lower))
    return modifiers && !verb ? x : null
  }
  return null
}

/**
 * The subject of the clause: its first actor before the trigger, with the actors joined to it by
 * "and" ("X and Y met"); after a relative "who", the noun it refers to; with none in the clause
 * and `widen`, the sentence's first actor (a verb phrase coordinated with an earlier one).
 */
export function subjectOf(toks: readonly TokenAnnotation[], slots: readonly Slot[], clauseStart: number, k: number, widen: boolean, strict = true): Slot[] {
  const opener = toks[clauseStart - 1]
  if (opener && /^(?:who|which)$/.test(opener.lower)) {
    // "the earthquake, which killed 300 people": the relative refers to the word right before it.
    const at = toks[clauseStart - 2]?.text === ',' ? clauseStart - 3 : clauseStart - 2
    const antecedent = slots.find((x) => x.last === at)
    return antecedent ? [antecedent] : []
  }
  // "Speaking to reporters after a meeting ...": the object of a preposition is no subject; nor
  // is the owner of a noun that is ("Gephardt's legislation would hit Japan").
  const free = (x: Slot): boolean => !strict || (!SUBJECTLESS.has(toks[x.first - 1]?.lower ?? '') && !ownsNoun(toks, x))
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
export function placeCountryAfter(sentence: SentenceContext, article: ArticleContext, from: number, end: number): string | null {
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

export function placeOf(s: SentenceAnnotation, article: ArticleContext): string | null {
  for (const m of article.mentions) {
    if (m.start < s.start) continue
    if (m.start >= s.end) break
    if (m.end > s.end || m.entityType !== 'place' || m.form === 'capital') continue
    const e = article.entities.get(m.refs[0] ?? '')
    if (e) return e.name
  }
  return null
}

/** The article's countries, most mentioned first (for acts whose target the sentence leaves implicit). */
export function countrySalience(mentions: readonly MentionAnnotation[], entities: ReadonlyMap<string, EntityAnnotation>): SalientCountry[] {
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

/** Verbs that call an act off ("the visit was postponed", "talks have been cancelled"). */
const CALLED_OFF = new Set(['postpone', 'cancel', 'delay', 'scrap', 'shelve', 'suspend', 'defer', 'abandon'])

/** Is the noun act at k called off by a passive right after it ("... to Japan was postponed")? */
function calledOff(toks: readonly TokenAnnotation[], k: number): boolean {
  for (let j = k + 1; j < Math.min(toks.length, k + 8); j++) {
    const t = toks[j] as TokenAnnotation
    if (t.pos === 'VERB') return CALLED_OFF.has(t.lemma) && isPassive(toks, j)
  }
  return false
}

/**
 * Is a slot the possessor of a noun that names no actor ("Gephardt's legislation")? Not of one
 * naming its people ("Cairo's security chief": Cairo's, for the event).
 */
function ownsNoun(toks: readonly TokenAnnotation[], x: Slot): boolean {
  if (toks[x.last + 1]?.lower !== "'s") return false
  // The noun phrase after "'s" ends at its head: "security chief" (tagged as an adjective, too).
  let j = x.last + 2
  while (/^(?:ADJ|NOUN)$/.test(toks[j + 1]?.pos ?? '') && /^(?:ADJ|NOUN)$/.test(toks[j]?.pos ?? '')) j++
  const head = toks[j]
  if (head && PERSON_HEADS.has(head.lower)) return false
  return head?.pos === 'NOUN'
}

/** Nouns for an actor's people, which the lexicons do not list as titles. */
const PERSON_HEADS = new Set(['chief', 'chiefs', 'head', 'heads', 'boss', 'official', 'officials', 'leader', 'leaders', 'spokesman', 'spokeswoman', 'envoy', 'envoys', 'commander', 'commanders', 'representative', 'representatives'])
