/**
 * What only the SQLite backend promises, checked on a real file: WAL and foreign keys, the
 * recorded migrations, and a database that passes SQLite's own integrity, foreign-key and FTS5
 * checks after adds, re-puts and replacements. (The behaviour every backend shares is in
 * store-contract.test.ts.)
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import Database from 'better-sqlite3'
import type { Article } from '../../src/core/document.js'
import { createExtractor } from '../../src/extractor.js'
import { readInputs } from '../../src/ingest/read-inputs.js'
import { identify } from '../../src/storage/article-identity.js'
import { loadSqliteMigrations } from '../../src/storage/sqlite/sqlite-migrations.js'
import { createSqliteStore } from '../../src/storage/sqlite/sqlite-store.js'

const dir = mkdtempSync(join(tmpdir(), 'dateline-sqlite-store-'))
after(() => rmSync(dir, { recursive: true, force: true }))

async function examples(): Promise<Article[]> {
  const articles: Article[] = []
  for await (const r of readInputs(['examples/harbour-talks.txt', 'examples/wire-briefs.jsonl'])) {
    if (r.ok) articles.push(r.article)
  }
  return articles
}

test('migrations are numbered files applied in order and recorded once', async () => {
  const migrations = loadSqliteMigrations()
  assert.ok(migrations.length >= 1)
  assert.deepEqual(
    migrations.map((m) => m.version),
    [...migrations.map((m) => m.version)].sort((a, b) => a - b),
  )
  const path = join(dir, 'migrations.db')
  const store = createSqliteStore({ path })
  await store.migrate()
  await store.migrate()
  await store.close()
  const db = new Database(path, { readonly: true })
  const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()
  db.close()
  assert.deepEqual(
    rows,
    migrations.map((m) => ({ version: m.version, name: m.name })),
  )
})

test('a file database is in WAL mode with foreign keys on, and passes every check after use', async () => {
  const path = join(dir, 'checked.db')
  const extractor = createExtractor()
  const articles = await examples()
  const store = createSqliteStore({ path })
  await store.migrate()
  for (const article of articles) {
    const x = extractor.extract(article)
    await store.put(x, identify(x))
    await store.put(x, identify(x))
  }
  // Replace one article twice under its URL: cascades, FTS deletes and event regrouping run.
  const base = articles[0] as Article
  for (const text of [base.text, `${base.text}\nStore said talks would resume in August.`, base.text]) {
    const x = extractor.extract({ ...base, url: 'https://example.com/harbour', text })
    await store.put(x, identify(x))
  }
  await store.close()

  const db = new Database(path)
  try {
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal')
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok')
    assert.deepEqual(db.pragma('foreign_key_check'), [])
    for (const fts of ['articles_fts', 'quotes_fts', 'events_fts']) {
      // Throws when the index and its content table disagree.
      db.prepare(`INSERT INTO ${fts} (${fts}, rank) VALUES ('integrity-check', 1)`).run()
    }
    const groups = db
      .prepare(
        `SELECT count(*) AS n FROM event_groups g
         WHERE g.num_mentions <> (SELECT count(*) FROM events e WHERE e.event_key = g.event_key)`,
      )
      .get() as { n: number }
    assert.equal(groups.n, 0)
    const orphans = db
      .prepare('SELECT count(*) AS n FROM events e LEFT JOIN event_groups g USING (event_key) WHERE g.event_key IS NULL')
      .get() as { n: number }
    assert.equal(orphans.n, 0)
    const actors = db
      .prepare(
        `SELECT (SELECT sum(as_source) FROM actor_names) AS s, (SELECT sum(as_target) FROM actor_names) AS t,
           (SELECT count(*) FROM events) AS e, (SELECT count(*) FROM actor_names WHERE as_source < 0 OR as_target < 0) AS negative`,
      )
      .get() as { s: number; t: number; e: number; negative: number }
    assert.deepEqual(actors, { s: actors.e, t: actors.e, e: actors.e, negative: 0 })
  } finally {
    db.close()
  }
})

test('two stores on one file: the second put of the same article is unchanged', async () => {
  const path = join(dir, 'shared.db')
  const [a, b] = [createSqliteStore({ path }), createSqliteStore({ path })]
  await a.migrate()
  await b.migrate()
  const extractor = createExtractor()
  const x = extractor.extract((await examples())[0] as Article)
  assert.equal((await a.put(x, identify(x))).outcome, 'added')
  assert.equal((await b.put(x, identify(x))).outcome, 'unchanged')
  assert.equal((await b.counts()).articles, 1)
  await a.close()
  await b.close()
})

test('closing while another connection holds the write lock neither waits nor fails', async () => {
  const path = join(dir, 'locked.db')
  const store = createSqliteStore({ path })
  await store.migrate()
  await store.events({ actor: 'USA', limit: 10 })
  const other = new Database(path)
  other.exec('BEGIN IMMEDIATE')
  try {
    const started = Date.now()
    await store.close()
    assert.ok(Date.now() - started < 1000)
  } finally {
    other.exec('ROLLBACK')
    other.close()
  }
})

test('opening an up-to-date database does not wait for a writer', async () => {
  const path = join(dir, 'busy.db')
  const first = createSqliteStore({ path })
  await first.migrate()
  await first.close()
  const writer = new Database(path)
  writer.exec('BEGIN IMMEDIATE')
  try {
    const store = createSqliteStore({ path, busyTimeoutMs: 2000 })
    const started = Date.now()
    await store.migrate()
    assert.equal((await store.counts()).articles, 0)
    assert.ok(Date.now() - started < 1000)
    await store.close()
  } finally {
    writer.exec('ROLLBACK')
    writer.close()
  }
})
