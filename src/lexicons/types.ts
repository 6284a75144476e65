/**
 * The lexicons the stages read: the gazetteer (countries, capitals, demonyms, cities, regions)
 * and the actor lexicons (organisations, titles, agents, known people). Each is loaded from data
 * files under `data/` (or a data package) once, then passed to stage factories.
 */

/** A country as the gazetteer knows it. */
export interface CountryRecord {
  /** ISO 3166-1 alpha-3, or CAMEO's own code where they differ (the Soviet Union is `RUS`). */
  readonly code: string
  /** Canonical English name ("China", "United States", "Soviet Union"). */
  readonly name: string
  /** Every surface form that names it: "U.S.", "USA", "United States of America", "Britain". */
  readonly names: readonly string[]
  /** Adjectives and people nouns: "Chinese", "Russian", "Soviet", "British", "American". */
  readonly demonyms: readonly string[]
  readonly capital: string | null
  readonly lat: number | null
  readonly lon: number | null
}

/** A populated place or region with coordinates. */
export interface PlaceRecord {
  readonly name: string
  /** Alpha-3 country code. */
  readonly country: string
  readonly lat: number
  readonly lon: number
  readonly kind: 'capital' | 'city' | 'region' | 'feature'
  readonly population: number | null
}

/** Looks places and countries up by the exact words of the text (case-sensitive). */
export interface Gazetteer {
  /** "China", "U.S.", "the Soviet Union" (without "the"), "USSR". */
  countryByName(surface: string): CountryRecord | undefined
  /** "Chinese", "Russian", "Soviet" → the country; not a combining form ("Sino", "Franco"). */
  countryByDemonym(word: string): CountryRecord | undefined
  /** A part of a hyphenated compound: a country name, demonym or combining form ("Sino-Soviet"). */
  countryOfCompoundPart(part: string): CountryRecord | undefined
  countryByCode(code: string): CountryRecord | undefined
  /**
   * The country a place's qualifier names: a state or province abbreviation ("Calif.", "Ont."),
   * a country ("Scotland" is GBR) or a region ("Illinois"), as alpha-3.
   */
  countryOfQualifier(word: string): string | undefined
  /** Candidate places for a name, most populous first (capitals before other cities). */
  places(surface: string): readonly PlaceRecord[]
  /** The most words any country or place name has, to bound look-ups. */
  readonly maxNameWords: number
  /** Does some country, demonym or place name begin with this word? A cheap gate before look-ups. */
  startsName(word: string): boolean
}

/** A named organisation: "International Monetary Fund", "State Department" (with a country). */
export interface OrganizationRecord {
  readonly name: string
  readonly aliases: readonly string[]
  /** CAMEO actor code: `IGOUNO`, `IGOUNOWBK`, `IGOEEC`, or an agent suffix (`GOV`) to prefix with a country. */
  readonly actor: string
  /** Alpha-3 when the organisation belongs to one country. */
  readonly country: string | null
}

/** A title or role word ("President", "Foreign Minister", "spokesman") and the agent it implies. */
export interface TitleRecord {
  readonly title: string
  /** CAMEO agent code: GOV, MIL, JUD, LEG, OPP, BUS, ... */
  readonly agent: string
  /** Head of state or government: "the premier" may stand for the person later. */
  readonly leader: boolean
}

/** An unnamed actor noun ("police", "troops", "rebels", "government") and its CAMEO agent. */
export interface AgentRecord {
  readonly noun: string
  readonly agent: string
}

/** A known person (from the default or a user actor dictionary), valid for a period. */
export interface PersonRecord {
  readonly name: string
  readonly aliases: readonly string[]
  readonly country: string
  readonly actor: string
  readonly title: string | null
  /** ISO day bounds; null is open. */
  readonly from: string | null
  readonly until: string | null
}

export interface ActorLexicon {
  organization(surface: string): OrganizationRecord | undefined
  title(surface: string): TitleRecord | undefined
  agent(noun: string): AgentRecord | undefined
  /** People known by this name (full name or alias) on the given day (any day when null). */
  person(surface: string, day: string | null): PersonRecord | undefined
  readonly maxTitleWords: number
  readonly maxOrganizationWords: number
  /** Does some title begin with this word (any case)? A cheap gate before look-ups. */
  startsTitle(word: string): boolean
  /** Does some organisation name begin with this word (any case)? */
  startsOrganization(word: string): boolean
  /** Does some known person's name or alias begin with this word (any case)? */
  startsPerson(word: string): boolean
}

export interface Lexicons {
  readonly gazetteer: Gazetteer
  readonly actors: ActorLexicon
}
