/** The query functions check what users typed before asking the store, and pass it on parsed. */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { FilterError } from '../../src/query/event-filter.js'
import { formatDyadText } from '../../src/query/format-dyad.js'
import { displayWidth } from '../../src/query/format-table.js'
import {
  DEFAULT_EVENT_LIMIT,
  queryActors,
  queryArticle,
  queryDyad,
  queryEvents,
  querySearch,
} from '../../src/query/queries.js'
import type { DyadReport } from '../../src/storage/store.js'
import { createFakeStore, storedArticle, storedEvent } from './fake-store.js'

describe('queries', () => {
  test('queryEvents applies the default limit and reports a full page', async () => {
    const store = createFakeStore({ events: Array.from({ length: 150 }, (_, i) => storedEvent({ id: i + 1 })) })
    const page = await queryEvents(store, { dyad: 'chn,rus' })
    assert.deepEqual(store.calls[0]?.args[0], { dyad: ['CHN', 'RUS'], limit: DEFAULT_EVENT_LIMIT })
    assert.equal(page.events.length, DEFAULT_EVENT_LIMIT)
    assert.equal(page.more, true)
    const last = await queryEvents(store, { limit: '100', offset: '100' })
    assert.equal(last.events.length, 50)
    assert.equal(last.more, false)
  })

  test('a bad filter never reaches the store', async () => {
    const store = createFakeStore({})
    await assert.rejects(queryEvents(store, { quad: '9' }), FilterError)
    assert.equal(store.calls.length, 0)
  })

  test('queryDyad upper-cases codes and checks them', async () => {
    const store = createFakeStore({})
    await queryDyad(store, 'chn', 'rusgov', { limit: '5' })
    assert.deepEqual(store.calls[0]?.args, ['CHN', 'RUSGOV', { limit: 5 }])
    await assert.rejects(queryDyad(store, 'CHN', 'R'), /b: "R" is not a CAMEO actor code/)
    await assert.rejects(queryDyad(store, 'CHN', 'RUS', { limit: '0' }), /limit: must be at least 1/)
  })

  test('queryActors, querySearch, queryArticle', async () => {
    const store = createFakeStore({ articles: [storedArticle(3)] })
    await queryActors(store, { prefix: 'chn' })
    assert.deepEqual(store.calls.at(-1)?.args, [{ limit: 50, prefix: 'CHN' }])
    await queryActors(store, {})
    assert.deepEqual(store.calls.at(-1)?.args, [{ limit: 50 }])
    await querySearch(store, '  bilateral trade ', { limit: 3 })
    assert.deepEqual(store.calls.at(-1)?.args, ['bilateral trade', { limit: 3 }])
    await assert.rejects(querySearch(store, '   '), /at least one word/)
    assert.equal((await queryArticle(store, '3'))?.id, 3)
    assert.equal(await queryArticle(store, 4), null)
    await assert.rejects(queryArticle(store, 'abc'), /not an article id/)
    await assert.rejects(queryArticle(store, '0'), /not an article id/)
  })
})

describe('formatDyadText', () => {
  const report: DyadReport = {
    a: 'CHN',
    b: 'RUS',
    months: [
      { month: '2023-10', counts: { 1: 2, 2: 0, 3: 1, 4: 0 }, meanGoldstein: 1 },
      { month: '2023-12', counts: { 1: 8, 2: 1, 3: 0, 4: 0 }, meanGoldstein: 3.6 },
    ],
    events: [storedEvent({ id: 9 })],
    statements: [
      { articleId: 1, speaker: 'Xi Jinping', cue: 'said', text: 'Both sides should\ncontinuously enrich cooperation.', date: '2023-12-20', start: 0, end: 10 },
    ],
    figures: [
      { articleId: 1, text: '$200 billion', value: 200_000_000_000, unit: 'USD', measure: 'trade', period: '2023-01-01/2023-11-30', parties: ['CHN', 'RUS'], date: null },
    ],
  }
  const text = formatDyadText(report, { width: 80 })
  const lines = text.split('\n')

  test('a summary line with the total and the mean Goldstein weighted by events', () => {
    assert.equal(lines[0], 'CHN ↔ RUS: 12 events by month from 2023-10 to 2023-12, mean Goldstein +2.9')
  })
  test('one line per month, the quiet month included, with a bar shaded by quad class', () => {
    const chart = lines.slice(2, 6)
    assert.match(chart[0] ?? '', /^MONTH\s+VCOOP\s+MCOOP\s+VCONF\s+MCONF\s+GS$/)
    assert.match(chart[1] ?? '', /^2023-10\s+2\s+\.\s+1\s+\.\s+\+1\s+█+▒+$/)
    assert.match(chart[2] ?? '', /^2023-11\s+\.\s+\.\s+\.\s+\.$/)
    assert.match(chart[3] ?? '', /^2023-12\s+8\s+1\s+\.\s+\.\s+\+3\.6\s+█+▓+$/)
    // The busiest month has the longest bar.
    const barLength = (l: string): number => (l.match(/[█▓▒░]/g) ?? []).length
    assert.ok(barLength(chart[3] ?? '') > barLength(chart[1] ?? ''))
  })
  test('latest events, statements and figures, each line within the width', () => {
    assert.match(text, /Latest events \(1\)/)
    assert.match(text, /Statements \(1\)\n {2}2023-12-20 {2}Xi Jinping said: "Both sides should continuously enrich/)
    assert.match(text, /Figures \(1\)\n {2}"\$200 billion" = 200,000,000,000 USD \(trade\) period 2023-01-01/)
    for (const l of lines) assert.ok(displayWidth(l) <= 80, `${displayWidth(l)}: ${l}`)
  })
  test('a long quiet run is one line', () => {
    const long = formatDyadText({
      ...report,
      months: [
        { month: '1987-03', counts: { 1: 1, 2: 0, 3: 0, 4: 0 }, meanGoldstein: 1 },
        { month: '2023-12', counts: { 1: 1, 2: 0, 3: 0, 4: 0 }, meanGoldstein: 1 },
      ],
    })
    assert.match(long, /…\s+\(440 months without events\)/)
  })
  test('no events', () => {
    const none = formatDyadText({ a: 'ISL', b: 'NZL', months: [], events: [], statements: [], figures: [] })
    assert.equal(none, 'ISL ↔ NZL: 0 events by month\n\nNo events between these two actors.\n')
  })
})
