import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { Extraction } from '../core/extraction.js'
import { formatReport } from './format-report.js'
import { goldFileSchema, loadGoldDir, type GoldArticle, type GoldFile } from './gold.js'
import {
  FIELDS,
  readExtractionOutput,
  scoreAll,
  scoreArticle,
  type Field,
  type ScorableEvent,
  type ScorableExtraction,
} from './score-gold.js'

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SHARED = join(PROJECT_ROOT, '..', 'shared')
const GOLD_DIR = join(SHARED, 'gold', 'articles')
const SCORE_PY = join(SHARED, 'tools', 'score.py')
const HAS_PYTHON = spawnSync('python3', ['--version']).status === 0

// Every extraction the project writes is scorable as it is.
const _extractionIsScorable = (e: Extraction): ScorableExtraction => e

function goldArticle(
  text: string,
  answers: Record<string, unknown>,
  name = 'row.txt',
): GoldArticle {
  const gold = goldFileSchema.parse({ format: 'dateline-gold/1', article: name, ...answers })
  return { goldPath: `${name}.gold.json`, articlePath: name, name, text, gold }
}

/** The span of `part` in `text` (its `n`th occurrence), in UTF-16 code units. */
function span(text: string, part: string, n = 0): { start: number; end: number } {
  let start = -1
  for (let i = 0; i <= n; i++) start = text.indexOf(part, start + 1)
  assert.ok(start >= 0, `"${part}" is not in the text`)
  return { start, end: start + part.length }
}

type Triple = readonly [tp: number, fp: number, fn: number]

interface Row {
  readonly name: string
  readonly text: string
  readonly gold: Record<string, unknown>
  readonly extraction: ScorableExtraction
  /** Fields not named expect (0, 0, 0). */
  readonly expect: Partial<Record<Field, Triple>>
  /** Exact-code accuracy: correct, matched. */
  readonly exact?: readonly [number, number]
}

// ---------------------------------------------------------------------------------------------
// Invented articles for the rows

const HAUGEN = {
  name: 'Liv Haugen',
  type: 'person',
  country: 'NOR',
  title: 'Foreign Minister',
  aliases: ['Haugen', 'Minister Haugen'],
}
const PER_HAUGEN = { name: 'Per Haugen', type: 'person', country: 'NOR', aliases: ['Haugen'] }
const UNHCR = {
  name: 'UNHCR',
  type: 'organization',
  actor: 'IGOUNOHCR',
  aliases: ['UN refugee agency'],
}
const OSLO = { name: 'Oslo', type: 'place', country: 'NOR', lat: 59.9, lon: 10.75 }
const NORWAY = { name: 'Norway', type: 'country', country: 'NOR' }

const PEOPLE_TEXT =
  'OSLO, May 6 - Norwegian Foreign Minister Liv Haugen welcomed the Arctic Council delegates.'

const DATE_TEXT =
  'On Monday the ministry said exports rose in the first half of this year, as in 2024, ' +
  'and will rise next year.'
const MONDAY = { text: 'Monday', value: '2025-05-05' }
const HALF = { text: 'first half of this year', value: '2025-01-01/2025-06-30' }

const FIGURE_TEXT =
  'Trade reached $200 billion, up 4 percent, while 300 tonnes of fish crossed a 12 km bridge.'
const TRADE = { text: '$200 billion', value: 200_000_000_000, unit: 'USD' }
const FISH = { text: '300 tonnes', value: 300, unit: 'tonnes' }

const QUOTE_TEXT =
  '"We want a treaty by the end of this year," Haugen said. ' +
  'The UN refugee agency said it would help. ' +
  'Norway said it agreed. An official said talks went well.'
const TREATY_QUOTE = { speaker: 'Liv Haugen', contains: 'want a treaty', cue: 'said' }
const QUOTE_PEOPLE = { entities: [HAUGEN, UNHCR, NORWAY], quotes: [TREATY_QUOTE] }

// The astral character before the first sentence makes UTF-16 offsets differ from code points.
const EVENT_TEXT =
  '\u{1F30D} Norway and Chile met in Oslo on Monday. Norway urged Chile to sign the treaty. ' +
  'The UNHCR appealed to Norway for funds.'
const MET = {
  evidence: 'Norway and Chile met',
  source: 'NOR',
  target: 'CHL',
  roots: ['04'],
  code: '040',
  symmetric: true,
}
const URGED = {
  evidence: 'Norway urged Chile',
  source: 'NOR',
  target: 'CHL',
  roots: ['02', '10'],
  code: '020',
}
const APPEALED = {
  evidence: 'UNHCR appealed to Norway',
  source: 'UNO',
  target: 'NOR',
  roots: ['02'],
}
const MET_SENTENCE = span(EVENT_TEXT, 'Norway and Chile met in Oslo on Monday.')
const URGED_SENTENCE = span(EVENT_TEXT, 'Norway urged Chile to sign the treaty.')
const APPEAL_SENTENCE = span(EVENT_TEXT, 'The UNHCR appealed to Norway for funds.')

function ev(code: string, source: string, target: string, sentence: unknown): ScorableEvent {
  return { code, source, target, sentence }
}

const rows: readonly Row[] = [
  // entities
  {
    name: 'entity: an alias matches, case-insensitively, and a country code by its first letters',
    text: PEOPLE_TEXT,
    gold: { entities: [HAUGEN] },
    extraction: { entities: [{ name: ' HAUGEN ', type: 'person', country: 'NORGOV' }] },
    expect: { entity: [1, 0, 0] },
  },
  {
    name: 'entity: a name that is not an alias is a miss and an extra',
    text: PEOPLE_TEXT,
    gold: { entities: [HAUGEN] },
    extraction: { entities: [{ name: 'Liv', type: 'person', country: 'NOR' }] },
    expect: { entity: [0, 1, 1] },
  },
  {
    name: 'entity: a type the gold does not annotate is not an extra',
    text: PEOPLE_TEXT,
    gold: { entities: [HAUGEN] },
    extraction: { entities: [{ name: 'Liv Haugen', type: 'organization', country: 'NOR' }] },
    expect: { entity: [0, 0, 1] },
  },
  {
    name: 'entity: a country mismatch is a miss and an extra',
    text: PEOPLE_TEXT,
    gold: { entities: [HAUGEN] },
    extraction: { entities: [{ name: 'Liv Haugen', type: 'person', country: 'SWE' }] },
    expect: { entity: [0, 1, 1] },
  },
  {
    name: 'entity: a gold entity with no country takes any',
    text: PEOPLE_TEXT,
    gold: { entities: [{ name: 'Arctic Council', type: 'organization' }] },
    extraction: { entities: [{ name: 'arctic council', type: 'organization', country: 'NOR' }] },
    expect: { entity: [1, 0, 0] },
  },
  {
    name: 'entity: coordinates within 1 degree match',
    text: PEOPLE_TEXT,
    gold: { entities: [OSLO] },
    extraction: {
      entities: [{ name: 'Oslo', type: 'place', country: 'NOR', lat: 60.85, lon: 11.7 }],
    },
    expect: { entity: [1, 0, 0] },
  },
  {
    name: 'entity: latitude beyond 1 degree does not',
    text: PEOPLE_TEXT,
    gold: { entities: [OSLO] },
    extraction: {
      entities: [{ name: 'Oslo', type: 'place', country: 'NOR', lat: 61.0, lon: 10.75 }],
    },
    expect: { entity: [0, 1, 1] },
  },
  {
    name: 'entity: longitude beyond 1 degree does not',
    text: PEOPLE_TEXT,
    gold: { entities: [OSLO] },
    extraction: {
      entities: [{ name: 'Oslo', type: 'place', country: 'NOR', lat: 59.9, lon: 8.5 }],
    },
    expect: { entity: [0, 1, 1] },
  },
  {
    name: 'entity: no coordinates where the gold has them does not',
    text: PEOPLE_TEXT,
    gold: { entities: [OSLO] },
    extraction: { entities: [{ name: 'Oslo', type: 'place', country: 'NOR', lat: null }] },
    expect: { entity: [0, 1, 1] },
  },
  {
    name: 'entity: greedy, in gold order, one output per gold entity',
    text: PEOPLE_TEXT,
    gold: { entities: [HAUGEN, PER_HAUGEN] },
    extraction: {
      entities: [
        { name: 'Haugen', type: 'person', country: 'NOR' },
        { name: 'Per Haugen', type: 'person', country: 'NOR' },
        { name: 'Haugen', type: 'person', country: 'NOR' },
      ],
    },
    expect: { entity: [2, 1, 0] },
  },
  // dates
  {
    name: 'date: an output inside the gold expression matches',
    text: DATE_TEXT,
    gold: { dates: [HALF] },
    extraction: { dates: [{ text: 'this year', value: HALF.value }] },
    expect: { date: [1, 0, 0] },
  },
  {
    name: 'date: an output containing the gold expression matches',
    text: DATE_TEXT,
    gold: { dates: [MONDAY] },
    extraction: { dates: [{ text: 'On MONDAY', value: MONDAY.value }] },
    expect: { date: [1, 0, 0] },
  },
  {
    name: 'date: an overlapping output with the wrong value is a miss but not an extra',
    text: DATE_TEXT,
    gold: { dates: [MONDAY, HALF] },
    extraction: {
      dates: [
        { text: 'Monday', value: '2025-05-12' },
        { text: 'this year', value: '2025' },
      ],
    },
    expect: { date: [0, 0, 2] },
  },
  {
    name: 'date: a separate output repeating a matched value is not an extra',
    text: DATE_TEXT,
    gold: { dates: [MONDAY] },
    extraction: {
      dates: [
        { text: 'Monday', value: MONDAY.value },
        { text: 'May 5', value: MONDAY.value },
      ],
    },
    expect: { date: [1, 0, 0] },
  },
  {
    name: 'date: a separate output with another value is an extra',
    text: DATE_TEXT,
    gold: { dates: [MONDAY] },
    extraction: {
      dates: [
        { text: 'Monday', value: MONDAY.value },
        { text: 'next year', value: '2026' },
      ],
    },
    expect: { date: [1, 1, 0] },
  },
  {
    name: 'date: a numeric value reads as its digits; an empty text matches nothing',
    text: DATE_TEXT,
    gold: { dates: [{ text: '2024', value: '2024' }, MONDAY] },
    extraction: {
      dates: [
        { text: '2024', value: 2024 },
        { text: '', value: MONDAY.value },
      ],
    },
    expect: { date: [1, 1, 1] },
  },
  // quantities
  {
    name: 'quantity: within 0.5% and the same unit (case-insensitive) matches',
    text: FIGURE_TEXT,
    gold: { quantities: [TRADE] },
    extraction: { quantities: [{ value: 200_900_000_000, unit: 'usd' }] },
    expect: { quantity: [1, 0, 0] },
  },
  {
    name: 'quantity: beyond 0.5% is a miss, and an extra in a currency',
    text: FIGURE_TEXT,
    gold: { quantities: [TRADE] },
    extraction: { quantities: [{ value: 201_100_000_000, unit: 'USD' }] },
    expect: { quantity: [0, 1, 1] },
  },
  {
    name: 'quantity: the same value in another unit does not match',
    text: FIGURE_TEXT,
    gold: { quantities: [TRADE] },
    extraction: { quantities: [{ value: 200_000_000_000, unit: 'EUR' }] },
    expect: { quantity: [0, 1, 1] },
  },
  {
    name: 'quantity: repeating a matched figure is not an extra',
    text: FIGURE_TEXT,
    gold: { quantities: [TRADE] },
    extraction: {
      quantities: [
        { value: 200_000_000_000, unit: 'USD' },
        { value: 200_100_000_000, unit: 'USD' },
      ],
    },
    expect: { quantity: [1, 0, 0] },
  },
  {
    name: 'quantity: extras count in currencies, percent, magnitude and people only',
    text: FIGURE_TEXT,
    gold: { quantities: [TRADE] },
    extraction: {
      quantities: [
        { value: 200_000_000_000, unit: 'USD' },
        { value: 4, unit: 'percent' },
        { value: 300, unit: 'tonnes' },
        { value: 12, unit: 'km' },
        { value: 5, unit: 'NOK' },
        { value: 6, unit: 'Nok' },
        { value: 3, unit: 'people' },
        { value: 6.1, unit: 'magnitude' },
      ],
    },
    expect: { quantity: [1, 4, 0] },
  },
  {
    name: 'quantity: an unscored unit counts where the gold lists it',
    text: FIGURE_TEXT,
    gold: { quantities: [FISH] },
    extraction: { quantities: [{ value: 310, unit: 'tonnes' }] },
    expect: { quantity: [0, 0, 1] },
  },
  {
    name: 'quantity: an optional figure is not an extra; a numeric string reads as a number',
    text: FIGURE_TEXT,
    gold: { quantities: [TRADE], optional_quantities: [{ value: 150_000_000_000, unit: 'USD' }] },
    extraction: {
      quantities: [
        { value: '2.0e11', unit: 'USD' },
        { value: 150_000_000_000, unit: 'USD' },
        { value: '200 billion', unit: 'USD' },
      ],
    },
    expect: { quantity: [1, 1, 0] },
  },
  // quotes
  {
    name: "quote: a speaker's alias matches, the text case-insensitively",
    text: QUOTE_TEXT,
    gold: QUOTE_PEOPLE,
    extraction: {
      quotes: [{ speaker: 'Haugen', text: 'We want a Treaty by the end of this year' }],
    },
    expect: { entity: [0, 0, 3], quote: [1, 0, 0] },
  },
  {
    name: 'quote: a speaker object with a name matches',
    text: QUOTE_TEXT,
    gold: QUOTE_PEOPLE,
    extraction: { quotes: [{ speaker: { name: 'Liv Haugen' }, text: 'We want a treaty' }] },
    expect: { entity: [0, 0, 3], quote: [1, 0, 0] },
  },
  {
    name: 'quote: the wrong known speaker is a miss and an extra',
    text: QUOTE_TEXT,
    gold: QUOTE_PEOPLE,
    extraction: { quotes: [{ speaker: 'UN refugee agency', text: 'We want a treaty' }] },
    expect: { entity: [0, 0, 3], quote: [0, 1, 1] },
  },
  {
    name: 'quote: statements by countries, unnamed officials or no one are not extras',
    text: QUOTE_TEXT,
    gold: QUOTE_PEOPLE,
    extraction: {
      quotes: [
        { speaker: 'Norway', text: 'it agreed' },
        { speaker: 'an official', text: 'talks went well' },
        { speaker: null, text: 'We want a treaty' },
      ],
    },
    expect: { entity: [0, 0, 3], quote: [0, 0, 1] },
  },
  {
    name: "quote: an unmatched statement by a known speaker (by alias) is an extra",
    text: QUOTE_TEXT,
    gold: QUOTE_PEOPLE,
    extraction: {
      quotes: [
        { speaker: 'Minister Haugen', text: 'We want a treaty' },
        { speaker: 'UN refugee agency', text: 'it would help' },
        { speaker: 'Haugen', text: 'by the end of this year' },
      ],
    },
    expect: { entity: [0, 0, 3], quote: [1, 2, 0] },
  },
  // events
  {
    name: 'event: a symmetric event coded in both directions is one match, not an extra',
    text: EVENT_TEXT,
    gold: { events: [MET] },
    extraction: {
      events: [
        ev('040', 'NORGOV', 'CHLGOV', MET_SENTENCE),
        ev('040', 'CHLGOV', 'NORGOV', MET_SENTENCE),
      ],
    },
    expect: { event: [1, 0, 0] },
    exact: [1, 1],
  },
  {
    name: 'event: a symmetric event matches in the other direction alone',
    text: EVENT_TEXT,
    gold: { events: [MET] },
    extraction: { events: [ev('043', 'CHL', 'NOR', MET_SENTENCE)] },
    expect: { event: [1, 0, 0] },
    exact: [0, 1],
  },
  {
    name: 'event: an asymmetric event in the other direction is a miss and an extra',
    text: EVENT_TEXT,
    gold: { events: [URGED] },
    extraction: { events: [ev('020', 'CHLGOV', 'NORGOV', URGED_SENTENCE)] },
    expect: { event: [0, 1, 1] },
  },
  {
    name: 'event: any accepted root matches; exact code is counted apart',
    text: EVENT_TEXT,
    gold: { events: [URGED] },
    extraction: { events: [ev('1041', 'NORGOV', 'CHLGOV', URGED_SENTENCE)] },
    expect: { event: [1, 0, 0] },
    exact: [0, 1],
  },
  {
    name: 'event: a code outside the roots is a miss and an extra',
    text: EVENT_TEXT,
    gold: { events: [URGED] },
    extraction: { events: [ev('190', 'NORGOV', 'CHLGOV', URGED_SENTENCE)] },
    expect: { event: [0, 1, 1] },
  },
  {
    name: 'event: the evidence must lie inside the output sentence span',
    text: EVENT_TEXT,
    gold: { events: [URGED] },
    extraction: { events: [ev('020', 'NORGOV', 'CHLGOV', MET_SENTENCE)] },
    expect: { event: [0, 1, 1] },
  },
  {
    name: 'event: offsets count UTF-16 code units, not code points',
    text: EVENT_TEXT,
    gold: { events: [MET] },
    extraction: {
      events: [
        ev('040', 'NOR', 'CHL', span(EVENT_TEXT, 'Norway and Chile met')),
        ev('040', 'NOR', 'CHL', {
          start: span(EVENT_TEXT, 'Norway and Chile met').start - 1,
          end: span(EVENT_TEXT, 'Norway and Chile met').end - 1,
        }),
      ],
    },
    expect: { event: [1, 1, 0] },
    exact: [1, 1],
  },
  {
    name: 'event: a second asymmetric event in the same direction is an extra',
    text: EVENT_TEXT,
    gold: { events: [URGED] },
    extraction: {
      events: [
        ev('020', 'NORGOV', 'CHLGOV', URGED_SENTENCE),
        ev('020', 'NORGOV', 'CHLGOV', URGED_SENTENCE),
      ],
    },
    expect: { event: [1, 1, 0] },
    exact: [1, 1],
  },
  {
    name: 'event: an optional event is neither required nor an extra',
    text: EVENT_TEXT,
    gold: { events: [], optional_events: [APPEALED] },
    extraction: { events: [ev('0233', 'IGOUNOHCR', 'NORGOV', APPEAL_SENTENCE)] },
    expect: {},
  },
  {
    name: 'event: IGOUNOHCR and UNO stand for the gold UNO; IGOWFP does not',
    text: EVENT_TEXT,
    gold: { events: [APPEALED, APPEALED, APPEALED] },
    extraction: {
      events: [
        ev('020', 'IGOWFP', 'NOR', APPEAL_SENTENCE),
        ev('020', 'IGOUNOHCR', 'NORGOV', APPEAL_SENTENCE),
        ev('021', 'UNO', 'NOR', APPEAL_SENTENCE),
      ],
    },
    expect: { event: [2, 1, 1] },
  },
  {
    name: 'event: with no usable span, the output evidence stands for the sentence',
    text: EVENT_TEXT,
    gold: { events: [URGED] },
    extraction: {
      events: [
        { code: '020', source: 'NOR', target: 'CHL', evidence: 'Norway urged Chile to sign' },
        { code: '020', source: 'NOR', target: 'CHL', sentence: { start: 'x', end: 9 } },
      ],
    },
    expect: { event: [1, 1, 0] },
    exact: [1, 1],
  },
  {
    name: 'event: offsets index the text the extraction echoes, top-level text first',
    text: EVENT_TEXT,
    gold: { events: [URGED, MET] },
    extraction: {
      text: `PREFIX ${EVENT_TEXT}`,
      article: { text: EVENT_TEXT },
      events: [
        ev('020', 'NOR', 'CHL', span(`PREFIX ${EVENT_TEXT}`, 'Norway urged Chile')),
        ev('040', 'NOR', 'CHL', span(EVENT_TEXT, 'Norway and Chile met')),
      ],
    },
    expect: { event: [1, 1, 1] },
    exact: [1, 1],
  },
  {
    name: 'event: exact-code precision ties round to even, as Python prints them (P=0.125)',
    text: EVENT_TEXT,
    gold: { events: [URGED] },
    extraction: {
      events: [
        ev('020', 'NOR', 'CHL', URGED_SENTENCE),
        ...['01', '03', '05', '06', '07', '08', '09'].map((c) =>
          ev(c, 'NOR', 'CHL', URGED_SENTENCE),
        ),
      ],
    },
    expect: { event: [1, 7, 0] },
    exact: [1, 1],
  },
]

for (const row of rows) {
  test(row.name, () => {
    const score = scoreArticle(goldArticle(row.text, row.gold), row.extraction)
    for (const f of FIELDS) {
      const [tp, fp, fn] = row.expect[f] ?? [0, 0, 0]
      assert.deepEqual(score.counts[f], { tp, fp, fn }, f)
    }
    if (row.exact) {
      assert.deepEqual([score.exact.correct, score.exact.matched], row.exact)
    }
  })
}

test('misses and extras are listed per article for a verbose report', () => {
  const score = scoreArticle(goldArticle(EVENT_TEXT, { events: [URGED, MET] }), {
    events: [ev('190', 'NOR', 'CHL', URGED_SENTENCE), ev('040', 'NOR', 'CHL', MET_SENTENCE)],
  })
  assert.deepEqual(
    score.misses.event.map((g) => g.evidence),
    ['Norway urged Chile'],
  )
  assert.equal(score.extras.event.length, 1)
  assert.equal(score.extras.event[0]?.sentence, 'Norway urged Chile to sign the treaty.')
})

test('scoreAll sums counts over articles and counts failures as misses', () => {
  const ok = goldArticle(EVENT_TEXT, { events: [URGED], dates: [MONDAY] }, 'a.txt')
  const failed = goldArticle(DATE_TEXT, { dates: [MONDAY, HALF] }, 'b.txt')
  const report = scoreAll([
    { gold: ok, extraction: { events: [ev('020', 'NOR', 'CHL', URGED_SENTENCE)] } },
    { gold: failed, error: 'the extractor exited with 2' },
  ])
  assert.deepEqual(
    { tp: report.fields.date.tp, fp: report.fields.date.fp, fn: report.fields.date.fn },
    { tp: 0, fp: 0, fn: 3 },
  )
  assert.equal(report.fields.event.f1, 1)
  assert.equal(report.failures, 1)
  assert.deepEqual(report.exact, { correct: 1, matched: 1, accuracy: 1 })
  assert.equal(report.articles[1]?.error, 'the extractor exited with 2')
})

test('readExtractionOutput takes an object, the first of an array or JSONL, or a wrapper', () => {
  const ext = { events: [ev('020', 'NOR', 'CHL', URGED_SENTENCE)] }
  for (const out of [
    JSON.stringify(ext),
    JSON.stringify([ext, {}]),
    `${JSON.stringify(ext)}\n${JSON.stringify({ events: [] })}\n`,
    JSON.stringify({ extraction: ext }),
  ]) {
    assert.deepEqual(readExtractionOutput(out, 'x').events, ext.events)
  }
  assert.throws(() => readExtractionOutput('not json', 'x.txt'), /x\.txt: no extraction JSON/)
  assert.throws(
    () => readExtractionOutput('{"entities": [{"name": 3}]}', 'x.txt'),
    /x\.txt: not an extraction: entities\.0\.name/,
  )
})

// ---------------------------------------------------------------------------------------------
// The shared gold, end to end

/** The gold answers themselves, written as an extraction would carry them. */
function extractionFromGold(g: GoldArticle): ScorableExtraction {
  const gold: GoldFile = g.gold
  return {
    article: { text: g.text },
    entities: gold.entities.map((e) => ({
      name: e.name,
      type: e.type,
      country: e.country ?? null,
      lat: e.lat ?? null,
      lon: e.lon ?? null,
    })),
    dates: gold.dates.map((d) => ({ text: d.text, value: d.value })),
    quantities: gold.quantities.map((q) => ({ value: q.value, unit: q.unit })),
    quotes: gold.quotes.map((q) => ({ speaker: q.speaker, text: q.contains })),
    events: gold.events.map((e) => {
      const start = g.text.indexOf(e.evidence)
      assert.ok(start >= 0, `${g.name}: evidence not in the text: ${e.evidence}`)
      return {
        code: e.code ?? e.roots[0] ?? '',
        source: e.source,
        target: e.target,
        sentence: { start, end: start + e.evidence.length },
      }
    }),
  }
}

test('the shared gold scored against itself is perfect in every field', () => {
  const golds = loadGoldDir(GOLD_DIR)
  assert.ok(golds.length >= 9)
  const report = scoreAll(golds.map((gold) => ({ gold, extraction: extractionFromGold(gold) })))
  for (const f of FIELDS) {
    const s = report.fields[f]
    assert.ok(s.tp > 0, `${f}: no gold items`)
    assert.deepEqual([s.precision, s.recall, s.f1, s.fp, s.fn], [1, 1, 1, 0, 0], f)
  }
  assert.equal(report.exact.accuracy, 1)
  const perfect = 'entity=1.00 date=1.00 quantity=1.00 quote=1.00 event=1.00'
  assert.ok(formatReport(report).endsWith(`OK ${golds.length} article(s): ${perfect}\n`))
})

// ---------------------------------------------------------------------------------------------
// Against the independent scorer

function runScorePy(goldDir: string, cmd: string): string {
  const p = spawnSync('python3', [SCORE_PY, goldDir, cmd], { encoding: 'utf8' })
  assert.ok(p.status === 0 || p.status === 1, `score.py failed: ${p.stderr}`)
  return p.stdout
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'dateline-eval-'))
}

/** Writes each row as an article (every third a `.json` one), its gold and its extraction. */
function writeRows(dir: string, selected: readonly Row[]): void {
  selected.forEach((row, i) => {
    const article = `row${String(i).padStart(2, '0')}.${i % 3 === 2 ? 'json' : 'txt'}`
    writeFileSync(
      join(dir, article),
      article.endsWith('.json')
        ? JSON.stringify({ id: article, title: 'A headline', date: '2025-05-06', text: row.text })
        : row.text,
    )
    const gold = { format: 'dateline-gold/1', article, ...row.gold }
    writeFileSync(join(dir, `${article.replace(/\.\w+$/, '')}.gold.json`), JSON.stringify(gold))
    writeFileSync(join(dir, `${article}.out.json`), JSON.stringify(row.extraction))
  })
}

/** Our report for a gold directory whose extractions sit beside the articles. */
function ourReport(dir: string, outFor: (articlePath: string) => string): string {
  const golds = loadGoldDir(dir)
  const pairs = golds.map((gold) => {
    const raw = spawnSync('cat', [outFor(gold.articlePath)], { encoding: 'utf8' }).stdout
    return { gold, extraction: readExtractionOutput(raw, gold.name) }
  })
  return formatReport(scoreAll(pairs))
}

const NEEDS_PYTHON = { skip: !HAS_PYTHON && 'no python3' }

test('each synthetic row scores as score.py scores it', NEEDS_PYTHON, () => {
  for (const row of rows) {
    const dir = tempDir()
    try {
      writeRows(dir, [row])
      const ours = ourReport(dir, (a) => `${a}.out.json`)
      assert.equal(ours, runScorePy(dir, 'cat {}.out.json'), row.name)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
})

test('all synthetic rows together score as score.py scores them', NEEDS_PYTHON, () => {
  const dir = tempDir()
  try {
    writeRows(dir, rows)
    const ours = ourReport(dir, (a) => `${a}.out.json`)
    assert.equal(ours, runScorePy(dir, 'cat {}.out.json'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

/** The gold's own answers, deterministically damaged: dropped, altered, reversed and padded. */
function perturbed(g: GoldArticle): ScorableExtraction {
  const base = extractionFromGold(g)
  const pick = <T>(xs: readonly T[] | null | undefined, keep: (x: T, i: number) => T | null): T[] =>
    (xs ?? []).flatMap((x, i) => {
      const y = keep(x, i)
      return y === null ? [] : [y]
    })
  return {
    ...base,
    entities: [
      ...pick(base.entities, (e, i) =>
        i % 4 === 1 ? null : i % 4 === 2 ? { ...e, country: 'XXX' } : e,
      ),
      { name: 'Nobody In Particular', type: 'person', country: 'NOR' },
      { name: 'Somewhere', type: 'region', country: 'NOR' },
    ],
    dates: [
      ...pick(base.dates, (d, i) => (i % 3 === 1 ? { ...d, value: '1999' } : d)),
      { text: 'zzz', value: '1998' },
    ],
    quantities: [
      ...pick(base.quantities, (q, i) => {
        const v = Number(q.value)
        // within the 0.5% tolerance, beyond it, exact
        return { ...q, value: [v * 1.004, v * 1.01, v][i % 3] }
      }),
      ...(base.quantities ?? []).slice(0, 1),
      { value: 7, unit: 'percent' },
      { value: 7, unit: 'tonnes' },
    ],
    quotes: [
      ...pick(base.quotes, (q, i) => (i % 3 === 1 ? { ...q, text: 'something else' } : q)),
      { speaker: 'an official', text: 'nothing' },
    ],
    events: [
      ...pick(base.events, (e, i) =>
        i % 3 === 1
          ? { ...e, source: e.target, target: e.source }
          : i % 3 === 2
            ? { ...e, code: `${String(e.code).slice(0, 2)}9` }
            : e,
      ),
      ...g.gold.optional_events.map((e) => {
        const start = g.text.indexOf(e.evidence)
        return {
          code: e.roots[0] ?? '',
          source: `${e.source}GOV`,
          target: e.target,
          sentence: { start, end: start + e.evidence.length },
        }
      }),
      { code: '190', source: 'USA', target: 'CHN', sentence: { start: 0, end: 40 } },
    ],
  }
}

test('the shared gold, damaged, scores as score.py scores it', NEEDS_PYTHON, () => {
  const dir = tempDir()
  try {
    for (const g of loadGoldDir(GOLD_DIR)) {
      writeFileSync(join(dir, `${g.name}.out.json`), JSON.stringify(perturbed(g)))
    }
    const ours = ourReport(GOLD_DIR, (a) => join(dir, `${basename(a)}.out.json`))
    const theirs = runScorePy(GOLD_DIR, `cat "${dir}/$(basename '{}').out.json"`)
    assert.equal(ours, theirs)
    assert.doesNotMatch(ours, /F1=1\.00/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
