import type {
  EntityAnnotation,
  EventActor,
  MentionAnnotation,
  MentionForm,
  TokenAnnotation,
} from '../../core/annotation.js'

/**
 * One actor position of a sentence: a mention, or a few mentions read together ("Syrian rebels",
 * "a court in Guyana", "leaders of the opposition"), with the token span it covers and the actor
 * codes it stands for (two for "both sides").
 */
export interface Slot {
  /** Token indices (within the sentence) of its first and last token. */
  readonly first: number
  readonly last: number
  readonly start: number
  readonly end: number
  readonly actors: readonly EventActor[]
  readonly form: MentionForm
}

/** Unnamed agents of no known country carry `---` where the country would be (`---COP`). */
export function isLocated(code: string): boolean {
  return code !== '' && !code.startsWith('---')
}

/** A company or business group (`USABUS`): no political actor of its country. */
export function isBusiness(code: string): boolean {
  return code.endsWith('BUS')
}

/** International actors whose code is an organisation, not a country (`IGOUNO`, `NGOAMN`). */
const INTERNATIONAL = /^(?:IGO|NGO|IMG|MNC|NGM|INT|UIS)/

/** Words that may stand between a nationality and the agent it qualifies ("Palestinian security officials"). */
function isModifier(t: TokenAnnotation): boolean {
  return t.lower === "'s" || t.lower === "'" || t.pos === 'ADJ' || t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'NUM'
}

/** Nouns of groups and their people, which an agent noun qualifies ("opposition groups"). */
const COLLECTIVE = new Set([
  'group', 'groups', 'members', 'supporters', 'sources', 'figures', 'faction', 'factions', 'movement',
  'movements', 'coalition', 'alliance', 'bloc', 'camp', 'unit', 'units', 'commander', 'commanders',
  'chief', 'chiefs', 'spokesman', 'spokeswoman', 'spokesmen', 'representatives', 'delegates',
])

/** Prepositions after which a country or place locates an unnamed agent ("a court in Guyana"). */
const LOCATING = new Set(['in', 'from', 'of'])
/** Participles between an agent and its place ("a newspaper based in Beirut"). */
const BASED = new Set(['based', 'stationed', 'operating', 'deployed'])

/**
 * Builds the actor slots of one sentence from its mentions. `places` are the sentence's place
 * mentions, which are no actors themselves but locate an agent ("police in Jericho").
 */
export function sentenceSlots(
  toks: readonly TokenAnnotation[],
  mentions: readonly MentionAnnotation[],
  entities: ReadonlyMap<string, EntityAnnotation>,
  home: string | null,
  currencies: ReadonlySet<string> = new Set(),
): Slot[] {
  const usable = mentions.filter((m) => {
    if (m.entityType === 'place' && m.form !== 'capital') return false
    if (m.refs.length === 0) return m.actor !== null
    return true
  })
  // Nested mentions ("Chinese" inside "Chinese President Xi") give way to the wider one.
  const outer = usable.filter((m) => !usable.some((o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start))
  const raw: Slot[] = []
  for (const m of outer) {
    const span = tokenSpan(toks, m.start, m.end)
    if (!span) continue
    // "military equipment", "police custody": an agent noun modifying another noun is no actor;
    // "opposition groups", "rebel commanders": one naming a group of people is.
    const after = toks[span[1] + 1]
    if (m.form === 'agent' && m.country === null && after?.pos === 'NOUN' && !COLLECTIVE.has(after.lower) && !outer.some((o) => o.start === after.start)) continue
    if (m.form === 'agent' && after && COLLECTIVE.has(after.lower)) span[1]++
    // "diversify reserves into Swiss francs": a nationality before a currency names money.
    if (m.form === 'demonym' && after && currencies.has(after.lower)) continue
    const actors = actorsOf(m, entities)
    if (actors.length === 0) continue
    raw.push({ first: span[0], last: span[1], start: m.start, end: m.end, actors, form: m.form })
  }
  const locators = mentions.filter((m) => m.country !== null || m.refs.some((r) => entities.get(r)?.country))
  const merged = mergeSlots(raw, toks, (at) => countryAt(at, toks, locators, entities))
  // "GAZA CITY - Four children were killed ...": an unnamed local agent is of the dateline's
  // country, as a titled official with no nationality is (entities stage).
  // A sentence about another country's affairs ("Iran's leader warned the civilian hierarchy")
  // does not take the dateline's: only where the sentence names no other country.
  if (!home || merged.some((x) => x.actors.some((a) => isLocated(a.code) && !INTERNATIONAL.test(a.code) && a.code.slice(0, 3) !== home))) return merged
  const local = (a: EventActor): boolean => a.code.startsWith('---') && !INTERNATIONAL.test(a.code.slice(3))
  return merged.map((x) => (x.actors.some(local) ? { ...x, actors: x.actors.map((a) => (local(a) ? { ...a, code: home + a.code.slice(3) } : a)) } : x))
}

/** The country of a country or place mention that starts at token index `at`, if any. */
function countryAt(
  at: number,
  toks: readonly TokenAnnotation[],
  mentions: readonly MentionAnnotation[],
  entities: ReadonlyMap<string, EntityAnnotation>,
): { country: string; last: number } | null {
  const tok = toks[at]
  if (!tok) return null
  const m = mentions.find((x) => x.start === tok.start)
  if (!m) return null
  const e = m.refs.length === 1 ? entities.get(m.refs[0] as string) : undefined
  if (e && e.entityType !== 'country' && e.entityType !== 'place') return null
  const country = e?.country ?? m.country
  const span = tokenSpan(toks, m.start, m.end)
  return country && span ? { country, last: span[1] } : null
}

/**
 * Reads neighbouring slots together:
 * - a nationality, country or organisation before an agent or title names its country
 *   ("Syrian rebels", "Russia's UN ambassador", "UN troops");
 * - an unnamed agent followed by "in/from/of" and a country or place takes its country
 *   ("a court in Guyana", "ministers from the Georgian government", "the president of Armenia").
 */
function mergeSlots(
  slots: readonly Slot[],
  toks: readonly TokenAnnotation[],
  locate: (at: number) => { country: string; last: number } | null,
): Slot[] {
  const out: Slot[] = []
  for (let i = 0; i < slots.length; i++) {
    const a = slots[i] as Slot
    const b = slots[i + 1]
    // "Bosnian Serbs", "Iraqi Kurds": a nationality before a people names where they live.
    if (b && a.form === 'demonym' && b.form === 'demonym' && b.first === a.last + 1) {
      out.push({ ...a, last: b.last, end: b.end })
      i++
      continue
    }
    if (b && isQualifier(a) && isAgent(b) && b.first - a.last - 1 <= 3 && toks.slice(a.last + 1, b.first).every(isModifier)) {
      out.push({ ...b, first: a.first, start: a.start, actors: b.actors.map((x) => qualify(x, a.actors[0] as EventActor)) })
      i++
      continue
    }
    if (isAgent(a) && !isLocated(a.actors[0]?.code ?? '')) {
      // "opposition groups in Zimbabwe", "a newspaper based in Beirut": one word may come first.
      const skip = toks[a.last + 1] && (toks[a.last + 1]?.pos === 'NOUN' || BASED.has(toks[a.last + 1]?.lower ?? '')) && LOCATING.has(toks[a.last + 2]?.lower ?? '') ? 1 : 0
      const prep = toks[a.last + 1 + skip]
      const at = toks[a.last + 2 + skip]?.lower === 'the' ? a.last + 3 + skip : a.last + 2 + skip
      if (prep && LOCATING.has(prep.lower)) {
        // "leaders of the opposition": the group named after "of" is the actor.
        if (b && b.first === at && prep.lower !== 'in') {
          const lead = a.actors[0] as EventActor
          out.push({ ...b, first: a.first, start: a.start, actors: b.actors.map((x) => (isLocated(x.code) && x.code.length === 3 ? { ...x, code: x.code + lead.code.slice(3) } : x)) })
          i++
          continue
        }
        const place = locateNear(at, toks, locate)
        if (place) {
          out.push({ ...a, actors: a.actors.map((x) => ({ ...x, code: place.country + x.code.slice(3) })) })
          continue
        }
      }
    }
    out.push(a)
  }
  return out
}

/**
 * The country of the first country or place within a few modifier words from `at` ("the mayor of
 * the northern West Bank city of Nablus").
 */
function locateNear(
  at: number,
  toks: readonly TokenAnnotation[],
  locate: (at: number) => { country: string; last: number } | null,
): { country: string; last: number } | null {
  for (let j = at; j < Math.min(toks.length, at + 6); j++) {
    const found = locate(j)
    if (found) return found
    const t = toks[j] as TokenAnnotation
    if (!(t.pos === 'ADJ' || t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'DET' || t.lower === 'of')) return null
  }
  return null
}

/** A slot that can qualify the agent after it: a nationality, a country, an organisation. */
function isQualifier(s: Slot): boolean {
  const code = s.actors[0]?.code ?? ''
  return s.actors.length === 1 && isLocated(code) && (s.form === 'demonym' || s.form === 'name' || s.form === 'alias' || s.form === 'capital')
}

/** An unnamed agent or a bare title ("troops", "the foreign minister"). */
function isAgent(s: Slot): boolean {
  return s.form === 'agent' || (s.form === 'title' && s.actors.every((x) => x.entity === null)) || s.actors.every((x) => x.code.startsWith('---'))
}

/** The agent's code with the qualifier's country ("---MIL" after "Syrian" is SYRMIL; after "UN", IGOUNO). */
function qualify(agent: EventActor, by: EventActor): EventActor {
  if (INTERNATIONAL.test(by.code)) return { ...agent, code: by.code, entity: by.entity, name: by.name }
  if (isLocated(agent.code)) return agent
  return { ...agent, code: by.code.slice(0, 3) + agent.code.slice(3) }
}

/** Token indices of the first and last token inside [start, end), or null. */
export function tokenSpan(toks: readonly TokenAnnotation[], start: number, end: number): [number, number] | null {
  let first = -1
  let last = -1
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k] as TokenAnnotation
    if (t.start >= end) break
    if (t.start >= start && t.end <= end) {
      if (first < 0) first = k
      last = k
    }
  }
  return first < 0 ? null : [first, last]
}

/** The actors a mention stands for: its entities' codes, or an unnamed agent's own code. */
function actorsOf(m: MentionAnnotation, entities: ReadonlyMap<string, EntityAnnotation>): EventActor[] {
  const span = { start: m.start, end: m.end, text: m.text }
  if (m.refs.length === 0) return m.actor ? [{ code: m.actor, entity: null, name: null, mention: span, role: '' }] : []
  const list: EventActor[] = []
  for (const r of m.refs) {
    const e = entities.get(r)
    // A nationality whose country is never named has no entity of its own: its code is the country.
    if (!e) {
      const code = m.actor ?? m.country
      if (code) list.push({ code, entity: null, name: null, mention: span, role: '' })
      continue
    }
    // "both sides" stands for the two countries, not their leaders; an official of no known
    // country is an unnamed government actor ("President Dos Santos").
    const official = e.entityType === 'person' && e.title ? '---GOV' : ''
    const code = m.refs.length > 1 ? (e.country ?? e.actor ?? '') : (e.actor ?? e.country ?? official)
    // A capital standing for its government, a demonym for its country.
    list.push({ code: m.form === 'capital' && m.actor ? m.actor : code, entity: e.id, name: e.name, mention: span, role: '' })
  }
  return list.filter((a) => a.code !== '')
}
