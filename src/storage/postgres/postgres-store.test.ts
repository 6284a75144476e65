/**
 * What only the PostgreSQL backend has to get right: several connections and processes at once
 * (migrations, puts of one article), text PostgreSQL cannot hold, and the search totals its
 * triggers keep. The behaviour both backends share is the contract suite's
 * (test/storage/store-contract.test.ts). Runs when DATELINE_PG_URL is set
 * (`scripts/pg-test-server.sh` starts a server), each test in a schema of its own.
 */
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { describe, test } from 'node:test'
import pg from 'pg'
import { DatelineError } from '../../core/errors.js'
import { EXTRACTION_FORMAT, type Extraction } from '../../core/extraction.js'
import { identify } from '../article-identity.js'
import type { Store } from '../store.js'
import { findPostgresMigrationsDir } from './postgres-migrations.js'
import { createPostgresStore } from './postgres-store.js'

const URL_ = process.env.DATELINE_PG_URL
const SKIP = URL_ ? false : 'DATELINE_PG_URL is not set: PostgreSQL backend tests skipped'

let schemas = 0

/** A new, empty schema and URLs scoped to it; `drop` removes it. */
async function freshSchema(): Promise<{ url: string; admin: pg.Client; drop(): Promise<void> }> {
  const schema = `dateline_pg_test_${process.pid}_${++schemas}`
  const admin = new pg.Client({ connectionString: URL_ })
  await admin.connect()
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  await admin.query(`CREATE SCHEMA ${schema}`)
  await admin.query(`SET search_path = ${schema}`)
  const scoped = new URL(URL_ ?? '')
  scoped.searchParams.set('options', `-c search_path=${schema}`)
  return {
    url: scoped.toString(),
    admin,
    async drop() {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      await admin.end()
    },
  }
}

/** A minimal extraction: an article with no records. */
function extraction(id: string, text: string, title: string | null = null): Extraction {
  return {
    format: EXTRACTION_FORMAT,
    article: { id, title, source: null, url: null, date: null, input: id, format: 'txt', text },
    dateline: {
      start: 0,
      end: 0,
      text: '',
      place: null,
      country: null,
      date: null,
      dateFrom: null,
      source: null,
      lat: null,
      lon: null,
    },
    entities: [],
    dates: [],
    quantities: [],
    quotes: [],
    sentences: [],
    clauses: [],
    incidents: [],
    events: [],
  }
}

async function withStores(
  count: number,
  fn: (stores: Store[], admin: pg.Client) => Promise<void>,
): Promise<void> {
  const schema = await freshSchema()
  const stores = Array.from({ length: count }, () => createPostgresStore({ url: schema.url }))
  try {
    await fn(stores, schema.admin)
  } finally {
    await Promise.all(stores.map((s) => s.close()))
    await schema.drop()
  }
}

describe('PostgreSQL store', { skip: SKIP }, () => {
  test('two stores migrating a new schema at once apply each migration once', () =>
    withStores(2, async ([a, b], admin) => {
      await Promise.all([a?.migrate(), b?.migrate()])
      await a?.migrate()
      const files = readdirSync(findPostgresMigrationsDir()).filter((f) => f.endsWith('.sql'))
      const { rows } = await admin.query('SELECT version FROM schema_migrations ORDER BY version')
      assert.deepEqual(
        rows.map((r: { version: number }) => r.version),
        files.map((f) => Number.parseInt(f, 10)).sort((x, y) => x - y),
      )
    }))

  test('two stores putting one article at once: one adds it, the other finds it', () =>
    withStores(2, async ([a, b]) => {
      await a?.migrate()
      const x = extraction('same', 'The harbour reopened on Monday after the storm.')
      const results = await Promise.all([a?.put(x, identify(x)), b?.put(x, identify(x))])
      assert.deepEqual(results.map((r) => r?.outcome).sort(), ['added', 'unchanged'])
      assert.equal(results[0]?.articleId, results[1]?.articleId)
      assert.equal((await a?.counts())?.articles, 1)
    }))

  test('puts from several stores at once each land whole', () =>
    withStores(3, async (stores, admin) => {
      await stores[0]?.migrate()
      const texts = Array.from({ length: 12 }, (_, i) => `Story ${i} about the harbour's boats.`)
      await Promise.all(
        texts.map((text, i) => {
          const x = extraction(`s${i}`, text)
          return stores[i % stores.length]?.put(x, identify(x))
        }),
      )
      const { rows } = await admin.query('SELECT count(*)::int AS n FROM articles')
      assert.equal(rows[0]?.n, texts.length)
    }))

  test('a text holding U+0000 is stored with U+FFFD in its place, offsets unchanged', () =>
    withStores(1, async ([store]) => {
      await store?.migrate()
      const x = extraction('nul', 'Before\u0000after the harbour reopened.', 'A\u0000title')
      const put = await store?.put(x, identify(x))
      const stored = await store?.article(put?.articleId ?? 0)
      assert.equal(stored?.extraction.article.text, 'Before\uFFFDafter the harbour reopened.')
      assert.equal(stored?.extraction.article.title, 'A\uFFFDtitle')
      assert.equal((await store?.search('harbour'))?.[0]?.articleId, put?.articleId)
    }))

  test('search totals follow adds and replacements', () =>
    withStores(1, async ([store], admin) => {
      await store?.migrate()
      /** The article at one URL, with this text: a new text there replaces the old one. */
      const talks = (text: string): Extraction => {
        const x = extraction('talks', text, 'Talks')
        return { ...x, article: { ...x.article, url: 'https://example.com/talks' } }
      }
      const quotas = extraction('quotas', 'Fishing quotas were agreed in Reykjavik.', 'Quotas')
      await store?.put(quotas, identify(quotas))
      await store?.put(talks('Talks resumed in Oslo.'), identify(talks('Talks resumed in Oslo.')))
      const longer = talks('Talks resumed in Oslo today, briefly.')
      assert.equal((await store?.put(longer, identify(longer)))?.outcome, 'replaced')
      const { rows } = await admin.query(`SELECT t.rows::int AS rows, t.tokens::int AS tokens,
          (SELECT count(*)::int FROM articles) AS n,
          (SELECT sum(search_tokens)::int FROM articles) AS words
        FROM search_totals t WHERE t.name = 'articles'`)
      assert.deepEqual(rows[0], { rows: 2, tokens: 1 + 6 + 1 + 6, n: 2, words: 14 })
    }))

  test('a closed store refuses calls with STORE_FAILED; closing twice is fine', () =>
    withStores(1, async ([store]) => {
      await store?.migrate()
      await store?.close()
      await store?.close()
      await assert.rejects(store?.counts() ?? Promise.resolve(), (error: unknown) => {
        assert.ok(error instanceof DatelineError && error.code === 'STORE_FAILED')
        return true
      })
    }))
})
