/**
 * The queries every interface runs: the CLI commands, the HTTP API and the web UI call these with
 * what the user typed (strings) and a {@link Store}; each checks its input, asks the store, and
 * returns plain data. Formatting is separate (`format-*.ts`, `*-columns.ts`).
 */
import type {
  ActorSummary,
  DyadReport,
  EventFilter,
  SearchHit,
  Store,
  StoredArticle,
  StoredEvent,
} from '../storage/store.js'
import { FilterError, MAX_LIMIT, parseActorCode, parseEventFilter, type RawEventFilter } from './event-filter.js'

/** How many events `events` returns when no `limit` is given. */
export const DEFAULT_EVENT_LIMIT = 100
/** How many latest events, statements and figures a dyad report lists by default. */
export const DEFAULT_DYAD_LIMIT = 10
export const DEFAULT_ACTOR_LIMIT = 50
export const DEFAULT_SEARCH_LIMIT = 20

/** A page of events and the filter that chose them (with the limit and offset applied). */
export interface EventPage {
  readonly filter: EventFilter
  readonly events: readonly StoredEvent[]
  /** True when the page is full, so a next page (`offset + limit`) may hold more. */
  readonly more: boolean
}

/**
 * Events matching a filter as typed, newest first as the store orders them; at most
 * {@link DEFAULT_EVENT_LIMIT} unless `limit` says otherwise.
 *
 * @example
 * const { events } = await queryEvents(store, { dyad: 'CHN,RUS', root: '04' })
 */
export async function queryEvents(store: Store, raw: RawEventFilter): Promise<EventPage> {
  const parsed = parseEventFilter(raw)
  const filter: EventFilter = { ...parsed, limit: parsed.limit ?? DEFAULT_EVENT_LIMIT }
  const events = await store.events(filter)
  return { filter, events, more: events.length === filter.limit }
}

/**
 * The relationship between two actors over time: events per month by quad class with mean
 * Goldstein, the latest events, statements and figures.
 *
 * @example
 * const report = await queryDyad(store, 'CHN', 'RUS')
 */
export async function queryDyad(
  store: Store,
  a: string,
  b: string,
  options: { readonly limit?: string | number | undefined } = {},
): Promise<DyadReport> {
  const first = parseActorCode(a, 'a')
  const second = parseActorCode(b, 'b')
  const limit = limitOf(options.limit, DEFAULT_DYAD_LIMIT)
  return store.dyad(first, second, { limit })
}

/**
 * Actors with how often each is a source and a target, the most active first; `prefix` keeps the
 * codes that start with it (`CHN` gives `CHN`, `CHNGOV`, `CHNMIL`, ...).
 */
export async function queryActors(
  store: Store,
  options: { readonly prefix?: string | undefined; readonly limit?: string | number | undefined } = {},
): Promise<ActorSummary[]> {
  const prefix = options.prefix?.trim() ? parseActorCode(options.prefix, 'prefix') : undefined
  const limit = limitOf(options.limit, DEFAULT_ACTOR_LIMIT)
  return store.actors(prefix === undefined ? { limit } : { limit, prefix })
}

/** Articles and statements whose words match, best first, each with a short passage. */
export async function querySearch(
  store: Store,
  words: string,
  options: { readonly limit?: string | number | undefined } = {},
): Promise<SearchHit[]> {
  const w = words.trim()
  if (w === '') throw new FilterError('words', 'give at least one word to search for')
  if (w.length > 500) throw new FilterError('words', 'at most 500 characters')
  return store.search(w, { limit: limitOf(options.limit, DEFAULT_SEARCH_LIMIT) })
}

/** The stored article with this id (as `events` and `search` show it), or null if there is none. */
export async function queryArticle(store: Store, id: string | number): Promise<StoredArticle | null> {
  const s = String(id).trim()
  if (!/^\d+$/.test(s) || Number(s) < 1 || !Number.isSafeInteger(Number(s))) {
    throw new FilterError('id', `"${s.slice(0, 40)}" is not an article id (a whole number, as events and search show)`)
  }
  return store.article(Number(s))
}

function limitOf(raw: string | number | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback
  const s = String(raw).trim()
  if (!/^\d+$/.test(s)) throw new FilterError('limit', `"${s.slice(0, 40)}" is not a whole number`)
  const n = Number(s)
  if (n < 1) throw new FilterError('limit', 'must be at least 1')
  if (n > MAX_LIMIT) throw new FilterError('limit', `must be at most ${MAX_LIMIT}`)
  return n
}
