import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { dataPath } from '../../lexicons/data-path.js'

const RulesFile = z.object({
  organizationHeads: z.array(z.string()),
  headAgents: z.record(z.string().regex(/^[A-Z]{3}$/), z.array(z.string())),
  placeHeads: z.array(z.string()),
  inlandHeads: z.array(z.string()),
  governmentHeads: z.array(z.string()),
  notEntityHeads: z.array(z.string()),
  governmentWords: z.array(z.string()),
  groupPhrases: z.array(z.string()),
  personPronouns: z.array(z.string()),
  honorifics: z.array(z.string()),
  titleModifiers: z.array(z.string()),
  locativePrepositions: z.array(z.string()),
  notNames: z.array(z.string()),
  givenNames: z.array(z.string()),
})

/** The entity stage's word lists (`data/entities/rules.json`), as sets. */
export interface EntityRules {
  readonly organizationHeads: ReadonlySet<string>
  /** The CAMEO agent an organisation's last word makes it ("Ltd" BUS, "Times" MED); others are GOV. Every such word is also an organisation head. */
  readonly headAgents: ReadonlyMap<string, string>
  readonly placeHeads: ReadonlySet<string>
  /** Lower-case heads of features inside one country (river, island, province). */
  readonly inlandHeads: ReadonlySet<string>
  /** Heads of national state bodies ("Ministry"): one named without a country is domestic. */
  readonly governmentHeads: ReadonlySet<string>
  readonly notEntityHeads: ReadonlySet<string>
  readonly governmentWords: ReadonlySet<string>
  /** Lower-case word sequences, longest first. */
  readonly groupPhrases: readonly (readonly string[])[]
  readonly personPronouns: ReadonlySet<string>
  readonly honorifics: ReadonlySet<string>
  readonly titleModifiers: ReadonlySet<string>
  readonly locativePrepositions: ReadonlySet<string>
  readonly notNames: ReadonlySet<string>
  /** Country and place names that are also given names ("Jordan Peters", "Paris Hilton"). */
  readonly givenNames: ReadonlySet<string>
}

/** Loads `data/entities/rules.json`. */
export function loadEntityRules(): EntityRules {
  const raw = RulesFile.parse(JSON.parse(readFileSync(dataPath('entities/rules.json'), 'utf8')))
  return {
    // A head that makes a business or the media is an organisation head too.
    organizationHeads: new Set([...raw.organizationHeads, ...Object.values(raw.headAgents).flat()]),
    headAgents: new Map(Object.entries(raw.headAgents).flatMap(([agent, heads]) => heads.map((h) => [h, agent] as const))),
    placeHeads: new Set(raw.placeHeads),
    inlandHeads: new Set(raw.inlandHeads.map((h) => h.toLowerCase())),
    governmentHeads: new Set(raw.governmentHeads),
    notEntityHeads: new Set(raw.notEntityHeads),
    governmentWords: new Set(raw.governmentWords),
    groupPhrases: raw.groupPhrases.map((p) => p.split(' ')).sort((a, b) => b.length - a.length),
    personPronouns: new Set(raw.personPronouns),
    honorifics: new Set(raw.honorifics),
    titleModifiers: new Set(raw.titleModifiers),
    locativePrepositions: new Set(raw.locativePrepositions),
    notNames: new Set(raw.notNames),
    givenNames: new Set(raw.givenNames),
  }
}
