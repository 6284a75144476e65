/**
 * The GDELT 2.0 export: the codebook's 61 columns in order, each event's values where we have
 * them, empty fields where we do not, and one record per event key.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { exportEvents } from '../../src/query/export-events.js'
import { checkGdeltLine, GDELT_COLUMNS, GDELT_INDEX } from '../../src/query/gdelt-columns.js'
import { fractionDate, gdeltFields } from '../../src/query/gdelt-record.js'
import { createFakeStore, storedArticle, storedEvent } from './fake-store.js'

const field = (fields: readonly string[], name: string): string | undefined => fields[GDELT_INDEX[name] ?? -1]

describe('GDELT columns', () => {
  test('61 columns, the codebook order at the landmarks', () => {
    assert.equal(GDELT_COLUMNS.length, 61)
    const names = GDELT_COLUMNS.map((c) => c.name)
    assert.deepEqual(names.slice(0, 7), ['GlobalEventID', 'Day', 'MonthYear', 'Year', 'FractionDate', 'Actor1Code', 'Actor1Name'])
    assert.equal(names[15], 'Actor2Code')
    assert.deepEqual(names.slice(25, 35), [
      'IsRootEvent',
      'EventCode',
      'EventBaseCode',
      'EventRootCode',
      'QuadClass',
      'GoldsteinScale',
      'NumMentions',
      'NumSources',
      'NumArticles',
      'AvgTone',
    ])
    assert.deepEqual(names.slice(35, 43), [
      'Actor1Geo_Type',
      'Actor1Geo_Fullname',
      'Actor1Geo_CountryCode',
      'Actor1Geo_ADM1Code',
      'Actor1Geo_ADM2Code',
      'Actor1Geo_Lat',
      'Actor1Geo_Long',
      'Actor1Geo_FeatureID',
    ])
    assert.equal(names[51], 'ActionGeo_Type')
    assert.deepEqual(names.slice(59), ['DATEADDED', 'SOURCEURL'])
    assert.equal(new Set(names).size, 61)
  })
})

describe('fractionDate', () => {
  const rows: ReadonlyArray<readonly [[number, number, number], string]> = [
    [[2023, 12, 20], '2023.9589'],
    [[2023, 1, 1], '2023.0027'],
    [[2023, 12, 31], '2023.9890'],
    [[1987, 3, 5], '1987.1780'],
  ]
  for (const [[y, m, d], expected] of rows) {
    test(`${y}-${m}-${d}`, () => assert.equal(fractionDate(y, m, d), expected))
  }
})

describe('gdeltFields', () => {
  const article = storedArticle(1, {
    entities: [
      { id: 'e1', name: 'Beijing', type: 'place', country: 'CHN', title: null, actor: null, lat: 39.9, lon: 116.4, aliases: [], mentions: [], rule: 'r' },
      { id: 'e2', name: 'Russia', type: 'country', country: 'RUS', title: null, actor: 'RUS', lat: 60, lon: 100, aliases: [], mentions: [], rule: 'r' },
    ],
  }, 'https://example.com/xi')

  test('a fully known event', () => {
    const f = gdeltFields(storedEvent({ id: 7, code: '0211', root: '02', quadClass: 1, goldstein: 3.4, numMentions: 2, numSources: 1, numArticles: 2 }), article)
    assert.equal(f.length, 61)
    assert.deepEqual(checkGdeltLine(f.join('\t')), [])
    const expected: Record<string, string> = {
      GlobalEventID: '7',
      Day: '20231220',
      MonthYear: '202312',
      Year: '2023',
      FractionDate: '2023.9589',
      Actor1Code: 'CHNGOV',
      Actor1Name: 'Xi Jinping',
      Actor1CountryCode: 'CHN',
      Actor1KnownGroupCode: '',
      Actor1Type1Code: 'GOV',
      Actor1Type2Code: '',
      Actor2Code: 'RUSGOV',
      Actor2CountryCode: 'RUS',
      Actor2Type1Code: 'GOV',
      IsRootEvent: '1',
      EventCode: '0211',
      EventBaseCode: '021',
      EventRootCode: '02',
      QuadClass: '1',
      GoldsteinScale: '3.4',
      NumMentions: '2',
      NumSources: '1',
      NumArticles: '2',
      AvgTone: '',
      Actor1Geo_Fullname: '',
      ActionGeo_Type: '',
      ActionGeo_Fullname: 'Beijing',
      ActionGeo_CountryCode: '',
      ActionGeo_Lat: '39.9',
      ActionGeo_Long: '116.4',
      ActionGeo_FeatureID: '',
      DATEADDED: '',
      SOURCEURL: 'https://example.com/xi',
    }
    for (const [name, value] of Object.entries(expected)) assert.equal(field(f, name), value, name)
  })

  test('a country as the place is a COUNTRY geography (type 1)', () => {
    const f = gdeltFields(storedEvent({ place: 'Russia' }), article)
    assert.equal(field(f, 'ActionGeo_Type'), '1')
    assert.equal(field(f, 'ActionGeo_Lat'), '60')
  })

  test('an event dated only by year takes the article\'s day; a later sentence is not the root', () => {
    const f = gdeltFields(storedEvent({ date: '2024', sentenceStart: 100 }), article)
    assert.equal(field(f, 'Day'), '20231220')
    assert.equal(field(f, 'IsRootEvent'), '0')
  })

  test('an international actor has no country; a negative Goldstein stays signed', () => {
    const f = gdeltFields(storedEvent({ source: 'IGOUNO', sourceName: 'United Nations', code: '112', root: '11', quadClass: 3, goldstein: -2 }), article)
    assert.equal(field(f, 'Actor1Code'), 'IGOUNO')
    assert.equal(field(f, 'Actor1CountryCode'), '')
    assert.equal(field(f, 'Actor1Type1Code'), '')
    assert.equal(field(f, 'GoldsteinScale'), '-2')
    assert.deepEqual(checkGdeltLine(f.join('\t')), [])
  })

  test('without its article: no day, no root flag, the key as source; still a valid line', () => {
    const f = gdeltFields(storedEvent({ date: null, place: null, articleKey: 'url:https://example.com/a' }), null)
    assert.equal(field(f, 'Day'), '')
    assert.equal(field(f, 'IsRootEvent'), '')
    assert.equal(field(f, 'SOURCEURL'), 'https://example.com/a')
    assert.deepEqual(checkGdeltLine(f.join('\t')).filter((p) => !p.startsWith('IsRootEvent')), [])
  })

  test('tabs and line breaks in names never split a record', () => {
    const f = gdeltFields(storedEvent({ sourceName: 'Xi\tJinping\nsaid' }), article)
    assert.equal(f.join('\t').split('\t').length, 61)
    assert.equal(field(f, 'Actor1Name'), 'Xi Jinping said')
  })
})

describe('checkGdeltLine finds', () => {
  const good = gdeltFields(storedEvent(), storedArticle(1))
  const broken = (name: string, value: string): string => {
    const f = [...good]
    f[GDELT_INDEX[name] ?? -1] = value
    return f.join('\t')
  }
  const rows: ReadonlyArray<readonly [string, string, RegExp]> = [
    ['Day', '20231320', /not a YYYYMMDD day/],
    ['Day', '20230229', /not a YYYYMMDD day/],
    ['MonthYear', '202311', /does not match Day/],
    ['FractionDate', '2023.95', /fraction date/],
    ['GlobalEventID', 'x1', /not an integer/],
    ['GlobalEventID', '', /is empty/],
    ['GoldsteinScale', 'high', /not a number/],
    ['GoldsteinScale', '11', /outside/],
    ['QuadClass', '5', /not 1-4/],
    ['EventCode', '40', /EventBaseCode|EventRootCode/],
    ['ActionGeo_Lat', 'N39', /not a number/],
    ['DATEADDED', '2023122012', /timestamp/],
  ]
  for (const [name, value, message] of rows) {
    test(`${name} = ${JSON.stringify(value)}`, () => assert.match(checkGdeltLine(broken(name, value)).join('; '), message))
  }
  test('a missing column', () => {
    assert.deepEqual(checkGdeltLine(good.slice(1).join('\t')), ['60 columns, expected 61'])
  })
})

describe('exportEvents', () => {
  const events = [
    storedEvent({ id: 1, articleId: 1 }),
    storedEvent({ id: 2, articleId: 1, code: '0211', root: '02', eventKey: '2023-12-20|CHNGOV|RUSGOV|0211', sentence: 'He said, "we agree"' }),
    // A second report of event 1, from another article.
    storedEvent({ id: 3, articleId: 2, numArticles: 2 }),
  ]
  const store = (): ReturnType<typeof createFakeStore> =>
    createFakeStore({ events, articles: [storedArticle(1), storedArticle(2)] })
  const collect = async (format: 'gdelt' | 'csv' | 'jsonl'): Promise<{ text: string; records: number; merged: number; s: ReturnType<typeof store> }> => {
    const s = store()
    let text = ''
    const result = await exportEvents(s, { dyad: ['CHN', 'RUS'] }, format, { write: (c) => void (text += c) })
    return { text, ...result, s }
  }

  test('gdelt: one record per event key, each with 61 columns; articles read once', async () => {
    const { text, records, merged, s } = await collect('gdelt')
    const lines = text.split('\n').filter(Boolean)
    assert.equal(records, 2)
    assert.equal(merged, 1)
    assert.equal(lines.length, 2)
    for (const l of lines) assert.deepEqual(checkGdeltLine(l), [])
    assert.deepEqual(s.calls.filter((c) => c.method === 'eachEvent').map((c) => c.args[0]), [{ dyad: ['CHN', 'RUS'] }])
    assert.equal(s.calls.filter((c) => c.method === 'article').length, 1)
  })

  test('csv: a header and every stored row, RFC 4180', async () => {
    const { text, records } = await collect('csv')
    assert.equal(records, 3)
    const lines = text.split('\r\n')
    assert.match(lines[0] ?? '', /^id,eventKey,date,code,label,/)
    assert.equal(lines.length, 5)
    assert.match(text, /"He said, ""we agree"""/)
  })

  test('jsonl: one stored event per line', async () => {
    const { text } = await collect('jsonl')
    const rows = text.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: number })
    assert.deepEqual(rows.map((r) => r.id), [1, 2, 3])
  })
})
