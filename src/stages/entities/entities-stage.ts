import type {
  Annotation,
  EntityAnnotation,
  EntityType,
  MentionAnnotation,
  MentionForm,
  TokenAnnotation,
} from '../../core/annotation.js'
import { annotationsOf, type Document } from '../../core/document.js'
import type { Stage } from '../../core/stage.js'
import type { Lexicons } from '../../lexicons/types.js'
import { isActionCue, recognizeSentence, type Candidate } from './recognize.js'
import { loadEntityRules, type EntityRules } from './rules.js'
import { wordsOf, type Word } from './words.js'

export interface EntitiesStageOptions {
  readonly lexicons: Lexicons
  readonly rules?: EntityRules
}

/** An entity while the document is read: the mentions that name it and what they tell. */
interface Draft {
  readonly id: string
  readonly type: EntityType
  /** Merge key: country code, place name, organisation name, person name. */
  readonly key: string
  names: string[]
  country: string | null
  title: string | null
  agent: string | null
  actor: string | null
  lat: number | null
  lon: number | null
  /** Words of a person's full name, for surname matching. */
  nameWords: string[]
  /** Index of the first mention that names it in full. */
  first: { start: number; end: number } | null
  rule: string
}

interface Linked {
  readonly candidate: Candidate
  readonly form: MentionForm
  readonly refs: readonly string[]
  readonly actor: string | null
  readonly country: string | null
  readonly entityType: EntityType | null
}

const DETERMINER = /^(?:the|a|an)\s+/i

/**
 * The entities stage: people (with titles and nationality), countries (by name, demonym and
 * capital), places from the gazetteer, organisations, and unnamed agents ("police", "Israeli
 * troops"); each resolved to a CAMEO actor code, with in-document coreference of surnames,
 * titles ("the premier"), pronouns ("he") and pairs ("the two countries", "both sides").
 */
export function createEntitiesStage(options: EntitiesStageOptions): Stage {
  const { lexicons } = options
  const rules = options.rules ?? loadEntityRules()
  const { gazetteer } = lexicons
  return {
    name: 'entities',
    requires: ['sentence', 'token', 'dateline'],
    produces: ['entity', 'mention'],
    run: function entities(doc: Document): Annotation[] {
      const text = doc.text
      const dateline = annotationsOf(doc, 'dateline')[0]
      const day = dateline?.date ?? null
      const homeCountry = dateline?.country ?? null
      const tokens = annotationsOf(doc, 'token')
      const sentences = annotationsOf(doc, 'sentence')
      const bySentence: TokenAnnotation[][] = sentences.map(() => [])
      for (const t of tokens) bySentence[t.sentence]?.push(t)

      const sentenceWords: Word[][] = []
      const candidates: Candidate[] = []
      for (const s of sentences) {
        const words = wordsOf(bySentence[s.index] ?? [], text)
        sentenceWords.push(words)
        for (const c of recognizeSentence(words, s.index, { text, lexicons, rules, day })) {
          candidates.push(c)
        }
      }
      attachNationalModifiers(candidates, text)

      const drafts = new Map<string, Draft>()
      const byId = new Map<string, Draft>()
      let next = 0
      const draftFor = (type: EntityType, key: string, rule: string): Draft => {
        const k = `${type}:${key}`
        let d = drafts.get(k)
        if (!d) {
          d = {
            id: `e${next++}`,
            type,
            key,
            names: [],
            country: null,
            title: null,
            agent: null,
            actor: null,
            lat: null,
            lon: null,
            nameWords: [],
            first: null,
            rule,
          }
          drafts.set(k, d)
          byId.set(d.id, d)
        }
        return d
      }
      const addName = (d: Draft, name: string, at: { start: number; end: number }): void => {
        if (!d.names.includes(name)) d.names.push(name)
        const best = d.names.reduce((a, b) => (b.length > a.length ? b : a), '')
        if (name === best && (!d.first || name.length > text.slice(d.first.start, d.first.end).length)) {
          d.first = at
        }
      }

      // The dateline's place is a place of the article.
      if (dateline?.placeRange && dateline.place) {
        const d = draftFor('place', `${dateline.place}|${dateline.country ?? ''}`, 'entities/dateline-place')
        d.country = dateline.country
        d.lat = dateline.lat
        d.lon = dateline.lon
        addName(d, dateline.place, dateline.placeRange)
        const known = gazetteer.places(text.slice(dateline.placeRange.start, dateline.placeRange.end))[0]
        if (known && !d.names.includes(known.name)) d.names.push(known.name)
      }

      // Pass 1: people named in full, so that later surnames can find them.
      const persons: Draft[] = []
      for (const c of candidates) {
        if (c.kind !== 'person' || !c.personName) continue
        const d = personDraft(c)
        if (!persons.includes(d)) persons.push(d)
      }
      mergeShortPersons(persons, drafts)

      const linked: Linked[] = []
      const push = (c: Candidate, form: MentionForm, refs: readonly string[], extra: Partial<Linked> = {}): void => {
        const d = refs.length === 1 ? findDraft(refs[0] as string) : undefined
        linked.push({
          candidate: c,
          form,
          refs,
          actor: extra.actor !== undefined ? extra.actor : (d?.actor ?? null),
          country: extra.country !== undefined ? extra.country : (d?.country ?? null),
          entityType: extra.entityType !== undefined ? extra.entityType : (d?.type ?? null),
        })
      }

      for (const [ci, c] of candidates.entries()) {
        switch (c.kind) {
          case 'country':
          case 'demonym': {
            if (!c.country) break
            const d = draftFor('country', c.country.code, 'entities/country')
            d.country = c.country.code
            d.actor = c.country.code
            d.lat ??= c.country.lat
            d.lon ??= c.country.lon
            if (c.kind === 'country') addName(d, c.text.replace(DETERMINER, ''), c)
            // A country only ever named by its nationality ("Israeli troops") is still an entity.
            else d.first ??= { start: c.start, end: c.end }
            push(c, c.kind === 'country' ? 'name' : 'demonym', [d.id])
            break
          }
          case 'place': {
            const name = c.place && c.text === c.text.toUpperCase() ? c.place.name : c.text.replace(/^the\s+/, '')
            const key = c.place ? `${c.place.name}|${c.place.country}` : name
            // A dateline place named again in the body is the same place.
            const d =
              [...drafts.values()].find((x) => x.type === 'place' && x.names.includes(c.place?.name ?? name)) ??
              draftFor('place', key, c.rule)
            d.country ??= c.place?.country ?? featureCountry(c)
            d.lat ??= c.place?.lat ?? null
            d.lon ??= c.place?.lon ?? null
            addName(d, name, c)
            // A capital standing for its government: "Washington said", "imposed by Beijing".
            const capitalOf = c.place?.kind === 'capital' ? c.place.country : null
            if (capitalOf && !rules.locativePrepositions.has(c.before)) {
              push(c, 'capital', [d.id], { actor: `${capitalOf}GOV`, country: capitalOf, entityType: 'place' })
            } else push(c, 'name', [d.id])
            break
          }
          case 'organization': {
            const name = (c.organizationName ?? c.text).replace(/^The\s+/, '')
            const key = c.organization?.name ?? name
            const d = draftFor('organization', key, c.rule)
            const country = c.country?.code ?? c.organization?.country ?? (isDomestic(c) ? homeCountry : null)
            d.country ??= country
            const actor = c.organization?.actor ?? rules.headAgents.get(name.split(/\s+/).pop() ?? '') ?? 'GOV'
            d.actor ??= actor.length === 3 && d.country ? `${d.country}${actor}` : actor.length === 3 ? null : actor
            addName(d, name, c)
            for (const alias of c.organization?.aliases ?? []) if (!d.names.includes(alias) && text.includes(alias)) d.names.push(alias)
            push(c, 'name', [d.id])
            break
          }
          case 'person': {
            const d = personDraft(c)
            push(c, 'name', [d.id])
            break
          }
          case 'name': {
            const person = surnameMatch(c.text, c.start)
            if (person) {
              if (!person.names.includes(c.text)) person.names.push(c.text)
              push(c, 'surname', [person.id])
              break
            }
            const words = c.text.split(/\s+/)
            const cue = isActionCue(c.after)
            const org = organizationByPart(c.text)
            if (org) {
              if (!org.names.includes(c.text)) org.names.push(c.text)
              push(c, 'alias', [org.id])
              break
            }
            // "NTT said": an acronym that speaks is an organisation.
            if (cue && /^[A-Z][A-Z0-9&]{1,6}$/.test(c.text)) {
              const d = draftFor('organization', c.text, 'entities/acronym-before-cue')
              d.country ??= homeCountry
              addName(d, c.text, c)
              push(c, 'name', [d.id])
              break
            }
            // "..., said Jane Okafor": a full name right after a reporting verb speaks too.
            const afterCue = isActionCue(c.before) && /^(?:said|says|added|told|asked)$/.test(c.before)
            // "John Peters, a spokesman for the company, said": a full name with a title in apposition.
            const next = candidates[ci + 1]
            const titled = c.after === ',' && next?.kind === 'title' && next.sentence === c.sentence && next.a === c.b + 2
            if (words.length >= 2 && (cue || afterCue || titled) && !rules.organizationHeads.has(words[words.length - 1] ?? '')) {
              const d = draftFor('person', c.text, 'entities/name-before-cue')
              d.country ??= null
              d.nameWords = words
              addName(d, c.text, c)
              persons.push(d)
              push(c, 'name', [d.id])
            }
            break
          }
          case 'title': {
            const refs = titleReferent(c, linked)
            if (refs) push(c, 'title', refs)
            else {
              const country = c.country?.code ?? null
              push(c, 'title', [], {
                actor: `${country ?? '---'}${c.title?.record.agent ?? 'GOV'}`,
                country,
                entityType: null,
              })
            }
            break
          }
          case 'agent': {
            const country = c.country?.code ?? null
            push(c, 'agent', [], { actor: `${country ?? '---'}${c.agent ?? ''}`, country, entityType: null })
            break
          }
          case 'pronoun': {
            const refs = pronounReferent(c, linked)
            push(c, 'pronoun', refs)
            break
          }
          case 'group': {
            const pair = groupReferent(c, linked)
            const type = pair.length ? (findDraft(pair[0] as string)?.type ?? null) : null
            push(c, 'group', pair, { actor: null, country: null, entityType: type })
            break
          }
        }
      }
      linkOrganizationAliases(sentenceWords)

      // Keep the dateline place's mention and assemble the annotations.
      const out: Annotation[] = []
      const usedDrafts = new Set<string>()
      let m = 0
      for (const l of linked) {
        for (const r of l.refs) usedDrafts.add(r)
        const c = l.candidate
        const mention: MentionAnnotation = {
          kind: 'mention',
          id: `m${m++}`,
          start: c.start,
          end: c.end,
          text: c.text,
          source: c.rule,
          form: l.form,
          refs: l.refs,
          entityType: l.entityType,
          actor: l.actor,
          country: l.country,
        }
        out.push(mention)
      }
      const emitted = new Set<string>()
      for (const d of drafts.values()) {
        if (emitted.has(d.id)) continue
        emitted.add(d.id)
        if (!d.first || (!usedDrafts.has(d.id) && d.rule !== 'entities/dateline-place')) continue
        const name = canonicalName(d)
        const entity: EntityAnnotation = {
          kind: 'entity',
          id: d.id,
          start: d.first.start,
          end: d.first.end,
          text: text.slice(d.first.start, d.first.end),
          source: d.rule,
          entityType: d.type,
          name,
          country: d.country,
          title: d.title,
          actor: d.actor,
          lat: d.lat,
          lon: d.lon,
          aliases: d.names.filter((n) => n !== name),
        }
        out.push(entity)
        if (d.rule === 'entities/dateline-place' && dateline?.placeRange && !linked.some((l) => l.candidate.start === d.first?.start)) {
          out.push({
            kind: 'mention',
            id: `m${m++}`,
            start: d.first.start,
            end: d.first.end,
            text: text.slice(d.first.start, d.first.end),
            source: 'entities/dateline-place',
            form: 'name',
            refs: [d.id],
            entityType: 'place',
            actor: null,
            country: d.country,
          })
        }
      }
      return out

      /**
       * A feature found by its head word ("Rangitaiki river", "North Island") takes the country
       * of a place named in its sentence; an inland feature with none, the dateline's country.
       */
      function featureCountry(c: Candidate): string | null {
        const near = candidates.filter((x) => x.sentence === c.sentence && x.kind === 'place' && x.place)
        near.sort((x, y) => Math.abs(x.start - c.start) - Math.abs(y.start - c.start))
        const found = near[0]?.place?.country
        if (found) return found
        const head = c.text.split(/\s+/).pop() ?? ''
        return rules.inlandHeads.has(head.toLowerCase()) ? homeCountry : null
      }

      /** "Pizza Inn" after "Pizza Inn Inc", "NTT" after "Nippon Telegraph and Telephone Corp (NTT)". */
      function organizationByPart(name: string): Draft | undefined {
        for (const d of drafts.values()) {
          if (d.type !== 'organization') continue
          for (const n of d.names) {
            if (n.startsWith(`${name} `) || n === name) return d
            const initials = n.split(/\s+/).filter((w) => /^[A-Z]/.test(w)).map((w) => w[0]).join('')
            if (name.length >= 2 && /^[A-Z]+$/.test(name) && initials === name) return d
          }
        }
        return undefined
      }

      function findDraft(id: string): Draft | undefined {
        return byId.get(id)
      }

      function personDraft(c: Candidate): Draft {
        const name = c.personName ?? c.text
        const existing = persons.find((p) => p.names.includes(name) || p.key === name)
        const d = existing ?? draftFor('person', name, c.rule)
        d.nameWords = name.split(/\s+/)
        if (c.title && !d.title) d.title = c.title.text
        if (c.title && !d.agent) d.agent = c.title.record.agent
        const country = c.country?.code ?? c.person?.country ?? null
        if (country && !d.country) d.country = country
        // A titled official with no nationality given is taken as the dateline country's.
        if (!d.country && c.title) d.country = homeCountry
        // An official of an international organisation acts for it ("U.N. Secretary-General").
        const international = c.organization && /^(?:IGO|NGO|IMG|MNC)/.test(c.organization.actor) ? c.organization.actor : null
        d.actor = c.person?.actor ?? international ?? (d.country ? `${d.country}${d.agent ?? (c.title ? 'GOV' : '')}` : null)
        addName(d, name, offsetsOfName(c, name))
        return d
      }

      /** "Xi" in a headline before "Xi Jinping" in the body: one person. */
      function mergeShortPersons(list: Draft[], all: Map<string, Draft>): void {
        for (const short of [...list]) {
          if (short.nameWords.length !== 1) continue
          const full = list.find((p) => p !== short && p.nameWords.length > 1 && p.nameWords.includes(short.nameWords[0] ?? ''))
          if (!full) continue
          full.title ??= short.title
          full.country ??= short.country
          full.actor ??= short.actor
          for (const n of short.names) if (!full.names.includes(n)) full.names.push(n)
          list.splice(list.indexOf(short), 1)
          all.set(`person:${short.key}`, full)
        }
      }

      function surnameMatch(word: string, _at: number): Draft | undefined {
        if (/\s/.test(word)) {
          return persons.find((p) => p.names.includes(word))
        }
        return persons.find((p) => p.nameWords.length > 1 && p.nameWords.includes(word))
      }

      /** "the premier" → the last person with that title; "a bank spokesman" → the bank. */
      function titleReferent(c: Candidate, before: readonly Linked[]): string[] | null {
        const head = (c.title?.record.title ?? '').toLowerCase()
        if (c.titleOrganization) {
          const org = [...drafts.values()].find(
            (d) => d.type === 'organization' && d.names.some((n) => n.toLowerCase().includes(c.titleOrganization ?? '\u0000')),
          )
          if (org) return [org.id]
        }
        if (!/^the$/i.test(c.text.split(/\s+/)[0] ?? '')) return null
        for (let k = before.length - 1; k >= 0; k--) {
          const l = before[k] as Linked
          if (l.form === 'title' && l.refs.length && l.candidate.title?.record.title.toLowerCase() === head) return [...l.refs]
          const d = l.refs.length === 1 ? findDraft(l.refs[0] as string) : undefined
          if (d?.type === 'person' && d.title && sameTitle(d.title, head)) return [d.id]
        }
        return null
      }

      /**
       * A personal pronoun refers to the nearest person before it in its sentence, else to the
       * first person of the closest earlier sentence that names one (the subject, usually).
       */
      function pronounReferent(c: Candidate, before: readonly Linked[]): string[] {
        const human = (l: Linked): boolean =>
          l.refs.length === 1 &&
          (c.text.toLowerCase() === 'it'
            ? (l.entityType === 'organization' || l.entityType === 'country') && l.form !== 'demonym'
            : l.entityType === 'person' || (l.form === 'title' && l.refs.length > 0))
        // "it" takes the sentence's subject (its first organisation or country), "he" the
        // nearest person before it ("Lyng said he had no plans").
        const same = before.filter((l) => l.candidate.sentence === c.sentence && human(l))
        const here = c.text.toLowerCase() === 'it' ? same[0] : same[same.length - 1]
        if (here) return [...here.refs]
        for (let s = c.sentence - 1; s >= Math.max(0, c.sentence - 4); s--) {
          const first = before.find((l) => l.candidate.sentence === s && human(l))
          if (first) return [...first.refs]
        }
        return []
      }

      /** "the two countries", "both sides": the two countries of the sentence, else the article's two most named. */
      function groupReferent(c: Candidate, before: readonly Linked[]): string[] {
        // "the two leaders", "both leaders": the last two people named before it.
        if (/leaders$/.test(c.text.toLowerCase())) {
          const people: string[] = []
          for (let k = before.length - 1; k >= 0 && people.length < 2; k--) {
            const l = before[k] as Linked
            const r = l.refs[0]
            if (l.refs.length === 1 && r && findDraft(r)?.type === 'person' && !people.includes(r)) people.push(r)
          }
          return people.reverse()
        }
        const countries = (pred: (l: Linked) => boolean): string[] => {
          const counts = new Map<string, number>()
          for (const l of before) {
            if (!pred(l)) continue
            for (const r of l.refs) if (findDraft(r)?.type === 'country') counts.set(r, (counts.get(r) ?? 0) + 1)
          }
          return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([r]) => r)
        }
        const here = countries((l) => l.candidate.sentence === c.sentence || l.candidate.sentence === c.sentence - 1)
        if (here.length === 2) return here
        const all = countries(() => true)
        for (const r of all) if (!here.includes(r) && here.length < 2) here.push(r)
        return here.slice(0, 2)
      }

      /** "the high commission", "the bank": a later lower-case mention of a named organisation. */
      function linkOrganizationAliases(wordsBySentence: readonly Word[][]): void {
        // Keys: the last one or two words of each organisation's name, lower-cased.
        const byKey = new Map<string, Draft>()
        for (const org of drafts.values()) {
          if (org.type !== 'organization' || !org.first) continue
          const parts = canonicalName(org).split(/\s+/)
          if (parts.length < 2) continue
          byKey.set(parts.slice(-2).join(' ').toLowerCase(), org)
          byKey.set((parts[parts.length - 1] ?? '').toLowerCase(), org)
        }
        if (byKey.size === 0) return
        wordsBySentence.forEach((words, sentence) => {
          for (let i = 1; i < words.length; i++) {
            const w = words[i] as Word
            if (w.cap || !/^(?:the|a|an)$/.test((words[i - 1] as Word).lower)) continue
            for (const n of [2, 1]) {
              const last = words[i + n - 1]
              if (!last) continue
              const org = byKey.get(n === 2 ? `${w.lower} ${last.lower}` : w.lower)
              if (!org || w.start <= (org.first?.start ?? 0)) continue
              if (linked.some((l) => l.candidate.start < last.end && l.candidate.end > w.start)) break
              const cand: Candidate = {
                kind: 'organization',
                sentence,
                a: i,
                b: i + n - 1,
                start: w.start,
                end: last.end,
                text: text.slice(w.start, last.end),
                rule: 'entities/organization-alias',
                country: null,
                before: (words[i - 1] as Word).lower,
                after: words[i + n]?.lower ?? '',
                sentenceInitial: false,
              }
              if (!org.names.includes(cand.text)) org.names.push(cand.text)
              linked.push({ candidate: cand, form: 'alias', refs: [org.id], actor: org.actor, country: org.country, entityType: 'organization' })
              break
            }
          }
        })
        linked.sort((a, b) => a.candidate.start - b.candidate.start)
      }
    },
  }

  /** A national body named without a country ("the Foreign Ministry", "Energy Ministry") is the dateline country's. */
  function isDomestic(c: Candidate): boolean {
    if (c.organization) return c.organization.country === null && c.organization.actor.length === 3
    const head = c.text.split(/\s+/).pop() ?? ''
    return rules.governmentHeads.has(head)
  }

  function canonicalName(d: Draft): string {
    if (d.type === 'country') {
      const named = d.names.filter((n) => gazetteer.countryByName(n))
      if (named.length) return named.reduce((a, b) => (b.length > a.length ? b : a))
      return gazetteer.countryByCode(d.key)?.name ?? d.key
    }
    return d.names.reduce((a, b) => (b.length > a.length ? b : a), d.names[0] ?? d.key)
  }
}

/** "Premier" and "Prime Minister" are one office; otherwise the title's last word decides. */
function sameTitle(title: string, head: string): boolean {
  const norm = (s: string): string => s.toLowerCase().replace('prime minister', 'premier')
  const a = norm(title)
  const b = norm(head)
  return a === b || a.endsWith(` ${b}`) || a.split(' ').pop() === b.split(' ').pop()
}

/** The offsets of a titled person's own name inside the candidate. */
function offsetsOfName(c: Candidate, name: string): { start: number; end: number } {
  const at = c.text.lastIndexOf(name)
  return at >= 0 ? { start: c.start + at, end: c.start + at + name.length } : c
}

/** Nationality or country immediately before an organisation qualifies it ("British High Commission"). */
function attachNationalModifiers(candidates: Candidate[], text: string): void {
  for (let k = 1; k < candidates.length; k++) {
    const org = candidates[k] as Candidate
    const mod = candidates[k - 1] as Candidate
    // "British High Commission", "Peru's Foreign Ministry".
    const possessive = /^'s?$/.test(text.slice(mod.end, org.start).trim())
    if (org.kind !== 'organization' || mod.sentence !== org.sentence || (mod.b + 1 !== org.a && !(possessive && mod.b + 2 === org.a))) continue
    if (mod.kind !== 'demonym' && mod.kind !== 'country') continue
    if (org.organization?.country) continue
    candidates[k] = {
      ...org,
      a: mod.a,
      start: mod.start,
      text: text.slice(mod.start, org.end),
      country: mod.country,
      organizationName: possessive ? (org.organizationName ?? org.text) : `${mod.text} ${org.organizationName ?? org.text}`,
    }
  }
}
