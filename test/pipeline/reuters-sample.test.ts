/**
 * Invariants of the whole pipeline on real wire copy: the first records of the Reuters-21578
 * corpus (`../shared/corpora/reuters21578.jsonl`, streamed at run time and never copied; research
 * use only), headline-only briefs included. Accuracy is not checked here (see the golden test);
 * only what must hold for every article.
 */
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { before, test } from 'node:test'
import type { Article } from '../../src/core/document.js'
import type { Extraction } from '../../src/core/extraction.js'
import { createExtractor } from '../../src/extractor.js'
import { readInputs } from '../../src/ingest/read-inputs.js'

/** Relative to the project root, where the tests run. */
const CORPUS = '../shared/corpora/reuters21578.jsonl'
const SAMPLE = 200

const SKIP = existsSync(CORPUS)
  ? false
  : `${CORPUS} is absent (the shared corpora sit beside the project checkout): ` +
    'Reuters sample skipped'

/**
 * A date value: a day, month or year (`2023-12-20`, `2018-08`, `2024`), or an interval of days
 * or of years (`2023-01-01/2023-11-30`, `2024/2025`), as the gold README defines them. Matches
 * the same strings as `/^\d{4}(-\d{2}(-\d{2})?)?(\/\d{4}(-\d{2}-\d{2})?)?$/`.
 */
const DATE_VALUE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?(?:\/\d{4}(?:-\d{2}-\d{2})?)?$/

interface Extracted {
  readonly article: Article
  readonly extraction: Extraction
}

interface Sample {
  /** Records the reader rejected, each with its reason. */
  readonly rejected: readonly string[]
  readonly extractions: readonly Extracted[]
  /** Articles whose extraction threw, with the error. */
  readonly thrown: readonly string[]
}

/** Streams the first `SAMPLE` records and stops reading there. */
async function extractSample(): Promise<Sample> {
  const extractor = createExtractor()
  const rejected: string[] = []
  const thrown: string[] = []
  const extractions: Extracted[] = []
  let records = 0
  for await (const result of readInputs([CORPUS])) {
    records++
    if (!result.ok) rejected.push(result.error.message)
    else {
      try {
        extractions.push({ article: result.article, extraction: extractor.extract(result.article) })
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error)
        thrown.push(`${result.article.id}: ${why}`)
      }
    }
    // Leaving the loop closes the file stream: the rest of the corpus is never read.
    if (records >= SAMPLE) break
  }
  return { rejected, extractions, thrown }
}

let sample: Sample = { rejected: [], extractions: [], thrown: [] }
before(async () => {
  if (SKIP === false) sample = await extractSample()
})

/** One line per violation: `id: what`, at most `max` of them, and how many more. */
function report(violations: readonly string[], max = 15): string {
  const shown = violations.slice(0, max).join('\n  ')
  const more = violations.length > max ? `\n  and ${violations.length - max} more` : ''
  return `${violations.length} violation(s):\n  ${shown}${more}`
}

/** Runs `check` over every extraction and fails listing what it returned. */
function assertEvery(check: (e: Extraction, a: Article) => readonly string[]): void {
  assert.ok(sample.extractions.length > 0, 'nothing was extracted')
  const violations = sample.extractions.flatMap(({ article, extraction }) =>
    check(extraction, article).map((v) => `${article.id}: ${v}`),
  )
  assert.deepEqual(violations, [], report(violations))
}

test(`reuters sample: ${SAMPLE} records read and extract without a throw`, { skip: SKIP }, () => {
  assert.deepEqual(sample.rejected, [], report(sample.rejected))
  assert.deepEqual(sample.thrown, [], report(sample.thrown))
  assert.equal(sample.extractions.length, SAMPLE)
  // The sample holds headline-only briefs: real data, an empty text must extract too.
  const briefs = sample.extractions.filter(({ article }) => article.text === '')
  assert.ok(briefs.length > 0, 'no headline-only brief in the sample')
})

test('reuters sample: every span indexes article.text', { skip: SKIP }, () => {
  assertEvery((e, a) => {
    const bad: string[] = []
    const check = (where: string, s: { start: number; end: number; text: string }): void => {
      const valid =
        Number.isInteger(s.start) &&
        Number.isInteger(s.end) &&
        s.start >= 0 &&
        s.start <= s.end &&
        s.end <= a.text.length &&
        a.text.slice(s.start, s.end) === s.text
      if (!valid) bad.push(`${where} [${s.start},${s.end}) ${JSON.stringify(s.text)}`)
    }
    assert.equal(e.article.text, a.text)
    check('dateline', e.dateline)
    for (const x of e.entities) for (const m of x.mentions) check(`entity ${x.name} mention`, m)
    for (const x of e.dates) check(`date ${x.id}`, x)
    for (const x of e.quantities) check(`quantity ${x.id}`, x)
    for (const x of e.quotes) check(`quote ${x.id}`, x)
    for (const x of e.sentences) check(`sentence ${x.index}`, x)
    for (const x of e.clauses) check(`clause ${x.id}`, x)
    for (const x of e.incidents) check(`incident ${x.id}`, x)
    return bad
  })
})

test('reuters sample: every date value is a day, month, year or interval', { skip: SKIP }, () => {
  assertEvery((e) =>
    e.dates
      .filter((d) => !DATE_VALUE.test(d.value))
      .map((d) => `date ${JSON.stringify(d.text)} has value ${JSON.stringify(d.value)}`),
  )
})

test('reuters sample: every quantity has a finite value and a unit', { skip: SKIP }, () => {
  assertEvery((e) =>
    e.quantities
      .filter((q) => !Number.isFinite(q.value) || typeof q.unit !== 'string' || !q.unit.trim())
      .map((q) => `quantity ${JSON.stringify(q.text)}: ${q.value} ${JSON.stringify(q.unit)}`),
  )
})

test("reuters sample: a quote's speaker is null or an entity's name", { skip: SKIP }, () => {
  assertEvery((e) => {
    const names = new Set(e.entities.map((x) => x.name))
    return e.quotes
      .filter((q) => q.speaker !== null && !names.has(q.speaker))
      .map((q) => `quote ${JSON.stringify(q.text.slice(0, 60))} credits ${q.speaker}, no entity`)
  })
})
