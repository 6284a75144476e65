/**
 * Filter parsing: what users type (strings) into the store's EventFilter, and one-line errors
 * that name the flag for what does not parse.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { FilterError, parseEventFilter, type RawEventFilter } from '../../src/query/event-filter.js'
import type { EventFilter } from '../../src/storage/store.js'

const good: ReadonlyArray<readonly [RawEventFilter, EventFilter]> = [
  [{}, {}],
  [{ actor: 'chn' }, { actor: 'CHN' }],
  [{ source: 'CHNGOV', target: ' rusgov ' }, { source: 'CHNGOV', target: 'RUSGOV' }],
  [{ actor: 'IGOUNOWHO' }, { actor: 'IGOUNOWHO' }],
  [{ dyad: 'CHN,RUS' }, { dyad: ['CHN', 'RUS'] }],
  [{ dyad: ' usa , chn ' }, { dyad: ['USA', 'CHN'] }],
  [{ code: '036' }, { code: '036' }],
  [{ code: '0211' }, { code: '0211' }],
  [{ root: '04' }, { code: '04' }],
  [{ root: '4' }, { code: '04' }],
  [{ root: '03', code: '0333' }, { code: '0333' }],
  [{ quad: '3' }, { quadClass: 3 }],
  [{ quad: 2 }, { quadClass: 2 }],
  [{ quad: 'Verbal-Cooperation' }, { quadClass: 1 }],
  [{ from: '2023-12-20', to: '2023-12-20' }, { from: '2023-12-20', to: '2023-12-20' }],
  [{ from: '2023', to: '2023' }, { from: '2023-01-01', to: '2023-12-31' }],
  [{ from: '2024-02', to: '2024-02' }, { from: '2024-02-01', to: '2024-02-29' }],
  [{ to: '2023-02' }, { to: '2023-02-28' }],
  [{ place: 'Beijing', text: 'bilateral trade' }, { place: 'Beijing', text: 'bilateral trade' }],
  [{ limit: '20', offset: '40' }, { limit: 20, offset: 40 }],
  [{ limit: 10000, offset: 0 }, { limit: 10000, offset: 0 }],
  // Empty values are absent (an HTML form submits them).
  [{ actor: '', dyad: '  ', limit: '' }, {}],
]

describe('parseEventFilter: good input', () => {
  for (const [raw, expected] of good) {
    test(JSON.stringify(raw), () => assert.deepEqual(parseEventFilter(raw), expected))
  }
  test('unknown keys (an HTTP query also carries format) are ignored', () => {
    const raw = { format: 'csv', actor: 'CHN' } as unknown as RawEventFilter
    assert.deepEqual(parseEventFilter(raw), { actor: 'CHN' })
  })
})

/** Each bad input, the field it must name, and words its message must contain. */
const bad: ReadonlyArray<readonly [RawEventFilter, string, RegExp]> = [
  [{ actor: 'CH' }, 'actor', /not a CAMEO actor code/],
  [{ actor: 'CHNG' }, 'actor', /three-letter blocks/],
  [{ source: 'CHN1' }, 'source', /not a CAMEO actor code/],
  [{ target: 'chn gov' }, 'target', /not a CAMEO actor code/],
  [{ dyad: 'CHN' }, 'dyad', /two actor codes separated by a comma/],
  [{ dyad: 'CHN,RUS,USA' }, 'dyad', /two actor codes/],
  [{ dyad: 'CHN,' }, 'dyad', /two actor codes/],
  [{ dyad: 'CHN,RU' }, 'dyad', /not a CAMEO actor code/],
  [{ code: '36' }, 'code', /not a CAMEO event code/],
  [{ code: '21' }, 'code', /not a CAMEO event code/],
  [{ code: '03333' }, 'code', /not a CAMEO event code/],
  [{ code: 'abc' }, 'code', /not a CAMEO event code/],
  [{ root: '00' }, 'root', /not a CAMEO root/],
  [{ root: '21' }, 'root', /not a CAMEO root/],
  [{ root: '04', code: '036' }, 'code', /036 is not under root 04/],
  [{ quad: '5' }, 'quad', /not a quad class/],
  [{ quad: 'cooperation' }, 'quad', /not a quad class/],
  [{ from: '2023-02-30' }, 'from', /not a date/],
  [{ from: '2023-13' }, 'from', /not a date/],
  [{ to: '20/12/2023' }, 'to', /not a date/],
  [{ from: '2024', to: '2023' }, 'to', /before --from/],
  [{ limit: '0' }, 'limit', /at least 1/],
  [{ limit: '10001' }, 'limit', /at most 10000/],
  [{ limit: '-5' }, 'limit', /not a whole number/],
  [{ limit: '2.5' }, 'limit', /not a whole number/],
  [{ offset: 'x' }, 'offset', /not a whole number/],
  [{ actor: 'A\u001b[31mB\nC' }, 'actor', /not a CAMEO actor code/],
]

describe('parseEventFilter: bad input gives a one-line error naming the field', () => {
  for (const [raw, field, message] of bad) {
    test(JSON.stringify(raw), () => {
      assert.throws(
        () => parseEventFilter(raw),
        (e: unknown) => {
          assert.ok(e instanceof FilterError, `not a FilterError: ${String(e)}`)
          assert.equal(e.field, field)
          assert.match(e.message, message)
          assert.ok(e.message.startsWith(`${field}: `), e.message)
          assert.ok(!['\n', '\r', '\u001b'].some((c) => e.message.includes(c)), `not one clean line: ${JSON.stringify(e.message)}`)
          assert.equal(e.code, 'CONFIG_INVALID')
          return true
        },
      )
    })
  }
})
