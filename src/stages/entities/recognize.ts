import type {
  CountryRecord,
  Lexicons,
  OrganizationRecord,
  PersonRecord,
  PlaceRecord,
  TitleRecord,
} from '../../lexicons/types.js'
import type { EntityRules } from './rules.js'
import { surface, type Word } from './words.js'

/** What a stretch of words was recognised as, before coreference links it to an entity. */
export type CandidateKind =
  | 'country'
  | 'demonym'
  | 'place'
  | 'organization'
  | 'person'
  | 'title'
  | 'agent'
  | 'group'
  | 'pronoun'
  | 'name'

export interface Candidate {
  readonly kind: CandidateKind
  readonly sentence: number
  /** First and last word (inclusive). */
  readonly a: number
  readonly b: number
  readonly start: number
  readonly end: number
  readonly text: string
  /** The rule that found it. */
  readonly rule: string
  country: CountryRecord | null
  place?: PlaceRecord
  organization?: OrganizationRecord
  /** Organisation name as the text writes it, with a national modifier ("British High Commission"). */
  organizationName?: string
  title?: { readonly record: TitleRecord; readonly text: string }
  /** A person's name without title ("Xi Jinping"). */
  personName?: string
  person?: PersonRecord
  agent?: string
  /** An organisation word that qualifies a title ("a bank spokesman"). */
  titleOrganization?: string
  /** The word before it, lower-cased ('' at sentence start). */
  readonly before: string
  readonly after: string
  readonly sentenceInitial: boolean
}

export interface RecognizeContext {
  readonly text: string
  readonly lexicons: Lexicons
  readonly rules: EntityRules
  /** The reference day, for date-ranged actor records. */
  readonly day: string | null
}

const DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'its', 'their'])

const SPEECH = new Set([
  'said', 'says', 'told', 'added', 'noted', 'stated', 'announced', 'declared', 'stressed', 'urged',
  'warned', 'asked', 'argued', 'insisted', 'indicated', 'explained', 'replied', 'reported', 'saying',
  'adding', 'wrote', 'proposed', 'called', 'met', 'visited', 'arrived', 'accused', 'denied',
])

/**
 * Recognises the candidate mentions of one sentence, left to right, longest match first:
 * group phrases, pronouns, titled people ("Chinese President Xi Jinping"), lexicon organisations,
 * countries, demonyms, known people, gazetteer places, unnamed agents, and leftover capitalised
 * names for the coreference pass to settle.
 */
export function recognizeSentence(
  words: readonly Word[],
  sentence: number,
  ctx: RecognizeContext,
): Candidate[] {
  const out: Candidate[] = []
  const { text, rules, lexicons } = ctx
  const { gazetteer, actors } = lexicons
  const maxSpan = Math.max(gazetteer.maxNameWords, actors.maxOrganizationWords, 4)

  const make = (
    kind: CandidateKind,
    a: number,
    b: number,
    rule: string,
    extra: Partial<Candidate> = {},
  ): Candidate => {
    const w0 = words[a] as Word
    const w1 = words[b] as Word
    return {
      kind,
      sentence,
      a,
      b,
      start: w0.start,
      end: w1.end,
      text: text.slice(w0.start, w1.end),
      rule,
      country: null,
      before: words[a - 1]?.lower ?? '',
      after: words[b + 1]?.lower ?? '',
      sentenceInitial: a === 0,
      ...extra,
    }
  }

  /** Words a..b may be a span of a name: capitalised words, joined by "of"/"the"/"and"/"for". */
  const nameLike = (a: number, b: number): boolean => {
    for (let k = a; k <= b; k++) {
      const w = words[k] as Word
      if (w.punct) return false
      if (!w.cap && !(k > a && k < b && /^(?:of|the|and|for|de|del|al|el|on)$/.test(w.lower))) return false
    }
    return true
  }

  const countryAt = (i: number): { country: CountryRecord; b: number; form: 'name' | 'demonym' } | null => {
    const first = words[i]
    if (!first || !gazetteer.startsName(first.text.split(/[-‐‑]/)[0] ?? first.text)) return null
    for (let len = Math.min(gazetteer.maxNameWords, words.length - i); len >= 1; len--) {
      if (!nameLike(i, i + len - 1)) continue
      const s = surface(text, words, i, i + len - 1)
      const c = gazetteer.countryByName(s)
      if (c) return { country: c, b: i + len - 1, form: 'name' }
    }
    const w = words[i]
    if (w?.cap) {
      // "South Korean", "North Korean": two-word nationalities first.
      const w2 = words[i + 1]
      const d2 = w2?.cap ? gazetteer.countryByDemonym(surface(text, words, i, i + 1)) : undefined
      if (d2) return { country: d2, b: i + 1, form: 'demonym' }
      const d = gazetteer.countryByDemonym(w.text)
      if (d) return { country: d, b: i, form: 'demonym' }
      // "Chinese-made", "China-Russia": the first part names the country.
      const part = w.text.split(/[-‐‑]/)[0] ?? ''
      if (part !== w.text) {
        const c = gazetteer.countryOfCompoundPart(part)
        if (c) return { country: c, b: i, form: 'demonym' }
      }
    }
    return null
  }

  const titleAt = (i: number): { record: TitleRecord; b: number } | null => {
    if (!actors.startsTitle(words[i]?.text ?? '')) return null
    for (let len = Math.min(actors.maxTitleWords, words.length - i); len >= 1; len--) {
      const last = words[i + len - 1] as Word
      if (last.punct) continue
      const rec = actors.title(surface(text, words, i, i + len - 1))
      if (rec) return { record: rec, b: i + len - 1 }
    }
    return null
  }

  const organizationAt = (i: number): { record: OrganizationRecord; b: number } | null => {
    if (!actors.startsOrganization(words[i]?.text ?? '')) return null
    for (let len = Math.min(actors.maxOrganizationWords, words.length - i); len >= 1; len--) {
      const s = surface(text, words, i, i + len - 1)
      const rec = actors.organization(s)
      if (rec && (words[i] as Word).cap) return { record: rec, b: i + len - 1 }
    }
    return null
  }

  /** Capitalised name words from i: "Xi Jinping", "Lho Shin-yong", "Chun Doo Hwan". */
  const nameRun = (i: number): number => {
    let b = i - 1
    for (let k = i; k < words.length && k < i + 4; k++) {
      const w = words[k] as Word
      if (!w.cap || w.punct || rules.notNames.has(w.text)) break
      if (gazetteer.countryByName(w.text) || gazetteer.countryByDemonym(w.text)) break
      if (rules.organizationHeads.has(w.text) || actors.title(w.text)) break
      b = k
    }
    return b
  }

  /**
   * "[determiner] [nationality|country's|organisation] [modifiers] TITLE [Name]": a titled
   * person, or a bare title ("the premier", "a bank spokesman") for coreference to settle.
   */
  /**
   * "[determiner] [nationality|country's|organisation] [modifiers] TITLE [Name]": a titled
   * person, or a bare title ("the premier", "a bank spokesman") for coreference to settle. The
   * nationality comes back as its own candidate too.
   */
  const titledAt = (i: number): Candidate[] | null => {
    const w0 = words[i] as Word
    // Cheap gate: a titled phrase opens with a determiner, a capitalised word or a title word.
    if (!w0.cap && !DETERMINERS.has(w0.lower) && !actors.startsTitle(w0.text) && !rules.titleModifiers.has(w0.lower)) {
      return null
    }
    let k = i
    if (/^(?:the|a|an|his|her|its|their)$/.test(words[k]?.lower ?? '')) k++
    let country: CountryRecord | null = null
    let modifier: Candidate | null = null
    let orgWord: string | undefined
    const c = countryAt(k)
    if (c) {
      country = c.country
      modifier = make(c.form === 'name' ? 'country' : 'demonym', k, c.b, 'entities/title-modifier', { country })
      k = c.b + 1
      if (words[k]?.lower === "'s") k++
    } else {
      const o = organizationAt(k)
      if (o) {
        orgWord = surface(text, words, k, o.b)
        if (o.record.country) country = gazetteer.countryByCode(o.record.country) ?? null
        modifier = make('organization', k, o.b, 'entities/title-modifier', {
          organization: o.record,
          organizationName: orgWord,
          country,
        })
        k = o.b + 1
      }
    }
    const titleStart = k
    // Modifiers before the title head ("vice commerce minister", "State Department spokesman").
    let t = titleAt(k)
    while (!t && k < words.length && k - titleStart < 3) {
      const w = words[k] as Word
      if (w.punct || !(rules.titleModifiers.has(w.lower) || (w.cap && !rules.notNames.has(w.text)))) break
      if (!orgWord && /^(?:bank|ministry|embassy|company|party|union|department|commission)$/.test(w.lower)) {
        orgWord = w.lower
      }
      k++
      t = titleAt(k)
    }
    if (!t) return null
    const titleText = surface(text, words, titleStart, t.b)
    // "Ambassador to Athens Nazmi Akiman": a title may name its post before the name.
    let n = t.b + 1
    if (words[n]?.lower === 'to' && words[n + 1]?.cap) {
      const post = countryAt(n + 1)
      const place = gazetteer.places((words[n + 1] as Word).text)[0]
      if (post || place) n = (post?.b ?? n + 1) + 1
    }
    const titleEnd = n - 1
    // "Labour minister, Alfredo Franco, said": a full name set off by commas after its title.
    if (words[n]?.text === ',' && words[n + 1]?.cap) {
      const end = nameRun(n + 1)
      if (end > n + 1 && words[end + 1]?.text === ',' && !actors.organization(surface(text, words, n + 1, end))) n++
    }
    const nameEnd = nameRun(n)
    const found: Candidate[] = modifier ? [modifier] : []
    if (nameEnd >= n) {
      const personName = surface(text, words, n, nameEnd)
      // "President Bush": a titled name the actor lexicon knows keeps its code; "U.N.
      // Secretary-General Kofi Annan" speaks for the organisation named with the title.
      const person = actors.person(personName, ctx.day)
      found.push(
        make('person', i, nameEnd, 'entities/titled-person', {
          country: country ?? (person ? (gazetteer.countryByCode(person.country) ?? null) : null),
          title: { record: t.record, text: surface(text, words, titleStart, titleEnd) },
          personName,
          ...(person ? { person } : {}),
          ...(modifier?.organization ? { organization: modifier.organization } : {}),
        }),
      )
      return found
    }
    // A bare title needs a determiner or a modifier ("the premier", "Russia's UN ambassador").
    if (titleStart === i && k === titleStart) return null
    found.push(
      make('title', i, t.b, 'entities/title', {
        country,
        title: { record: t.record, text: titleText },
        ...(orgWord ? { titleOrganization: orgWord } : {}),
      }),
    )
    return found
  }

  let i = 0
  while (i < words.length) {
    const w = words[i] as Word
    if (w.punct) {
      i++
      continue
    }
    // Group phrases: "the two countries", "both sides".
    const group = rules.groupPhrases.find((p) => p.every((x, k) => words[i + k]?.lower === x))
    if (group) {
      out.push(make('group', i, i + group.length - 1, 'entities/group-phrase'))
      i += group.length
      continue
    }
    if (rules.personPronouns.has(w.lower)) {
      out.push(make('pronoun', i, i, 'entities/pronoun'))
      i++
      continue
    }
    if ((w.text === 'It' && i === 0) || (w.lower === 'it' && isActionCue(words[i + 1]?.lower ?? ''))) {
      out.push(make('pronoun', i, i, 'entities/pronoun-it'))
      i++
      continue
    }
    const titled = titledAt(i)
    if (titled) {
      out.push(...titled)
      i = (titled[titled.length - 1] as Candidate).b + 1
      continue
    }
    if (w.cap && /[-‐‑]/.test(w.text)) {
      const parts = compoundCountries(w)
      if (parts.length) {
        out.push(...parts)
        i++
        continue
      }
    }
    // "the International Court of Justice", "the Soviet Union": the article is not the name.
    if (w.lower === 'the' && !w.cap && words[i + 1]?.cap) {
      const hit = longestAt(i + 1)
      if (hit) {
        out.push(hit)
        i = hit.b + 1
        continue
      }
    }
    if (w.cap) {
      const hit = longestAt(i)
      if (hit) {
        out.push(hit)
        i = hit.b + 1
        continue
      }
    }
    if (!w.cap) {
      const two = agentPairAt(i)
      const agent = two?.record ?? actors.agent(w.lower)
      if (agent && (two !== null || w.pos !== 'VERB')) {
        // "Palestinian security officials", "U.S. Officials": a nationality up to two words back.
        let country: CountryRecord | null = null
        for (let k = out.length - 1; k >= 0; k--) {
          const prev = out[k] as Candidate
          if (prev.sentence !== sentence || i - prev.b > 3) break
          if ((prev.kind === 'demonym' || prev.kind === 'country') && i - prev.b <= 3) {
            country = prev.country
            break
          }
          if (prev.kind === 'organization' && i - prev.b <= 2) {
            country = prev.country
            break
          }
        }
        const b = two ? i + 1 : i
        out.push(make('agent', i, b, 'entities/agent-noun', { agent: agent.agent, country }))
        i = b + 1
        continue
      }
    }
    if (w.cap) {
      const two = i === 0 || words[i - 1]?.cap ? agentPairAt(i) : null
      const agent = two?.record ?? actors.agent(w.lower)
      if (agent && (i === 0 || words[i - 1]?.cap)) {
        const b = two ? i + 1 : i
        out.push(make('agent', i, b, 'entities/agent-noun', { agent: agent.agent }))
        i = b + 1
        continue
      }
      const end = nameRun(i)
      if (end >= i) {
        out.push(make('name', i, end, 'entities/name'))
        i = end + 1
        continue
      }
    }
    i++
  }
  return out

  /** A two-word agent noun at word i ("riot police", "security forces", "police officers"). */
  function agentPairAt(i: number): { record: NonNullable<ReturnType<typeof actors.agent>> } | null {
    const next = words[i + 1]
    if (!next || next.punct || next.cap) return null
    const record = actors.agent(`${(words[i] as Word).lower} ${next.lower}`)
    return record ? { record } : null
  }

  /** Longest lexicon match at word i: organisation, country, known person, place, demonym. */
  function longestAt(i: number): Candidate | null {
    const lead0 = words[i] as Word
    const mayOrganize = actors.startsOrganization(lead0.text)
    const mayName = gazetteer.startsName(lead0.text) || (lead0.lower === 'the' && gazetteer.startsName(words[i + 1]?.text ?? ''))
    const mayPerson = actors.startsPerson(lead0.text)
    // "Nippon Telegraph and Telephone Corp", "China National Petroleum Corp": a run of names
    // ending in an organisation head is one organisation, even when it opens with a country.
    const headed = organizationRunAt(i)
    if (headed) return headed
    const given = givenNameAt(i)
    if (given) return given
    const maxLen = Math.min(maxSpan, words.length - i)
    for (let len = maxLen; len >= 1; len--) {
      const b = i + len - 1
      const s = surface(text, words, i, b)
      // An exact lexicon organisation may have lower-case words ("U.N. Refugee agency"); a
      // generic one-word body ("Police", "Parliament") is an unnamed agent, not an entity.
      const org = !mayOrganize || words.slice(i, b + 1).some((x) => x.punct) ? undefined : actors.organization(s)
      if (org && !(len === 1 && org.country === null && org.actor.length === 3)) {
        const country = org.country ? (gazetteer.countryByCode(org.country) ?? null) : null
        return make('organization', i, b, 'entities/organization-lexicon', { organization: org, country, organizationName: s })
      }
      if (!nameLike(i, b)) continue
      const lead = words[i] as Word
      const bare = lead.lower === 'the' && len > 1 ? surface(text, words, i + 1, b) : s
      const country = mayName ? gazetteer.countryByName(bare) : undefined
      if (country && !rules.notEntityHeads.has(words[b + 1]?.text ?? '')) {
        return make('country', i, b, 'entities/country-name', { country })
      }
      const person = mayPerson ? actors.person(s, ctx.day) : undefined
      if (person && rules.governmentWords.has(words[b + 1]?.lower ?? '')) {
        // "the Trump administration": the leader's government, an organisation of its country.
        const name = surface(text, words, i, b + 1)
        return make('organization', i, b + 1, 'entities/leader-government', {
          organizationName: name,
          organization: { name, aliases: [], actor: 'GOV', country: person.country },
          country: gazetteer.countryByCode(person.country) ?? null,
        })
      }
      if (person) {
        return make('person', i, b, 'entities/known-person', {
          person,
          personName: s,
          country: gazetteer.countryByCode(person.country) ?? null,
        })
      }
      const places = mayName ? gazetteer.places(s) : []
      const place = qualifiedPlace(places, b) ?? places[0]
      if (place && (lead.lower !== 'the' || s.startsWith('The ')) && !followsAsName(b)) {
        return make('place', i, b, 'entities/gazetteer-place', {
          place,
          country: gazetteer.countryByCode(place.country) ?? null,
        })
      }
      if (len <= 2 && mayName) {
        const demonym = gazetteer.countryByDemonym(s)
        if (demonym) return make('demonym', i, b, 'entities/demonym', { country: demonym })
      }
    }
    return headedAt(i)
  }

  /**
   * "China-Russia relations", "Sino-Soviet", "Chinese-made": each part that names a country is
   * its own mention, with its own span inside the word.
   */
  function compoundCountries(w: Word): Candidate[] {
    const found: Candidate[] = []
    const re = /[^-‐‑]+/g
    for (let m = re.exec(w.text); m; m = re.exec(w.text)) {
      const part = m[0]
      const country = gazetteer.countryOfCompoundPart(part)
      if (!country) continue
      const start = w.start + m.index
      found.push({
        kind: gazetteer.countryByName(part) ? 'country' : 'demonym',
        sentence,
        a: w.index,
        b: w.index,
        start,
        end: start + part.length,
        text: part,
        rule: 'entities/compound-country',
        country,
        before: words[w.index - 1]?.lower ?? '',
        after: words[w.index + 1]?.lower ?? '',
        sentenceInitial: w.index === 0,
      })
    }
    return found
  }

  function organizationRunAt(i: number): Candidate | null {
    let b = i
    let last = i
    while (b + 1 < words.length) {
      const next = words[b + 1] as Word
      if (next.cap && !next.punct) b++
      else if (/^(?:and|&|of|for)$/.test(next.lower) && words[b + 2]?.cap) b++
      else break
      if ((words[b] as Word).cap) last = b
    }
    if (last === i || !rules.organizationHeads.has((words[last] as Word).text)) return null
    // "The Peruvian Foreign Ministry": the article is not part of the name.
    if ((words[i] as Word).lower === 'the') {
      if (last === i + 1) return null
      i++
    }
    const name = surface(text, words, i, last)
    if (actors.organization(name) || gazetteer.countryByName(name) || gazetteer.places(name).length) return null
    const lead = countryAt(i)
    const country = lead?.country ?? null
    return make('organization', i, last, 'entities/organization-run', {
      organizationName: surface(text, words, i, last),
      country,
    })
  }

  /**
   * "Jordan Peters", "Israel Katz", "Paris Hilton": a country or place name that is also a given
   * name, followed by a capitalised word that names nothing else (no head, title, month,
   * country or nationality), is the first name of a person.
   */
  function givenNameAt(i: number): Candidate | null {
    const first = words[i] as Word
    const next = words[i + 1]
    if (!rules.givenNames.has(first.text) || !next || !next.cap || next.punct) return null
    const t = next.text
    if (rules.notNames.has(t) || rules.organizationHeads.has(t) || rules.placeHeads.has(t) || rules.notEntityHeads.has(t)) return null
    if (actors.title(t) || gazetteer.countryByName(t) || gazetteer.countryByDemonym(t) || actors.organization(t)) return null
    const end = nameRun(i + 1)
    return end > i ? make('name', i, end, 'entities/given-name') : null
  }

  /**
   * "Dublin, Calif.", "Athens, Ga.", "London, Ont.", "Perth, Scotland": a place qualified by its
   * state, province or country after a comma is the one of that country.
   */
  function qualifiedPlace(places: readonly PlaceRecord[], b: number): PlaceRecord | undefined {
    if (places.length < 2 || words[b + 1]?.text !== ',') return undefined
    const next = words[b + 2]
    if (!next?.cap) return undefined
    const bare = next.text.replace(/-based$/, '')
    const dotted = words[b + 3]?.text === '.' && words[b + 3]?.start === next.end ? `${bare}.` : bare
    const country = gazetteer.countryOfQualifier(dotted) ?? gazetteer.countryOfQualifier(bare)
    return country ? places.find((p) => p.country === country) : undefined
  }

  /** A place word used as part of a longer name ("Geneva Convention", "Beijing Olympics"). */
  function followsAsName(b: number): boolean {
    const next = words[b + 1]
    return next !== undefined && next.cap && (rules.notEntityHeads.has(next.text) || rules.organizationHeads.has(next.text))
  }

  /**
   * Names the lexicons do not know, recognised by their head word: "Aegean Sea", "Rangitaiki
   * river", "Energy Ministry", "Trump administration".
   */
  function headedAt(i: number): Candidate | null {
    let b = i
    while (b + 1 < words.length && (words[b + 1] as Word).cap && !(words[b + 1] as Word).punct) b++
    const head = words[b] as Word
    const next = words[b + 1]
    if (rules.notEntityHeads.has(head.text) || (next && rules.notEntityHeads.has(next.text))) {
      // "the Law of the Sea", "Geneva Convention on Refugees": the whole title is one name.
      let end = next && rules.notEntityHeads.has(next.text) ? b + 1 : b
      while (/^(?:of|on|for)$/.test(words[end + 1]?.lower ?? '')) {
        let k = end + 2
        if (words[k]?.lower === 'the') k++
        if (!words[k]?.cap) break
        while (words[k + 1]?.cap) k++
        end = k
      }
      return make('name', i, end, 'entities/not-entity')
    }
    if (b > i && rules.placeHeads.has(head.text)) {
      return make('place', i, b, 'entities/place-head')
    }
    if (next && !next.cap && rules.placeHeads.has(next.text)) {
      return make('place', i, b + 1, 'entities/place-head')
    }
    if (b > i && rules.organizationHeads.has(head.text)) {
      // "The European Union lifted ...", "The World Bank said": a sentence's capitalised "The"
      // before a body the lexicon knows keeps its words, and the body is the lexicon's.
      const known = (words[i] as Word).lower === 'the' ? actors.organization(surface(text, words, i + 1, b)) : undefined
      const country = known?.country ? (gazetteer.countryByCode(known.country) ?? null) : null
      return make('organization', i, b, known ? 'entities/organization-lexicon' : 'entities/organization-head', {
        organizationName: surface(text, words, known ? i + 1 : i, b),
        ...(known ? { organization: known, country } : {}),
      })
    }
    return null
  }
}

/** Does this word report speech or an act, so that the capitalised word before it is an actor? */
export function isActionCue(lower: string): boolean {
  return SPEECH.has(lower)
}
