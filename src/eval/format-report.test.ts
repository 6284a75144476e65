import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatReport, reportJson } from './format-report.js'
import { goldFileSchema, type GoldArticle } from './gold.js'
import { formatFixed2, scoreAll, shortfalls } from './score-gold.js'

const fixedRows: ReadonlyArray<readonly [number, string]> = [
  [0, '0.00'],
  [1, '1.00'],
  [2 / 3, '0.67'],
  // exact binary ties round to even, as Python's format(x, '.2f') does
  [0.125, '0.12'],
  [0.375, '0.38'],
  [0.625, '0.62'],
  [0.875, '0.88'],
  // 0.005 and 0.015 are not exact in binary: the nearer side wins
  [0.005, '0.01'],
  [0.015, '0.01'],
  [0.145, '0.14'],
  [0.5, '0.50'],
]

for (const [x, expected] of fixedRows) {
  test(`formatFixed2(${x}) is ${expected}`, () => {
    assert.equal(formatFixed2(x), expected)
  })
}

const TEXT = 'Norway urged Chile to sign the treaty on Monday. Chile said it would.'

function gold(name: string, answers: Record<string, unknown>): GoldArticle {
  return {
    goldPath: `${name}.gold.json`,
    articlePath: name,
    name,
    text: TEXT,
    gold: goldFileSchema.parse({ format: 'dateline-gold/1', article: name, ...answers }),
  }
}

const report = scoreAll([
  {
    gold: gold('a.txt', {
      dates: [{ text: 'Monday', value: '2025-05-05' }],
      events: [
        {
          evidence: 'Norway urged Chile',
          source: 'NOR',
          target: 'CHL',
          roots: ['02'],
          code: '020',
        },
      ],
    }),
    extraction: {
      dates: [{ text: 'Monday', value: '2025-05-05' }],
      events: [
        { code: '021', source: 'NORGOV', target: 'CHLGOV', sentence: { start: 0, end: 48 } },
        { code: '111', source: 'CHL', target: 'NOR', sentence: { start: 49, end: 69 } },
      ],
    },
  },
  { gold: gold('b.txt', { dates: [{ text: 'June', value: '2025-06' }] }), error: 'exit 2' },
])

test('formatReport writes score.py lines: fields, exact code, OK', () => {
  assert.equal(
    formatReport(report),
    [
      'FAIL b.txt: no extraction (exit 2)',
      'entity    P=0.00 R=0.00 F1=0.00 (tp=0 fp=0 fn=0)',
      'date      P=1.00 R=0.50 F1=0.67 (tp=1 fp=0 fn=1)',
      'quantity  P=0.00 R=0.00 F1=0.00 (tp=0 fp=0 fn=0)',
      'quote     P=0.00 R=0.00 F1=0.00 (tp=0 fp=0 fn=0)',
      'event     P=0.50 R=1.00 F1=0.67 (tp=1 fp=1 fn=0)',
      'exact CAMEO code on matched events: 0.00 (0/1)',
      'SHORT: 1 article(s) failed | entity=0.00 date=0.67 quantity=0.00 quote=0.00 event=0.67',
      '',
    ].join('\n'),
  )
})

test('formatReport names fields below their minimum; verbose, it lists misses and extras', () => {
  const ok = scoreAll([])
  assert.match(formatReport(ok), /^OK 0 article\(s\): entity=0\.00/m)
  const text = formatReport(report, { verbose: true, minF1: { date: 0.7, event: 0.6 } })
  assert.match(text, /^SHORT: date F1 0\.67 < 0\.70; 1 article\(s\) failed \| /m)
  assert.match(text, /^ {2}a\.txt\n/m)
  assert.match(text, /^ {4}extra event: 111 CHL->NOR \| "Chile said it would\."$/m)
  assert.deepEqual(shortfalls(report, { event: 0.6 }), ['1 article(s) failed'])
})

test('reportJson carries the totals, the verdict and every article', () => {
  const json = reportJson(report, { minF1: { event: 0.5 } })
  assert.equal(json.ok, false)
  assert.equal(json.articles, 2)
  assert.equal(json.fields.event.tp, 1)
  assert.equal(json.perArticle[0]?.extras.event[0]?.sentence, 'Chile said it would.')
  assert.deepEqual(JSON.parse(JSON.stringify(json)).exact, { correct: 0, matched: 1, accuracy: 0 })
})
