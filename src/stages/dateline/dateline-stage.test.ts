import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { DatelineAnnotation } from '../../core/annotation.js'
import { annotationsOf, type Article } from '../../core/document.js'
import { createPipeline } from '../../core/pipeline.js'
import { quietContext } from '../../core/stage.js'
import { loadGazetteer } from '../../lexicons/gazetteer.js'
import { createSegmentStage } from '../segment/segment-stage.js'
import { createDatelineStage } from './dateline-stage.js'

// Segment → dateline, through the real stages; the pipeline checks every span.
const pipeline = createPipeline([createSegmentStage(), createDatelineStage({ gazetteer: loadGazetteer() })], {
  validate: true,
})

interface Input {
  readonly text: string
  readonly format?: Article['format']
  /** The input's own date (`date` of a JSON record). */
  readonly date?: string | null
  /** A dateline the input gives beside its text. */
  readonly dateline?: string | null
  readonly source?: string | null
  /** `--published`. */
  readonly published?: string | null
}

function readDateline(input: Input): DatelineAnnotation {
  const article: Article = {
    id: 'dateline-test',
    title: null,
    source: input.source ?? null,
    url: null,
    date: input.date ?? null,
    text: input.text,
    dateline: input.dateline ?? null,
    input: 'dateline-test',
    format: input.format ?? 'json',
  }
  const doc = pipeline.run(article, { ...quietContext, published: input.published ?? null })
  const all = annotationsOf(doc, 'dateline')
  assert.equal(all.length, 1, 'exactly one dateline annotation')
  return all[0] as DatelineAnnotation
}

interface Expected {
  /** The dateline's words in the text ('' when it has none: an empty span at 0). */
  readonly text: string
  readonly place: string | null
  readonly country: string | null
  readonly date: string | null
  readonly dateFrom: DatelineAnnotation['dateFrom']
  readonly outlet?: string | null
  /** [lat, lon], checked within 1 degree. */
  readonly at?: readonly [number, number]
  /** The place's and the date's own words, inside the dateline. */
  readonly placeText?: string | null
  readonly dateText?: string | null
  readonly source?: string
}

type Row = readonly [name: string, input: Input, expected: Expected]

const rows: readonly Row[] = [
  // Place, country, date and outlet from the opening.
  [
    'capitals place, month and day, a dash',
    { text: 'PARIS, May 3 - French farmers blocked roads near the capital on Friday.', date: '2023-05-04' },
    { text: 'PARIS, May 3 -', place: 'Paris', country: 'FRA', date: '2023-05-03', dateFrom: 'dateline', outlet: null, at: [48.86, 2.35], placeText: 'PARIS', dateText: 'May 3', source: 'dateline/opening' },
  ],
  [
    'a full date and the outlet after it',
    { text: 'Lagos, June 1, 2022, Harbour Herald: Nigerian lawmakers approved the budget.', date: '2023-01-10' },
    { text: 'Lagos, June 1, 2022, Harbour Herald:', place: 'Lagos', country: 'NGA', date: '2022-06-01', dateFrom: 'dateline', outlet: 'Harbour Herald', at: [6.45, 3.39], placeText: 'Lagos', dateText: 'June 1, 2022' },
  ],
  [
    'an agency and no date: the day is the input\'s own',
    { text: 'TOKYO (Reuters) - Japanese exports rose in March, data showed.', date: '2023-04-20' },
    { text: 'TOKYO (Reuters) -', place: 'Tokyo', country: 'JPN', date: '2023-04-20', dateFrom: 'article', outlet: 'Reuters', at: [35.69, 139.69], placeText: 'TOKYO', dateText: null },
  ],
  [
    'day before month, an agency in parentheses',
    { text: 'BEIRUT, 3 May (AFP) - Lebanese banks shut early.', date: '2021-05-03' },
    { text: 'BEIRUT, 3 May (AFP) -', place: 'Beirut', country: 'LBN', date: '2021-05-03', dateFrom: 'dateline', outlet: 'AFP', at: [33.89, 35.5], dateText: '3 May' },
  ],
  [
    'an abbreviated month with a full stop, a two-word place',
    { text: 'NEW YORK, Jan. 5 - Shares fell in early trade.', date: '2022-01-05' },
    { text: 'NEW YORK, Jan. 5 -', place: 'New York', country: 'USA', date: '2022-01-05', dateFrom: 'dateline', at: [40.71, -74.01], placeText: 'NEW YORK', dateText: 'Jan. 5' },
  ],
  [
    'a place, its country, the date and an em dash',
    { text: 'ST. PETERSBURG, Russia, July 7 — The forum opened.', date: '2019-07-08' },
    { text: 'ST. PETERSBURG, Russia, July 7 —', place: 'St. Petersburg', country: 'RUS', date: '2019-07-07', dateFrom: 'dateline', at: [59.94, 30.31], placeText: 'ST. PETERSBURG', dateText: 'July 7' },
  ],
  [
    'a country as the dateline place',
    { text: 'Kenya, May 3 - Rains eased across the north.', date: '2020-05-05' },
    { text: 'Kenya, May 3 -', place: 'Kenya', country: 'KEN', date: '2020-05-03', dateFrom: 'dateline', at: [0.5, 37.9] },
  ],
  [
    'a place the gazetteer does not know keeps its words, title-cased, with no country',
    { text: 'SMALLBROOK, May 3 - Rains eased.', date: '2020-05-05' },
    { text: 'SMALLBROOK, May 3 -', place: 'Smallbrook', country: null, date: '2020-05-03', dateFrom: 'dateline', placeText: 'SMALLBROOK' },
  ],
  [
    'the outlet falls back on the input\'s source',
    { text: 'OSLO, Feb 2 - Norwegian ministers met.', date: '2020-02-03', source: 'Nordic Wire' },
    { text: 'OSLO, Feb 2 -', place: 'Oslo', country: 'NOR', date: '2020-02-02', dateFrom: 'dateline', outlet: 'Nordic Wire' },
  ],
  [
    'a text file: the dateline opens the first body paragraph, after banner and headline',
    {
      text: 'ASIA DESK\n\nFerry service resumes\n\nMANILA, Oct 9 - A ferry line between two islands reopened on Monday after repairs.',
      format: 'txt',
      date: null,
    },
    { text: 'MANILA, Oct 9 -', place: 'Manila', country: 'PHL', date: null, dateFrom: null, at: [14.6, 120.98], placeText: 'MANILA', dateText: 'Oct 9' },
  ],

  // A dateline with no year takes the year nearest the input's date.
  [
    'Dec 31, published on 1 January: the year before',
    { text: 'MOSCOW, Dec 31 - Russian officials met on Sunday.', date: '2024-01-01' },
    { text: 'MOSCOW, Dec 31 -', place: 'Moscow', country: 'RUS', date: '2023-12-31', dateFrom: 'dateline' },
  ],
  [
    'Dec 31, published on 30 December: the same year',
    { text: 'MOSCOW, Dec 31 - Russian officials met on Sunday.', date: '2023-12-30' },
    { text: 'MOSCOW, Dec 31 -', place: 'Moscow', country: 'RUS', date: '2023-12-31', dateFrom: 'dateline' },
  ],
  [
    'Jan 1, published on 31 December: the year after',
    { text: 'QUITO, Jan 1 - Officials met on Monday.', date: '2023-12-31' },
    { text: 'QUITO, Jan 1 -', place: 'Quito', country: 'ECU', date: '2024-01-01', dateFrom: 'dateline', at: [-0.23, -78.52] },
  ],
  [
    'Jan 1, published on 2 January: the same year',
    { text: 'QUITO, Jan 1 - Officials met on Monday.', date: '2024-01-02' },
    { text: 'QUITO, Jan 1 -', place: 'Quito', country: 'ECU', date: '2024-01-01', dateFrom: 'dateline' },
  ],
  [
    'a year in the dateline wins over the input\'s date',
    { text: 'QUITO, Jan 1, 2019 - Officials met on Monday.', date: '2023-12-31' },
    { text: 'QUITO, Jan 1, 2019 -', place: 'Quito', country: 'ECU', date: '2019-01-01', dateFrom: 'dateline', dateText: 'Jan 1, 2019' },
  ],
  [
    'no year and no input date: the year comes from --published',
    { text: 'QUITO, Jan 1 - Officials met on Monday.', published: '2020-02-02' },
    { text: 'QUITO, Jan 1 -', place: 'Quito', country: 'ECU', date: '2020-01-01', dateFrom: 'dateline' },
  ],
  [
    'no year, no input date, no --published: no reference day',
    { text: 'MOSCOW, Dec 31 - Russian officials met on Sunday.' },
    { text: 'MOSCOW, Dec 31 -', place: 'Moscow', country: 'RUS', date: null, dateFrom: null, dateText: 'Dec 31' },
  ],

  // The input's dateline field when the text has none.
  [
    'a dateline field with place and date; the span stays empty at 0',
    { text: 'Officials met on Monday to discuss the harvest.', dateline: 'HANOI, March 4', date: '2021-03-05' },
    { text: '', place: 'Hanoi', country: 'VNM', date: '2021-03-04', dateFrom: 'dateline', at: [21.03, 105.85], placeText: null, dateText: null, source: 'dateline/field' },
  ],
  [
    'a dateline field with a place only: the input\'s date',
    { text: 'Officials met on Monday to discuss the harvest.', dateline: 'HANOI', date: '2021-03-05' },
    { text: '', place: 'Hanoi', country: 'VNM', date: '2021-03-05', dateFrom: 'article', source: 'dateline/field' },
  ],
  [
    'a dateline field with a place only and no input date: --published',
    { text: 'Officials met on Monday to discuss the harvest.', dateline: 'HANOI', published: '2020-02-02' },
    { text: '', place: 'Hanoi', country: 'VNM', date: '2020-02-02', dateFrom: 'published', source: 'dateline/field' },
  ],
  [
    'the text\'s own dateline wins over the field',
    { text: 'OSLO, Feb 2 - Norwegian ministers met.', dateline: 'HANOI, March 4', date: '2020-02-03' },
    { text: 'OSLO, Feb 2 -', place: 'Oslo', country: 'NOR', date: '2020-02-02', dateFrom: 'dateline', source: 'dateline/opening' },
  ],

  // No dateline anywhere: the input's date, else --published.
  [
    'no dateline: the input\'s date, even when --published is given',
    { text: 'Officials met on Monday.', date: '2021-03-03', published: '2020-02-02' },
    { text: '', place: null, country: null, date: '2021-03-03', dateFrom: 'article', source: 'dateline/none' },
  ],
  [
    'no dateline and no input date: --published',
    { text: 'Officials met on Monday.', published: '2020-02-02' },
    { text: '', place: null, country: null, date: '2020-02-02', dateFrom: 'published', source: 'dateline/none' },
  ],
  [
    'no dateline, no date, no --published',
    { text: 'Officials met on Monday.' },
    { text: '', place: null, country: null, date: null, dateFrom: null, outlet: null, source: 'dateline/none' },
  ],
]

/** Offset of `needle` in `text` (it must be there). */
function startOf(text: string, needle: string): number {
  const at = text.indexOf(needle)
  assert.ok(at >= 0, `'${needle}' is not in the text`)
  return at
}

for (const [name, input, want] of rows) {
  test(`dateline: ${name}`, () => {
    const dl = readDateline(input)
    assert.equal(dl.text, want.text)
    assert.equal(dl.start, want.text ? startOf(input.text, want.text) : 0)
    assert.equal(dl.end, dl.start + want.text.length)
    assert.deepEqual(
      { place: dl.place, country: dl.country, date: dl.date, dateFrom: dl.dateFrom },
      { place: want.place, country: want.country, date: want.date, dateFrom: want.dateFrom },
    )
    if (want.outlet !== undefined) assert.equal(dl.outlet, want.outlet, 'outlet')
    if (want.source !== undefined) assert.equal(dl.source, want.source, 'source')
    if (want.at) {
      assert.ok(dl.lat !== null && Math.abs(dl.lat - want.at[0]) <= 1, `lat ${dl.lat}`)
      assert.ok(dl.lon !== null && Math.abs(dl.lon - want.at[1]) <= 1, `lon ${dl.lon}`)
    }
    if (want.placeText !== undefined) {
      const got = dl.placeRange ? [input.text.slice(dl.placeRange.start, dl.placeRange.end), dl.placeRange.start] : null
      assert.deepEqual(got, want.placeText === null ? null : [want.placeText, startOf(input.text, want.placeText)], 'place span')
    }
    if (want.dateText !== undefined) {
      const got = dl.dateRange ? [input.text.slice(dl.dateRange.start, dl.dateRange.end), dl.dateRange.start] : null
      assert.deepEqual(got, want.dateText === null ? null : [want.dateText, startOf(input.text, want.dateText)], 'date span')
    }
  })
}

// ---------------------------------------------------------------------------------------------

/** Openings that are not datelines: no place, and the day comes from the input. */
const negativeCases: readonly string[] = [
  'China said: the new tariffs will hurt trade between the two countries.',
  'Officials said on Monday - quietly - that the talks had stalled.',
  'Note: the figures are provisional and may change.',
  'Berlin and Paris signed the pact on May 3 - a first since the war.',
]

for (const text of negativeCases) {
  test(`negative cases: ${JSON.stringify(text)}`, () => {
    const dl = readDateline({ text, date: '2022-07-01' })
    assert.deepEqual(
      [dl.start, dl.end, dl.text, dl.place, dl.country, dl.date, dl.dateFrom, dl.source],
      [0, 0, '', null, null, '2022-07-01', 'article', 'dateline/none'],
    )
  })
}
