/** Terminal tables: aligned columns, fitted to a width, control characters neutralised. */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { cellText, displayWidth, formatTable, truncate, type TableColumn } from '../../src/query/format-table.js'

interface Row {
  readonly code: string
  readonly n: number
  readonly text: string
}

const columns: readonly TableColumn<Row>[] = [
  { header: 'CODE', value: (r) => r.code },
  { header: 'N', value: (r) => r.n, align: 'right' },
  { header: 'TEXT', value: (r) => r.text, flex: true },
]

const rows: readonly Row[] = [
  { code: '036', n: 3, text: 'Xi Jinping met Mikhail Mishustin in Beijing on Wednesday.' },
  { code: '0211', n: 12, text: 'Both sides should enrich cooperation.' },
]

test('columns are aligned: left by default, numbers right', () => {
  assert.equal(
    formatTable(columns, rows),
    [
      'CODE   N  TEXT',
      '036    3  Xi Jinping met Mikhail Mishustin in Beijing on Wednesday.',
      '0211  12  Both sides should enrich cooperation.',
      '',
    ].join('\n'),
  )
})

test('a width shrinks the flexible column and cuts with an ellipsis', () => {
  const out = formatTable(columns, rows, { width: 40 })
  const lines = out.trimEnd().split('\n')
  for (const l of lines) assert.ok(displayWidth(l) <= 40, `${displayWidth(l)} > 40: ${l}`)
  assert.equal(lines[1], '036    3  Xi Jinping met Mikhail Mishus…')
  assert.equal(lines[2], '0211  12  Both sides should enrich coop…')
})

test('fixed columns are never cut; a flexible column keeps a minimum width', () => {
  const out = formatTable(columns, rows, { width: 10 })
  const first = out.split('\n')[1] ?? ''
  assert.ok(first.startsWith('036    3  '), first)
  assert.equal(displayWidth(first), 10 + 12)
})

test('maxWidth caps a column whatever the terminal', () => {
  const out = formatTable([{ header: 'T', value: (r: Row) => r.text, maxWidth: 10 }], rows)
  assert.equal(out.split('\n')[1], 'Xi Jinpin…')
})

test('no rows gives the header alone', () => {
  assert.equal(formatTable(columns, []), 'CODE  N  TEXT\n')
})

describe('cellText flattens text and removes control characters', () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['two\nlines', 'two lines'],
    ['tab\tand  spaces', 'tab and spaces'],
    ['\u001b[31mred\u001b[0m', '[31mred [0m'],
    ['bell\u0007', 'bell'],
    ['c1\u009bcontrol', 'c1 control'],
  ]
  for (const [input, expected] of cases) {
    test(JSON.stringify(input), () => assert.equal(cellText(input), expected))
  }
  test('null and numbers', () => {
    assert.equal(cellText(null), '')
    assert.equal(cellText(-2.5), '-2.5')
  })
})

describe('display width', () => {
  test('wide characters take two columns, combining marks none', () => {
    assert.equal(displayWidth('abc'), 3)
    assert.equal(displayWidth('习近平'), 6)
    assert.equal(displayWidth('e\u0301'), 1)
  })
  test('wide text aligns by width, not by length', () => {
    const out = formatTable([{ header: 'NAME', value: (r: { n: string }) => r.n }, { header: 'X', value: () => 'x' }], [
      { n: '习近平' },
      { n: 'Xi' },
    ])
    assert.deepEqual(out.trimEnd().split('\n'), ['NAME    X', '习近平  x', 'Xi      x'])
  })
  test('truncate counts width', () => {
    assert.equal(truncate('习近平主席', 5), '习近…')
    assert.equal(truncate('short', 10), 'short')
    assert.equal(truncate('abcdef', 4), 'abc…')
  })
})

test('a column may be dropped on a narrow terminal, never when output is not fitted', () => {
  const cols: readonly TableColumn<Row>[] = [...columns.slice(0, 2), { ...columns[2]!, dropBelow: 60 }]
  assert.equal(formatTable(cols, rows, { width: 40 }), 'CODE   N\n036    3\n0211  12\n')
  assert.match(formatTable(cols, rows, { width: 60 }), /TEXT/)
  assert.match(formatTable(cols, rows), /TEXT/)
})
