/**
 * The queries of the PostgreSQL backend, all parameterised: events with their GDELT-style counts,
 * dyads, actors, full-text search, one article, paging and counts. They ask what the SQLite
 * backend's queries ask (`sqlite-reader.ts`) and order their answers the same way; where
 * PostgreSQL's defaults differ (NULLs sort last ascending, first descending) the SQL says so.
 */
import type { Extraction } from '../../core/extraction.js'
import { actorCountry } from '../event-fields.js'
import type {
  ActorSummary,
  DyadReport,
  EventFilter,
  SearchHit,
  StoreCounts,
  StoredArticle,
  StoredEvent,
  StoredQuantity,
  StoredQuote,
} from '../store.js'
import {
  createParams,
  prefixEnd,
  queryRows,
  searchWords,
  type Params,
  type PostgresQueryable,
} from './postgres-sql.js'

/** How many events, statements and figures `dyad` lists when no limit is given. */
const DEFAULT_DYAD_LIMIT = 50
/** How many actors `actors` lists when no limit is given. */
const DEFAULT_ACTOR_LIMIT = 100
/** How many hits `search` returns when no limit is given. */
const DEFAULT_SEARCH_LIMIT = 20

/**
 * The passage `search` shows: the best 24-word fragment around the match (as the SQLite backend's
 * FTS5 `snippet(…, 24)`), without highlight marks.
 */
const HEADLINE_OPTIONS =
  'MaxFragments=1, MaxWords=24, MinWords=12, ShortWord=0, StartSel="", StopSel=""'
/** Marks text left out before or after a passage, as FTS5's snippet does. */
const ELLIPSIS = '…'

/**
 * Weights of title (A) and body (B) words for `ts_rank`: a title hit counts double, as the SQLite
 * backend's bm25(2.0, 1.0). Order: {D, C, B, A}.
 */
const RANK_WEIGHTS = '{0.1, 0.2, 0.5, 1.0}'

/** The columns of a `StoredEvent`, from `events e`, `articles a` and `event_groups g`. */
const EVENT_COLUMNS = `e.id AS "id", e.article_id AS "articleId", a.key AS "articleKey",
  a.title AS "articleTitle", e.code AS "code", e.label AS "label", e.root AS "root",
  e.quad_class AS "quadClass", e.goldstein AS "goldstein", e.source AS "source",
  e.target AS "target", e.source_name AS "sourceName", e.target_name AS "targetName",
  e.date AS "date", e.place AS "place", e.sentence AS "sentence",
  e.sentence_start AS "sentenceStart", e.sentence_end AS "sentenceEnd", e.rule AS "rule",
  e.mode AS "mode", e.event_key AS "eventKey", coalesce(g.num_mentions, 1) AS "numMentions",
  coalesce(g.num_sources, 1) AS "numSources", coalesce(g.num_articles, 1) AS "numArticles"`

const EVENT_FROM = `FROM events e
  JOIN articles a ON a.id = e.article_id
  LEFT JOIN event_groups g ON g.event_key = e.event_key`

const QUOTE_COLUMNS = `q.article_id AS "articleId", q.speaker AS "speaker", q.cue AS "cue",
  q.text AS "text", q.date AS "date", q.start AS "start", q."end" AS "end"`

const QUANTITY_COLUMNS = `q.article_id AS "articleId", q.text AS "text", q.value AS "value",
  q.unit AS "unit", q.measure AS "measure", q.period AS "period", q.parties AS "parties",
  q.date AS "date"`

/** `column` starts with `prefix`, as an index range (every text column is COLLATE "C"). */
function startsWith(p: Params, column: string, prefix: string): string {
  return `(${column} >= ${p(prefix)} AND ${column} < ${p(prefixEnd(prefix))})`
}

/** Both sides of a dyad, either direction, as prefixes of the actor codes. */
function dyadCondition(p: Params, a: string, b: string): string {
  return `((${startsWith(p, 'e.source', a)} AND ${startsWith(p, 'e.target', b)})
    OR (${startsWith(p, 'e.source', b)} AND ${startsWith(p, 'e.target', a)}))`
}

/**
 * The filter as SQL, with its parameters added to `p`. Actor, source, target, dyad and code match
 * as prefixes (`CHN` matches `CHNGOV`, `04` matches `042`). `from`/`to` keep the events whose date
 * lies wholly within the bounds; undated events are left out when either is given. `place` is
 * matched without regard to (ASCII) case; `text` through the sentence's tsvector.
 */
function eventWhere(p: Params, filter: EventFilter): string {
  const parts: string[] = []
  if (filter.actor !== undefined) {
    const source = startsWith(p, 'e.source', filter.actor)
    parts.push(`(${source} OR ${startsWith(p, 'e.target', filter.actor)})`)
  }
  if (filter.source !== undefined) parts.push(startsWith(p, 'e.source', filter.source))
  if (filter.target !== undefined) parts.push(startsWith(p, 'e.target', filter.target))
  if (filter.dyad !== undefined) parts.push(dyadCondition(p, filter.dyad[0], filter.dyad[1]))
  if (filter.code !== undefined) parts.push(startsWith(p, 'e.code', filter.code))
  if (filter.quadClass !== undefined) parts.push(`e.quad_class = ${p(filter.quadClass)}`)
  if (filter.from !== undefined) parts.push(`e.date_from >= ${p(filter.from)}`)
  if (filter.to !== undefined) parts.push(`e.date_to <= ${p(filter.to)}`)
  // lower() under COLLATE "C" folds ASCII letters only, as SQLite's NOCASE.
  if (filter.place !== undefined) parts.push(`lower(e.place) = lower(${p(filter.place)})`)
  if (filter.text !== undefined) {
    const words = searchWords(filter.text)
    // Text with no word in it matches no sentence.
    parts.push(words === null ? 'false' : `e.search @@ dateline_tsquery(${p(words)})`)
  }
  return parts.length === 0 ? 'true' : parts.join(' AND ')
}

/** One month of a dyad while it is being counted. */
interface MonthTally {
  readonly month: string
  readonly counts: Record<1 | 2 | 3 | 4, number>
  total: number
  sum: number
}

interface SearchRow {
  readonly articleId: number
  readonly title: string | null
  readonly speaker?: string | null
  readonly passage: string
  readonly before: boolean
  readonly after: boolean
  readonly rank: number
}

interface ArticleRow {
  readonly id: number
  readonly key: string
  readonly duplicate_of: number | null
  readonly text: string
  readonly extraction: Extraction
}

/** The queries over a pool (or any one connection). */
export interface PostgresReader {
  events(filter: EventFilter): Promise<StoredEvent[]>
  /** One page of events with ids above `afterId`, in id order. */
  eventPage(filter: EventFilter, afterId: number, size: number): Promise<StoredEvent[]>
  dyad(a: string, b: string, limit?: number): Promise<DyadReport>
  actors(limit?: number, prefix?: string): Promise<ActorSummary[]>
  search(words: string, limit?: number): Promise<SearchHit[]>
  article(id: number): Promise<StoredArticle | null>
  counts(): Promise<StoreCounts>
}

export function createPostgresReader(db: PostgresQueryable): PostgresReader {
  /**
   * Events newest first (by the first day their date covers; undated last), then in id order.
   * No limit means all of them.
   */
  async function events(filter: EventFilter): Promise<StoredEvent[]> {
    const p = createParams()
    const where = eventWhere(p, filter)
    // LIMIT NULL is no limit.
    return queryRows<StoredEvent & Record<string, unknown>>(
      db,
      `SELECT ${EVENT_COLUMNS} ${EVENT_FROM} WHERE ${where}
      ORDER BY e.date_from DESC NULLS LAST, e.id
      LIMIT ${p(filter.limit ?? null)} OFFSET ${p(filter.offset ?? 0)}`,
      p.values,
    )
  }

  async function eventPage(
    filter: EventFilter,
    afterId: number,
    size: number,
  ): Promise<StoredEvent[]> {
    const p = createParams()
    const after = p(afterId)
    const where = eventWhere(p, filter)
    return queryRows<StoredEvent & Record<string, unknown>>(
      db,
      `SELECT ${EVENT_COLUMNS} ${EVENT_FROM} WHERE e.id > ${after} AND ${where}
      ORDER BY e.id LIMIT ${p(size)}`,
      p.values,
    )
  }

  /**
   * A relationship over time. Months count the dyad's events whose date falls within one month
   * (a year-grain or multi-month date has no month). Statements are those of either side's
   * people and organisations (the speaker entity's actor code or country under `a` or `b`) in
   * articles that report an event between the two; figures are those whose parties include both
   * countries. Statements and figures are newest first, then by article and place in it; two
   * records of one span (a range read as two figures) keep the order they were stored in.
   */
  async function dyad(a: string, b: string, limit = DEFAULT_DYAD_LIMIT): Promise<DyadReport> {
    const mp = createParams()
    type MonthRow = { month: string; quad: number; n: number; goldstein: number }
    const monthRows = await queryRows<MonthRow>(
      db,
      `SELECT substr(e.date_from, 1, 7) AS month, e.quad_class AS quad, count(*) AS n,
        sum(e.goldstein) AS goldstein
      FROM events e
      WHERE ${dyadCondition(mp, a, b)} AND e.date_from IS NOT NULL
        AND substr(e.date_from, 1, 7) = substr(e.date_to, 1, 7)
      GROUP BY month, quad ORDER BY month`,
      mp.values,
    )
    const months: MonthTally[] = []
    for (const row of monthRows) {
      let month = months.at(-1)
      if (month?.month !== row.month) {
        month = { month: row.month, counts: { 1: 0, 2: 0, 3: 0, 4: 0 }, total: 0, sum: 0 }
        months.push(month)
      }
      if (row.quad >= 1 && row.quad <= 4) month.counts[row.quad as 1 | 2 | 3 | 4] += row.n
      month.total += row.n
      month.sum += row.goldstein
    }
    const sp = createParams()
    const statements = queryRows<StoredQuote & Record<string, unknown>>(
      db,
      `SELECT ${QUOTE_COLUMNS} FROM quotes q
      WHERE (${startsWith(sp, 'q.speaker_code', a)} OR ${startsWith(sp, 'q.speaker_code', b)})
        AND q.article_id IN (SELECT e.article_id FROM events e WHERE ${dyadCondition(sp, a, b)})
      ORDER BY q.date DESC NULLS LAST, q.article_id DESC, q.start, q.id LIMIT ${sp(limit)}`,
      sp.values,
    )
    const figures = queryRows<StoredQuantity & Record<string, unknown>>(
      db,
      `SELECT ${QUANTITY_COLUMNS} FROM quantities q
      WHERE q.id IN (SELECT quantity_id FROM quantity_parties WHERE party = $1
        INTERSECT SELECT quantity_id FROM quantity_parties WHERE party = $2)
      ORDER BY q.date DESC NULLS LAST, q.article_id DESC, q.start, q.id LIMIT $3`,
      [actorCountry(a), actorCountry(b), limit],
    )
    const dyadEvents = events({ dyad: [a, b], limit })
    return {
      a,
      b,
      months: months.map((m) => ({
        month: m.month,
        counts: m.counts,
        meanGoldstein: m.total === 0 ? 0 : Math.round((m.sum / m.total) * 100) / 100,
      })),
      events: await dyadEvents,
      statements: await statements,
      figures: await figures,
    }
  }

  /** Actors by how many events they are in (as source or target), each with its commonest name. */
  async function actors(limit = DEFAULT_ACTOR_LIMIT, prefix = ''): Promise<ActorSummary[]> {
    return queryRows<ActorSummary & Record<string, unknown>>(
      db,
      `WITH totals AS (
        SELECT code, sum(as_source) AS as_source, sum(as_target) AS as_target
        FROM actor_names WHERE code >= $1 AND code < $2
        GROUP BY code HAVING sum(as_source) + sum(as_target) > 0
        ORDER BY sum(as_source) + sum(as_target) DESC, code LIMIT $3)
      SELECT t.code AS "code", t.as_source AS "asSource", t.as_target AS "asTarget",
        (SELECT n.name FROM actor_names n WHERE n.code = t.code AND n.name <> ''
          ORDER BY n.as_source + n.as_target DESC, n.name LIMIT 1) AS "name"
      FROM totals t ORDER BY t.as_source + t.as_target DESC, t.code`,
      [prefix, prefixEnd(prefix), limit],
    )
  }

  /**
   * Articles (title and text) and quotes holding every word, best first by `ts_rank` (a title hit
   * weighs double). A passage comes from the body, or from the title when only the title has
   * every word; a quote's is prefixed with its speaker.
   */
  async function search(words: string, limit = DEFAULT_SEARCH_LIMIT): Promise<SearchHit[]> {
    const query = searchWords(words)
    if (query === null) return []
    // The passage and whether words were left out before or after it (FTS5's ellipses). The
    // headline is found in the text as indexed (ASCII punctuation as spaces, so that "5.93" holds
    // the words 5 and 93), then cut from the original text at the same place: the two have the
    // same length, character for character.
    const passage = (source: string): string => `LATERAL (
        SELECT CASE WHEN h.at > 0 THEN substr(${source}, h.at, length(h.passage))
            ELSE h.passage END AS passage,
          h.at > 1 AND dateline_words(left(h.indexed, h.at - 1)) AS before,
          h.at > 0 AND dateline_words(substr(h.indexed, h.at + length(h.passage))) AS after
        FROM (SELECT hl.passage, hl.indexed, position(hl.passage IN hl.indexed) AS at
          FROM (SELECT ts_headline('dateline_english', t.indexed, w.q, '${HEADLINE_OPTIONS}')
              AS passage, t.indexed
            FROM (SELECT dateline_search_text(${source}) AS indexed) t) hl) h
      ) s`
    const articleHits = queryRows<SearchRow & Record<string, unknown>>(
      db,
      `WITH w AS (SELECT dateline_tsquery($1) AS q),
      best AS (
        SELECT a.id, ts_rank('${RANK_WEIGHTS}', a.search, w.q) AS rank
        FROM articles a, w WHERE a.search @@ w.q
        ORDER BY rank DESC, a.id LIMIT $2)
      SELECT best.id AS "articleId", a.title AS "title", s.passage AS "passage",
        s.before AS "before", s.after AS "after", best.rank AS "rank"
      FROM best JOIN articles a ON a.id = best.id CROSS JOIN w
        CROSS JOIN LATERAL (SELECT CASE WHEN a.title IS NOT NULL
          AND NOT dateline_tsvector(a.text) @@ w.q THEN a.title ELSE a.text END AS source) src,
        ${passage('src.source')}
      ORDER BY best.rank DESC, best.id`,
      [query, limit],
    )
    const quoteHits = queryRows<SearchRow & Record<string, unknown>>(
      db,
      `WITH w AS (SELECT dateline_tsquery($1) AS q),
      best AS (
        SELECT q.id, ts_rank('${RANK_WEIGHTS}', q.search, w.q) AS rank
        FROM quotes q, w WHERE q.search @@ w.q
        ORDER BY rank DESC, q.id LIMIT $2)
      SELECT q.article_id AS "articleId", a.title AS "title", q.speaker AS "speaker",
        s.passage AS "passage", s.before AS "before", s.after AS "after", best.rank AS "rank"
      FROM best JOIN quotes q ON q.id = best.id JOIN articles a ON a.id = q.article_id
        CROSS JOIN w, ${passage('q.text')}
      ORDER BY best.rank DESC, best.id`,
      [query, limit],
    )
    const hit = (row: SearchRow, kind: SearchHit['kind']): { rank: number; hit: SearchHit } => {
      // A passage on one line; a quote's with its speaker.
      const text = row.passage.replace(/\s+/g, ' ').trim()
      const shown = `${row.before ? ELLIPSIS : ''}${text}${row.after ? ELLIPSIS : ''}`
      const snippet = row.speaker ? `${row.speaker}: ${shown}` : shown
      return { rank: row.rank, hit: { articleId: row.articleId, kind, title: row.title, snippet } }
    }
    const hits = [
      ...(await articleHits).map((r) => hit(r, 'article')),
      ...(await quoteHits).map((r) => hit(r, 'quote')),
    ]
    // ts_rank is higher for a better match; the sort is stable, articles first on a tie.
    hits.sort((x, y) => y.rank - x.rank)
    return hits.slice(0, limit).map((h) => h.hit)
  }

  async function article(id: number): Promise<StoredArticle | null> {
    // Not an id the bigint column could hold: nothing stored under it (SQLite answers the same).
    if (!Number.isSafeInteger(id)) return null
    const [row] = await queryRows<ArticleRow & Record<string, unknown>>(
      db,
      'SELECT id, key, duplicate_of, text, extraction FROM articles WHERE id = $1',
      [id],
    )
    if (row === undefined) return null
    return {
      id: row.id,
      key: row.key,
      duplicateOf: row.duplicate_of,
      extraction: { ...row.extraction, article: { ...row.extraction.article, text: row.text } },
    }
  }

  async function counts(): Promise<StoreCounts> {
    const [row] = await queryRows<StoreCounts & Record<string, unknown>>(
      db,
      `SELECT
      (SELECT count(*) FROM articles) AS "articles",
      (SELECT count(*) FROM events) AS "events",
      (SELECT count(*) FROM entities) AS "entities",
      (SELECT count(*) FROM quotes) AS "quotes",
      (SELECT count(*) FROM quantities) AS "quantities",
      (SELECT count(*) FROM dates) AS "dates",
      (SELECT count(*) FROM incidents) AS "incidents"`,
    )
    if (row === undefined) throw new Error('counts returned no row')
    return row
  }

  return { events, eventPage, dyad, actors, search, article, counts }
}
