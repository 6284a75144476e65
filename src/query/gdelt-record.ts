/**
 * One stored event as a line of the GDELT 2.0 event table (tab-separated, the 61 columns of
 * {@link GDELT_COLUMNS}), so that tools written for GDELT files read Dateline's events. A field
 * holds our value where we have one and is empty where we have none; nothing is guessed.
 */
import { INTERNATIONAL_CODES } from '../lexicons/actor-lexicon.js'
import type { StoredArticle, StoredEvent } from '../storage/store.js'
import { GDELT_COLUMNS, GDELT_INDEX } from './gdelt-columns.js'

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/

/**
 * The fields of one event, in column order. `article` is the event's article (for the
 * publication day, the lead sentence, the source URL and the place's coordinates); without it
 * those fields stay empty.
 *
 * What is filled, and from what:
 * - `Day`, `MonthYear`, `Year`, `FractionDate`: the event's date when it is a day; else the
 *   article's publication day (the dateline's, else the input's own date field), as GDELT dates
 *   an event it cannot date by the report.
 * - `Actor*Code`, `Actor*Name`: the CAMEO actor code and the name it was read from;
 *   `Actor*CountryCode` is its first block unless the code is international (IGO, NGO, ...);
 *   `Actor*Type1Code` … `Type3Code` are the role blocks after the country (`CHNGOV` → `GOV`).
 * - `IsRootEvent`: 1 when the event is in the headline or the first sentence of the body (the
 *   lead, as the codebook describes it), else 0.
 * - `EventCode`, `EventBaseCode` (three digits of a four-digit code), `EventRootCode` (two),
 *   `QuadClass`, `GoldsteinScale`, `NumMentions`, `NumSources`, `NumArticles`: as stored.
 * - `ActionGeo_Fullname`: the event's place; `ActionGeo_Lat`/`Long` from the article's entity or
 *   dateline of that name; `ActionGeo_Type` 1 (COUNTRY) when that entity is a country.
 * - `SOURCEURL`: the article's URL, else its id (a citation, as the codebook allows).
 *
 * Empty: the ethnic, religion and known-group codes, `AvgTone` (no tone is measured), the actor
 * geographies, FIPS country and ADM codes, feature ids (the gazetteer keeps none), and
 * `DATEADDED` (the store keeps no time of ingest).
 */
export function gdeltFields(event: StoredEvent, article: StoredArticle | null): string[] {
  const f: string[] = GDELT_COLUMNS.map(() => '')
  const set = (name: string, value: string | number | null | undefined): void => {
    const i = GDELT_INDEX[name]
    if (i === undefined) throw new Error(`no GDELT column ${name}`)
    if (value !== null && value !== undefined) f[i] = clean(String(value))
  }
  set('GlobalEventID', event.id)
  const day = eventDay(event, article)
  if (day) {
    set('Day', `${day.y}${pad(day.m)}${pad(day.d)}`)
    set('MonthYear', `${day.y}${pad(day.m)}`)
    set('Year', day.y)
    set('FractionDate', fractionDate(day.y, day.m, day.d))
  }
  actorFields(1, event.source, event.sourceName, set)
  actorFields(2, event.target, event.targetName, set)
  set('IsRootEvent', isRootEvent(event, article))
  set('EventCode', event.code)
  set('EventBaseCode', event.code.length > 3 ? event.code.slice(0, 3) : event.code)
  set('EventRootCode', event.code.slice(0, 2))
  set('QuadClass', event.quadClass)
  set('GoldsteinScale', event.goldstein)
  set('NumMentions', event.numMentions)
  set('NumSources', event.numSources)
  set('NumArticles', event.numArticles)
  if (event.place) {
    set('ActionGeo_Fullname', event.place)
    const at = placeOf(event.place, article)
    if (at) {
      if (at.country) set('ActionGeo_Type', 1)
      set('ActionGeo_Lat', at.lat)
      set('ActionGeo_Long', at.lon)
    }
  }
  set('SOURCEURL', sourceUrl(event, article))
  return f
}

/** One GDELT record: the fields joined by tabs, with no line ending. */
export function gdeltLine(event: StoredEvent, article: StoredArticle | null): string {
  return gdeltFields(event, article).join('\t')
}

/**
 * The codebook's FractionDate, YYYY.FFFF. The codebook gives FFFF as (MONTH * 30 + DAY) / 365
 * but also says it runs from 0 to 0.9999; counting the months before this one, ((MONTH - 1) * 30
 * + DAY) / 365, keeps that range (December 31 is 0.9890, not 1.0712, which would read as next
 * year).
 *
 * @example
 * fractionDate(2023, 12, 20) // '2023.9589'
 */
export function fractionDate(year: number, month: number, day: number): string {
  return `${year}.${String(Math.floor((((month - 1) * 30 + day) / 365) * 10_000)).padStart(4, '0')}`
}

interface Day {
  readonly y: number
  readonly m: number
  readonly d: number
}

function eventDay(event: StoredEvent, article: StoredArticle | null): Day | null {
  const candidates = [
    event.date,
    article?.extraction.dateline.date ?? null,
    article?.extraction.article.date ?? null,
  ]
  for (const c of candidates) {
    const m = c === null ? null : ISO_DAY.exec(c)
    // An interval (`2023-01-01/2023-11-30`) is not a day, even though it starts with one.
    if (!m || (c !== null && c.length > 10 && c[10] === '/')) continue
    const day = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) }
    const check = new Date(Date.UTC(day.y, day.m - 1, day.d))
    if (check.getUTCMonth() === day.m - 1 && check.getUTCDate() === day.d) return day
  }
  return null
}

type Setter = (name: string, value: string | number | null | undefined) => void

const ACTOR_CODE = /^(?:[A-Z]{3})+$/

function actorFields(n: 1 | 2, code: string, name: string | null, set: Setter): void {
  if (!ACTOR_CODE.test(code)) return
  set(`Actor${n}Code`, code)
  set(`Actor${n}Name`, name)
  if (INTERNATIONAL_CODES.has(code.slice(0, 3))) return
  set(`Actor${n}CountryCode`, code.slice(0, 3))
  const roles = code.slice(3).match(/[A-Z]{3}/g) ?? []
  roles.slice(0, 3).forEach((r, i) => set(`Actor${n}Type${i + 1}Code`, r))
}

function isRootEvent(event: StoredEvent, article: StoredArticle | null): number | null {
  if (!article) return null
  const sentences = article.extraction.sentences
  const lead = sentences.find((s) => s.role === 'body')
  const own = sentences.find((s) => s.start <= event.sentenceStart && event.sentenceStart < s.end)
  if (!own) return 0
  return own.role === 'headline' || own === lead ? 1 : 0
}

function placeOf(
  place: string,
  article: StoredArticle | null,
): { lat: number; lon: number; country: boolean } | null {
  if (!article) return null
  const entity = article.extraction.entities.find(
    (e) => (e.type === 'place' || e.type === 'country') && (e.name === place || e.aliases.includes(place)),
  )
  if (entity && entity.lat !== null && entity.lon !== null) {
    return { lat: entity.lat, lon: entity.lon, country: entity.type === 'country' }
  }
  const d = article.extraction.dateline
  if (d.place === place && d.lat !== null && d.lon !== null) return { lat: d.lat, lon: d.lon, country: false }
  return null
}

function sourceUrl(event: StoredEvent, article: StoredArticle | null): string {
  if (article?.extraction.article.url) return article.extraction.article.url
  if (event.articleKey.startsWith('url:')) return event.articleKey.slice(4)
  return article?.extraction.article.id ?? event.articleKey
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** A field never holds the record's separators: tabs and line breaks become spaces. */
function clean(s: string): string {
  return s.replace(/[\t\r\n]+/g, ' ')
}
