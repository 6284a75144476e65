/** CSV as RFC 4180 writes it: quotes only where needed, doubled quotes inside, CRLF records. */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { csvField, csvRecord, formatCsv, type CsvValue } from '../../src/query/format-csv.js'

const fields: ReadonlyArray<readonly [CsvValue, string]> = [
  ['plain', 'plain'],
  ['036', '036'],
  [3.4, '3.4'],
  [-10, '-10'],
  [0, '0'],
  [true, 'true'],
  [null, ''],
  [undefined, ''],
  ['', ''],
  ['a,b', '"a,b"'],
  ['He said "no"', '"He said ""no"""'],
  ['"', '""""'],
  ['line one\nline two', '"line one\nline two"'],
  ['cr\r', '"cr\r"'],
  [' padded ', ' padded '],
  ["it's", "it's"],
  ['Xi–Mishustin, “talks”', '"Xi–Mishustin, “talks”"'],
]

describe('csvField', () => {
  for (const [value, expected] of fields) {
    test(JSON.stringify(value), () => assert.equal(csvField(value), expected))
  }
})

test('csvRecord joins with commas and ends with CRLF', () => {
  assert.equal(csvRecord(['036', 'CHN, RUS', null, 3.4]), '036,"CHN, RUS",,3.4\r\n')
})

test('formatCsv writes a header and one record per row', () => {
  const csv = formatCsv(
    [
      { header: 'code', value: (r: { code: string; text: string }) => r.code },
      { header: 'text', value: (r: { code: string; text: string }) => r.text },
    ],
    [
      { code: '040', text: 'met' },
      { code: '018', text: 'said "sorry",\nthen left' },
    ],
  )
  assert.equal(csv, 'code,text\r\n040,met\r\n018,"said ""sorry"",\nthen left"\r\n')
})

test('a quoted field with a line break reads back whole (round trip)', () => {
  const value = 'a "b", c\r\nd'
  const quoted = csvField(value)
  assert.ok(quoted.startsWith('"') && quoted.endsWith('"'))
  assert.equal(quoted.slice(1, -1).replaceAll('""', '"'), value)
})
