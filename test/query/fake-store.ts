/**
 * A Store held in arrays, for unit tests of the query layer: it records what it was asked and
 * answers from the rows it was given (filters are the test's business, not this fake's).
 */
import type { Extraction } from '../../src/core/extraction.js'
import type { DyadReport, EventFilter, Store, StoredArticle, StoredEvent } from '../../src/storage/store.js'

export interface FakeStore extends Store {
  readonly calls: Array<{ readonly method: string; readonly args: readonly unknown[] }>
}

export function createFakeStore(rows: {
  readonly events?: readonly StoredEvent[]
  readonly articles?: readonly StoredArticle[]
  readonly dyad?: DyadReport
}): FakeStore {
  const calls: FakeStore['calls'] = []
  const events = rows.events ?? []
  const articles = rows.articles ?? []
  const unused = (): never => {
    throw new Error('not used by these tests')
  }
  return {
    calls,
    migrate: async () => {},
    lookup: unused,
    put: unused,
    async events(filter: EventFilter) {
      calls.push({ method: 'events', args: [filter] })
      return events.slice(filter.offset ?? 0, (filter.offset ?? 0) + (filter.limit ?? events.length))
    },
    async dyad(a: string, b: string, options?: { readonly limit?: number }) {
      calls.push({ method: 'dyad', args: [a, b, options] })
      return rows.dyad ?? { a, b, months: [], events: [], statements: [], figures: [] }
    },
    async actors(options) {
      calls.push({ method: 'actors', args: [options] })
      return []
    },
    async search(words, options) {
      calls.push({ method: 'search', args: [words, options] })
      return []
    },
    async article(id: number) {
      calls.push({ method: 'article', args: [id] })
      return articles.find((a) => a.id === id) ?? null
    },
    async *eachEvent(filter?: EventFilter) {
      calls.push({ method: 'eachEvent', args: [filter] })
      yield* events
    },
    counts: unused,
    close: async () => {},
  }
}

/** A stored event with plausible values; override what the test is about. */
export function storedEvent(over: Partial<StoredEvent> = {}): StoredEvent {
  return {
    id: 1,
    articleId: 1,
    articleKey: 'sha256:00',
    articleTitle: 'Xi meets Mishustin',
    code: '040',
    label: 'Consult',
    root: '04',
    quadClass: 1,
    goldstein: 1,
    source: 'CHNGOV',
    target: 'RUSGOV',
    sourceName: 'Xi Jinping',
    targetName: 'Mikhail Mishustin',
    date: '2023-12-20',
    place: 'Beijing',
    sentence: 'Chinese President Xi Jinping met with Russian Prime Minister Mikhail Mishustin.',
    sentenceStart: 20,
    sentenceEnd: 99,
    rule: 'verb/meet',
    mode: 'done',
    eventKey: '2023-12-20|CHNGOV|RUSGOV|040',
    numMentions: 1,
    numSources: 1,
    numArticles: 1,
    ...over,
  }
}

/** A stored article around a minimal extraction; override the extraction's parts. */
export function storedArticle(id: number, over: Partial<Extraction> = {}, url: string | null = null): StoredArticle {
  const text = 'Xi meets Mishustin\n\nBEIJING, Dec 20 - Chinese President Xi Jinping met with Russian Prime Minister Mikhail Mishustin. They talked.'
  const extraction: Extraction = {
    format: 'dateline-extraction/1',
    article: { id: `article-${id}`, title: null, source: null, url, date: '2023-12-21', input: 'x.txt', format: 'txt', text },
    dateline: {
      start: 20,
      end: 36,
      text: 'BEIJING, Dec 20 ',
      place: 'Beijing',
      country: 'CHN',
      date: '2023-12-20',
      dateFrom: 'dateline',
      source: null,
      lat: 39.9075,
      lon: 116.39723,
    },
    entities: [],
    dates: [],
    quantities: [],
    quotes: [],
    sentences: [
      { index: 0, role: 'headline', start: 0, end: 18, text: text.slice(0, 18) },
      { index: 1, role: 'body', start: 20, end: 99, text: text.slice(20, 99) },
      { index: 2, role: 'body', start: 100, end: 113, text: text.slice(100, 113) },
    ],
    clauses: [],
    incidents: [],
    events: [],
    ...over,
  }
  return { id, key: url ? `url:${url}` : `sha256:${id}`, duplicateOf: null, extraction }
}
