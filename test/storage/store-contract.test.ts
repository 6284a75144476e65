/**
 * The storage contract: one suite run against every backend (STYLE.md §7, like kysely's
 * `DIALECTS` loop in `test/node/src/test-setup.ts`). SQLite (`:memory:`) always runs; PostgreSQL
 * runs when `DATELINE_PG_URL` is set (`scripts/pg-test-server.sh` starts one), each store in a
 * schema of its own that is dropped afterwards.
 *
 * The data are real extractions: the project's examples and, when `../shared` sits beside the
 * checkout, a few gold articles (read at run time, never copied), plus copies of them edited here
 * to make a wire copy, a second outlet's report and an updated article.
 */
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { after, before, describe, test } from 'node:test'
import pg from 'pg'
import type { Article } from '../../src/core/document.js'
import type { Extraction } from '../../src/core/extraction.js'
import { createExtractor } from '../../src/extractor.js'
import { readInputs } from '../../src/ingest/read-inputs.js'
import { hamming, identify } from '../../src/storage/article-identity.js'
import { dayBounds, eventKey } from '../../src/storage/event-fields.js'
import { createSqliteStore } from '../../src/storage/sqlite/sqlite-store.js'
import type { EventFilter, PutResult, Store, StoredEvent } from '../../src/storage/store.js'

/** Relative to the project root, where the tests run. */
const GOLD_DIR = '../shared/gold/articles'
const NO_GOLD = existsSync(GOLD_DIR)
  ? false
  : `${GOLD_DIR} is absent (the shared gold set sits beside the checkout): gold-article tests skipped`

/** Imported by name at run time, so this suite runs (SQLite only) where the module is absent. */
const POSTGRES_MODULE = '../../src/storage/postgres/postgres-store.js'

interface OpenedStore {
  readonly store: Store
  /** Closes the store and removes what it created. */
  dispose(): Promise<void>
}

interface Backend {
  readonly name: string
  /** Why the backend's tests are skipped, or false. */
  readonly skip: string | false
  /** A new, empty, migrated store. */
  open(): Promise<OpenedStore>
}

const sqliteBackend: Backend = {
  name: 'sqlite',
  skip: false,
  async open() {
    const store = createSqliteStore({ path: ':memory:' })
    await store.migrate()
    return { store, dispose: () => store.close() }
  },
}

async function postgresBackend(): Promise<Backend> {
  const url = process.env.DATELINE_PG_URL
  const skipped = (skip: string): Backend => ({
    name: 'postgres',
    skip,
    open: () => Promise.reject(new Error(skip)),
  })
  if (!url) return skipped('DATELINE_PG_URL is not set: PostgreSQL contract tests skipped')
  let factory: unknown
  try {
    factory = ((await import(POSTGRES_MODULE)) as { createPostgresStore?: unknown }).createPostgresStore
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    return skipped(`the PostgreSQL backend could not be loaded (${why}): its contract tests skipped`)
  }
  if (typeof factory !== 'function') {
    return skipped(`${POSTGRES_MODULE} exports no createPostgresStore: PostgreSQL tests skipped`)
  }
  const create = factory as (config: { connectionString: string }) => Store
  let opened = 0
  return {
    name: 'postgres',
    skip: false,
    async open() {
      // A schema per store: tests never see each other's rows, and nothing is left behind.
      const schema = `dateline_contract_${process.pid}_${++opened}`
      const admin = new pg.Client({ connectionString: url })
      await admin.connect()
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      await admin.query(`CREATE SCHEMA ${schema}`)
      await admin.end()
      const scoped = new URL(url)
      scoped.searchParams.set('options', `-c search_path=${schema}`)
      const store = create({ connectionString: scoped.toString() })
      await store.migrate()
      return {
        store,
        async dispose() {
          await store.close()
          const cleanup = new pg.Client({ connectionString: url })
          await cleanup.connect()
          await cleanup.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
          await cleanup.end()
        },
      }
    },
  }
}

const BACKENDS: readonly Backend[] = [sqliteBackend, await postgresBackend()]

// ---------------------------------------------------------------------------------------------
// Fixtures: real extractions, made once for every backend.

const extractor = createExtractor()

async function readOne(path: string): Promise<Article[]> {
  const articles: Article[] = []
  for await (const result of readInputs([path])) {
    if (!result.ok) throw result.error
    articles.push(result.article)
  }
  return articles
}

function only<T>(items: readonly T[]): T {
  assert.equal(items.length, 1)
  return items[0] as T
}

function edit(text: string, edits: ReadonlyArray<readonly [string, string]>): string {
  let out = text
  for (const [from, to] of edits) {
    assert.ok(out.includes(from), `fixture text holds '${from}'`)
    out = out.replace(from, to)
  }
  return out
}

const harbourArticle = only(await readOne('examples/harbour-talks.txt'))
const briefArticles = await readOne('examples/wire-briefs.jsonl')

/** The harbour story published at a URL, then updated under the same URL (another form of it). */
const harbourAtUrl: Article = {
  ...harbourArticle,
  id: 'harbour-web',
  url: 'https://News.Example.com/world/harbour-talks/?utm_source=feed#top',
}
const harbourUpdated: Article = {
  ...harbourAtUrl,
  url: 'https://news.example.com/world/harbour-talks',
  text: harbourArticle.text.replace(
    /Benediktsson said Iceland is ready[\s\S]*$/,
    'Benediktsson said Iceland would buy Norwegian salmon.\n',
  ),
}

/** A second outlet's own report of the Kenyan aid in brief-2: same event, different words. */
const kenyaOtherOutlet: Article = {
  id: 'other-wire-1',
  title: 'KENYAN FOOD REACHES SOMALIA',
  source: 'Other Wire',
  url: null,
  date: '2023-11-20',
  text:
    'NAIROBI, Nov 20 - Kenya sent food aid to Somalia, where floods have displaced thousands of ' +
    'families, an aid official said on Monday.\n\nThe shipment left Mombasa by road, the official said.',
  dateline: null,
  input: 'other-wire.jsonl#1',
  format: 'jsonl',
}

const gold = NO_GOLD
  ? null
  : {
      xi: only(await readOne(`${GOLD_DIR}/xi-mishustin-2023-12-20.txt`)),
      voa: only(await readOne(`${GOLD_DIR}/voa-china-trade-talks-2018-09-25.json`)),
      quake: only(await readOne(`${GOLD_DIR}/reuters21578-269.json`)),
    }

/** A wire copy of the Xi–Mishustin story: another outlet's name and a few words changed. */
const xiCopy: Article | null =
  gold === null
    ? null
    : {
        ...gold.xi,
        id: 'xi-mishustin-copy',
        input: 'xi-copy.txt',
        text: edit(gold.xi.text, [
          ['The Europe Today', 'Xinhua'],
          ['on Wednesday', 'on Dec 20'],
          ['he added', 'Xi added'],
          ['steady growth', 'stable growth'],
        ]),
      }

const X = {
  harbour: extractor.extract(harbourArticle),
  briefs: briefArticles.map((a) => extractor.extract(a)),
  harbourAtUrl: extractor.extract(harbourAtUrl),
  harbourUpdated: extractor.extract(harbourUpdated),
  kenyaOther: extractor.extract(kenyaOtherOutlet),
  xi: gold === null ? null : extractor.extract(gold.xi),
  voa: gold === null ? null : extractor.extract(gold.voa),
  quake: gold === null ? null : extractor.extract(gold.quake),
  xiCopy: xiCopy === null ? null : extractor.extract(xiCopy),
}

/** Everything the query tests store, in this order (the copy after its original). */
const CORPUS: readonly Extraction[] = [
  X.harbour,
  ...X.briefs,
  X.kenyaOther,
  ...[X.xi, X.voa, X.quake, X.xiCopy].filter((x): x is Extraction => x !== null),
]

// ---------------------------------------------------------------------------------------------
// What the stored data should be, computed from the extractions.

function recordCounts(xs: readonly Extraction[]): Record<string, number> {
  const sum = (f: (x: Extraction) => number): number => xs.reduce((n, x) => n + f(x), 0)
  return {
    articles: xs.length,
    events: sum((x) => x.events.length),
    entities: sum((x) => x.entities.length),
    quotes: sum((x) => x.quotes.length),
    quantities: sum((x) => x.quantities.length),
    dates: sum((x) => x.dates.length),
    incidents: sum((x) => x.incidents.length),
  }
}

interface ExpectedEvent {
  readonly articleId: number
  readonly extraction: Extraction
  readonly event: Extraction['events'][number]
  readonly sentence: string
}

function expectedEvents(stored: ReadonlyArray<{ extraction: Extraction; result: PutResult }>): ExpectedEvent[] {
  return stored.flatMap(({ extraction, result }) =>
    extraction.events.map((event) => ({
      articleId: result.articleId,
      extraction,
      event,
      sentence: extraction.article.text.slice(event.sentence.start, event.sentence.end),
    })),
  )
}

function signature(e: {
  articleId: number
  sentenceStart: number
  code: string
  source: string
  target: string
}): string {
  return `${e.articleId}|${e.sentenceStart}|${e.code}|${e.source}|${e.target}`
}

function storedSignatures(events: readonly StoredEvent[]): string[] {
  return events.map(signature).sort()
}

function expectedSignatures(events: readonly ExpectedEvent[]): string[] {
  return events
    .map((e) =>
      signature({
        articleId: e.articleId,
        sentenceStart: e.event.sentence.start,
        code: e.event.code,
        source: e.event.source,
        target: e.event.target,
      }),
    )
    .sort()
}

/** The filters' documented meaning, over the extractions (prefixes, whole-date containment). */
function matches(e: ExpectedEvent, filter: EventFilter): boolean {
  const { source, target, code, date, place, quadClass } = e.event
  if (filter.actor && !source.startsWith(filter.actor) && !target.startsWith(filter.actor)) return false
  if (filter.source && !source.startsWith(filter.source)) return false
  if (filter.target && !target.startsWith(filter.target)) return false
  if (filter.dyad) {
    const [a, b] = filter.dyad
    const ab = source.startsWith(a) && target.startsWith(b)
    const ba = source.startsWith(b) && target.startsWith(a)
    if (!ab && !ba) return false
  }
  if (filter.code && !code.startsWith(filter.code)) return false
  if (filter.quadClass && quadClass !== filter.quadClass) return false
  const days = dayBounds(date)
  if (filter.from && (days === null || days.from < filter.from)) return false
  if (filter.to && (days === null || days.to > filter.to)) return false
  if (filter.place && place?.toLowerCase() !== filter.place.toLowerCase()) return false
  if (filter.text && !e.sentence.toLowerCase().includes(filter.text.toLowerCase())) return false
  return true
}

/** Newest first by the first day an event's date covers, undated last, then by id. */
function assertNewestFirst(events: readonly StoredEvent[]): void {
  for (let i = 1; i < events.length; i++) {
    const [p, c] = [events[i - 1] as StoredEvent, events[i] as StoredEvent]
    const [pd, cd] = [dayBounds(p.date)?.from ?? '', dayBounds(c.date)?.from ?? '']
    assert.ok(pd > cd || (pd === cd && p.id < c.id), `events ${p.id} (${p.date}) before ${c.id} (${c.date})`)
  }
}

async function putAll(store: Store, xs: readonly Extraction[]): Promise<PutResult[]> {
  const results: PutResult[] = []
  for (const x of xs) results.push(await store.put(x, identify(x)))
  return results
}

/** The extraction as `dateline extract` writes it (what `article()` must give back). */
function asJson(x: Extraction): unknown {
  return JSON.parse(JSON.stringify(x))
}

// ---------------------------------------------------------------------------------------------

for (const backend of BACKENDS) {
  describe(`store contract: ${backend.name}`, { skip: backend.skip }, () => {
    async function withStore(fn: (store: Store) => Promise<void>): Promise<void> {
      const opened = await backend.open()
      try {
        await fn(opened.store)
      } finally {
        await opened.dispose()
      }
    }

    test('migrate is idempotent: twice on a new store, again on a filled one', () =>
      withStore(async (store) => {
        await store.migrate()
        assert.deepEqual(await store.counts(), recordCounts([]))
        await store.put(X.harbour, identify(X.harbour))
        await store.migrate()
        assert.deepEqual(await store.counts(), recordCounts([X.harbour]))
      }))

    test('put adds an article with all its records, then leaves it unchanged', () =>
      withStore(async (store) => {
        const identity = identify(X.harbour)
        assert.equal(await store.lookup(identity), 'absent')
        const added = await store.put(X.harbour, identity)
        assert.equal(added.outcome, 'added')
        assert.equal(added.duplicateOf, null)
        assert.deepEqual(await store.counts(), recordCounts([X.harbour]))
        assert.equal(await store.lookup(identity), 'same')

        const again = await store.put(X.harbour, identity)
        assert.deepEqual(again, { outcome: 'unchanged', articleId: added.articleId, duplicateOf: null })
        assert.deepEqual(await store.counts(), recordCounts([X.harbour]))
        const events = await store.events({})
        assert.equal(events.length, X.harbour.events.length)
        assert.ok(events.every((e) => e.numMentions === 1 && e.numArticles === 1))
      }))

    test('a headline-only brief is stored under its title; briefs re-put add nothing', () =>
      withStore(async (store) => {
        const first = await putAll(store, X.briefs)
        assert.deepEqual(first.map((r) => r.outcome), ['added', 'added', 'added'])
        const second = await putAll(store, X.briefs)
        assert.deepEqual(second.map((r) => r.outcome), ['unchanged', 'unchanged', 'unchanged'])
        assert.deepEqual(await store.counts(), recordCounts(X.briefs))
      }))

    test('a changed text under the same URL replaces the old records in place', () =>
      withStore(async (store) => {
        const old = identify(X.harbourAtUrl)
        const updated = identify(X.harbourUpdated)
        assert.equal(old.key, 'url:https://news.example.com/world/harbour-talks')
        assert.equal(updated.key, old.key)
        assert.notEqual(updated.contentHash, old.contentHash)

        const other = await store.put(X.kenyaOther, identify(X.kenyaOther))
        const added = await store.put(X.harbourAtUrl, old)
        assert.equal(await store.lookup(updated), 'changed')
        assert.ok((await store.search('condolences')).some((h) => h.articleId === added.articleId))

        const replaced = await store.put(X.harbourUpdated, updated)
        assert.equal(replaced.outcome, 'replaced')
        assert.equal(replaced.articleId, added.articleId)
        assert.equal(await store.lookup(updated), 'same')
        assert.equal(await store.lookup(old), 'changed')
        assert.deepEqual(await store.counts(), recordCounts([X.kenyaOther, X.harbourUpdated]))

        // The old text's records are gone: its condolences event, its quote, its words.
        const events = await store.events({ source: 'ISL' })
        assert.ok(!events.some((e) => e.code === '018'), 'the condolences event is gone')
        assert.deepEqual(await store.search('condolences'), [])
        assert.deepEqual(await store.search('coast guard vessels'), [])
        const salmon = await store.search('salmon')
        assert.ok(salmon.some((h) => h.articleId === added.articleId && h.kind === 'article'))
        assert.ok(salmon.some((h) => h.articleId === added.articleId && h.kind === 'quote'))
        assert.deepEqual((await store.article(added.articleId))?.extraction, asJson(X.harbourUpdated))
        assert.equal((await store.events({})).length, X.kenyaOther.events.length + X.harbourUpdated.events.length)
        // The other article is untouched.
        assert.deepEqual((await store.article(other.articleId))?.extraction, asJson(X.kenyaOther))
      }))

    test('replacing an original re-links its wire copies', { skip: NO_GOLD }, () =>
      withStore(async (store) => {
        const [xi, copy] = [X.xi as Extraction, X.xiCopy as Extraction]
        const url = 'https://europe-today.example/xi-mishustin'
        const original = { ...xi, article: { ...xi.article, url } }
        const first = await store.put(original, identify(original))
        const linked = await store.put(copy, identify(copy))
        assert.equal(linked.duplicateOf, first.articleId)
        const before = await store.events({ dyad: ['CHN', 'RUS'], code: '040' })
        assert.ok(before.every((e) => e.numArticles === 1 && e.numMentions === 2))

        // The page now carries another story: the copy is no longer a copy of anything stored.
        const other = { ...X.harbour, article: { ...X.harbour.article, url } }
        const replaced = await store.put(other, identify(other))
        assert.equal(replaced.outcome, 'replaced')
        assert.equal(replaced.articleId, first.articleId)
        assert.equal(replaced.duplicateOf, null)
        assert.equal((await store.article(linked.articleId))?.duplicateOf, null)
        const after = await store.events({ dyad: ['CHN', 'RUS'], code: '040' })
        assert.ok(after.length > 0)
        assert.ok(after.every((e) => e.articleId === linked.articleId))
        assert.ok(after.every((e) => e.numArticles === 1 && e.numMentions === 1 && e.numSources === 1))
        assert.deepEqual(await store.counts(), recordCounts([other, copy]))
        const actors = await store.actors({ prefix: 'NOR' })
        assert.ok(actors.length > 0)
      }))

    test('an unknown article id gives null', () =>
      withStore(async (store) => {
        assert.equal(await store.article(12345), null)
      }))

    describe('queries over the fixtures', () => {
      let opened: OpenedStore
      let store: Store
      let results: PutResult[]
      let stored: Array<{ extraction: Extraction; result: PutResult }>
      let all: ExpectedEvent[]
      const idOf = (x: Extraction | null): number => {
        const i = CORPUS.indexOf(x as Extraction)
        assert.ok(i >= 0, 'fixture stored')
        return (results[i] as PutResult).articleId
      }

      before(async () => {
        opened = await backend.open()
        store = opened.store
        results = await putAll(store, CORPUS)
        stored = CORPUS.map((extraction, i) => ({ extraction, result: results[i] as PutResult }))
        all = expectedEvents(stored)
      })
      after(async () => {
        await opened?.dispose()
      })

      test('every fixture is added once, and counts sum its records', async () => {
        assert.ok(results.every((r) => r.outcome === 'added'))
        assert.equal(new Set(results.map((r) => r.articleId)).size, CORPUS.length)
        assert.deepEqual(await store.counts(), recordCounts(CORPUS))
      })

      test('a wire copy with a few words changed is linked to its original', { skip: NO_GOLD }, async () => {
        const [xi, copy] = [X.xi as Extraction, X.xiCopy as Extraction]
        assert.ok(hamming(identify(xi).simhash, identify(copy).simhash) <= 3)
        const copyResult = results[CORPUS.indexOf(copy)] as PutResult
        assert.equal(copyResult.duplicateOf, idOf(xi))
        assert.equal((await store.article(copyResult.articleId))?.duplicateOf, idOf(xi))
        // Different stories are not linked.
        for (const x of [X.harbour, X.kenyaOther, X.voa, X.quake, xi]) {
          assert.equal(results[CORPUS.indexOf(x as Extraction)]?.duplicateOf, null)
        }
      })

      const FILTERS: ReadonlyArray<[string, EventFilter]> = [
        ['no filter', {}],
        ['actor CHN (either side, as a prefix)', { actor: 'CHN' }],
        ['actor NORGOV', { actor: 'NORGOV' }],
        ['source RUS', { source: 'RUS' }],
        ['target CHN', { target: 'CHN' }],
        ['source and target', { source: 'RUS', target: 'CHN' }],
        ['dyad CHN RUS', { dyad: ['CHN', 'RUS'] }],
        ['dyad RUS CHN (either direction)', { dyad: ['RUS', 'CHN'] }],
        ['dyad KEN SOM', { dyad: ['KEN', 'SOM'] }],
        ['code root 02', { code: '02' }],
        ['code 0211', { code: '0211' }],
        ['code 03 (intents)', { code: '03' }],
        ['quad class 1', { quadClass: 1 }],
        ['quad class 4', { quadClass: 4 }],
        ['December 2023', { from: '2023-12-01', to: '2023-12-31' }],
        ['from 2024', { from: '2024-01-01' }],
        ['up to 2023-11-30', { to: '2023-11-30' }],
        ['place, any case', { place: 'beijing' }],
        ['text condolences', { text: 'condolences' }],
        ['text patrols', { text: 'patrols' }],
        ['actor and quad class and dates', { actor: 'RUS', quadClass: 1, from: '2023-12-20', to: '2023-12-20' }],
        ['no match', { actor: 'ZZZ' }],
      ]

      for (const [name, filter] of FILTERS) {
        test(`events: ${name}`, async () => {
          const events = await store.events(filter)
          const expected = all.filter((e) => matches(e, filter))
          assert.deepEqual(storedSignatures(events), expectedSignatures(expected))
          assertNewestFirst(events)
          // A page is the head of the same order, however the backend finds it.
          const page = await store.events({ ...filter, limit: 3, offset: 1 })
          assert.deepEqual(page.map((e) => e.id), events.slice(1, 4).map((e) => e.id))
        })
      }

      test('events: the fixtures hold what the filter table needs', { skip: NO_GOLD }, async () => {
        for (const filter of [{ dyad: ['CHN', 'RUS'] as const }, { text: 'condolences' }, { code: '0211' }]) {
          assert.ok((await store.events(filter)).length > 0, JSON.stringify(filter))
        }
      })

      test('events: limit and offset page through the same order', async () => {
        const whole = await store.events({})
        const pages: StoredEvent[] = []
        for (let offset = 0; offset < whole.length; offset += 4) {
          pages.push(...(await store.events({ limit: 4, offset })))
        }
        assert.deepEqual(pages.map((e) => e.id), whole.map((e) => e.id))
        assert.equal((await store.events({ limit: 2 })).length, Math.min(2, whole.length))
      })

      test('events carry their article, sentence and spans', async () => {
        for (const e of await store.events({})) {
          const x = stored.find((s) => s.result.articleId === e.articleId)?.extraction
          assert.ok(x)
          assert.equal(e.articleKey, identify(x).key)
          assert.equal(e.articleTitle, x.article.title)
          assert.equal(e.sentence, x.article.text.slice(e.sentenceStart, e.sentenceEnd))
          const source = x.events.find(
            (o) =>
              o.sentence.start === e.sentenceStart &&
              o.code === e.code &&
              o.source === e.source &&
              o.target === e.target,
          )
          assert.ok(source, `event ${e.id} comes from its article`)
          assert.equal(e.eventKey, eventKey(source))
          assert.equal(e.quadClass, source.quadClass)
          assert.equal(e.goldstein, source.goldstein)
          assert.equal(e.label, source.label)
          assert.equal(e.root, source.root)
          assert.equal(e.rule, source.rule)
          assert.equal(e.mode, source.mode)
          assert.equal(e.date, source.date)
          assert.equal(e.place, source.place)
          assert.equal(e.sourceName, source.sourceActor.name)
          assert.equal(e.targetName, source.targetActor.name)
        }
      })

      test('numMentions, numSources and numArticles group reports by event key', async () => {
        const outlet = (x: Extraction): string => x.article.source ?? x.dateline.source ?? ''
        const story = (e: ExpectedEvent): number => {
          const r = stored.find((s) => s.result.articleId === e.articleId)?.result as PutResult
          return r.duplicateOf ?? r.articleId
        }
        for (const e of await store.events({})) {
          const group = all.filter((o) => eventKey(o.event) === e.eventKey)
          assert.equal(e.numMentions, group.length, e.eventKey)
          assert.equal(e.numSources, new Set(group.map((o) => outlet(o.extraction))).size, e.eventKey)
          assert.equal(e.numArticles, new Set(group.map(story)).size, e.eventKey)
        }
      })

      test('two outlets reporting the same aid: 2 mentions, 2 sources, 2 articles', async () => {
        const [event] = await store.events({ dyad: ['KEN', 'SOM'], code: '073' })
        assert.ok(event)
        assert.equal(event.eventKey, '2023-11-20|KEN|SOM|073')
        assert.deepEqual([event.numMentions, event.numSources, event.numArticles], [2, 2, 2])
      })

      test('a wire copy is another mention and source, not another article', { skip: NO_GOLD }, async () => {
        const meeting = (await store.events({ dyad: ['CHN', 'RUS'], code: '040' })).filter(
          (e) => e.articleId === idOf(X.xi),
        )
        assert.equal(meeting.length, 1)
        const [m] = meeting as [StoredEvent]
        // The Europe Today and Xinhua: two outlets, one story.
        assert.deepEqual([m.numMentions, m.numSources, m.numArticles], [2, 2, 1])
      })

      test('dyad CHN RUS: the meeting, appeals, intents, condolences, the $200 billion, Xi', { skip: NO_GOLD }, async () => {
        const report = await store.dyad('CHN', 'RUS')
        assert.equal(report.a, 'CHN')
        assert.equal(report.b, 'RUS')
        const xiEvents = report.events.filter((e) => e.articleId === idOf(X.xi))
        const codes = new Set(xiEvents.map((e) => e.code))
        assert.ok(codes.has('040'), 'the meeting')
        assert.ok([...codes].some((c) => c.startsWith('02')), 'the appeals')
        assert.ok([...codes].some((c) => c.startsWith('03')), 'the intents')
        assert.ok(codes.has('018'), 'the condolences')
        for (const e of report.events) {
          const ab = e.source.startsWith('CHN') && e.target.startsWith('RUS')
          const ba = e.source.startsWith('RUS') && e.target.startsWith('CHN')
          assert.ok(ab || ba, `${e.source} → ${e.target}`)
        }
        assertNewestFirst(report.events)

        const december = report.months.find((m) => m.month === '2023-12')
        assert.ok(december)
        assert.ok(december.counts[1] > 0)
        assert.ok(december.meanGoldstein > 0)
        const monthly = report.months.reduce((n, m) => n + m.counts[1] + m.counts[2] + m.counts[3] + m.counts[4], 0)
        const inOneMonth = all.filter((e) => {
          const days = dayBounds(e.event.date)
          return matches(e, { dyad: ['CHN', 'RUS'] }) && days !== null && days.from.slice(0, 7) === days.to.slice(0, 7)
        })
        assert.equal(monthly, inOneMonth.length)

        const figure = report.figures.find((f) => f.articleId === idOf(X.xi) && f.unit === 'USD')
        assert.ok(figure, 'the $200 billion figure')
        assert.equal(figure.value, 200e9)
        assert.equal(figure.text, '$200 billion')
        assert.deepEqual([...figure.parties].sort(), ['CHN', 'RUS'])
        assert.ok(report.figures.every((f) => f.parties.includes('CHN') && f.parties.includes('RUS')))

        const speakers = new Set(report.statements.map((s) => s.speaker))
        assert.ok(speakers.has('Xi Jinping'), "Xi's statements")
        assert.ok(speakers.has('Mikhail Mishustin'))
        const xi = X.xi as Extraction
        for (const s of report.statements.filter((q) => q.articleId === idOf(xi))) {
          assert.equal(s.text, xi.article.text.slice(s.start, s.end))
          assert.equal(s.date, '2023-12-20')
        }

        const limited = await store.dyad('CHN', 'RUS', { limit: 2 })
        assert.equal(limited.events.length, 2)
        assert.ok(limited.statements.length <= 2)
        assert.deepEqual(limited.months, report.months)
      })

      test('dyad of two actors with nothing between them is empty', async () => {
        const report = await store.dyad('ZZZ', 'YYY')
        assert.deepEqual(
          [report.months, report.events, report.statements, report.figures],
          [[], [], [], []],
        )
      })

      test('actors: codes with their event counts and commonest names, busiest first', async () => {
        const actors = await store.actors()
        const expected = new Map<string, { asSource: number; asTarget: number }>()
        for (const { event } of all) {
          const s = expected.get(event.source) ?? { asSource: 0, asTarget: 0 }
          s.asSource++
          expected.set(event.source, s)
          const t = expected.get(event.target) ?? { asSource: 0, asTarget: 0 }
          t.asTarget++
          expected.set(event.target, t)
        }
        assert.equal(actors.length, expected.size)
        for (const a of actors) assert.deepEqual({ asSource: a.asSource, asTarget: a.asTarget }, expected.get(a.code), a.code)
        for (let i = 1; i < actors.length; i++) {
          const [p, c] = [actors[i - 1], actors[i]] as [(typeof actors)[0], (typeof actors)[0]]
          const [pn, cn] = [p.asSource + p.asTarget, c.asSource + c.asTarget]
          assert.ok(pn > cn || (pn === cn && p.code < c.code))
        }
        assert.equal(actors.find((a) => a.code === 'NOR')?.name, 'Norway')
        assert.equal((await store.actors({ limit: 3 })).length, 3)
        const nor = await store.actors({ prefix: 'NOR' })
        assert.ok(nor.length > 0 && nor.every((a) => a.code.startsWith('NOR')))
        assert.deepEqual(await store.actors({ prefix: 'ZZZ' }), [])
      })

      test('actors: CHNGOV is named for Xi Jinping', { skip: NO_GOLD }, async () => {
        const [chngov] = await store.actors({ prefix: 'CHNGOV' })
        assert.equal(chngov?.code, 'CHNGOV')
        assert.equal(chngov?.name, 'Xi Jinping')
      })

      test('search: article text, every word required', async () => {
        const hits = await store.search('fisheries patrols')
        assert.ok(hits.some((h) => h.articleId === idOf(X.harbour) && h.kind === 'article'))
        for (const h of hits) assert.ok(h.snippet.length > 0 && !h.snippet.includes('\n'))
        assert.deepEqual(await store.search('fisheries zzzqqq'), [])
        const one = await store.search('fisheries patrols', { limit: 1 })
        assert.equal(one.length, 1)
      })

      test('search: quotes, with their speaker', { skip: NO_GOLD }, async () => {
        const hits = await store.search('satisfied')
        const quote = hits.find((h) => h.kind === 'quote' && h.articleId === idOf(X.xi))
        assert.ok(quote, 'the Mishustin statement')
        assert.match(quote.snippet, /Mikhail Mishustin/)
        assert.match(quote.snippet, /satisfied/)
        assert.ok(hits.some((h) => h.kind === 'article' && h.articleId === idOf(X.xi)))
      })

      test('search: no words, or query syntax typed as words, is not an error', async () => {
        assert.deepEqual(await store.search(''), [])
        assert.deepEqual(await store.search('!!! ...'), [])
        assert.ok(Array.isArray(await store.search('"fisheries AND (NEAR OR* patrols')))
        assert.ok(Array.isArray(await store.events({ text: 'patrols" OR ' })))
      })

      test('article(): the extraction as it was stored', async () => {
        for (const [i, x] of CORPUS.entries()) {
          const r = results[i] as PutResult
          const a = await store.article(r.articleId)
          assert.ok(a)
          assert.equal(a.id, r.articleId)
          assert.equal(a.key, identify(x).key)
          assert.equal(a.duplicateOf, r.duplicateOf)
          assert.deepEqual(a.extraction, asJson(x))
        }
      })

      test('eachEvent: every event in id order, the store usable meanwhile', async () => {
        const ids: number[] = []
        for await (const e of store.eachEvent()) {
          ids.push(e.id)
          assert.ok(await store.article(e.articleId))
        }
        assert.equal(ids.length, (await store.counts()).events)
        assert.deepEqual(ids, [...ids].sort((a, b) => a - b))
        assert.equal(new Set(ids).size, ids.length)
      })

      test('eachEvent: a filter, offset and limit', async () => {
        const filtered: StoredEvent[] = []
        for await (const e of store.eachEvent({ code: '0' })) filtered.push(e)
        assert.deepEqual(
          filtered.map((e) => e.id),
          (await store.events({ code: '0' })).map((e) => e.id).sort((a, b) => a - b),
        )
        const all: number[] = []
        for await (const e of store.eachEvent({})) all.push(e.id)
        const window: number[] = []
        for await (const e of store.eachEvent({ offset: 2, limit: 3 })) window.push(e.id)
        assert.deepEqual(window, all.slice(2, 5))
      })
    })
  })
}
