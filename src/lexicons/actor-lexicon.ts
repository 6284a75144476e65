/**
 * The actor lexicon: organisations, titles, unnamed-actor nouns and known people with their CAMEO
 * actor codes, read from `data/actors/*.json` and, optionally, a user actor dictionary
 * (`docs/actor-dictionary.md`). Every look-up is one or two `Map` hits.
 */
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { ConfigError } from '../core/errors.js'
import type {
  ActorLexicon,
  AgentRecord,
  OrganizationRecord,
  PersonRecord,
  TitleRecord,
} from './types.js'

/** Options for {@link loadActorLexicon}. */
export interface ActorLexiconOptions {
  /** Path of a user actor dictionary (JSON, see `docs/actor-dictionary.md`); its entries win. */
  readonly userDictionary?: string
}

/** The actor lexicon with the extra look-ups this implementation offers. */
export interface LoadedActorLexicon extends ActorLexicon {
  /** Every person known by this name on the day (any day when null), the best first. */
  people(surface: string, day: string | null): readonly PersonRecord[]
  /** The most words any agent noun has ("human rights activists": 3). */
  readonly maxAgentWords: number
  /** The most words any person's name or alias has. */
  readonly maxPersonWords: number
}

/**
 * CAMEO's generic international codes (actor codebook, table 3.2): an actor code that starts with
 * one of them is whole, never a suffix to put after a country.
 */
export const INTERNATIONAL_CODES: ReadonlySet<string> = new Set([
  'IGO',
  'IMG',
  'INT',
  'MNC',
  'NGM',
  'NGO',
  'UIS',
])

/**
 * The full actor code for an agent or organisation code in a country: `GOV` in `CHN` is
 * `CHNGOV`; an international code (`IGOUNO`, `NGO`) or a full code (`USAGOV`) stays as it is; an
 * agent suffix with no country gives null.
 *
 * @example
 * composeActor('CHN', 'MIL') // 'CHNMIL'
 * composeActor('CHN', 'IGOUNO') // 'IGOUNO'
 * composeActor(null, 'GOV') // null
 */
export function composeActor(country: string | null, code: string): string | null {
  if (INTERNATIONAL_CODES.has(code.slice(0, 3))) return code
  if (code.length > 3) return code
  return country === null ? null : country + code
}

const ACTOR_CODE = /^(?:[A-Z]{3}){1,5}$/
const COUNTRY_CODE = /^[A-Z]{3}$/
const AGENT_CODE = /^[A-Z]{3}$/

const personSchema = z
  .strictObject({
    name: z.string().trim().min(1),
    aliases: z.array(z.string().trim().min(1)).default([]),
    country: z.string().regex(COUNTRY_CODE, 'expected an alpha-3 country code such as "USA"'),
    actor: z.string().regex(ACTOR_CODE, 'expected a CAMEO actor code such as "USAGOV"'),
    title: z.string().trim().min(1).nullable().default(null),
    from: z.iso.date('expected an ISO day (YYYY-MM-DD) or null').nullable().default(null),
    until: z.iso.date('expected an ISO day (YYYY-MM-DD) or null').nullable().default(null),
    note: z.string().optional(),
  })
  .refine((p) => p.from === null || p.until === null || p.from <= p.until, {
    message: '"from" is after "until"',
  })

const organizationSchema = z
  .strictObject({
    name: z.string().trim().min(1),
    aliases: z.array(z.string().trim().min(1)).default([]),
    actor: z.string().regex(ACTOR_CODE, 'expected a CAMEO actor code such as "IGOUNO" or "GOV"'),
    country: z
      .string()
      .regex(COUNTRY_CODE, 'expected an alpha-3 country code or null')
      .nullable()
      .default(null),
    note: z.string().optional(),
  })
  .refine(
    (o) =>
      o.country === null ||
      o.actor.length === 3 ||
      INTERNATIONAL_CODES.has(o.actor.slice(0, 3)) ||
      o.actor.startsWith(o.country),
    { message: 'a national organisation\'s actor code must start with its country ("USAGOV")' },
  )

const actorsFileSchema = z.strictObject({
  format: z.literal('dateline-actors/1').optional(),
  source: z.string().optional(),
  people: z.array(personSchema).default([]),
  organizations: z.array(organizationSchema).default([]),
})

const titlesFileSchema = z.strictObject({
  format: z.literal('dateline-titles/1'),
  source: z.string(),
  titles: z.array(
    z.strictObject({
      title: z.string().trim().min(1),
      agent: z.string().regex(AGENT_CODE),
      leader: z.boolean(),
    }),
  ),
})

const agentsFileSchema = z.strictObject({
  format: z.literal('dateline-agents/1'),
  source: z.string(),
  agents: z.record(z.string().regex(AGENT_CODE), z.array(z.string().trim().min(1))),
})

type ActorsFile = z.infer<typeof actorsFileSchema>

const DATA_DIR = new URL('../../data/actors/', import.meta.url)

/** Reads and validates one JSON file; any failure is one line naming the file and the record. */
function readJson<T>(path: string | URL, schema: z.ZodType<T>, what: string): T {
  const where = path instanceof URL ? path.pathname : path
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause)
    throw new ConfigError(`${where}: cannot read the ${what}: ${why}`, { cause })
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause)
    throw new ConfigError(`${where}: the ${what} is not valid JSON: ${why}`, { cause })
  }
  const parsed = schema.safeParse(raw)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new ConfigError(`${where}: ${describeIssue(raw, issue)}`, { cause: parsed.error })
}

/** `people[3] ("Joe Smith"): from: expected an ISO day (YYYY-MM-DD) or null`. */
function describeIssue(raw: unknown, issue: z.ZodError['issues'][number] | undefined): string {
  if (!issue) return 'invalid'
  const path = issue.path
  let where = ''
  let i = 0
  let node: unknown = raw
  // The record is the first array element on the path; name it by its own name or title.
  for (; i < path.length; i++) {
    const key = path[i]
    if (typeof key === 'number') {
      const record = Array.isArray(node) ? (node[key] as unknown) : undefined
      where += `[${key}]`
      const label = labelOf(record)
      if (label !== null) where += ` (${JSON.stringify(label)})`
      i++
      break
    }
    where += (where ? '.' : '') + String(key)
    node =
      node !== null && typeof node === 'object'
        ? (node as Record<string, unknown>)[String(key)]
        : undefined
  }
  const field = path.slice(i).map(String).join('.')
  return [where, field, issue.message].filter((s) => s !== '').join(': ')
}

function labelOf(record: unknown): string | null {
  if (record === null || typeof record !== 'object') return null
  const r = record as Record<string, unknown>
  for (const k of ['name', 'title', 'noun']) if (typeof r[k] === 'string') return r[k]
  return null
}

const SIMPLE_KEY = /^[a-z0-9.'&]+(?: [a-z0-9.'&]+)*$/
const COMBINING_MARKS = /\p{M}+/gu
const SEPARATORS = /[\s\-\u2010-\u2015]+/g
const CURLY_APOSTROPHES = /[\u2018\u2019]/g

/**
 * The case- and accent-free key of a title or noun: "Vice-President", "vice  president" and
 * "Vice President" share `vice president`; "Chargé" is `charge`.
 */
function foldKey(surface: string): string {
  const lower = surface.toLowerCase()
  // Most look-ups are plain words; skip the Unicode work for them.
  if (SIMPLE_KEY.test(lower)) return lower
  return lower
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(CURLY_APOSTROPHES, "'")
    .replace(SEPARATORS, ' ')
    .trim()
}

const PLAIN_SPACING = /^\S+(?: \S+)*$/
const SPACES = /\s+/g

/** The exact key of a name: case kept, runs of white space (a line break inside) one space. */
function exactKey(surface: string): string {
  const s = PLAIN_SPACING.test(surface) ? surface : surface.replace(SPACES, ' ').trim()
  return s.includes('\u2019') || s.includes('\u2018') ? s.replace(CURLY_APOSTROPHES, "'") : s
}

const LEADING_THE = /^the\s+/i

function wordCount(key: string): number {
  return key.split(SEPARATORS).filter((w) => w !== '').length
}

/** ISO day bounds of a day, month or year value: `2018` → 2018-01-01 … 2018-12-31. */
function dayBounds(day: string): readonly [string, string] {
  if (day.length === 4) return [`${day}-01-01`, `${day}-12-31`]
  if (day.length === 7) return [`${day}-01`, `${day}-31`]
  return [day, day]
}

function isValidOn(p: PersonRecord, first: string, last: string): boolean {
  return (p.from === null || p.from <= last) && (p.until === null || p.until >= first)
}

interface Ranked {
  readonly record: PersonRecord
  readonly user: boolean
}

/** User records first, then the most recent office first (an incoming leader on handover day). */
function byPreference(a: Ranked, b: Ranked): number {
  if (a.user !== b.user) return a.user ? -1 : 1
  return (b.record.from ?? '').localeCompare(a.record.from ?? '')
}

function freezePerson(p: z.infer<typeof personSchema>): PersonRecord {
  return Object.freeze({
    name: p.name,
    aliases: Object.freeze([...p.aliases]),
    country: p.country,
    actor: p.actor,
    title: p.title,
    from: p.from,
    until: p.until,
  })
}

function freezeOrganization(o: z.infer<typeof organizationSchema>): OrganizationRecord {
  return Object.freeze({
    name: o.name,
    aliases: Object.freeze([...o.aliases]),
    actor: o.actor,
    country: o.country,
  })
}

function indexTitles(file: URL): { map: Map<string, TitleRecord>; maxWords: number } {
  const data = readJson(file, titlesFileSchema, 'title list')
  const map = new Map<string, TitleRecord>()
  let maxWords = 0
  for (const t of data.titles) {
    const key = foldKey(t.title)
    if (map.has(key)) throw new ConfigError(`${file.pathname}: title "${t.title}" is listed twice`)
    map.set(key, Object.freeze({ title: t.title, agent: t.agent, leader: t.leader }))
    maxWords = Math.max(maxWords, wordCount(key))
  }
  return { map, maxWords }
}

function indexAgents(file: URL): { map: Map<string, AgentRecord>; maxWords: number } {
  const data = readJson(file, agentsFileSchema, 'agent list')
  const map = new Map<string, AgentRecord>()
  let maxWords = 0
  for (const [agent, nouns] of Object.entries(data.agents)) {
    for (const noun of nouns) {
      const key = foldKey(noun)
      const seen = map.get(key)
      if (seen) {
        const where = file.pathname
        throw new ConfigError(`${where}: "${noun}" is listed under ${seen.agent} and ${agent}`)
      }
      map.set(key, Object.freeze({ noun, agent }))
      maxWords = Math.max(maxWords, wordCount(key))
    }
  }
  return { map, maxWords }
}

/**
 * Loads the actor lexicon from `data/actors/` and, when given, a user actor dictionary whose
 * people and organisations add to the defaults or replace those of the same name. Read once at
 * start-up and pass the result to the stages.
 *
 * @throws ConfigError when a file is missing, not JSON, or has an invalid record (the message
 *   names the file and the record).
 * @example
 * const actors = loadActorLexicon({ userDictionary: 'my-actors.json' })
 * actors.organization('U.N.')?.actor // 'IGOUNO'
 * actors.title('foreign minister')?.agent // 'GOV'
 * actors.person('Trump', '2018-09-25')?.actor // 'USAGOV'
 */
export function loadActorLexicon(options: ActorLexiconOptions = {}): LoadedActorLexicon {
  const defaults: ActorsFile = {
    people: readJson(new URL('people.json', DATA_DIR), actorsFileSchema, 'people list').people,
    organizations: readJson(
      new URL('organizations.json', DATA_DIR),
      actorsFileSchema,
      'organisation list',
    ).organizations,
  }
  const user: ActorsFile =
    options.userDictionary === undefined
      ? { people: [], organizations: [] }
      : readJson(options.userDictionary, actorsFileSchema, 'actor dictionary')

  // Organisations: user entries replace defaults of the same name and win every shared surface.
  const userOrgNames = new Set(user.organizations.map((o) => o.name))
  const organizations = new Map<string, OrganizationRecord>()
  const organizationsFolded = new Map<string, OrganizationRecord>()
  let maxOrganizationWords = 0
  const addOrganization = (o: z.infer<typeof organizationSchema>): void => {
    const record = freezeOrganization(o)
    for (const surface of [o.name, ...o.aliases]) {
      const key = exactKey(surface)
      organizations.set(key, record)
      const words = wordCount(key)
      maxOrganizationWords = Math.max(maxOrganizationWords, words)
      // Several words are a name in any case ("foreign ministry"); one word is not ("who", "fed").
      if (words > 1) organizationsFolded.set(foldKey(key), record)
    }
  }
  for (const o of defaults.organizations) if (!userOrgNames.has(o.name)) addOrganization(o)
  for (const o of user.organizations) addOrganization(o)

  // People: a user entry replaces every default record (every office) of the same name.
  const userPeopleNames = new Set(user.people.map((p) => p.name))
  const ranked: Ranked[] = [
    ...defaults.people
      .filter((p) => !userPeopleNames.has(p.name))
      .map((p) => ({ record: freezePerson(p), user: false })),
    ...user.people.map((p) => ({ record: freezePerson(p), user: true })),
  ]
  const peopleExact = new Map<string, Ranked[]>()
  const peopleFolded = new Map<string, Ranked[]>()
  let maxPersonWords = 0
  const push = (map: Map<string, Ranked[]>, key: string, r: Ranked): void => {
    const list = map.get(key)
    if (!list) map.set(key, [r])
    else if (!list.includes(r)) list.push(r)
  }
  for (const r of ranked) {
    for (const surface of [r.record.name, ...r.record.aliases]) {
      const key = exactKey(surface)
      push(peopleExact, key, r)
      const words = wordCount(key)
      maxPersonWords = Math.max(maxPersonWords, words)
      // A full name may be matched in any case ("DONALD TRUMP"); a lone surname only as written.
      if (words > 1) push(peopleFolded, foldKey(key), r)
    }
  }
  const peopleIndex = new Map<string, readonly PersonRecord[]>()
  const peopleFoldedIndex = new Map<string, readonly PersonRecord[]>()
  for (const [from, to] of [
    [peopleExact, peopleIndex],
    [peopleFolded, peopleFoldedIndex],
  ] as const) {
    for (const [key, list] of from) {
      to.set(key, Object.freeze(list.sort(byPreference).map((r) => r.record)))
    }
  }

  const titles = indexTitles(new URL('titles.json', DATA_DIR))
  const agents = indexAgents(new URL('agents.json', DATA_DIR))

  const candidates = (surface: string): readonly PersonRecord[] | undefined => {
    const key = exactKey(surface)
    return peopleIndex.get(key) ?? peopleFoldedIndex.get(foldKey(key))
  }
  const people = (surface: string, day: string | null): readonly PersonRecord[] => {
    const list = candidates(surface)
    if (!list) return []
    if (day === null) return list
    const [first, last] = dayBounds(day)
    return list.filter((p) => isValidOn(p, first, last))
  }

  // First words (lower-case, unaccented) of every title, organisation and person name: a cheap
  // gate so that callers try multi-word look-ups only where one can start.
  const firstOf = (key: string): string => foldKey(key).split(' ')[0] ?? ''
  const titleFirst = new Set([...titles.map.keys()].map(firstOf))
  const organizationFirst = new Set([...organizations.keys()].map(firstOf))
  const personFirst = new Set([...peopleIndex.keys()].map(firstOf))
  const gate = (set: ReadonlySet<string>) => (word: string): boolean => {
    const lower = word.toLowerCase()
    return set.has(lower) || (!SIMPLE_KEY.test(lower) && set.has(firstOf(word)))
  }

  return Object.freeze({
    startsTitle: gate(titleFirst),
    startsOrganization: gate(organizationFirst),
    startsPerson: gate(personFirst),
    organization: (surface: string): OrganizationRecord | undefined => {
      const key = exactKey(surface.replace(LEADING_THE, ''))
      return organizations.get(key) ?? organizationsFolded.get(foldKey(key))
    },
    title: (surface: string): TitleRecord | undefined => titles.map.get(foldKey(surface)),
    agent: (noun: string): AgentRecord | undefined => agents.map.get(foldKey(noun)),
    person: (surface: string, day: string | null): PersonRecord | undefined => {
      const list = candidates(surface)
      if (!list) return undefined
      if (day === null) return list[0]
      const [first, last] = dayBounds(day)
      return list.find((p) => isValidOn(p, first, last))
    },
    people,
    maxTitleWords: titles.maxWords,
    maxOrganizationWords,
    maxAgentWords: agents.maxWords,
    maxPersonWords,
  })
}
