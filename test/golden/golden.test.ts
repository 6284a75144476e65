/**
 * Golden test: the shared gold articles (`../shared/gold/articles`, read at run time and never
 * copied) scored in-process by the project's own scorer, as `dateline eval` scores them. A field
 * fails when its F1 falls below the floor kept in `test/golden/floors.json`. A second test checks
 * that every span of every gold article's extraction indexes `article.text`.
 */
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { test } from 'node:test'
import { z } from 'zod'
import type { Article } from '../../src/core/document.js'
import type { Extraction } from '../../src/core/extraction.js'
import { createExtractor } from '../../src/extractor.js'
import { loadGoldDir, type GoldArticle } from '../../src/eval/gold.js'
import {
  FIELDS,
  formatFixed2,
  parseScorableExtraction,
  scoreAll,
  type EvalPair,
  type EvalReport,
  type Field,
} from '../../src/eval/score-gold.js'
import { readInputs } from '../../src/ingest/read-inputs.js'

/** Relative to the project root, where the tests run. */
const GOLD_ROOT = '../shared/gold'
const GOLD_DIR = `${GOLD_ROOT}/articles`
const FLOORS_PATH = 'test/golden/floors.json'

const SKIP = existsSync(GOLD_ROOT)
  ? false
  : `${GOLD_ROOT} is absent (the shared gold set sits beside the project checkout): ` +
    'golden tests skipped'

const unit = z.number().min(0).max(1)
const floorsSchema = z.object({
  floors: z.object({ entity: unit, date: unit, quantity: unit, quote: unit, event: unit }),
})

function loadFloors(): Readonly<Record<Field, number>> {
  return floorsSchema.parse(JSON.parse(readFileSync(FLOORS_PATH, 'utf8'))).floors
}

interface GoldRun {
  readonly golds: readonly GoldArticle[]
  /** Extractions by gold article name; an article that could not be read has none. */
  readonly extractions: ReadonlyMap<string, Extraction>
  /** Why an article has no extraction, by name. */
  readonly errors: ReadonlyMap<string, string>
  readonly report: EvalReport
}

/** Reads and extracts every gold article as `dateline eval` does, then scores them. */
async function runGold(): Promise<GoldRun> {
  const golds = loadGoldDir(GOLD_DIR)
  const extractor = createExtractor()
  const extractions = new Map<string, Extraction>()
  const errors = new Map<string, string>()
  const pairs: EvalPair[] = []
  for (const gold of golds) {
    let article: Article | null = null
    let error = 'no article read'
    for await (const result of readInputs([gold.articlePath])) {
      if (result.ok) article ??= result.article
      else error = result.error.message
    }
    if (article === null) {
      errors.set(gold.name, error)
      pairs.push({ gold, error })
      continue
    }
    const extraction = extractor.extract(article)
    extractions.set(gold.name, extraction)
    // Round-tripped through JSON, so the scorer sees exactly what `dateline extract` writes.
    const scorable = parseScorableExtraction(JSON.parse(JSON.stringify(extraction)), gold.name)
    pairs.push({ gold, extraction: scorable })
  }
  return { golds, extractions, errors, report: scoreAll(pairs) }
}

let goldRun: Promise<GoldRun> | undefined
/** The gold run, made once and shared by every test of this file. */
const gold = (): Promise<GoldRun> => (goldRun ??= runGold())

test('golden: every gold article is read and extracted', { skip: SKIP }, async () => {
  const { golds, errors } = await gold()
  assert.ok(golds.length > 0, `no gold articles in ${GOLD_DIR}`)
  assert.deepEqual(Object.fromEntries(errors), {}, 'gold articles that could not be read')
})

/** Short labels for gold misses or output extras of one field, for a failure message. */
function labels(report: EvalReport, field: Field, which: 'misses' | 'extras'): string {
  const all = report.articles.flatMap((a) =>
    (a[which][field] as readonly Readonly<Record<string, unknown>>[]).map((item) => {
      // An item is best named by its name, text, quoted words, evidence or sentence (an extra
      // event), else by its value.
      const label =
        item['name'] ??
        item['text'] ??
        item['contains'] ??
        item['evidence'] ??
        item['sentence'] ??
        item['value']
      const speaker = typeof item['speaker'] === 'string' ? `${item['speaker']}: ` : ''
      return `${a.name}: ${speaker}${JSON.stringify(label)}`
    }),
  )
  const shown = all.slice(0, 8).join('; ')
  return all.length > 8 ? `${shown}; and ${all.length - 8} more` : shown || '(none)'
}

for (const field of FIELDS) {
  test(`golden: ${field} F1 stays at or above its floor`, { skip: SKIP }, async (t) => {
    const floor = loadFloors()[field]
    const { report } = await gold()
    const s = report.fields[field]
    const [f1, p, r] = [s.f1, s.precision, s.recall].map(formatFixed2)
    const summary = `${field} F1 ${f1} (P ${p} R ${r}; tp ${s.tp} fp ${s.fp} fn ${s.fn})`
    t.diagnostic(`${summary}, floor ${formatFixed2(floor)}`)
    // Compared unrounded, as `dateline eval --min-*-f1` compares.
    assert.ok(
      s.f1 >= floor,
      `${summary} fell below its floor ${formatFixed2(floor)} in ${FLOORS_PATH}; ` +
        `missed: ${labels(report, field, 'misses')}; extras: ${labels(report, field, 'extras')}`,
    )
    if (s.f1 - floor >= 0.01) {
      t.diagnostic(`${field} F1 is above its floor: raise it in ${FLOORS_PATH}`)
    }
  })
}

/** A span that does not index the text it claims, described for a failure message. */
interface BadSpan {
  readonly where: string
  readonly start: number
  readonly end: number
  readonly text: string
  readonly actual: string
}

/**
 * Every span of an extraction that does not satisfy `article.text.slice(start, end) === text`:
 * entity mentions, dates, quantities, quotes and sentences.
 */
function badSpans(extraction: Extraction): BadSpan[] {
  const text = extraction.article.text
  const bad: BadSpan[] = []
  const check = (where: string, s: { start: number; end: number; text: string }): void => {
    const valid =
      Number.isInteger(s.start) &&
      Number.isInteger(s.end) &&
      s.start >= 0 &&
      s.start <= s.end &&
      s.end <= text.length &&
      text.slice(s.start, s.end) === s.text
    if (!valid) {
      const actual = text.slice(s.start, s.end)
      bad.push({ where, start: s.start, end: s.end, text: s.text, actual })
    }
  }
  for (const e of extraction.entities) {
    for (const [i, m] of e.mentions.entries()) check(`entity ${e.name} mention ${i}`, m)
  }
  for (const d of extraction.dates) check(`date ${d.id}`, d)
  for (const q of extraction.quantities) check(`quantity ${q.id}`, q)
  for (const q of extraction.quotes) check(`quote ${q.id}`, q)
  for (const s of extraction.sentences) check(`sentence ${s.index}`, s)
  return bad
}

test('golden: every span of every extraction indexes article.text', { skip: SKIP }, async (t) => {
  const { golds, extractions } = await gold()
  for (const g of golds) {
    await t.test(g.name, () => {
      const extraction = extractions.get(g.name)
      assert.ok(extraction, `${g.name} was not extracted`)
      // The analysed text is the text the scorer reads the gold against.
      assert.equal(extraction.article.text.length > 0, true, `${g.name}: empty article.text`)
      assert.ok(extraction.sentences.length > 0, `${g.name}: no sentences`)
      assert.deepEqual(badSpans(extraction), [])
    })
  }
})
