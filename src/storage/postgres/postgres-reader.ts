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
import { fts5Snippet, type PhraseInstance, type SnippetOptions } from './postgres-snippet.js'
import {
  countWords,
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

/** The columns of a `StoredEvent`, from `events e`, `articles a` and `event_groups g`. */
const EVENT_COLUMNS = `e.id AS "id", e.article_id AS "articleId", a.key AS "articleKey",
  a.title AS "articleTitle", e.code AS "code", e.label AS "label", e.root AS "root",
  e.quad_class AS "quadClass", e.goldstein AS "goldstein", e.source AS "source",
  e.target AS "target", e.source_name AS "sourceName", e.target_name AS "targetName",
  e.date AS "date", e.place AS "place", e.sentence AS "sentence",
  e.sentence_start AS "sentenceStart", e.sentence_end AS "sentenceEnd", e.rule AS "rule",
  e.mode AS "mode", e.event_key AS "eventKey", coalesce(g.num_mentions, 1) AS "numMentions",
  coalesce(g.num_sources, 1) AS "numSources", coalesce(g.num_articles, 1) AS "numArticles"`

/**
 * Events with their article and counts, for a page of events chosen first (`page`: a SELECT over
 * `events e` alone, with its own ORDER BY and LIMIT). Choosing the page before joining lets the
 * planner stop after `limit` events instead of joining every match to its article; every event
 * has its article (a foreign key), so the join keeps every row.
 */
function eventPageSql(page: string, order: string): string {
  return `SELECT ${EVENT_COLUMNS}
  FROM (${page}) e
    JOIN articles a ON a.id = e.article_id
    LEFT JOIN event_groups g ON g.event_key = e.event_key
  ORDER BY ${order}`
}

/** Newest first (by the first day the date covers), undated last, then in id order. */
const NEWEST_FIRST = 'e.date_from DESC NULLS LAST, e.id'

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
  if (filter.to !== undefined) {
    // A date's first day is never after its last: the bound on date_from follows, and lets a
    // walk of the date index start at `to`.
    const to = p(filter.to)
    parts.push(`e.date_to <= ${to} AND e.date_from <= ${to}`)
  }
  // lower() under COLLATE "C" folds ASCII letters only, as SQLite's NOCASE.
  if (filter.place !== undefined) parts.push(`lower(e.place) = lower(${p(filter.place)})`)
  if (filter.text !== undefined) {
    const words = searchWords(filter.text)
    // Text with no word in it matches no sentence.
    parts.push(words === null ? 'false' : `e.search @@ dateline_tsquery(${p(words)})`)
  }
  return parts.length === 0 ? 'true' : parts.join(' AND ')
}

/** What `search` shows around a match: FTS5's `snippet(…, '', '', '…', 24)`. */
const SNIPPET: SnippetOptions = { column: -1, words: 24, ellipsis: '…' }
/** A quote's passage is from its text (column 0): the SQLite backend's `snippet(…, 0, …)`. */
const QUOTE_SNIPPET: SnippetOptions = { ...SNIPPET, column: 0 }

/**
 * The SQL of a ranked full-text search over `articles` or `quotes` ($1: the words, separated by
 * spaces; $2: the limit), computing what FTS5's `bm25()` computes (k1 = 1.2, b = 0.75):
 *
 *   score = Σ over query words of idf · f · (k1 + 1) / (f + k1 · (1 − b + b · D / avgdl))
 *   idf = max(ln((N − n + 0.5) / (n + 0.5)), 1e-6)
 *
 * with N the table's rows and avgdl its mean words per row (`search_totals`), n the rows holding
 * the word, D the row's words (`search_tokens`) and f how often the row holds the word, weighted
 * by `frequency` (an expression over `u`, a row of `unnest(hits)`, and `m.title_words`). `hits`
 * is the row's tsvector cut down to the query's lexemes without unnesting all of it: weight C
 * (unused in the stored vectors) is set on those lexemes and the rest filtered out. Its positions
 * also give `search` the snippet. The rank is the negated score, as FTS5's `rank` column: lower
 * is better, ties by id.
 */
function bm25Search(spec: {
  readonly table: 'articles' | 'quotes'
  readonly frequency: string
  /** The number of words in the first column, whose matches weigh double (SQL). */
  readonly titleWords: string
  readonly columns: string
}): string {
  const table = spec.table
  const join =
    table === 'articles'
      ? 'JOIN articles a ON a.id = r.id'
      : 'JOIN quotes q ON q.id = r.id JOIN articles a ON a.id = q.article_id'
  return `WITH terms AS (
      SELECT w.ord, (tsvector_to_array(dateline_tsvector(w.word)))[1] AS lexeme
      FROM unnest(string_to_array($1::text, ' ')) WITH ORDINALITY AS w(word, ord)
    ), query AS MATERIALIZED (
      SELECT dateline_tsquery($1) AS q, array_agg(lexeme ORDER BY ord) AS lexemes FROM terms
    ), totals AS (
      SELECT rows::float8 AS n, tokens::float8 / greatest(rows, 1) AS avgdl
      FROM search_totals WHERE name = '${table}'
    ), idf AS MATERIALIZED (
      SELECT terms.lexeme, greatest(ln((totals.n - h.n + 0.5) / (h.n + 0.5)), 1e-6) AS idf
      FROM terms CROSS JOIN totals CROSS JOIN LATERAL (
        SELECT count(*) AS n FROM ${table}
        WHERE ${table}.search @@ quote_literal(terms.lexeme)::tsquery
      ) h
    ), matched AS MATERIALIZED (
      SELECT ${table}.id, ${table}.search_tokens AS words, ${spec.titleWords} AS title_words,
        ts_filter(setweight(${table}.search, 'C', query.lexemes), '{C}') AS hits
      FROM ${table} CROSS JOIN query WHERE ${table}.search @@ query.q
    ), scored AS (
      SELECT m.id, -sum(idf.idf * f.f * 2.2 / (f.f + 1.2 * (0.25 + 0.75 * m.words / totals.avgdl)))
        AS rank
      FROM matched m CROSS JOIN totals
        CROSS JOIN LATERAL unnest(m.hits) u
        JOIN idf ON idf.lexeme = u.lexeme
        CROSS JOIN LATERAL (SELECT ${spec.frequency} AS f) f
      GROUP BY m.id
      ORDER BY rank, m.id LIMIT $2
    ), r AS (
      SELECT scored.id, scored.rank, matched.hits FROM scored JOIN matched USING (id)
    )
    SELECT r.rank AS "rank", ${spec.columns}, (SELECT lexemes FROM query) AS "lexemes",
      (SELECT json_agg(json_build_array(u.lexeme, u.positions)) FROM unnest(r.hits) u) AS "hits"
    FROM r ${join}
    ORDER BY r.rank, r.id`
}

/** A ranked search row: its rank, the query's lexemes (one per word) and the row's matches. */
interface HitRow {
  readonly rank: number
  readonly articleId: number
  readonly title: string | null
  readonly lexemes: readonly (string | null)[]
  /** [lexeme, positions (from 1)] for each query lexeme in the row. */
  readonly hits: ReadonlyArray<readonly [string, readonly number[]]> | null
}

interface ArticleHitRow extends HitRow {
  readonly text: string
}

interface QuoteHitRow extends HitRow {
  readonly text: string
  readonly speaker: string | null
}

/**
 * The instances of each query word (phrase) in a row, as FTS5 lists them: a word typed twice is
 * two phrases with the same matches. `place` turns a word's index in the row's tsvector (from 0)
 * into the column and the word's index in it.
 */
function phraseInstances(
  row: HitRow,
  place: (position: number) => readonly [number, number],
): PhraseInstance[] {
  const instances: PhraseInstance[] = []
  for (const [lexeme, positions] of row.hits ?? []) {
    for (const [phrase, wanted] of row.lexemes.entries()) {
      if (wanted !== lexeme) continue
      for (const position of positions) {
        const [column, index] = place(position - 1)
        instances.push({ phrase, column, position: index })
      }
    }
  }
  return instances
}

function searchHit(
  row: HitRow,
  kind: SearchHit['kind'],
  articleId: number,
  snippet: string,
): { rank: number; hit: SearchHit } {
  return { rank: row.rank, hit: { articleId, kind, title: row.title, snippet } }
}

/** A passage on one line, as the SQLite backend shows it. */
function oneLine(passage: string): string {
  return passage.replace(/\s+/g, ' ').trim()
}

/** One month of a dyad while it is being counted. */
interface MonthTally {
  readonly month: string
  readonly counts: Record<1 | 2 | 3 | 4, number>
  total: number
  sum: number
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
    const page = `SELECT e.* FROM events e WHERE ${where} ORDER BY ${NEWEST_FIRST}
      LIMIT ${p(filter.limit ?? null)} OFFSET ${p(filter.offset ?? 0)}`
    return queryRows<StoredEvent & Record<string, unknown>>(
      db,
      eventPageSql(page, NEWEST_FIRST),
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
    const page = `SELECT e.* FROM events e WHERE e.id > ${after} AND ${where}
      ORDER BY e.id LIMIT ${p(size)}`
    const sql = eventPageSql(page, 'e.id')
    return queryRows<StoredEvent & Record<string, unknown>>(db, sql, p.values)
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
   * Articles (title and text) and quotes holding every word, best first by BM25 as FTS5 ranks
   * them (see {@link bm25Search}; a title hit weighs double), with FTS5's snippet of 24 words. A
   * quote's snippet is prefixed with its speaker.
   */
  async function search(words: string, limit = DEFAULT_SEARCH_LIMIT): Promise<SearchHit[]> {
    const query = searchWords(words)
    if (query === null) return []
    const articleRows = queryRows<ArticleHitRow & Record<string, unknown>>(
      db,
      bm25Search({
        table: 'articles',
        // bm25(2.0, 1.0): a title word (one of the first title_tokens) counts twice.
        // width_bucket counts the (ascending) positions up to the title's last word.
        frequency: 'cardinality(u.positions) + width_bucket(m.title_words, u.positions::int[])',
        titleWords: 'articles.title_tokens',
        columns: 'a.id AS "articleId", a.title AS "title", a.text AS "text"',
      }),
      [query, limit],
    )
    const quoteRows = queryRows<QuoteHitRow & Record<string, unknown>>(
      db,
      bm25Search({
        table: 'quotes',
        frequency: 'cardinality(u.positions)',
        titleWords: '0',
        columns: `a.title AS "title", a.id AS "articleId", q.text AS "text",
          q.speaker AS "speaker"`,
      }),
      [query, limit],
    )
    const hits: Array<{ rank: number; hit: SearchHit }> = []
    for (const row of await articleRows) {
      // A body word's position counts on from the title's words.
      const titleWords = countWords(row.title ?? '')
      const instances = phraseInstances(row, (position) =>
        position < titleWords ? [0, position] : [1, position - titleWords],
      )
      const passage = fts5Snippet([row.title ?? '', row.text], instances, SNIPPET)
      hits.push(searchHit(row, 'article', row.articleId, oneLine(passage)))
    }
    for (const row of await quoteRows) {
      const textWords = countWords(row.text)
      const instances = phraseInstances(row, (position) =>
        position < textWords ? [0, position] : [1, position - textWords],
      )
      // Column 0: the passage is always from the quotation (its speaker is shown before it).
      const passage = oneLine(fts5Snippet([row.text, row.speaker ?? ''], instances, QUOTE_SNIPPET))
      const snippet = row.speaker ? `${row.speaker}: ${passage}` : passage
      hits.push(searchHit(row, 'quote', row.articleId, snippet))
    }
    // BM25 as FTS5 gives it is negative, lower is better; the sort is stable (articles first).
    hits.sort((x, y) => x.rank - y.rank)
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
