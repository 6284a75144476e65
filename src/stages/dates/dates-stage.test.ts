import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from 'node:test'
import { spanIsValid } from '../../core/annotation.js'
import { articleOf, createDateReader } from './test-helpers.js'

const reader = createDateReader()

interface Expected {
  readonly text: string
  readonly value: string
}

/** [text, reference day, every date it should yield (text, value), in text order] */
type Row = readonly [string, string | null, readonly Expected[]]

const rows: readonly Row[] = [
  // Calendar dates
  [
    'The accord was signed in Geneva on December 20, 2023, officials said.',
    '2023-12-22',
    [{ text: 'December 20, 2023', value: '2023-12-20' }],
  ],
  [
    'New duties will rise on January 1, 2019 under the plan.',
    '2018-09-25',
    [{ text: 'January 1, 2019', value: '2019-01-01' }],
  ],
  [
    'OSLO, March 30 - The ministers met behind closed doors.',
    '1987-03-30',
    [{ text: 'March 30', value: '1987-03-30' }],
  ],
  [
    'LIMA, Oct 20 - The finance ministers signed the accord.',
    '1987-10-20',
    [{ text: 'Oct 20', value: '1987-10-20' }],
  ],
  [
    'Ministers will meet again on Oct 20 to review the plan.',
    '1987-10-02',
    [{ text: 'Oct 20', value: '1987-10-20' }],
  ],
  [
    'Exports rose on December 28, officials said.',
    '2024-01-03',
    [{ text: 'December 28', value: '2023-12-28' }],
  ],
  [
    'The report was published on Wednesday, March 30, by the ministry.',
    '1988-01-05',
    [{ text: 'Wednesday, March 30', value: '1988-03-30' }],
  ],
  [
    'The ceasefire collapsed in August 2018.',
    '2019-02-01',
    [{ text: 'August 2018', value: '2018-08' }],
  ],
  [
    'Trade talks ran from March 3 to April 2, 1987.',
    '1987-05-01',
    [{ text: 'March 3 to April 2, 1987', value: '1987-03-03/1987-04-02' }],
  ],
  // Weekdays: the same day, or past or future by the tense, or the nearest
  [
    'The delegation arrived on Wednesday for two days of talks.',
    '2023-12-20',
    [{ text: 'Wednesday', value: '2023-12-20' }],
  ],
  ['The new rules took effect on Monday.', '2018-09-25', [{ text: 'Monday', value: '2018-09-24' }]],
  ['The new rules took effect on Friday.', '2018-09-25', [{ text: 'Friday', value: '2018-09-21' }]],
  [
    'The summit is scheduled to close on Thursday.',
    '1987-04-13',
    [{ text: 'Thursday', value: '1987-04-16' }],
  ],
  ['The envoy will fly home on Monday.', '2023-12-20', [{ text: 'Monday', value: '2023-12-25' }]],
  [
    'The conference is to be held on Friday in Oslo.',
    '2023-12-20',
    [{ text: 'Friday', value: '2023-12-22' }],
  ],
  ['Talks resume Saturday in Vienna.', '2023-12-20', [{ text: 'Saturday', value: '2023-12-23' }]],
  ['Talks resume Sunday in Vienna.', '2023-12-20', [{ text: 'Sunday', value: '2023-12-17' }]],
  [
    'The minister leaves Vienna Tuesday evening.',
    '1987-10-20',
    [{ text: 'Tuesday', value: '1987-10-20' }],
  ],
  [
    'The talks broke down last Tuesday.',
    '2023-12-20',
    [{ text: 'last Tuesday', value: '2023-12-19' }],
  ],
  [
    'He said the vote would take place next Wednesday.',
    '2023-12-20',
    [{ text: 'next Wednesday', value: '2023-12-27' }],
  ],
  [
    'The vote, set for Sunday, was later postponed.',
    '2023-12-20',
    [{ text: 'Sunday', value: '2023-12-24' }],
  ],
  // Days, months and years relative to the reference day
  [
    'The president spoke to reporters today.',
    '1987-03-30',
    [{ text: 'today', value: '1987-03-30' }],
  ],
  [
    'The envoy returned from Athens last night.',
    '1987-03-30',
    [{ text: 'last night', value: '1987-03-29' }],
  ],
  [
    'Rebels attacked the convoy yesterday.',
    '2023-03-01',
    [{ text: 'yesterday', value: '2023-02-28' }],
  ],
  ['The vote is due tomorrow.', '2023-12-31', [{ text: 'tomorrow', value: '2024-01-01' }]],
  ['Exports rose sharply this year.', '2023-12-20', [{ text: 'this year', value: '2023' }]],
  ['The plant will open next year.', '2023-12-20', [{ text: 'next year', value: '2024' }]],
  ['Output fell last year.', '2023-12-20', [{ text: 'last year', value: '2022' }]],
  ['Prices climbed this month.', '2023-12-20', [{ text: 'this month', value: '2023-12' }]],
  ['Inflation eased last month.', '2023-01-10', [{ text: 'last month', value: '2022-12' }]],
  [
    'Negotiators have met twice this week.',
    '2023-12-20',
    [{ text: 'this week', value: '2023-12-18/2023-12-24' }],
  ],
  [
    'The company was founded three years ago.',
    '2023-12-20',
    [{ text: 'three years ago', value: '2020' }],
  ],
  [
    'The delegation visited the capital in August.',
    '2018-09-25',
    [{ text: 'August', value: '2018-08' }],
  ],
  ['The ministers will meet in March.', '2018-09-25', [{ text: 'March', value: '2019-03' }]],
  // Parts of a year, spans of years
  [
    'In the first 11 months of this year, exports reached a record.',
    '2023-12-20',
    [{ text: 'first 11 months of this year', value: '2023-01-01/2023-11-30' }],
  ],
  [
    'Sales grew in the first half of 1987.',
    '1987-09-01',
    [{ text: 'first half of 1987', value: '1987-01-01/1987-06-30' }],
  ],
  [
    'Profits rose in the first quarter.',
    '1987-05-10',
    [{ text: 'first quarter', value: '1987-01-01/1987-03-31' }],
  ],
  [
    'Imports fell in the third quarter of last year.',
    '1987-05-10',
    [{ text: 'third quarter of last year', value: '1986-07-01/1986-09-30' }],
  ],
  [
    'The exchange programme covers 2024-2025 and beyond.',
    '2023-12-20',
    [{ text: '2024-2025', value: '2024/2025' }],
  ],
  ['The 1986/87 harvest was poor.', '1987-03-11', [{ text: '1986/87', value: '1986/1987' }]],
  // Bare years
  [
    'The government aims to finish the dam by 1990.',
    '1987-03-11',
    [{ text: '1990', value: '1990' }],
  ],
  ['The border was drawn in 1956.', '1987-03-11', [{ text: '1956', value: '1956' }]],
  ['Aid is given under Section 12 of a 1949 law.', '1987-10-20', [{ text: '1949', value: '1949' }]],
  ['Survivors of the 1994 genocide testified.', '2004-04-07', [{ text: '1994', value: '1994' }]],
  ['The reactor was shut in mid-1987.', '1988-01-01', [{ text: 'mid-1987', value: '1987' }]],
  ['Elections are expected in early 2020.', '2019-06-01', [{ text: 'early 2020', value: '2020' }]],
  ['Trade grew steadily in the 1990s.', '2005-06-01', [{ text: '1990s', value: '1990/1999' }]],
  ['Britain\'s 1990 budget cut spending.', '1990-06-01', [{ text: '1990', value: '1990' }]],
  [
    'He served as minister from 1990 to 1995.',
    '2023-12-20',
    [
      { text: '1990', value: '1990' },
      { text: '1995', value: '1995' },
    ],
  ],
  ['The ban was extended to 2025.', '2023-12-20', [{ text: '2025', value: '2025' }]],
  [
    'ROME, May 2 - Readers of USA Today were told of the plan.',
    '1999-05-02',
    [{ text: 'May 2', value: '1999-05-02' }],
  ],
  // No reference day: relative expressions stay unresolved, absolute ones do not
  [
    'The treaty was signed on January 1, 2019 and renewed yesterday.',
    null,
    [{ text: 'January 1, 2019', value: '2019-01-01' }],
  ],
  [
    'The dam was completed in 1956 and inspected on Tuesday.',
    null,
    [{ text: '1956', value: '1956' }],
  ],
  ['Exports fell last year but rose in March and in the first quarter.', null, []],
]

for (const [text, reference, expected] of rows) {
  test(`${JSON.stringify(text)} @ ${reference}`, () => {
    const dates = reader.read(articleOf(text), reference)
    for (const d of dates) assert.ok(spanIsValid(text, d), `span of ${d.id}`)
    assert.deepEqual(
      dates.map((d) => ({ text: d.text, start: d.start, value: d.value })),
      expected.map((e) => ({ text: e.text, start: text.indexOf(e.text), value: e.value })),
    )
  })
}

/** Sentences that hold no date: durations, vague words, figures, chrono's false friends. */
const negativeCases: readonly string[] = [
  'The drought has lasted for two years.',
  'Fighting went on for more than a week.',
  'It was the first such accord in nearly a decade.',
  'Tremors have been felt over a week in the hills.',
  'The talks could take months.',
  'A 6.2-magnitude tremor shook the region.',
  'Officials said they may raise taxes.',
  'One of the ministers resigned.',
  'The opposition plans to march on the capital.',
  'She finished second in the race.',
  'The envoy sat with the minister under the sun.',
  'The meeting began at 10 am.',
  'The recent floods were severe and relief is needed now.',
  'Aid will arrive soon.',
  'Such talks have failed in the past.',
  'The ship carried 2000 tonnes of wheat.',
  'Donors pledged $1990 for each family.',
  'About 1500 people were evacuated.',
  'Rebels fired some 2000 rounds at the post.',
  'The index rose to 1987 points.',
  'The embassy stands at 1600 Pennsylvania Avenue.',
  'Aid is given under Section 2001 of the act.',
  'Flight 1549 landed safely.',
  'The side scored twice in the first half.',
  'Reporters from the Sunday Times were expelled.',
  'The 9/11 commission met.',
  'A total of 1850 refugees crossed.',
  'Output rose to 2000 after the reform.',
  'Prices went from 1500 to 2000.',
  'Over the past year, trade doubled.',
  'The past week was calm.',
  'The mission sent 1200 soldiers.',
]

for (const text of negativeCases) {
  test(`negative cases: ${JSON.stringify(text)}`, () => {
    const dates = reader.read(articleOf(text), '2023-12-20')
    assert.deepEqual(
      dates.map((d) => `${d.text} = ${d.value} (${d.source})`),
      [],
    )
  })
}

test('ids run d0, d1, … in text order, with the rule that made each and its certainty', () => {
  const text = 'Xi met Putin on Wednesday; the pact signed on March 3, 1990 runs to 2025.'
  const dates = reader.read(articleOf(text), '2023-12-20')
  assert.deepEqual(
    dates.map((d) => [d.id, d.text, d.source, d.grain, d.certainty]),
    [
      ['d0', 'Wednesday', 'dates/relative-weekday', 'day', 'implied'],
      ['d1', 'March 3, 1990', 'dates/chrono', 'day', 'known'],
      ['d2', '2025', 'dates/bare-year', 'year', 'known'],
    ],
  )
})

test('a date in a text file\'s dateline and a year-less date take the reference year', () => {
  const text =
    'Breaking\n\nA headline about talks\n\nBERLIN, June 4, 2021, Daily Wire: The envoys met on June 2.'
  const dates = reader.read(articleOf(text, 'txt'), '2021-06-04')
  assert.deepEqual(
    dates.map((d) => [d.text, d.value, d.certainty]),
    [
      ['June 4, 2021', '2021-06-04', 'known'],
      ['June 2', '2021-06-02', 'implied'],
    ],
  )
})

interface GoldDate {
  readonly text: string
  readonly value: string
}

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url))
const goldDir = join(projectRoot, '../shared/gold/articles')

test('gold articles: every gold date is found with its value (extras printed)', () => {
  const files = readdirSync(goldDir).filter((f) => f.endsWith('.gold.json'))
  assert.ok(files.length > 0, `no gold answers in ${goldDir}`)
  let found = 0
  let total = 0
  let extras = 0
  const missing: string[] = []
  for (const file of files) {
    const gold = JSON.parse(readFileSync(join(goldDir, file), 'utf8')) as {
      article: string
      dateline: { date: string | null }
      dates: GoldDate[]
    }
    const raw = readFileSync(join(goldDir, gold.article), 'utf8')
    const isTxt = gold.article.endsWith('.txt')
    const text = isTxt ? raw : (JSON.parse(raw) as { text: string }).text
    const article = articleOf(text, isTxt ? 'txt' : 'json', gold.article)
    const dates = reader.read(article, gold.dateline.date)
    const overlaps = (a: string, b: string): boolean => a.includes(b) || b.includes(a)
    for (const g of gold.dates) {
      total++
      if (dates.some((d) => overlaps(d.text, g.text) && d.value === g.value)) found++
      else missing.push(`${gold.article}: ${g.text} = ${g.value}`)
    }
    const extra = dates.filter((d) => !gold.dates.some((g) => overlaps(d.text, g.text)))
    extras += extra.length
    for (const d of extra) {
      console.log(`extra date in ${gold.article}: ${d.text} = ${d.value} (${d.source})`)
    }
  }
  const precision = (found / Math.max(1, found + extras)).toFixed(3)
  console.log(`gold dates: recall ${found}/${total}, extras ${extras}, precision ~${precision}`)
  assert.deepEqual(missing, [])
})
