/**
 * Writing extractions into the PostgreSQL schema (`001-initial.sql`): the article, its records,
 * the near-duplicate link and the event groups and actor counts it changes. The same steps, in
 * the same order, as the SQLite backend's writer; each record table is filled by one statement
 * (rows passed as one JSON parameter) to spare a round trip per row.
 */
import type { Extraction } from '../../core/extraction.js'
import {
  canBeNearDuplicate,
  hamming,
  NEAR_DUPLICATE_DISTANCE,
  simhashBands,
} from '../article-identity.js'
import { dayBounds, eventKey } from '../event-fields.js'
import type { ArticleIdentity, PutResult } from '../store.js'
import { countWords, queryRows, type PostgresQueryable } from './postgres-sql.js'

/** What the store holds under a key. */
export type LookupResult = 'absent' | 'same' | 'changed'

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

const SELECT_EXISTING = 'SELECT id, content_hash, duplicate_of FROM articles WHERE key = $1'

/**
 * The article and all its records in one statement, with data-modifying CTEs: a put is a few
 * round trips, not one per row. Foreign keys are checked at the end of the statement, when the
 * article row exists. Each record table's rows come as one JSON parameter, with `ord` keeping
 * the extraction's order in the ids. The statement answers with the new id and the article's
 * near-duplicate candidates (the earlier articles sharing a SimHash band; none when the bands are
 * NULL). `withId`: a replaced article keeps its id; a new one takes the next from the sequence.
 */
function insertArticleStatement(withId: boolean): string {
  return `WITH article AS (
    INSERT INTO articles (${withId ? 'id, ' : ''}key, content_hash, simhash, simhash_band0,
      simhash_band1, simhash_band2, simhash_band3, external_id, url, title, source, published,
      dateline_place, dateline_country, text, extraction, search_tokens, title_tokens)
    VALUES (${withId ? '$26, ' : ''}$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
      $15, $16, $24, $25)
    RETURNING id
  ), entity_input AS (
    SELECT * FROM json_to_recordset($17::json) AS x(ord integer, local_id text, name text,
      type text, country text, title text, actor text, lat double precision,
      lon double precision, aliases json, rule text, start integer, "end" integer, mentions json)
  ), entity AS (
    INSERT INTO entities (article_id, local_id, name, type, country, title, actor, lat, lon,
      aliases, rule, start, "end")
    SELECT article.id, local_id, name, type, country, title, actor, lat, lon, aliases, rule,
      start, "end"
    FROM entity_input CROSS JOIN article ORDER BY ord
    RETURNING id, local_id
  ), mention AS (
    -- An entity's mentions join it by the extraction's local id (unique within an article).
    INSERT INTO mentions (article_id, entity_id, start, "end", text, form)
    SELECT article.id, entity.id, m.start, m."end", m.text, m.form
    FROM entity_input
      JOIN entity ON entity.local_id = entity_input.local_id
      CROSS JOIN LATERAL json_to_recordset(entity_input.mentions)
        AS m(ord integer, start integer, "end" integer, text text, form text)
      CROSS JOIN article
    ORDER BY entity_input.ord, m.ord
  ), quote AS (
    INSERT INTO quotes (article_id, local_id, speaker, speaker_entity, speaker_code, cue, form,
      text, start, "end", sentence_start, sentence_end, rule, date, search_tokens)
    SELECT article.id, local_id, speaker, speaker_entity, speaker_code, cue, form, text, start,
      "end", sentence_start, sentence_end, rule, $23, search_tokens
    FROM json_to_recordset($18::json) AS x(ord integer, local_id text, speaker text,
      speaker_entity text, speaker_code text, cue text, form text, text text, start integer,
      "end" integer, sentence_start integer, sentence_end integer, rule text,
      search_tokens integer)
      CROSS JOIN article
    ORDER BY ord
  ), quantity AS (
    INSERT INTO quantities (article_id, local_id, text, start, "end", value, unit, measure,
      period, parties, qualifier, rule, date)
    SELECT article.id, local_id, text, start, "end", value, unit, measure, period, parties,
      qualifier, rule, $23
    FROM json_to_recordset($19::json) AS x(ord integer, local_id text, text text,
      start integer, "end" integer, value double precision, unit text, measure text,
      period text, parties json, qualifier text, rule text)
      CROSS JOIN article
    ORDER BY ord
    RETURNING id, parties
  ), party AS (
    -- A party listed twice is indexed once.
    INSERT INTO quantity_parties (quantity_id, party)
    SELECT quantity.id, p.party
    FROM quantity CROSS JOIN LATERAL json_array_elements_text(quantity.parties) AS p(party)
    ON CONFLICT DO NOTHING
  ), date AS (
    INSERT INTO dates (article_id, local_id, text, start, "end", value, grain, certainty, rule)
    SELECT article.id, local_id, text, start, "end", value, grain, certainty, rule
    FROM json_to_recordset($20::json) AS x(ord integer, local_id text, text text,
      start integer, "end" integer, value text, grain text, certainty text, rule text)
      CROSS JOIN article
    ORDER BY ord
  ), incident AS (
    INSERT INTO incidents (article_id, local_id, kind, text, start, "end", place, country,
      magnitude, deaths, injured, date, rule)
    SELECT article.id, local_id, kind, text, start, "end", place, country, magnitude, deaths,
      injured, date, rule
    FROM json_to_recordset($21::json) AS x(ord integer, local_id text, kind text, text text,
      start integer, "end" integer, place text, country text, magnitude double precision,
      deaths double precision, injured double precision, date text, rule text)
      CROSS JOIN article
    ORDER BY ord
  ), event_input AS (
    SELECT * FROM json_to_recordset($22::json) AS x(ord integer, local_id text, code text,
      label text, root text, quad_class integer, goldstein double precision, source text,
      target text, source_name text, target_name text, source_entity text, target_entity text,
      date text, date_from text, date_to text, place text, sentence text, sentence_start integer,
      sentence_end integer, trigger text, trigger_start integer, trigger_end integer, rule text,
      mode text, quote text, event_key text)
  ), event AS (
    INSERT INTO events (article_id, local_id, code, label, root, quad_class, goldstein, source,
      target, source_name, target_name, source_entity, target_entity, date, date_from, date_to,
      place, sentence, sentence_start, sentence_end, trigger, trigger_start, trigger_end, rule,
      mode, quote, event_key)
    SELECT article.id, local_id, code, label, root, quad_class, goldstein, source, target,
      source_name, target_name, source_entity, target_entity, date, date_from, date_to, place,
      sentence, sentence_start, sentence_end, trigger, trigger_start, trigger_end, rule, mode,
      quote, event_key
    FROM event_input CROSS JOIN article
    ORDER BY ord
  ), actor AS (
    -- The article's events added to the actor counts (COUNT_ACTORS, from the same rows).
    INSERT INTO actor_names AS n (code, name, as_source, as_target)
    SELECT code, name, sum(as_source), sum(as_target)
    FROM (
      SELECT source AS code, coalesce(source_name, '') AS name, 1 AS as_source, 0 AS as_target
      FROM event_input
      UNION ALL
      SELECT target, coalesce(target_name, ''), 0, 1 FROM event_input
    ) AS sides
    GROUP BY code, name
    ON CONFLICT (code, name) DO UPDATE
      SET as_source = n.as_source + excluded.as_source, as_target = n.as_target + excluded.as_target
  )
  SELECT article.id AS article_id, c.id, c.simhash, c.duplicate_of
  FROM article LEFT JOIN LATERAL (
    SELECT id, simhash, duplicate_of FROM articles
    WHERE (simhash_band0 = $4 OR simhash_band1 = $5 OR simhash_band2 = $6 OR simhash_band3 = $7)
      AND id < article.id
  ) AS c ON true`
}

const INSERT_ARTICLE = insertArticleStatement(false)
const INSERT_ARTICLE_WITH_ID = insertArticleStatement(true)

/**
 * Adds `$2` × an article's events to the actor counts (−1 before a replaced article's records
 * go). Source and target tallies are summed first: one upsert may not touch a row twice.
 */
const COUNT_ACTORS = `INSERT INTO actor_names AS n (code, name, as_source, as_target)
  SELECT code, name, $2 * sum(as_source), $2 * sum(as_target)
  FROM (
    SELECT source AS code, coalesce(source_name, '') AS name, 1 AS as_source, 0 AS as_target
    FROM events WHERE article_id = $1
    UNION ALL
    SELECT target, coalesce(target_name, ''), 0, 1 FROM events WHERE article_id = $1
  ) AS sides
  GROUP BY code, name
  ON CONFLICT (code, name) DO UPDATE
    SET as_source = n.as_source + excluded.as_source, as_target = n.as_target + excluded.as_target`

const NEAR_DUPLICATE_CANDIDATES = `SELECT id, simhash, duplicate_of FROM articles
  WHERE (simhash_band0 = $1 OR simhash_band1 = $2 OR simhash_band2 = $3 OR simhash_band3 = $4)
    AND id < $5`

/**
 * Recounts the reports of each event key (see `event_groups` in the schema): keys that still have
 * events get their counts, the others lose their row.
 */
const REGROUP = `INSERT INTO event_groups AS g (event_key, num_mentions, num_sources, num_articles)
  SELECT e.event_key, count(*), count(DISTINCT coalesce(a.source, '')),
    count(DISTINCT coalesce(a.duplicate_of, a.id))
  FROM events e JOIN articles a ON a.id = e.article_id
  WHERE e.event_key = ANY($1::text[])
  GROUP BY e.event_key
  ON CONFLICT (event_key) DO UPDATE SET num_mentions = excluded.num_mentions,
    num_sources = excluded.num_sources, num_articles = excluded.num_articles`
const UNGROUP = `DELETE FROM event_groups g WHERE g.event_key = ANY($1::text[])
  AND NOT EXISTS (SELECT 1 FROM events e WHERE e.event_key = g.event_key)`

/**
 * PostgreSQL text cannot hold U+0000, which a JSON input may carry: it becomes U+FFFD, one code
 * unit for one, so every offset stays valid.
 */
function withoutNul(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? nulFree(value) : value
}

function nulFree(text: string): string {
  return text.includes('\0') ? text.replaceAll('\0', '\uFFFD') : text
}

/** Rows as one JSON parameter, with `ord` (their order) added. */
function rowsJson(rows: readonly object[], nul: boolean): string {
  const numbered = rows.map((row, ord) => ({ ord, ...row }))
  return nul ? JSON.stringify(numbered, withoutNul) : JSON.stringify(numbered)
}

/** Whether the store holds this key, and with the same text. */
export async function lookupArticle(
  db: PostgresQueryable,
  identity: ArticleIdentity,
): Promise<LookupResult> {
  const key = [identity.key]
  const [row] = await queryRows<ExistingRow>(db, SELECT_EXISTING, key, 'dateline_existing')
  if (row === undefined) return 'absent'
  return row.content_hash === identity.contentHash ? 'same' : 'changed'
}

/**
 * Stores an extraction, inside the caller's transaction on `client` (one connection), which
 * holds the write lock (puts run one at a time, as SQLite's IMMEDIATE transactions do): adds it,
 * does nothing when the same text is stored under its key, or replaces the old records.
 */
export async function putArticle(
  client: PostgresQueryable,
  extraction: Extraction,
  identity: ArticleIdentity,
): Promise<PutResult> {
  const q: Run = (name, text, values) => queryRows(client, text, values, `dateline_${name}`)

  const [old] = await q<ExistingRow>('existing', SELECT_EXISTING, [identity.key])
  if (old !== undefined && old.content_hash === identity.contentHash) {
    return { outcome: 'unchanged', articleId: old.id, duplicateOf: old.duplicate_of }
  }
  const { article, dateline } = extraction
  const nul = article.text.includes('\0') || (article.title ?? '').includes('\0')
  const comparable = canBeNearDuplicate(article.text)
  const touched: string[] = []
  let dependents: number[] = []
  if (old !== undefined) {
    // A changed text keeps the article's id (links to it stay valid); its records go by
    // cascade, and the articles linked to it as near-duplicates are linked afresh below.
    const linked = await q<{ id: number }>(
      'dependents',
      'SELECT id FROM articles WHERE duplicate_of = $1 ORDER BY id',
      [old.id],
    )
    dependents = linked.map((r) => r.id)
    const keys = await q<{ k: string }>(
      'event_keys',
      'SELECT DISTINCT event_key AS k FROM events WHERE article_id = ANY($1::bigint[])',
      [[old.id, ...dependents]],
    )
    touched.push(...keys.map((r) => r.k))
    await q('count_actors', COUNT_ACTORS, [old.id, -1])
    await q('delete_article', 'DELETE FROM articles WHERE id = $1', [old.id])
    await q('drop_actors', 'DELETE FROM actor_names WHERE as_source = 0 AND as_target = 0', [])
  }

  const bands = comparable ? simhashBands(identity.simhash) : [null, null, null, null]
  const titleWords = countWords(article.title ?? '')
  // The text is kept once, in its own column; article() puts it back into the extraction.
  const withoutText = { ...extraction, article: { ...article, text: undefined } }
  const values = [
    identity.key,
    identity.contentHash,
    identity.simhash,
    ...bands,
    article.id,
    article.url,
    article.title === null ? null : nulFree(article.title),
    article.source ?? dateline.source,
    dateline.date ?? article.date,
    dateline.place,
    dateline.country,
    nulFree(article.text),
    nul ? JSON.stringify(withoutText, withoutNul) : JSON.stringify(withoutText),
    ...recordsJson(extraction, nul),
    dateline.date ?? article.date,
    titleWords + countWords(article.text),
    titleWords,
  ]
  const rows =
    old === undefined
      ? await q<InsertedRow>('insert_article', INSERT_ARTICLE, values)
      : await q<InsertedRow>('insert_article_with_id', INSERT_ARTICLE_WITH_ID, [...values, old.id])
  const articleId = rows[0]?.article_id
  if (articleId === undefined) throw new Error(`no id returned for article ${identity.key}`)
  const candidates = rows.filter((r): r is InsertedRow & CandidateRow => r.id !== null)
  const duplicateOf = comparable ? nearest(identity.simhash, candidates) : null

  const LINK = 'UPDATE articles SET duplicate_of = $1 WHERE id = $2'
  if (duplicateOf !== null) await q('link', LINK, [duplicateOf, articleId])
  // In id order, so each one's earlier candidates are already linked.
  for (const id of dependents) {
    const [row] = await q<{ simhash: string; band: number | null }>(
      'dependent',
      'SELECT simhash, simhash_band0 AS band FROM articles WHERE id = $1',
      [id],
    )
    if (row === undefined || row.band === null) continue
    const near = await q<CandidateRow>('candidates', NEAR_DUPLICATE_CANDIDATES, [
      ...simhashBands(row.simhash),
      id,
    ])
    await q('link', LINK, [nearest(row.simhash, near), id])
  }
  // The article's own keys are those of its extraction's events: no need to read them back.
  touched.push(...extraction.events.map((e) => eventKey(e)))
  const keys = [...new Set(touched)]
  if (keys.length > 0) {
    await q('regroup', REGROUP, [keys])
    if (old !== undefined) await q('ungroup', UNGROUP, [keys])
  }
  return { outcome: old === undefined ? 'added' : 'replaced', articleId, duplicateOf }
}

/** A query run as a named (prepared once per connection) statement. */
type Run = <R extends object>(
  name: string,
  text: string,
  values: readonly unknown[],
) => Promise<R[]>

/** What the insert statement answers: the new id, and one near-duplicate candidate (or NULLs). */
interface InsertedRow {
  readonly article_id: number
  readonly id: number | null
  readonly simhash: string | null
  readonly duplicate_of: number | null
}

/**
 * The cluster an article joins: the nearest earlier article within the distance (ties: the
 * lowest id), or rather the first article of that one's cluster, so `duplicate_of` always names
 * a cluster's first article and a cluster is counted once (NumArticles).
 */
function nearest(simhash: string, candidates: readonly CandidateRow[]): number | null {
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

/**
 * The record rows of an extraction as the insert statement's JSON parameters, in its order:
 * entities (with their mentions), quotes, quantities, dates, incidents, events.
 */
function recordsJson(extraction: Extraction, nul: boolean): string[] {
  const text = extraction.article.text
  const entities = new Map(extraction.entities.map((e) => [e.id, e]))
  return [
    rowsJson(
      extraction.entities.map((e) => ({
        local_id: e.id,
        name: e.name,
        type: e.type,
        country: e.country,
        title: e.title,
        actor: e.actor,
        lat: e.lat,
        lon: e.lon,
        aliases: e.aliases,
        rule: e.rule,
        start: e.mentions[0]?.start ?? null,
        end: e.mentions[0]?.end ?? null,
        mentions: e.mentions.map((m, ord) => ({
          ord,
          start: m.start,
          end: m.end,
          text: m.text,
          form: m.form,
        })),
      })),
      nul,
    ),
    rowsJson(
      extraction.quotes.map((quote) => {
        const speaker = quote.speakerId === null ? undefined : entities.get(quote.speakerId)
        return {
          local_id: quote.id,
          speaker: quote.speaker,
          speaker_entity: quote.speakerId,
          speaker_code: speaker?.actor ?? speaker?.country ?? null,
          cue: quote.cue,
          form: quote.form,
          text: quote.text,
          start: quote.start,
          end: quote.end,
          sentence_start: quote.sentence.start,
          sentence_end: quote.sentence.end,
          rule: quote.rule,
          search_tokens: countWords(quote.text) + countWords(quote.speaker ?? ''),
        }
      }),
      nul,
    ),
    rowsJson(
      extraction.quantities.map((quantity) => ({
        local_id: quantity.id,
        text: quantity.text,
        start: quantity.start,
        end: quantity.end,
        value: quantity.value,
        unit: quantity.unit,
        measure: quantity.measure,
        period: quantity.period,
        parties: quantity.parties,
        qualifier: quantity.qualifier,
        rule: quantity.rule,
      })),
      nul,
    ),
    rowsJson(
      extraction.dates.map((d) => ({
        local_id: d.id,
        text: d.text,
        start: d.start,
        end: d.end,
        value: d.value,
        grain: d.grain,
        certainty: d.certainty,
        rule: d.rule,
      })),
      nul,
    ),
    rowsJson(
      extraction.incidents.map((i) => ({
        local_id: i.id,
        kind: i.kind,
        text: i.text,
        start: i.start,
        end: i.end,
        place: i.place,
        country: i.country,
        magnitude: i.magnitude,
        deaths: i.deaths,
        injured: i.injured,
        date: i.date,
        rule: i.rule,
      })),
      nul,
    ),
    rowsJson(
      extraction.events.map((e) => {
        const days = dayBounds(e.date)
        return {
          local_id: e.id,
          code: e.code,
          label: e.label,
          root: e.root,
          quad_class: e.quadClass,
          goldstein: e.goldstein,
          source: e.source,
          target: e.target,
          source_name: e.sourceActor.name,
          target_name: e.targetActor.name,
          source_entity: e.sourceActor.entity,
          target_entity: e.targetActor.entity,
          date: e.date,
          date_from: days?.from ?? null,
          date_to: days?.to ?? null,
          place: e.place,
          sentence: text.slice(e.sentence.start, e.sentence.end),
          sentence_start: e.sentence.start,
          sentence_end: e.sentence.end,
          trigger: e.trigger.text,
          trigger_start: e.trigger.start,
          trigger_end: e.trigger.end,
          rule: e.rule,
          mode: e.mode,
          quote: e.quote,
          event_key: eventKey(e),
        }
      }),
      nul,
    ),
  ]
}
