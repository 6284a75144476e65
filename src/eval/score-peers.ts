/**
 * Scores the event coder on the peer test suites (`../shared/peers/*.jsonl`, described in their
 * README): PETRARCH2's gold-standard records, scored on country pair + CAMEO root and on country
 * pair + full code, and PLOVER's, scored on event category + source country. The rules follow
 * `../shared/tools/score_peers.py`, so both give the same numbers for the same outputs.
 */
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { ConfigError, IngestError } from '../core/errors.js'
import { describeIssues } from './gold.js'
import { fieldScore, type FieldScore } from './score-gold.js'

const petr2RecordSchema = z.looseObject({
  id: z.string(),
  text: z.string(),
  /** The story date, `YYYYMMDD`. */
  date: z.string().nullish(),
  expected: z.array(z.looseObject({ source: z.string(), target: z.string(), code: z.string() })),
  noevents: z.boolean().optional(),
})

const ploverActorSchema = z.looseObject({ code: z.string().nullish() })

const ploverRecordSchema = z.looseObject({
  id: z.string(),
  text: z.string(),
  date: z.string().nullish(),
  /** The PLOVER category, in the 2017 names (`DEMAND`, `DISAPPROVE`, `FIGHT`, ...). */
  event: z.string(),
  source: z.array(ploverActorSchema).nullish(),
  target: z.array(ploverActorSchema).nullish(),
})

/** A PETRARCH2 gold-standard record: the expected `{source, target, code}` triples. */
export type Petr2Record = z.infer<typeof petr2RecordSchema>
/** A PLOVER gold-standard record: the event category and the source actors. */
export type PloverRecord = z.infer<typeof ploverRecordSchema>
export type PeerRecord = Petr2Record | PloverRecord

export type PeerSuiteKind = 'petr2' | 'plover'

/** Which suite a record belongs to: PETRARCH2 records list `expected` triples. */
export function isPetr2Record(r: PeerRecord): r is Petr2Record {
  return 'expected' in r && Array.isArray(r.expected)
}

/**
 * Which suite the records form, told from the first record as score_peers.py tells it (an empty
 * suite scores as PLOVER).
 */
export function peerSuiteKind(records: readonly PeerRecord[]): PeerSuiteKind {
  const first = records[0]
  return first !== undefined && isPetr2Record(first) ? 'petr2' : 'plover'
}

/**
 * Reads a peer suite (JSONL, one record a line; blank lines skipped) and validates every line.
 * A record id seen before gets `#2`, `#3`, ... appended, as score_peers.py does, so outputs pair
 * with records. Throws an `IngestError` naming `path:line` for a bad line, and when PETRARCH2 and
 * PLOVER records are mixed.
 *
 * @example
 * const records = loadPeerSuite('../shared/peers/petr2_gsr_validation.dev.jsonl')
 */
export function loadPeerSuite(path: string): PeerRecord[] {
  let raw: string
  try {
    raw = readFileSync(path, 'utf8')
  } catch (cause) {
    throw new IngestError('INGEST_NOT_FOUND', path, 'cannot be read', { cause })
  }
  const records: PeerRecord[] = []
  const seen = new Map<string, number>()
  let kind: PeerSuiteKind | null = null
  raw.split('\n').forEach((line, i) => {
    if (line.trim() === '') return
    const where = `${path}:${i + 1}`
    let value: unknown
    try {
      value = JSON.parse(line) as unknown
    } catch (cause) {
      const why = cause instanceof Error ? cause.message : String(cause)
      throw new IngestError('INGEST_MALFORMED', where, `not JSON (${why})`, { cause })
    }
    const lineKind: PeerSuiteKind =
      typeof value === 'object' && value !== null && 'expected' in value ? 'petr2' : 'plover'
    const result = (lineKind === 'petr2' ? petr2RecordSchema : ploverRecordSchema).safeParse(value)
    if (!result.success) {
      const what = lineKind === 'petr2' ? 'PETRARCH2' : 'PLOVER'
      const why = describeIssues(result.error)
      throw new IngestError('INGEST_MALFORMED', where, `not a ${what} record: ${why}`, {
        cause: result.error,
      })
    }
    kind ??= lineKind
    if (lineKind !== kind) {
      const why = 'the suite mixes PETRARCH2 and PLOVER records'
      throw new IngestError('INGEST_MALFORMED', where, why)
    }
    const record = result.data
    const n = (seen.get(record.id) ?? 0) + 1
    seen.set(record.id, n)
    records.push(n > 1 ? { ...record, id: `${record.id}#${n}` } : record)
  })
  return records
}

/** One article of the input the extract command reads: `{ id, date, text }`. */
export interface PeerInput {
  readonly id: string
  /** `YYYY-MM-DD` (a suite's `YYYYMMDD` rewritten), or null. */
  readonly date: string | null
  readonly text: string
}

/**
 * The articles to extract, one per record, with the story date as ISO (`20080804` →
 * `2008-08-04`) so relative dates resolve against it.
 *
 * @example
 * const jsonl = peerInputs(records).map((a) => JSON.stringify(a)).join('\n')
 */
export function peerInputs(records: readonly PeerRecord[]): PeerInput[] {
  return records.map((r) => {
    let date = r.date ?? ''
    const m = /^(\d{4})(\d{2})(\d{2})$/.exec(date)
    if (m) date = `${m[1]}-${m[2]}-${m[3]}`
    return { id: r.id, date: date || null, text: r.text }
  })
}

/** What the scorer reads from an output event. */
export interface PeerOutputEvent {
  readonly code?: string | number | null
  readonly source?: string | null
  readonly target?: string | null
  /** The PLOVER category where the coder maps it: a name, or an object with `event`/`category`. */
  readonly plover?: unknown
}

const peerOutputLineSchema = z.looseObject({
  id: z.unknown().optional(),
  article: z.unknown().optional(),
  events: z
    .array(
      z.looseObject({
        code: z.union([z.string(), z.number(), z.null()]).optional(),
        source: z.string().nullish(),
        target: z.string().nullish(),
        plover: z.unknown().optional(),
      }),
    )
    .nullish(),
})

/**
 * Reads the extract command's JSONL output into each article's events, keyed by `article.id`
 * (or `id`). As in score_peers.py, lines that are not JSON objects are skipped and a later line
 * for the same id wins; a line whose events are not objects is skipped too.
 *
 * @example
 * const outputs = readPeerOutputs(stdout)
 */
export function readPeerOutputs(output: string): Map<string, PeerOutputEvent[]> {
  const out = new Map<string, PeerOutputEvent[]>()
  for (const rawLine of output.split('\n')) {
    const line = rawLine.trim()
    if (!line.startsWith('{')) continue
    let value: unknown
    try {
      value = JSON.parse(line) as unknown
    } catch {
      continue
    }
    const parsed = peerOutputLineSchema.safeParse(value)
    if (!parsed.success) continue
    const d = parsed.data
    const article = d.article
    const articleId =
      typeof article === 'object' && article !== null ? (article as { id?: unknown }).id : null
    const id = articleId || d.id
    if (typeof id !== 'string') continue
    out.set(id, d.events ?? [])
  }
  return out
}

// Facts from the peer suites' README: the records use some older country codes, and the PLOVER
// gold records use the 2017 category names where the 2021 CAMEO→PLOVER table uses others.
const LEGACY_COUNTRY: ReadonlyMap<string, string> = new Map([
  ['JAP', 'JPN'],
  ['ITL', 'ITA'],
  ['VTN', 'VNM'],
])
const SAME_CATEGORY: ReadonlyMap<string, string> = new Map([
  ['REQUEST', 'DEMAND'],
  ['ACCUSE', 'DISAPPROVE'],
  ['FIGHT', 'ASSAULT'],
])
/** Roots the gold records name in 2017 terms whatever the 2021 table says of their codes. */
const ROOT_CATEGORY: ReadonlyMap<string, string> = new Map([
  ['09', 'INVESTIGATE'],
  ['19', 'FIGHT'],
])
const ORGANISATION_PREFIXES = new Set(['IGO', 'NGO', 'MNC'])

function upper(v: unknown): string {
  return typeof v === 'string' ? v.toUpperCase() : ''
}

/** A category in one naming, whichever PLOVER version it comes from. */
function sameCategory(cat: unknown): string {
  const c = upper(cat)
  return SAME_CATEGORY.get(c) ?? c
}

function countryOf(code: string): string {
  const c = code.toUpperCase().slice(0, 3)
  return LEGACY_COUNTRY.get(c) ?? c
}

/** `str(v)` for a JSON scalar, as score_peers.py reads output fields (absent reads as ''). */
function pyStr(v: unknown): string {
  if (v === undefined) return ''
  if (v === null) return 'None'
  if (typeof v === 'boolean') return v ? 'True' : 'False'
  return String(v)
}

/**
 * Does an output actor code stand for a gold one? Countries compare on their first three letters
 * (legacy codes mapped); a gold actor with no country (`---MIL`) takes an output with none
 * (`---MIL`, or the bare `MIL`); an IGO/NGO/MNC gold actor also takes the bare organisation code
 * (`UNO` for `IGOUNOMIL`).
 */
export function peerActorIs(out: unknown, gold: unknown): boolean {
  const o = upper(out)
  const g = upper(gold)
  const gc = countryOf(g)
  if (gc === '---') return o.startsWith('---') || (o.length === 3 && o === g.slice(3, 6))
  if (ORGANISATION_PREFIXES.has(gc)) {
    return countryOf(o) === gc || (o.length >= 3 && g.slice(3).startsWith(o.slice(0, 3)))
  }
  return countryOf(o) === gc
}

/** Python truthiness of a JSON value. */
function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0
  if (typeof v === 'object' && v !== null) return Object.keys(v).length > 0
  return Boolean(v)
}

/** Maps a CAMEO code (`'0311'`, `'03'`) to its PLOVER category, or null where it has none. */
export type PloverOf = (code: string) => string | null

export interface ScorePeerOptions {
  /**
   * The CAMEO→PLOVER table, e.g. `(c) => loadCameoCodebook().code(c)?.plover?.event ?? null`.
   * Read only for PLOVER suites, for events that carry no `plover` of their own.
   */
  readonly ploverOf: PloverOf
}

/** The PLOVER category an output event stands for, in one naming. */
function eventCategory(e: PeerOutputEvent, ploverOf: PloverOf): string {
  const code = pyStr(e.code)
  const lookup = (c: string): string | null => (c === '' ? null : ploverOf(c) || null)
  let cat: unknown = truthy(e.plover)
    ? e.plover
    : (lookup(code) ?? lookup(code.slice(0, 3)) ?? lookup(code.slice(0, 2)))
  if (typeof cat === 'object' && cat !== null && !Array.isArray(cat)) {
    const named = cat as { event?: unknown; category?: unknown }
    cat = truthy(named.event) ? named.event : named.category
  }
  const root = ROOT_CATEGORY.get(code.slice(0, 2))
  if (root !== undefined && !truthy(e.plover)) cat = root
  return sameCategory(cat)
}

export interface Petr2Miss {
  readonly id: string
  readonly expected: { readonly source: string; readonly target: string; readonly code: string }
  readonly got: readonly PeerOutputEvent[]
  readonly text: string
}

export interface Petr2Score {
  readonly kind: 'petr2'
  /** Country pair + CAMEO root. */
  readonly root: FieldScore
  /** Country pair + full code. */
  readonly full: FieldScore
  /** No-event sentences with no output event (a record with no output line counts as quiet). */
  readonly quiet: { readonly ok: number; readonly total: number }
  /** Records with no output line. */
  readonly missing: number
  /** The headline: root F1. */
  readonly headline: number
  /** Expected triples with no match at root level. */
  readonly misses: readonly Petr2Miss[]
}

export interface PloverMiss {
  readonly id: string
  readonly want: string
  readonly sources: readonly string[]
  readonly got: readonly PeerOutputEvent[]
}

export interface PloverScore {
  readonly kind: 'plover'
  /** Records where some output event has the gold category and, where gold names any, source. */
  readonly right: number
  readonly total: number
  readonly missing: number
  /** The headline: right / total. */
  readonly headline: number
  readonly misses: readonly PloverMiss[]
}

export type PeerScore = Petr2Score | PloverScore

interface Tally {
  tp: number
  fp: number
  fn: number
}

function scorePetr2(
  records: readonly Petr2Record[],
  outputs: ReadonlyMap<string, readonly PeerOutputEvent[]>,
): Petr2Score {
  const root: Tally = { tp: 0, fp: 0, fn: 0 }
  const full: Tally = { tp: 0, fp: 0, fn: 0 }
  const quiet = { ok: 0, total: 0 }
  const misses: Petr2Miss[] = []
  for (const r of records) {
    const got = outputs.get(r.id) ?? []
    const evs = got.map((e) => ({ s: pyStr(e.source), t: pyStr(e.target), c: pyStr(e.code) }))
    if (r.noevents) {
      quiet.total++
      if (evs.length === 0) quiet.ok++
      root.fp += evs.length
      full.fp += evs.length
      continue
    }
    for (const [tally, byRoot] of [
      [root, true],
      [full, false],
    ] as const) {
      const used = new Set<number>()
      for (const g of r.expected) {
        const hit = evs.findIndex(
          (e, j) =>
            !used.has(j) &&
            peerActorIs(e.s, g.source) &&
            peerActorIs(e.t, g.target) &&
            (byRoot ? e.c.slice(0, 2) === g.code.slice(0, 2) : e.c === g.code),
        )
        if (hit < 0) {
          tally.fn++
          if (byRoot) misses.push({ id: r.id, expected: g, got, text: r.text })
        } else {
          used.add(hit)
          tally.tp++
        }
      }
      tally.fp += evs.length - used.size
    }
  }
  const rootScore = fieldScore(root)
  return {
    kind: 'petr2',
    root: rootScore,
    full: fieldScore(full),
    quiet,
    missing: records.filter((r) => !outputs.has(r.id)).length,
    headline: rootScore.f1,
    misses,
  }
}

function scorePlover(
  records: readonly PloverRecord[],
  outputs: ReadonlyMap<string, readonly PeerOutputEvent[]>,
  ploverOf: PloverOf,
): PloverScore {
  let right = 0
  const misses: PloverMiss[] = []
  for (const r of records) {
    const sources = (r.source ?? []).map((a) => a.code ?? '')
    const want = sameCategory(r.event)
    const got = outputs.get(r.id) ?? []
    const ok = got.some(
      (e) =>
        eventCategory(e, ploverOf) === want &&
        (sources.length === 0 || sources.some((g) => peerActorIs(e.source, g))),
    )
    if (ok) right++
    else misses.push({ id: r.id, want: r.event, sources: [...sources].sort(), got })
  }
  return {
    kind: 'plover',
    right,
    total: records.length,
    missing: records.filter((r) => !outputs.has(r.id)).length,
    headline: records.length > 0 ? right / records.length : 0,
    misses,
  }
}

/**
 * Scores a peer suite's records against the coder's output events (by record id). A suite whose
 * first record lists `expected` triples is scored as PETRARCH2 (country pair + root, country pair
 * + full code, quiet no-event sentences), any other as PLOVER (category + source country).
 * Throws a `ConfigError` when the records mix the two kinds.
 *
 * @example
 * const score = scorePeerSuite(loadPeerSuite(suitePath), readPeerOutputs(stdout), {
 *   ploverOf: (code) => codebook.code(code)?.plover?.event ?? null,
 * })
 * score.headline
 */
export function scorePeerSuite(
  records: readonly PeerRecord[],
  outputs: ReadonlyMap<string, readonly PeerOutputEvent[]>,
  options: ScorePeerOptions,
): PeerScore {
  const petr2 = records.filter(isPetr2Record)
  const plover = records.filter((r): r is PloverRecord => !isPetr2Record(r))
  if (petr2.length > 0 && plover.length > 0) {
    throw new ConfigError('a peer suite mixes PETRARCH2 and PLOVER records')
  }
  return peerSuiteKind(records) === 'petr2'
    ? scorePetr2(petr2, outputs)
    : scorePlover(plover, outputs, options.ploverOf)
}
