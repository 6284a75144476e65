/**
 * Scores extractions against `dateline-gold/1` answers, by the matching rules of
 * `../shared/gold/README.md` ("How an extraction is scored"). The rules are applied as the
 * independent scorer (`../shared/tools/score.py`) applies them, down to how it reads loosely typed
 * values, so that both print the same numbers for the same files.
 */
import { z } from 'zod'
import { IngestError } from '../core/errors.js'
import {
  describeIssues,
  type GoldArticle,
  type GoldDate,
  type GoldEntity,
  type GoldEvent,
  type GoldQuantity,
  type GoldQuote,
} from './gold.js'

/** The scored fields, in report order. */
export const FIELDS = ['entity', 'date', 'quantity', 'quote', 'event'] as const
export type Field = (typeof FIELDS)[number]

// ---------------------------------------------------------------------------------------------
// What the scorer reads from an extraction

export interface ScorableEntity {
  readonly name?: string | null
  readonly type?: string | null
  readonly country?: string | null
  readonly lat?: number | null
  readonly lon?: number | null
}

export interface ScorableDate {
  readonly text?: string | null
  /** Compared as text; a number (`2024`) reads as its digits. */
  readonly value?: string | number | boolean | null
}

export interface ScorableQuantity {
  /** A number, or a string that reads as one (`"2.5e9"`). */
  readonly value?: number | string | boolean | null
  readonly unit?: string | null
}

export interface ScorableQuote {
  /** The canonical name, or an object carrying it as `name`. */
  readonly speaker?: string | { readonly name?: string | null } | null
  readonly text?: string | null
}

export interface ScorableEvent {
  readonly code?: string | number | null
  readonly source?: string | null
  readonly target?: string | null
  /** `{ start, end }` in UTF-16 code units of the analysed text. */
  readonly sentence?: unknown
  /** Used in place of the sentence only when `sentence` gives no usable span. */
  readonly evidence?: unknown
}

/**
 * The part of an extraction the scorer reads (see the gold README): any JSON with these fields
 * scores, whatever else it carries. Every `Extraction` is one.
 */
export interface ScorableExtraction {
  /** The analysed text, when echoed at the top level (it wins over `article.text`). */
  readonly text?: string | null
  readonly article?: { readonly text?: string | null } | null
  readonly entities?: readonly ScorableEntity[] | null
  readonly dates?: readonly ScorableDate[] | null
  readonly quantities?: readonly ScorableQuantity[] | null
  readonly quotes?: readonly ScorableQuote[] | null
  readonly events?: readonly ScorableEvent[] | null
}

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]).optional()
const nullableText = z.string().nullish()

/**
 * A lenient zod schema for {@link ScorableExtraction}: every field may be absent or null, other
 * keys pass through, and values the scorer reads loosely (a date's `value`, a figure's `value`, an
 * event's `sentence`) may come in any JSON form.
 */
export const scorableExtractionSchema = z.looseObject({
  text: nullableText,
  article: z.looseObject({ text: nullableText }).nullish(),
  entities: z
    .array(
      z.looseObject({
        name: nullableText,
        type: nullableText,
        country: nullableText,
        lat: z.number().nullish(),
        lon: z.number().nullish(),
      }),
    )
    .nullish(),
  dates: z.array(z.looseObject({ text: nullableText, value: scalar })).nullish(),
  quantities: z.array(z.looseObject({ value: scalar, unit: nullableText })).nullish(),
  quotes: z
    .array(
      z.looseObject({
        speaker: z.union([z.string(), z.looseObject({ name: nullableText }), z.null()]).optional(),
        text: nullableText,
      }),
    )
    .nullish(),
  events: z
    .array(
      z.looseObject({
        code: z.union([z.string(), z.number(), z.null()]).optional(),
        source: nullableText,
        target: nullableText,
        sentence: z.unknown().optional(),
        evidence: nullableText,
      }),
    )
    .nullish(),
})

/**
 * Validates parsed JSON as a {@link ScorableExtraction}; throws an `IngestError` with a one-line
 * message naming `name` when it is not one.
 *
 * @example
 * const ext = parseScorableExtraction(JSON.parse(raw), 'out/xi.json')
 */
export function parseScorableExtraction(value: unknown, name: string): ScorableExtraction {
  const result = scorableExtractionSchema.safeParse(value)
  if (!result.success) {
    throw new IngestError(
      'INGEST_MALFORMED',
      name,
      `not an extraction: ${describeIssues(result.error)}`,
      { cause: result.error },
    )
  }
  return result.data
}

/**
 * Reads what an extract command printed, as score.py does: a JSON object, an array (or JSONL)
 * whose first item is the extraction, or an object wrapping it in `extraction`.
 *
 * @example
 * const ext = readExtractionOutput(stdout, 'xi-mishustin-2023-12-20.txt')
 */
export function readExtractionOutput(output: string, name: string): ScorableExtraction {
  const trimmed = output.trim()
  let doc: unknown
  try {
    doc = JSON.parse(trimmed) as unknown
  } catch {
    const first = trimmed.split(PY_LINE_BREAK)[0] ?? ''
    try {
      doc = JSON.parse(first) as unknown
    } catch (cause) {
      const why = cause instanceof Error ? cause.message : String(cause)
      throw new IngestError('INGEST_MALFORMED', name, `no extraction JSON (${why})`, { cause })
    }
  }
  if (Array.isArray(doc)) doc = doc[0]
  if (isRecord(doc) && isRecord(doc['extraction'])) doc = doc['extraction']
  return parseScorableExtraction(doc, name)
}

// The line boundaries of Python's str.splitlines(), which score.py uses to read JSONL; they
// include the ASCII file, group and record separators.
// eslint-disable-next-line no-control-regex
const PY_LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/u

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

// ---------------------------------------------------------------------------------------------
// Results

export interface Counts {
  readonly tp: number
  readonly fp: number
  readonly fn: number
}

export interface FieldScore extends Counts {
  readonly precision: number
  readonly recall: number
  readonly f1: number
}

/** An output event counted as a false positive, with the sentence text it points at. */
export interface EventExtra {
  readonly event: ScorableEvent
  readonly sentence: string
}

/** Gold items no output matched, per field. */
export interface FieldMisses {
  readonly entity: readonly GoldEntity[]
  readonly date: readonly GoldDate[]
  readonly quantity: readonly GoldQuantity[]
  readonly quote: readonly GoldQuote[]
  readonly event: readonly GoldEvent[]
}

/** Output items counted as false positives, per field. */
export interface FieldExtras {
  readonly entity: readonly ScorableEntity[]
  readonly date: readonly ScorableDate[]
  readonly quantity: readonly ScorableQuantity[]
  readonly quote: readonly ScorableQuote[]
  readonly event: readonly EventExtra[]
}

/** One article's counts, its misses and extras (for a verbose report), or why it failed. */
export interface ArticleScore {
  readonly name: string
  readonly counts: Readonly<Record<Field, Counts>>
  /** Matched gold events that have a `code`, and how many of them the output coded exactly. */
  readonly exact: { readonly correct: number; readonly matched: number }
  readonly misses: FieldMisses
  readonly extras: FieldExtras
  /** Set when there was no extraction to score: every gold item is then a miss. */
  readonly error: string | null
}

export interface EvalReport {
  readonly articles: readonly ArticleScore[]
  readonly fields: Readonly<Record<Field, FieldScore>>
  /** Exact CAMEO code over matched events: correct / matched. */
  readonly exact: { readonly correct: number; readonly matched: number; readonly accuracy: number }
  /** Articles that had no extraction. */
  readonly failures: number
}

/** An article's gold with its extraction, or with the reason there is none. */
export type EvalPair =
  | { readonly gold: GoldArticle; readonly extraction: ScorableExtraction }
  | { readonly gold: GoldArticle; readonly error: string }

// ---------------------------------------------------------------------------------------------
// Reading values as score.py (Python) reads them

// Python's str.isspace() set, which str.strip() removes; JavaScript's trim() differs slightly
// (it strips U+FEFF and keeps U+001C–U+001F and U+0085).
const PY_SPACE =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'
const PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'gu')

/** `(s or "").strip().lower()` */
function low(s: unknown): string {
  return typeof s === 'string' ? s.replace(PY_STRIP, '').toLowerCase() : ''
}

/** `str(v)` for a JSON scalar; an absent key reads as `absent`. */
function pyStr(v: unknown, absent = 'None'): string {
  if (v === undefined) return absent
  if (v === null) return 'None'
  if (typeof v === 'boolean') return v ? 'True' : 'False'
  return String(v)
}

// Python's float() syntax: digits with single underscores between them (`1_000`), an optional
// fraction (`.5`, `2.`, `2.5`) and exponent (`2.0e11`), or inf/infinity/nan; surrounding white
// space is allowed.
const DIGITS = String.raw`\d(?:_?\d)*`
const DECIMAL = String.raw`(?:(?:${DIGITS})?\.${DIGITS}|${DIGITS}\.?)`
const EXPONENT = String.raw`(?:e[+-]?${DIGITS})?`
const PY_FLOAT = new RegExp(`^[${PY_SPACE}]*([+-]?${DECIMAL}${EXPONENT})[${PY_SPACE}]*$`, 'iu')
const PY_FLOAT_SPECIAL = new RegExp(`^[${PY_SPACE}]*([+-]?)(inf|infinity|nan)[${PY_SPACE}]*$`, 'iu')
const PY_INT = new RegExp(`^[${PY_SPACE}]*([+-]?${DIGITS})[${PY_SPACE}]*$`, 'u')

/** `float(v)`, or null where Python raises. */
function pyFloat(v: unknown): number | null {
  if (typeof v === 'number') return v
  if (typeof v === 'boolean') return v ? 1 : 0
  if (typeof v !== 'string') return null
  const m = PY_FLOAT.exec(v)
  if (m?.[1] !== undefined) return Number(m[1].replaceAll('_', ''))
  const s = PY_FLOAT_SPECIAL.exec(v)
  if (s?.[2] === undefined) return null
  if (s[2].toLowerCase() === 'nan') return Number.NaN
  return s[1] === '-' ? -Infinity : Infinity
}

/** `int(v)`, or null where Python raises. */
function pyInt(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : null
  if (typeof v === 'boolean') return v ? 1 : 0
  if (typeof v !== 'string') return null
  const m = PY_INT.exec(v)
  return m?.[1] === undefined ? null : Number(m[1].replaceAll('_', ''))
}

/** Python truthiness of a JSON value. */
function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0
  if (isRecord(v)) return Object.keys(v).length > 0
  return Boolean(v)
}

/** The first three letters of an actor code, upper-cased: `CHNGOV` → `CHN`. */
function countryOf(code: unknown): string {
  return typeof code === 'string' ? code.slice(0, 3).toUpperCase() : ''
}

const ORGANISATION_PREFIXES = new Set(['IGO', 'NGO', 'MNC'])

/**
 * Does an output actor code stand for a gold country or organisation code? Its first three
 * letters do, or, for an international, non-governmental or multinational actor, the organisation
 * code inside it (`IGOUNOHCR` stands for `UNO`).
 */
function actorIs(code: unknown, gold: string): boolean {
  const c = typeof code === 'string' ? code.toUpperCase() : ''
  const head = c.slice(0, 3)
  return head === gold || (ORGANISATION_PREFIXES.has(head) && c.slice(3).includes(gold))
}

// A slice that cuts a surrogate pair leaves a lone half; Python's UTF-16 decoding (errors=
// "replace") turns each into U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** The text of an output event's sentence span, or its `evidence` when it has no usable span. */
function sentenceText(text: string, o: ScorableEvent): string {
  const s = o.sentence
  const start = isRecord(s) ? pyInt(s['start']) : null
  const end = isRecord(s) ? pyInt(s['end']) : null
  if (start === null || end === null) return typeof o.evidence === 'string' ? o.evidence : ''
  // String#slice counts UTF-16 code units and treats negative offsets as Python slices do.
  return text.slice(start, end).replace(LONE_SURROGATE, '\uFFFD')
}

/** Whose a quote is: `speaker`, or `speaker.name`. */
function speakerName(o: ScorableQuote): unknown {
  const sp = o.speaker
  return isRecord(sp) ? sp['name'] : sp
}

const CORE_UNITS = new Set(['percent', 'magnitude', 'people'])

/**
 * Units whose extra outputs count against precision: ISO 4217 currency codes (three upper-case
 * letters) and the core units; figures in other units count only where the gold lists them.
 */
function isScoredUnit(unit: unknown): boolean {
  const u = typeof unit === 'string' ? unit.replace(PY_STRIP, '') : ''
  if (CORE_UNITS.has(u.toLowerCase())) return true
  return /^\p{L}{3}$/u.test(u) && u === u.toUpperCase() && u !== u.toLowerCase()
}

interface Greedy<G> {
  /** Each matched gold item with the index of its output. */
  readonly pairs: ReadonlyArray<readonly [G, number]>
  readonly used: ReadonlySet<number>
  readonly misses: readonly G[]
}

/** Each gold item, in order, takes the first output not yet taken that matches it. */
function greedy<G, O>(
  gold: readonly G[],
  out: readonly O[],
  match: (g: G, o: O) => boolean,
): Greedy<G> {
  const used = new Set<number>()
  const pairs: Array<readonly [G, number]> = []
  const misses: G[] = []
  for (const g of gold) {
    const hit = out.findIndex((o, j) => !used.has(j) && match(g, o))
    if (hit < 0) {
      misses.push(g)
    } else {
      used.add(hit)
      pairs.push([g, hit])
    }
  }
  return { pairs, used, misses }
}

function counts(gold: readonly unknown[], g: Greedy<unknown>, fp: number): Counts {
  return { tp: g.pairs.length, fp, fn: gold.length - g.pairs.length }
}

// ---------------------------------------------------------------------------------------------
// Per field

function scoreEntities(gold: readonly GoldEntity[], out: readonly ScorableEntity[]) {
  const match = (g: GoldEntity, o: ScorableEntity): boolean => {
    const names = new Set([low(g.name), ...g.aliases.map(low)])
    if (low(o.type) !== low(g.type) || !names.has(low(o.name))) return false
    if (g.country && countryOf(o.country) !== g.country) return false
    if (g.lat !== undefined) {
      if (typeof o.lat !== 'number' || Math.abs(o.lat - g.lat) > 1) return false
      if (g.lon !== undefined && (typeof o.lon !== 'number' || Math.abs(o.lon - g.lon) > 1)) {
        return false
      }
    }
    return true
  }
  const result = greedy(gold, out, match)
  // an unmatched output counts against precision only when the gold annotates its type
  const goldTypes = new Set(gold.map((g) => low(g.type)))
  const extras = out.filter((o, j) => !result.used.has(j) && goldTypes.has(low(o.type)))
  return { counts: counts(gold, result, extras.length), misses: result.misses, extras }
}

function scoreDates(gold: readonly GoldDate[], out: readonly ScorableDate[]) {
  // "this year" inside "first 11 months of this year" overlaps it, and so does the reverse
  const overlaps = (gt: string, ot: string): boolean => gt.includes(ot) || ot.includes(gt)
  const match = (g: GoldDate, o: ScorableDate): boolean => {
    const ot = low(o.text)
    return ot !== '' && overlaps(low(g.text), ot) && pyStr(o.value) === g.value
  }
  const result = greedy(gold, out, match)
  const goldTexts = gold.map((g) => low(g.text))
  const matchedValues = new Set([...result.used].map((j) => pyStr(out[j]?.value)))
  // an output overlapping a gold expression, or repeating a matched value, is not an extra
  const isExtra = (o: ScorableDate): boolean => {
    const ot = low(o.text)
    const overlapping = ot !== '' && goldTexts.some((gt) => overlaps(gt, ot))
    return !overlapping && !matchedValues.has(pyStr(o.value))
  }
  const extras = out.filter((o, j) => !result.used.has(j) && isExtra(o))
  return { counts: counts(gold, result, extras.length), misses: result.misses, extras }
}

interface ValueUnit {
  readonly value: number
  readonly unit?: string | null
}

function scoreQuantities(
  gold: readonly GoldQuantity[],
  optional: readonly GoldQuantity[],
  out: readonly ScorableQuantity[],
) {
  const match = (g: ValueUnit, o: ScorableQuantity): boolean => {
    const v = pyFloat(o.value)
    if (v === null) return false
    return Math.abs(v - g.value) <= 0.005 * Math.abs(g.value) && low(o.unit) === low(g.unit)
  }
  const result = greedy(gold, out, match)
  // a repeat of a matched figure (headline and body) is not an extra, nor is a figure the gold
  // lists as optional (the bounds of a range)
  const matched: ValueUnit[] = [...result.used].map((j) => ({
    value: (truthy(out[j]?.value) ? pyFloat(out[j]?.value) : null) ?? 0,
    unit: out[j]?.unit ?? null,
  }))
  const excused = [...matched, ...optional]
  const extras = out.filter(
    (o, j) => !result.used.has(j) && isScoredUnit(o.unit) && !excused.some((g) => match(g, o)),
  )
  return { counts: counts(gold, result, extras.length), misses: result.misses, extras }
}

function scoreQuotes(
  gold: readonly GoldQuote[],
  entities: readonly GoldEntity[],
  out: readonly ScorableQuote[],
) {
  // every name and alias of a gold person or organisation, mapped to its canonical name
  const canonical = new Map<string, string>()
  for (const e of entities) {
    if (e.type !== 'person' && e.type !== 'organization') continue
    for (const n of [e.name, ...e.aliases]) canonical.set(low(n), low(e.name))
  }
  const known = new Set(canonical.values())
  const speakerOf = (o: ScorableQuote): string => {
    const sp = low(speakerName(o))
    return canonical.get(sp) ?? sp
  }
  const match = (g: GoldQuote, o: ScorableQuote): boolean =>
    speakerOf(o) === low(g.speaker) && low(o.text).includes(low(g.contains))
  const result = greedy(gold, out, match)
  // statements credited to countries or unnamed officials are neither right nor wrong: extras
  // count only when credited to a speaker the gold knows
  const extras = out.filter((o, j) => !result.used.has(j) && known.has(speakerOf(o)))
  return { counts: counts(gold, result, extras.length), misses: result.misses, extras }
}

function scoreEvents(
  gold: readonly GoldEvent[],
  optional: readonly GoldEvent[],
  out: readonly ScorableEvent[],
  text: string,
) {
  const codeOf = (o: ScorableEvent): string => pyStr(o.code, '')
  const match = (g: GoldEvent, o: ScorableEvent): boolean => {
    if (!sentenceText(text, o).includes(g.evidence)) return false
    const forward = actorIs(o.source, g.source) && actorIs(o.target, g.target)
    const backward =
      g.symmetric === true && actorIs(o.target, g.source) && actorIs(o.source, g.target)
    const code = codeOf(o)
    return (forward || backward) && g.roots.some((r) => code.startsWith(r))
  }
  const result = greedy(gold, out, match)
  let correct = 0
  let matched = 0
  for (const [g, j] of result.pairs) {
    matched++
    if (g.code && pyStr(out[j]?.code) === g.code) correct++
  }
  // optional events, and the second direction of a symmetric event, are not extras
  const excused = [...optional, ...gold.filter((g) => g.symmetric === true)]
  const extras: EventExtra[] = []
  out.forEach((o, j) => {
    if (result.used.has(j) || excused.some((g) => match(g, o))) return
    extras.push({ event: o, sentence: sentenceText(text, o) })
  })
  return {
    counts: counts(gold, result, extras.length),
    misses: result.misses,
    extras,
    exact: { correct, matched },
  }
}

// ---------------------------------------------------------------------------------------------
// Articles and reports

/**
 * The text an extraction's offsets index: the text it echoes (top-level `text`, then
 * `article.text`), else the gold article's analysed text.
 */
export function offsetText(gold: GoldArticle, extraction: ScorableExtraction): string {
  return extraction.text || extraction.article?.text || gold.text
}

/**
 * Scores one article's extraction against its gold answers.
 *
 * @example
 * const score = scoreArticle(golds[0], extraction)
 * score.counts.event // { tp: 3, fp: 1, fn: 1 }
 */
export function scoreArticle(gold: GoldArticle, extraction: ScorableExtraction): ArticleScore {
  const g = gold.gold
  const text = offsetText(gold, extraction)
  const entity = scoreEntities(g.entities, extraction.entities ?? [])
  const date = scoreDates(g.dates, extraction.dates ?? [])
  const quantity = scoreQuantities(g.quantities, g.optional_quantities, extraction.quantities ?? [])
  const quote = scoreQuotes(g.quotes, g.entities, extraction.quotes ?? [])
  const event = scoreEvents(g.events, g.optional_events, extraction.events ?? [], text)
  return {
    name: gold.name,
    counts: {
      entity: entity.counts,
      date: date.counts,
      quantity: quantity.counts,
      quote: quote.counts,
      event: event.counts,
    },
    exact: event.exact,
    misses: {
      entity: entity.misses,
      date: date.misses,
      quantity: quantity.misses,
      quote: quote.misses,
      event: event.misses,
    },
    extras: {
      entity: entity.extras,
      date: date.extras,
      quantity: quantity.extras,
      quote: quote.extras,
      event: event.extras,
    },
    error: null,
  }
}

/** An article with no extraction: every gold item is a miss, nothing is an extra. */
export function failedArticle(gold: GoldArticle, error: string): ArticleScore {
  const g = gold.gold
  const none = (n: number): Counts => ({ tp: 0, fp: 0, fn: n })
  return {
    name: gold.name,
    counts: {
      entity: none(g.entities.length),
      date: none(g.dates.length),
      quantity: none(g.quantities.length),
      quote: none(g.quotes.length),
      event: none(g.events.length),
    },
    exact: { correct: 0, matched: 0 },
    misses: {
      entity: g.entities,
      date: g.dates,
      quantity: g.quantities,
      quote: g.quotes,
      event: g.events,
    },
    extras: { entity: [], date: [], quantity: [], quote: [], event: [] },
    error,
  }
}

/** Precision, recall and F1 from counts; each is 0 when its denominator is. */
export function fieldScore(c: Counts): FieldScore {
  const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0
  const recall = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 0
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0
  return { ...c, precision, recall, f1 }
}

/**
 * Scores every article and sums the counts per field (micro-averaged P/R/F1), with exact-code
 * accuracy over all matched events.
 *
 * @example
 * const report = scoreAll(golds.map((gold) => ({ gold, extraction: extract(gold.articlePath) })))
 * report.fields.event.f1
 */
export function scoreAll(pairs: readonly EvalPair[]): EvalReport {
  const articles = pairs.map((p) =>
    'extraction' in p ? scoreArticle(p.gold, p.extraction) : failedArticle(p.gold, p.error),
  )
  const total = (f: Field): FieldScore =>
    fieldScore(
      articles.reduce<Counts>(
        (sum, a) => ({
          tp: sum.tp + a.counts[f].tp,
          fp: sum.fp + a.counts[f].fp,
          fn: sum.fn + a.counts[f].fn,
        }),
        { tp: 0, fp: 0, fn: 0 },
      ),
    )
  const correct = articles.reduce((n, a) => n + a.exact.correct, 0)
  const matched = articles.reduce((n, a) => n + a.exact.matched, 0)
  return {
    articles,
    fields: {
      entity: total('entity'),
      date: total('date'),
      quantity: total('quantity'),
      quote: total('quote'),
      event: total('event'),
    },
    exact: { correct, matched, accuracy: matched > 0 ? correct / matched : 0 },
    failures: articles.filter((a) => a.error !== null).length,
  }
}

/** Minimum F1 per field (`--min-event-f1 0.6`). */
export type MinimumF1 = Partial<Readonly<Record<Field, number>>>

/**
 * What keeps a report from passing: each field whose F1 is below its minimum (compared
 * unrounded), and failed articles; empty when it passes.
 *
 * @example
 * shortfalls(report, { event: 0.6 }) // ['event F1 0.52 < 0.60']
 */
export function shortfalls(report: EvalReport, minimum: MinimumF1 = {}): string[] {
  const short: string[] = []
  for (const f of FIELDS) {
    const min = minimum[f]
    const f1 = report.fields[f].f1
    if (min !== undefined && f1 < min) {
      short.push(`${f} F1 ${formatFixed2(f1)} < ${formatFixed2(min)}`)
    }
  }
  if (report.failures > 0) short.push(`${report.failures} article(s) failed`)
  return short
}

/**
 * A number with two decimals as Python's `format(x, '.2f')` writes it. `toFixed` rounds an
 * exact tie up (0.125 → "0.13") where Python rounds it to even ("0.12"); a double is an exact tie
 * at two decimals only when eight times it is an odd integer.
 */
export function formatFixed2(x: number): string {
  const eighths = x * 8
  if (Number.isInteger(eighths) && eighths % 2 !== 0) {
    const hundredths = Math.floor(x * 100)
    const even = hundredths % 2 === 0 ? hundredths : hundredths + 1
    return (even / 100).toFixed(2)
  }
  return x.toFixed(2)
}
