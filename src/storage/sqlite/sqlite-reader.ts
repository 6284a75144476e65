/**
 * The queries of the SQLite backend, all parameterised: events with their GDELT-style counts,
 * dyads, actors, full-text search, one article, streaming and counts.
 */
import type BetterSqlite3 from 'better-sqlite3'
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
import { createStatementCache, ftsQuery, prefixEnd } from './sqlite-statements.js'

/** How many events, statements and figures `dyad` lists when no limit is given. */
const DEFAULT_DYAD_LIMIT = 50
/** How many actors `actors` lists when no limit is given. */
const DEFAULT_ACTOR_LIMIT = 100
/** How many hits `search` returns when no limit is given. */
const DEFAULT_SEARCH_LIMIT = 20
/**
 * A filter on one actor that keeps at least this share of all events reads them in date order
 * (see `events`): a page of 100 fills within about 100 / share rows.
 */
const DATE_ORDER_SHARE = 0.05
/** Words of context `search` shows around a match (FTS5 `snippet`, at most 64). */
const SNIPPET_TOKENS = 24

/** The columns of a `StoredEvent`, from `events e`, `articles a` and `event_groups g`. */
const EVENT_COLUMNS = `e.id AS id, e.article_id AS articleId, a.key AS articleKey,
  a.title AS articleTitle, e.code AS code, e.label AS label, e.root AS root,
  e.quad_class AS quadClass, e.goldstein AS goldstein, e.source AS source, e.target AS target,
  e.source_name AS sourceName, e.target_name AS targetName, e.date AS date, e.place AS place,
  e.sentence AS sentence, e.sentence_start AS sentenceStart, e.sentence_end AS sentenceEnd,
  e.rule AS rule, e.mode AS mode, e.event_key AS eventKey,
  coalesce(g.num_mentions, 1) AS numMentions, coalesce(g.num_sources, 1) AS numSources,
  coalesce(g.num_articles, 1) AS numArticles`

const EVENT_FROM = `FROM events e
  JOIN articles a ON a.id = e.article_id
  LEFT JOIN event_groups g ON g.event_key = e.event_key`

const QUOTE_COLUMNS = `q.article_id AS articleId, q.speaker AS speaker, q.cue AS cue,
  q.text AS text, q.date AS date, q.start AS start, q."end" AS "end"`

const QUANTITY_COLUMNS = `q.article_id AS articleId, q.text AS text, q.value AS value,
  q.unit AS unit, q.measure AS measure, q.period AS period, q.parties AS parties, q.date AS date`

/** A WHERE clause over `events e` and its parameters. */
interface Where {
  readonly sql: string
  readonly params: unknown[]
}

/** Both sides of a dyad, either direction, as prefixes of the actor codes. */
function dyadCondition(a: string, b: string): Where {
  return {
    sql: `((e.source >= ? AND e.source < ? AND e.target >= ? AND e.target < ?)
      OR (e.source >= ? AND e.source < ? AND e.target >= ? AND e.target < ?))`,
    params: [a, prefixEnd(a), b, prefixEnd(b), b, prefixEnd(b), a, prefixEnd(a)],
  }
}

/**
 * The filter as SQL. Actor, source, target, dyad and code match as prefixes (`CHN` matches
 * `CHNGOV`, `04` matches `042`). `from`/`to` keep the events whose date lies wholly within the
 * bounds (a year-grain "2024" is not in March 2024); undated events are left out when either is
 * given. `place` is matched without regard to case; `text` through FTS5 on the sentence.
 */
function eventWhere(filter: EventFilter): Where {
  const parts: string[] = []
  const params: unknown[] = []
  const prefix = (column: string, value: string): void => {
    parts.push(`(${column} >= ? AND ${column} < ?)`)
    params.push(value, prefixEnd(value))
  }
  if (filter.actor !== undefined) {
    parts.push('((e.source >= ? AND e.source < ?) OR (e.target >= ? AND e.target < ?))')
    params.push(filter.actor, prefixEnd(filter.actor), filter.actor, prefixEnd(filter.actor))
  }
  if (filter.source !== undefined) prefix('e.source', filter.source)
  if (filter.target !== undefined) prefix('e.target', filter.target)
  if (filter.dyad !== undefined) {
    const dyad = dyadCondition(filter.dyad[0], filter.dyad[1])
    parts.push(dyad.sql)
    params.push(...dyad.params)
  }
  if (filter.code !== undefined) prefix('e.code', filter.code)
  if (filter.quadClass !== undefined) {
    parts.push('e.quad_class = ?')
    params.push(filter.quadClass)
  }
  if (filter.from !== undefined) {
    parts.push('e.date_from >= ?')
    params.push(filter.from)
  }
  if (filter.to !== undefined) {
    parts.push('e.date_to <= ?')
    params.push(filter.to)
  }
  if (filter.place !== undefined) {
    parts.push('e.place = ? COLLATE NOCASE')
    params.push(filter.place)
  }
  if (filter.text !== undefined) {
    const match = ftsQuery(filter.text)
    // Text with no word in it matches no sentence.
    if (match === null) parts.push('0')
    else {
      parts.push('e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)')
      params.push(match)
    }
  }
  return { sql: parts.length === 0 ? '1' : parts.join(' AND '), params }
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
  readonly snippet: string
  readonly rank: number
}

interface ArticleRow {
  readonly id: number
  readonly key: string
  readonly duplicate_of: number | null
  readonly text: string
  readonly extraction: string
}

interface QuantityRow extends Omit<StoredQuantity, 'parties'> {
  readonly parties: string
}

function toQuantity(row: QuantityRow): StoredQuantity {
  return { ...row, parties: JSON.parse(row.parties) as string[] }
}

export interface SqliteReader {
  events(filter: EventFilter): StoredEvent[]
  /** One page of events with ids above `afterId`, in id order. */
  eventPage(filter: EventFilter, afterId: number, size: number): StoredEvent[]
  dyad(a: string, b: string, limit?: number): DyadReport
  actors(limit?: number, prefix?: string): ActorSummary[]
  search(words: string, limit?: number): SearchHit[]
  article(id: number): StoredArticle | null
  counts(): StoreCounts
}

/** The queries over an open connection. */
export function createSqliteReader(db: BetterSqlite3.Database): SqliteReader {
  const sql = createStatementCache(db)

  /**
   * The share of all events a filter on one actor (either side, source or target) keeps,
   * estimated from the actor counts; null for any other filter. (A dyad, or a source and a
   * target together, is a pair: its count cannot be told from each side's.)
   */
  function oneActorShare(filter: EventFilter): number | null {
    const sides = [filter.actor, filter.source, filter.target].filter((a) => a !== undefined)
    if (sides.length !== 1 || filter.dyad !== undefined) return null
    const total = (sql('SELECT max(id) AS n FROM events').get() as { n: number | null }).n ?? 0
    if (total === 0) return null
    const [code, column] =
      filter.actor !== undefined
        ? [filter.actor, 'as_source + as_target']
        : filter.source !== undefined
          ? [filter.source, 'as_source']
          : [filter.target ?? '', 'as_target']
    const kept = sql(`SELECT coalesce(sum(${column}), 0) AS n FROM actor_names
      WHERE code >= ? AND code < ?`).get(code, prefixEnd(code)) as { n: number }
    return kept.n / total
  }

  /**
   * Events newest first (by the first day their date covers; undated last), then in id order.
   * No limit means all of them.
   */
  function events(filter: EventFilter): StoredEvent[] {
    const where = eventWhere(filter)
    // For a busy actor (USA: half of Reuters' events) walking the date index until the page is
    // full reads a few hundred rows; gathering all its events by actor and sorting them reads
    // thousands. SQLite's planner does not weigh the LIMIT, so the choice is made here from the
    // actor counts, and only where no other filter could be rare (code, place, text).
    const byDate =
      filter.limit !== undefined &&
      filter.code === undefined &&
      filter.place === undefined &&
      filter.text === undefined &&
      (oneActorShare(filter) ?? 0) >= DATE_ORDER_SHARE
    // The page is chosen on `events` alone, then joined: joining every match before sorting
    // costs ten times as much for a busy actor.
    return sql(`SELECT ${EVENT_COLUMNS}
      FROM (SELECT e.id AS id FROM events e ${byDate ? 'INDEXED BY events_date' : ''}
        WHERE ${where.sql}
        ORDER BY e.date_from DESC, e.id LIMIT ? OFFSET ?) page
      JOIN events e ON e.id = page.id
      JOIN articles a ON a.id = e.article_id
      LEFT JOIN event_groups g ON g.event_key = e.event_key
      ORDER BY e.date_from DESC, e.id`).all(
      ...where.params,
      filter.limit ?? -1,
      filter.offset ?? 0,
    ) as StoredEvent[]
  }

  function eventPage(filter: EventFilter, afterId: number, size: number): StoredEvent[] {
    const where = eventWhere(filter)
    return sql(`SELECT ${EVENT_COLUMNS} ${EVENT_FROM} WHERE e.id > ? AND ${where.sql}
      ORDER BY e.id LIMIT ?`).all(afterId, ...where.params, size) as StoredEvent[]
  }

  /**
   * A relationship over time. Months count the dyad's events whose date falls within one month
   * (a year-grain or multi-month date has no month). Statements are those of either side's people
   * and organisations (the speaker entity's actor code or country under `a` or `b`) in articles
   * that report an event between the two; figures are those whose parties include both countries.
   */
  function dyad(a: string, b: string, limit = DEFAULT_DYAD_LIMIT): DyadReport {
    const pair = dyadCondition(a, b)
    const monthRows = sql(`SELECT substr(e.date_from, 1, 7) AS month, e.quad_class AS quad,
        count(*) AS n, sum(e.goldstein) AS goldstein
      FROM events e
      WHERE ${pair.sql} AND e.date_from IS NOT NULL
        AND substr(e.date_from, 1, 7) = substr(e.date_to, 1, 7)
      GROUP BY month, quad ORDER BY month`).all(...pair.params) as Array<{
      month: string
      quad: number
      n: number
      goldstein: number
    }>
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
    const statements = sql(`SELECT ${QUOTE_COLUMNS} FROM quotes q
      WHERE ((q.speaker_code >= ? AND q.speaker_code < ?)
          OR (q.speaker_code >= ? AND q.speaker_code < ?))
        AND q.article_id IN (SELECT e.article_id FROM events e WHERE ${pair.sql})
      ORDER BY q.date DESC, q.article_id DESC, q.start, q.id LIMIT ?`).all(
      a,
      prefixEnd(a),
      b,
      prefixEnd(b),
      ...pair.params,
      limit,
    ) as StoredQuote[]
    const figures = (
      sql(`SELECT ${QUANTITY_COLUMNS} FROM quantities q
        WHERE q.id IN (SELECT quantity_id FROM quantity_parties WHERE party = ?
          INTERSECT SELECT quantity_id FROM quantity_parties WHERE party = ?)
        ORDER BY q.date DESC, q.article_id DESC, q.start, q.id LIMIT ?`).all(
        actorCountry(a),
        actorCountry(b),
        limit,
      ) as QuantityRow[]
    ).map(toQuantity)
    return {
      a,
      b,
      months: months.map((m) => ({
        month: m.month,
        counts: m.counts,
        meanGoldstein: m.total === 0 ? 0 : Math.round((m.sum / m.total) * 100) / 100,
      })),
      events: events({ dyad: [a, b], limit }),
      statements,
      figures,
    }
  }

  /** Actors by how many events they are in (as source or target), each with its commonest name. */
  function actors(limit = DEFAULT_ACTOR_LIMIT, prefix = ''): ActorSummary[] {
    return sql(`WITH totals AS (
        SELECT code, sum(as_source) AS asSource, sum(as_target) AS asTarget
        FROM actor_names WHERE code >= ? AND code < ?
        GROUP BY code HAVING sum(as_source) + sum(as_target) > 0
        ORDER BY sum(as_source) + sum(as_target) DESC, code LIMIT ?)
      SELECT t.code AS code, t.asSource AS asSource, t.asTarget AS asTarget,
        (SELECT n.name FROM actor_names n WHERE n.code = t.code AND n.name <> ''
          ORDER BY n.as_source + n.as_target DESC, n.name LIMIT 1) AS name
      FROM totals t ORDER BY t.asSource + t.asTarget DESC, t.code`).all(
      prefix,
      prefixEnd(prefix),
      limit,
    ) as ActorSummary[]
  }

  /**
   * Articles (title and text) and quotes holding every word, best first by BM25 (FTS5 ranks;
   * a title hit weighs double). A quote's snippet is prefixed with its speaker.
   */
  function search(words: string, limit = DEFAULT_SEARCH_LIMIT): SearchHit[] {
    const match = ftsQuery(words)
    if (match === null) return []
    const articles = sql(`SELECT articles_fts.rowid AS articleId, a.title AS title,
        snippet(articles_fts, -1, '', '', '…', ${SNIPPET_TOKENS}) AS snippet,
        articles_fts.rank AS rank
      FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
      WHERE articles_fts MATCH ?
      ORDER BY articles_fts.rank LIMIT ?`).all(match, limit) as SearchRow[]
    const quotes = sql(`SELECT q.article_id AS articleId, a.title AS title, q.speaker AS speaker,
        snippet(quotes_fts, 0, '', '', '…', ${SNIPPET_TOKENS}) AS snippet, quotes_fts.rank AS rank
      FROM quotes_fts
        JOIN quotes q ON q.id = quotes_fts.rowid
        JOIN articles a ON a.id = q.article_id
      WHERE quotes_fts MATCH ? ORDER BY quotes_fts.rank LIMIT ?`).all(match, limit) as SearchRow[]
    const hit = (row: SearchRow, kind: SearchHit['kind']): { rank: number; hit: SearchHit } => {
      // A passage on one line; a quote's with its speaker.
      const passage = row.snippet.replace(/\s+/g, ' ').trim()
      const snippet = row.speaker ? `${row.speaker}: ${passage}` : passage
      return { rank: row.rank, hit: { articleId: row.articleId, kind, title: row.title, snippet } }
    }
    const hits = [...articles.map((r) => hit(r, 'article')), ...quotes.map((r) => hit(r, 'quote'))]
    // FTS5's BM25 is negative, lower is better.
    hits.sort((x, y) => x.rank - y.rank)
    return hits.slice(0, limit).map((h) => h.hit)
  }

  function article(id: number): StoredArticle | null {
    const row = sql(`SELECT id, key, duplicate_of, text, extraction
      FROM articles WHERE id = ?`).get(id) as ArticleRow | undefined
    if (row === undefined) return null
    const stored = JSON.parse(row.extraction) as Extraction
    return {
      id: row.id,
      key: row.key,
      duplicateOf: row.duplicate_of,
      extraction: { ...stored, article: { ...stored.article, text: row.text } },
    }
  }

  function counts(): StoreCounts {
    return sql(`SELECT
      (SELECT count(*) FROM articles) AS articles,
      (SELECT count(*) FROM events) AS events,
      (SELECT count(*) FROM entities) AS entities,
      (SELECT count(*) FROM quotes) AS quotes,
      (SELECT count(*) FROM quantities) AS quantities,
      (SELECT count(*) FROM dates) AS dates,
      (SELECT count(*) FROM incidents) AS incidents`).get() as StoreCounts
  }

  return { events, eventPage, dyad, actors, search, article, counts }
}
