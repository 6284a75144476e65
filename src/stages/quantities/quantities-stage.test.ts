import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { test } from 'node:test'
import type { QuantityAnnotation } from '../../core/annotation.js'
import { annotationsOf, type Article } from '../../core/document.js'
import { createPipeline } from '../../core/pipeline.js'
import { quietContext } from '../../core/stage.js'
import { givenStage, type Given } from '../test-helpers.js'
import { createSegmentStage } from '../segment/segment-stage.js'
import { createQuantitiesStage } from './quantities-stage.js'


const segment = createSegmentStage()
const quantitiesStage = createQuantitiesStage()

function article(text: string, id = 'test'): Article {
  return { id, title: null, source: null, url: null, date: null, text, dateline: null, input: id, format: 'json' }
}

function quantitiesOf(text: string, given: Given = {}): readonly QuantityAnnotation[] {
  const doc = createPipeline([segment, givenStage(given), quantitiesStage]).run(article(text), quietContext)
  const found = annotationsOf(doc, 'quantity')
  for (const q of found) assert.equal(text.slice(q.start, q.end), q.text, `span of ${q.id}`)
  return found
}

interface Expected {
  readonly text: string
  readonly value: number
  readonly unit: string
  readonly qualifier?: string | null
  readonly measure?: string | null
  readonly parties?: readonly string[]
  readonly period?: string | null
}

type Row = readonly [sentence: string, expected: readonly Expected[], given?: Given]

const rows: readonly Row[] = [
  // Money after a symbol, with scales written out, abbreviated or attached.
  ['The ministry said it would spend $450 billion on new roads.', [{ text: '$450 billion', value: 450e9, unit: 'USD' }]],
  ['Exports of the region rose to $3.5 bln last year.', [{ text: '$3.5 bln', value: 3.5e9, unit: 'USD' }]],
  ['It raised A$120 million from investors.', [{ text: 'A$120 million', value: 120e6, unit: 'AUD' }]],
  ['The regulator imposed a fine of £2.5bn on the bank.', [{ text: '£2.5bn', value: 2.5e9, unit: 'GBP', measure: 'fine' }]],
  ['The group sold the unit for US$5m.', [{ text: 'US$5m', value: 5e6, unit: 'USD' }]],
  ['The company hopes to raise $4-5 billion.', [
    { text: '$4-5 billion', value: 4e9, unit: 'USD' },
    { text: '$4-5 billion', value: 5e9, unit: 'USD' },
  ]],
  ['Beijing bought $60 billion worth of assets.', [{ text: '$60 billion', value: 60e9, unit: 'USD', measure: 'assets' }]],
  // Money before a currency word.
  ['The central bank sold 2.5 billion roubles of bonds.', [{ text: '2.5 billion roubles', value: 2.5e9, unit: 'RUB', measure: 'bonds' }]],
  ['The fund will lend 12 mln stg to small farmers.', [{ text: '12 mln stg', value: 12e6, unit: 'GBP' }]],
  ['Officials pledged nine mln sterling for flood relief.', [
    { text: 'nine mln sterling', value: 9e6, unit: 'GBP', measure: 'flood relief', qualifier: null },
  ]],
  ['The project will cost 420 billion yen over five years.', [{ text: '420 billion yen', value: 420e9, unit: 'JPY' }]],
  ['Donors gave 480,000 sterling to the appeal.', [{ text: '480,000 sterling', value: 480000, unit: 'GBP' }]],
  ['Tokyo agreed to provide up to 90 billion yen in soft loans.', [
    { text: '90 billion yen', value: 90e9, unit: 'JPY', qualifier: 'up to', measure: 'soft loans' },
  ]],
  ['The firm paid about seven mln sterling for the stake.', [
    { text: 'seven mln sterling', value: 7e6, unit: 'GBP', qualifier: 'about', measure: 'stake' },
  ]],
  ['Volunteers have collected more than two mln sterling.', [
    { text: 'two mln sterling', value: 2e6, unit: 'GBP', qualifier: 'more than' },
  ]],
  ['The contract is worth 300 mln Swiss francs.', [{ text: '300 mln Swiss francs', value: 300e6, unit: 'CHF' }]],
  ['The bank lent 50 mln Canadian dlrs to the utility.', [{ text: '50 mln Canadian dlrs', value: 50e6, unit: 'CAD' }]],
  ['The deal was valued at 700 mln guilders.', [{ text: '700 mln guilders', value: 700e6, unit: 'NLG' }]],
  ['Sales reached 5m euros in the quarter.', [{ text: '5m euros', value: 5e6, unit: 'EUR' }]],
  ['The state paid 1.2 mln U.S. dollars in compensation.', [
    { text: '1.2 mln U.S. dollars', value: 1.2e6, unit: 'USD', measure: 'compensation' },
  ]],
  ['The budget set aside 45 lakh rupees for schools.', [{ text: '45 lakh rupees', value: 4.5e6, unit: 'INR' }]],
  // Wire-service fractions, and a unit the text leaves out the second time.
  ['The prime rate is 8-1/4 pct.', [{ text: '8-1/4 pct', value: 8.25, unit: 'percent' }]],
  ['The deficit narrowed to 2.3 billion dlrs in May from 3.1 billion in April.', [
    { text: '2.3 billion dlrs', value: 2.3e9, unit: 'USD' },
    { text: '3.1 billion', value: 3.1e9, unit: 'USD' },
  ]],
  // An ambiguous currency word takes the country the sentence names.
  ['Switzerland will contribute 40 mln francs to the fund.', [{ text: '40 mln francs', value: 40e6, unit: 'CHF' }], {
    mentions: [['Switzerland', 'CHE']],
  }],
  ['Sweden will spend 800 mln crowns on the army.', [{ text: '800 mln crowns', value: 800e6, unit: 'SEK' }], {
    mentions: [['Sweden', 'SWE']],
  }],
  ['Trade between Norway and Iceland reached 1.2 billion crowns in the first five months of the year.', [
    { text: '1.2 billion crowns', value: 1.2e9, unit: 'NOK', measure: 'Trade', parties: ['NOR', 'ISL'], period: '2024-01-01/2024-05-31' },
  ], {
    mentions: [['Norway', 'NOR'], ['Iceland', 'ISL']],
    dates: [['first five months of the year', '2024-01-01/2024-05-31', 'interval']],
  }],
  // Parties: the giver first, then the others of the clause.
  ['Germany granted Kenya 30 mln marks in development aid.', [
    { text: '30 mln marks', value: 30e6, unit: 'DEM', measure: 'development aid', parties: ['DEU', 'KEN'] },
  ], { mentions: [['Germany', 'DEU'], ['Kenya', 'KEN']] }],
  ['Kenya will receive a loan of 25 mln dlrs from Germany.', [
    { text: '25 mln dlrs', value: 25e6, unit: 'USD', measure: 'loan', parties: ['DEU', 'KEN'] },
  ], { mentions: [['Kenya', 'KEN'], ['Germany', 'DEU']] }],
  ['Trade between Brazil and Argentina reached $9 billion.', [
    { text: '$9 billion', value: 9e9, unit: 'USD', measure: 'Trade', parties: ['BRA', 'ARG'] },
  ], { mentions: [['Brazil', 'BRA'], ['Argentina', 'ARG']] }],
  ['Canada will impose duties on $3 billion worth of Mexican steel.', [
    { text: '$3 billion', value: 3e9, unit: 'USD', measure: 'Mexican steel', parties: ['CAN', 'MEX'] },
  ], { mentions: [['Canada', 'CAN'], ['Mexican', 'MEX']] }],
  ['Norway and Chile played to a draw before 40,000 people.', [
    { text: '40,000 people', value: 40000, unit: 'people', parties: [] },
  ], { mentions: [['Norway', 'NOR'], ['Chile', 'CHL']] }],
  // Period: an interval, month or year date in the sentence.
  ['In the first half of the year, the two-way trade of the partners climbed to $12 billion.', [
    { text: '$12 billion', value: 12e9, unit: 'USD', period: '2020-01-01/2020-06-30', measure: 'two-way trade' },
  ], { dates: [['first half of the year', '2020-01-01/2020-06-30', 'interval'], ['the year', '2020', 'year']] }],
  ['The index rose 4 percent on Monday.', [{ text: '4 percent', value: 4, unit: 'percent', period: null }], {
    dates: [['Monday', '2020-03-02', 'day']],
  }],
  // Percentages.
  ['Unemployment fell to 7 percent in May.', [{ text: '7 percent', value: 7, unit: 'percent', measure: 'Unemployment' }]],
  ['Inflation was running at 18 pct.', [{ text: '18 pct', value: 18, unit: 'percent' }]],
  ['The shares gained 3.25% in early trade.', [{ text: '3.25%', value: 3.25, unit: 'percent' }]],
  ['Washington announced a 25-percent tariff on the parts.', [{ text: '25-percent', value: 25, unit: 'percent' }]],
  ['The levy is twenty-five percent of the price.', [{ text: 'twenty-five percent', value: 25, unit: 'percent' }]],
  ['Turnout reached between 40 and 45 percent.', [
    { text: '40 and 45 percent', value: 40, unit: 'percent' },
    { text: '40 and 45 percent', value: 45, unit: 'percent' },
  ]],
  ['Analysts expect growth of 2-3 per cent.', [
    { text: '2-3 per cent', value: 2, unit: 'percent' },
    { text: '2-3 per cent', value: 3, unit: 'percent' },
  ]],
  ['Rates were cut by 0.5 percentage point.', [{ text: '0.5 percentage point', value: 0.5, unit: 'percentage points' }]],
  // Magnitudes.
  ['A 5.8-magnitude quake rattled the coast.', [{ text: '5.8-magnitude', value: 5.8, unit: 'magnitude', measure: 'quake' }]],
  ['A magnitude 4.9 tremor was felt in the capital.', [{ text: 'magnitude 4.9', value: 4.9, unit: 'magnitude', measure: 'tremor' }]],
  ['A quake measuring 7.1 on the Richter scale struck the island.', [
    { text: '7.1 on the Richter scale', value: 7.1, unit: 'magnitude', measure: 'quake' },
  ]],
  ['The tremor, measuring 5.2, shook buildings.', [{ text: '5.2', value: 5.2, unit: 'magnitude' }]],
  // People: counts, casualties, the homeless and the evacuated.
  ['Floods killed 48 people in the province.', [{ text: '48 people', value: 48, unit: 'people', measure: 'deaths' }]],
  ['Officials counted 23 dead and 60 injured after the collapse.', [
    { text: '23 dead', value: 23, unit: 'people', measure: 'deaths' },
    { text: '60 injured', value: 60, unit: 'people', measure: 'injured' },
  ]],
  ['At least 15 were killed when the bus overturned.', [
    { text: '15 were killed', value: 15, unit: 'people', qualifier: 'at least', measure: 'deaths' },
  ]],
  ['Eleven miners have died since the shaft flooded.', [{ text: 'Eleven miners have died', value: 11, unit: 'people', measure: 'deaths' }]],
  ['The storm left 3,000 homeless.', [{ text: '3,000 homeless', value: 3000, unit: 'people', measure: 'homeless' }]],
  ['Some 12,000 evacuated as the river rose.', [{ text: '12,000 evacuated', value: 12000, unit: 'people', qualifier: 'some' }]],
  ['The blast wounded 17 in the market.', [{ text: 'wounded 17', value: 17, unit: 'people', measure: 'injured' }]],
  ['Gunmen killed at least 9 villagers overnight.', [{ text: '9 villagers', value: 9, unit: 'people', measure: 'deaths' }]],
  ['The fighting has displaced half a million people.', [{ text: 'half a million people', value: 500000, unit: 'people' }]],
  ['A dozen people were hurt in the crush.', [{ text: 'A dozen people', value: 12, unit: 'people', measure: 'injured' }]],
  ['The town has about 9,500 people.', [{ text: '9,500 people', value: 9500, unit: 'people', qualifier: 'about', measure: null }]],
  // Weights, distances, barrels.
  ['The ship carried 45,000 tonnes of wheat.', [{ text: '45,000 tonnes', value: 45000, unit: 'tonnes', measure: 'wheat' }]],
  ['Output reached 2.1 mln tonnes.', [{ text: '2.1 mln tonnes', value: 2.1e6, unit: 'tonnes' }]],
  ['The mill processed 800 tons of cane.', [{ text: '800 tons', value: 800, unit: 'tonnes', measure: 'cane' }]],
  ['The village lies 14 km from the border.', [{ text: '14 km', value: 14, unit: 'km' }]],
  ['Troops held a 10-km stretch of the road.', [{ text: '10-km', value: 10, unit: 'km' }]],
  ['The road runs for 25 kilometers.', [{ text: '25 kilometers', value: 25, unit: 'km' }]],
  ['The convoy travelled 60 miles.', [{ text: '60 miles', value: 60, unit: 'miles' }]],
  ['Output rose to 9.5 mln barrels per day.', [{ text: '9.5 mln barrels per day', value: 9.5e6, unit: 'barrels per day' }]],
  ['The tanker holds two mln barrels.', [{ text: 'two mln barrels', value: 2e6, unit: 'barrels' }]],
]

for (const [sentence, expected, given] of rows) {
  test(`quantities: ${sentence}`, () => {
    const found = quantitiesOf(sentence, given)
    assert.equal(found.length, expected.length, `found ${found.map((q) => `'${q.text}' ${q.value} ${q.unit}`).join(', ')}`)
    for (const [i, want] of expected.entries()) {
      const q = found[i]!
      assert.equal(q.text, want.text)
      assert.equal(q.start, sentence.indexOf(want.text))
      assert.equal(q.value, want.value)
      assert.equal(q.unit, want.unit)
      assert.match(q.id, /^q\d+$/)
      assert.match(q.source, /^quantities\//)
      if (want.qualifier !== undefined) assert.equal(q.qualifier, want.qualifier, 'qualifier')
      if (want.measure !== undefined) assert.equal(q.measure, want.measure, 'measure')
      if (want.parties !== undefined) assert.deepEqual(q.parties, want.parties, 'parties')
      if (want.period !== undefined) assert.equal(q.period, want.period, 'period')
    }
  })
}

const negativeCases: ReadonlyArray<readonly [sentence: string, why: string, given?: Given]> = [
  ['The rule dates from a 1949 law and is known as Section 419.', 'years and section numbers'],
  ['Readers can call the office on 555-0199 for details.', 'a phone number'],
  ['The summit took place on March 3, 1987.', 'a date', { dates: [['March 3, 1987', '1987-03-03', 'day']] }],
  ['It was the 21st meeting of the two sides.', 'an ordinal'],
  ['The loan will fund 21 development projects.', 'a count with no unit'],
  ['Three earthquakes shook the region overnight.', 'a count of things'],
  ['One man was taken to hospital after the crash.', 'a single person is not a casualty count'],
  ['The two sides were hurt by the dispute.', 'not people who were hurt'],
  ['The year 1985 marks the end of the plan.', 'a year before "marks"'],
  ['The company shipped 500 bags of coffee.', 'bags have no unit'],
  ['He paid 400 mln crowns for the house.', 'crowns of no known country'],
  ['The virus killed 40 cattle on the farm.', 'not people'],
  ['The farm sold 400 pounds of beef.', 'pounds of weight'],
  ['The Group of 77 met in Geneva.', 'a name'],
  ['COVID-19 deaths fell sharply.', 'a number in a name'],
  ['The ceasefire took effect at 0600 GMT.', 'a time'],
  ['The 2024-2025 plan was approved.', 'a year range'],
  ['Both sides have hurt their economies.', 'active "have hurt"'],
  ['In 1987 people were more optimistic.', 'a year before people'],
]

test('negative cases', async (t) => {
  for (const [sentence, why, given] of negativeCases) {
    await t.test(`${why}: ${sentence}`, () => {
      const found = quantitiesOf(sentence, given)
      assert.deepEqual(
        found.map((q) => `'${q.text}' ${q.value} ${q.unit}`),
        [],
      )
    })
  }
})

test('quantities stage declares what it reads and writes', () => {
  assert.equal(quantitiesStage.name, 'quantities')
  assert.deepEqual(quantitiesStage.requires, ['sentence', 'token', 'mention', 'date'])
  assert.deepEqual(quantitiesStage.produces, ['quantity'])
})

/** Units whose extras count against precision in the gold scoring. */
const SCORED = /^(?:[A-Z]{3}|percent|magnitude|people)$/

test('gold: every gold quantity is found (extras printed)', () => {
  const dir = new URL('../../../../shared/gold/articles/', import.meta.url)
  let names: string[]
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.gold.json'))
  } catch (cause) {
    throw new Error(`the gold articles are read from ${dir.pathname}`, { cause })
  }
  assert.ok(names.length > 0, 'no gold articles')
  let wanted = 0
  let found = 0
  const misses: string[] = []
  for (const name of names) {
    const gold = JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as {
      article: string
      quantities?: Array<{ text?: string; value: number; unit: string }>
      optional_quantities?: Array<{ value: number; unit: string }> | null
    }
    const raw = readFileSync(new URL(gold.article, dir), 'utf8')
    const text = gold.article.endsWith('.json') ? (JSON.parse(raw) as { text: string }).text : raw
    const format = gold.article.endsWith('.json') ? 'json' : 'txt'
    const doc = createPipeline([segment, givenStage({}), quantitiesStage]).run(
      { ...article(text, gold.article), format },
      quietContext,
    )
    const got = annotationsOf(doc, 'quantity')
    const close = (a: number, b: number): boolean => Math.abs(a - b) <= Math.abs(b) * 0.005
    const known = [...(gold.quantities ?? []), ...(gold.optional_quantities ?? [])]
    for (const g of gold.quantities ?? []) {
      wanted++
      if (got.some((q) => q.unit === g.unit && close(q.value, g.value))) found++
      else misses.push(`${gold.article}: ${g.text ?? ''} ${g.value} ${g.unit}`)
    }
    for (const q of got) {
      if (SCORED.test(q.unit) && !known.some((g) => g.unit === q.unit && close(q.value, g.value))) {
        console.log(`extra in ${gold.article}: '${q.text}' ${q.value} ${q.unit} (${q.source})`)
      }
    }
  }
  console.log(`gold quantities found: ${found}/${wanted}`)
  assert.deepEqual(misses, [])
})
