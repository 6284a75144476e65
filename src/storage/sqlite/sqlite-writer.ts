/**
 * Writing extractions into the SQLite schema (`001-initial.sql`): the article, its records, the
 * near-duplicate link and the event groups and actor counts it changes, all in one transaction.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { EntityOut, Extraction } from '../../core/extraction.js'
import {
  canBeNearDuplicate,
  hamming,
  NEAR_DUPLICATE_DISTANCE,
  simhashBands,
} from '../article-identity.js'
import { dayBounds, eventKey } from '../event-fields.js'
import type { ArticleIdentity, PutResult } from '../store.js'
import { createStatementCache } from './sqlite-statements.js'

/** What the store holds under a key. */
export type LookupResult = 'absent' | 'same' | 'changed'

export interface SqliteWriter {
  lookup(identity: ArticleIdentity): LookupResult
  put(extraction: Extraction, identity: ArticleIdentity): PutResult
}

interface ExistingRow {
  readonly id: number
  readonly content_hash: string
  readonly duplicate_of: number | null
}

interface CandidateRow {
  readonly id: number
  readonly simhash: string
  readonly duplicate_of: number | null
}

/** A writer over an open connection; `put` runs in its own IMMEDIATE transaction. */
export function createSqliteWriter(db: BetterSqlite3.Database): SqliteWriter {
  const sql = createStatementCache(db)

  function existing(key: string): ExistingRow | undefined {
    return sql('SELECT id, content_hash, duplicate_of FROM articles WHERE key = ?').get(key) as
      | ExistingRow
      | undefined
  }

  function eventKeysOf(articleIds: readonly number[]): string[] {
    const keys: string[] = []
    const stmt = sql('SELECT DISTINCT event_key AS k FROM events WHERE article_id = ?')
    for (const id of articleIds) {
      for (const row of stmt.all(id) as Array<{ k: string }>) keys.push(row.k)
    }
    return keys
  }

  /** Adds `sign` × this article's events to the actor counts (−1 before its records go). */
  function countActors(articleId: number, sign: 1 | -1): void {
    sql(`INSERT INTO actor_names (code, name, as_source, as_target)
      SELECT source, coalesce(source_name, ''), ? * count(*), 0 FROM events WHERE article_id = ?
      GROUP BY 1, 2
      ON CONFLICT (code, name) DO UPDATE SET as_source = as_source + excluded.as_source`).run(
      sign,
      articleId,
    )
    sql(`INSERT INTO actor_names (code, name, as_source, as_target)
      SELECT target, coalesce(target_name, ''), 0, ? * count(*) FROM events WHERE article_id = ?
      GROUP BY 1, 2
      ON CONFLICT (code, name) DO UPDATE SET as_target = as_target + excluded.as_target`).run(
      sign,
      articleId,
    )
  }

  /**
   * The cluster an article joins: the nearest earlier article within the distance (ties: the
   * lowest id), or rather the first article of that one's cluster, so `duplicate_of` always
   * names a cluster's first article and a cluster is counted once (NumArticles).
   */
  function nearDuplicateOf(articleId: number, simhash: string): number | null {
    const [b0, b1, b2, b3] = simhashBands(simhash)
    const candidates = sql(`SELECT id, simhash, duplicate_of FROM articles
      WHERE (simhash_band0 = ? OR simhash_band1 = ? OR simhash_band2 = ? OR simhash_band3 = ?)
        AND id < ?`).all(b0, b1, b2, b3, articleId) as CandidateRow[]
    let best: CandidateRow | null = null
    let bestDistance = NEAR_DUPLICATE_DISTANCE + 1
    for (const candidate of candidates) {
      const distance = hamming(simhash, candidate.simhash)
      const nearer = distance < bestDistance
      if (nearer || (distance === bestDistance && best !== null && candidate.id < best.id)) {
        best = candidate
        bestDistance = distance
      }
    }
    return best === null ? null : (best.duplicate_of ?? best.id)
  }

  function insertArticle(
    id: number | null,
    extraction: Extraction,
    identity: ArticleIdentity,
    comparable: boolean,
  ): number {
    const { article, dateline } = extraction
    const bands = comparable ? simhashBands(identity.simhash) : [null, null, null, null]
    // The text is kept once, in its own column; article() puts it back into the extraction.
    const stored = JSON.stringify({ ...extraction, article: { ...article, text: undefined } })
    const result = sql(`INSERT INTO articles (id, key, content_hash, simhash, simhash_band0,
        simhash_band1, simhash_band2, simhash_band3, external_id, url, title, source, published,
        dateline_place, dateline_country, text, extraction)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      id,
      identity.key,
      identity.contentHash,
      identity.simhash,
      ...bands,
      article.id,
      article.url,
      article.title,
      article.source ?? dateline.source,
      dateline.date ?? article.date,
      dateline.place,
      dateline.country,
      article.text,
      stored,
    )
    return Number(result.lastInsertRowid)
  }

  function insertRecords(articleId: number, extraction: Extraction): void {
    const text = extraction.article.text
    const day = extraction.dateline.date ?? extraction.article.date
    const entityRows = new Map<string, EntityOut>()
    const insertEntity = sql(`INSERT INTO entities (article_id, local_id, name, type, country,
        title, actor, lat, lon, aliases, rule, start, "end")
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    const insertMention = sql(`INSERT INTO mentions (article_id, entity_id, start, "end", text,
        form)
      VALUES (?, ?, ?, ?, ?, ?)`)
    for (const e of extraction.entities) {
      entityRows.set(e.id, e)
      const first = e.mentions[0]
      const entityId = insertEntity.run(
        articleId,
        e.id,
        e.name,
        e.type,
        e.country,
        e.title,
        e.actor,
        e.lat,
        e.lon,
        JSON.stringify(e.aliases),
        e.rule,
        first?.start ?? null,
        first?.end ?? null,
      ).lastInsertRowid
      for (const m of e.mentions) {
        insertMention.run(articleId, entityId, m.start, m.end, m.text, m.form)
      }
    }

    const insertQuote = sql(`INSERT INTO quotes (article_id, local_id, speaker, speaker_entity,
        speaker_code, cue, form, text, start, "end", sentence_start, sentence_end, rule, date)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    for (const q of extraction.quotes) {
      const speaker = q.speakerId === null ? undefined : entityRows.get(q.speakerId)
      insertQuote.run(
        articleId,
        q.id,
        q.speaker,
        q.speakerId,
        speaker?.actor ?? speaker?.country ?? null,
        q.cue,
        q.form,
        q.text,
        q.start,
        q.end,
        q.sentence.start,
        q.sentence.end,
        q.rule,
        day,
      )
    }

    const insertQuantity = sql(`INSERT INTO quantities (article_id, local_id, text, start, "end",
        value, unit, measure, period, parties, qualifier, rule, date)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    const insertParty = sql(`INSERT OR IGNORE INTO quantity_parties (quantity_id, party)
      VALUES (?, ?)`)
    for (const q of extraction.quantities) {
      const quantityId = insertQuantity.run(
        articleId,
        q.id,
        q.text,
        q.start,
        q.end,
        q.value,
        q.unit,
        q.measure,
        q.period,
        JSON.stringify(q.parties),
        q.qualifier,
        q.rule,
        day,
      ).lastInsertRowid
      for (const party of q.parties) insertParty.run(quantityId, party)
    }

    const insertDate = sql(`INSERT INTO dates (article_id, local_id, text, start, "end", value,
        grain, certainty, rule)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    for (const d of extraction.dates) {
      insertDate.run(articleId, d.id, d.text, d.start, d.end, d.value, d.grain, d.certainty, d.rule)
    }

    const insertIncident = sql(`INSERT INTO incidents (article_id, local_id, kind, text, start,
        "end", place, country, magnitude, deaths, injured, date, rule)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    for (const i of extraction.incidents) {
      insertIncident.run(
        articleId,
        i.id,
        i.kind,
        i.text,
        i.start,
        i.end,
        i.place,
        i.country,
        i.magnitude,
        i.deaths,
        i.injured,
        i.date,
        i.rule,
      )
    }

    const insertEvent = sql(`INSERT INTO events (article_id, local_id, code, label, root,
        quad_class, goldstein, source, target, source_name, target_name, source_entity,
        target_entity, date, date_from, date_to, place, sentence, sentence_start, sentence_end, trigger, trigger_start,
        trigger_end, rule, mode, quote, event_key)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    for (const e of extraction.events) {
      const days = dayBounds(e.date)
      insertEvent.run(
        articleId,
        e.id,
        e.code,
        e.label,
        e.root,
        e.quadClass,
        e.goldstein,
        e.source,
        e.target,
        e.sourceActor.name,
        e.targetActor.name,
        e.sourceActor.entity,
        e.targetActor.entity,
        e.date,
        days?.from ?? null,
        days?.to ?? null,
        e.place,
        text.slice(e.sentence.start, e.sentence.end),
        e.sentence.start,
        e.sentence.end,
        e.trigger.text,
        e.trigger.start,
        e.trigger.end,
        e.rule,
        e.mode,
        e.quote,
        eventKey(e),
      )
    }
  }

  /** Recounts the reports of each event key (see `event_groups` in the schema). */
  function regroup(keys: Iterable<string>): void {
    const remove = sql('DELETE FROM event_groups WHERE event_key = ?')
    const count = sql(`INSERT INTO event_groups (event_key, num_mentions, num_sources, num_articles)
      SELECT e.event_key, count(*), count(DISTINCT coalesce(a.source, '')),
        count(DISTINCT coalesce(a.duplicate_of, a.id))
      FROM events e JOIN articles a ON a.id = e.article_id
      WHERE e.event_key = ?
      GROUP BY e.event_key`)
    for (const key of new Set(keys)) {
      remove.run(key)
      count.run(key)
    }
  }

  function putInTransaction(extraction: Extraction, identity: ArticleIdentity): PutResult {
    const old = existing(identity.key)
    if (old !== undefined && old.content_hash === identity.contentHash) {
      return { outcome: 'unchanged', articleId: old.id, duplicateOf: old.duplicate_of }
    }
    const comparable = canBeNearDuplicate(extraction.article.text)
    const touched: string[] = []
    let dependents: number[] = []
    if (old !== undefined) {
      // A changed text keeps the article's id (links to it stay valid); its records go by
      // cascade, and the articles linked to it as near-duplicates are linked afresh below.
      const linked = sql('SELECT id FROM articles WHERE duplicate_of = ? ORDER BY id').all(old.id)
      dependents = (linked as Array<{ id: number }>).map((r) => r.id)
      touched.push(...eventKeysOf([old.id, ...dependents]))
      countActors(old.id, -1)
      sql('DELETE FROM articles WHERE id = ?').run(old.id)
      sql('DELETE FROM actor_names WHERE as_source = 0 AND as_target = 0').run()
    }
    const articleId = insertArticle(old?.id ?? null, extraction, identity, comparable)
    insertRecords(articleId, extraction)
    countActors(articleId, 1)
    const duplicateOf = comparable ? nearDuplicateOf(articleId, identity.simhash) : null
    const link = sql('UPDATE articles SET duplicate_of = ? WHERE id = ?')
    if (duplicateOf !== null) link.run(duplicateOf, articleId)
    // In id order, so each one's earlier candidates are already linked.
    for (const id of dependents) {
      const row = sql('SELECT simhash, simhash_band0 AS band FROM articles WHERE id = ?').get(id) as
        | { simhash: string; band: number | null }
        | undefined
      if (row === undefined || row.band === null) continue
      link.run(nearDuplicateOf(id, row.simhash), id)
    }
    touched.push(...eventKeysOf([articleId]))
    regroup(touched)
    return { outcome: old === undefined ? 'added' : 'replaced', articleId, duplicateOf }
  }

  const put = db.transaction(putInTransaction)

  return {
    lookup(identity) {
      const row = existing(identity.key)
      if (row === undefined) return 'absent'
      return row.content_hash === identity.contentHash ? 'same' : 'changed'
    },
    put(extraction, identity) {
      // IMMEDIATE takes the write lock before reading the key, so two writers cannot both add it.
      return put.immediate(extraction, identity)
    },
  }
}
