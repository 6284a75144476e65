import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, type TestContext } from 'node:test'
import { fileURLToPath } from 'node:url'
import { IngestError } from '../core/errors.js'
import { loadGoldDir, parseGoldFile } from './gold.js'

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url))
const GOLD_DIR = join(PROJECT_ROOT, '..', 'shared', 'gold', 'articles')

function tempDir(t: TestContext, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-gold-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
  return dir
}

const gold = (article: string, more: Record<string, unknown> = {}): string =>
  JSON.stringify({ format: 'dateline-gold/1', article, ...more })

test('a .txt article is the whole file (CRLF read as LF), a .json one its text field', (t) => {
  const dir = tempDir(t, {
    'a.gold.json': gold('a.txt'),
    'a.txt': 'BANNER\r\n\r\nHALDEN, May 6 - Rain fell.\r\n',
    'b.gold.json': gold('b.json', { dates: [{ text: 'Monday', value: '2025-05-05' }] }),
    'b.json': JSON.stringify({ id: 'b', title: 'Rain', date: '2025-05-06', text: 'Rain Monday' }),
    '.hidden.gold.json': 'not even JSON',
    'notes.json': '{}',
  })
  const golds = loadGoldDir(dir)
  assert.deepEqual(
    golds.map((g) => [g.name, g.text]),
    [
      ['a.txt', 'BANNER\n\nHALDEN, May 6 - Rain fell.\n'],
      ['b.json', 'Rain Monday'],
    ],
  )
  assert.equal(golds[0]?.articlePath, join(dir, 'a.txt'))
  assert.equal(golds[0]?.goldPath, join(dir, 'a.gold.json'))
  // absent lists default to empty; unknown keys are kept
  assert.deepEqual(golds[0]?.gold.events, [])
  assert.deepEqual(golds[1]?.gold.dates, [{ text: 'Monday', value: '2025-05-05' }])
})

const errors: ReadonlyArray<readonly [string, Record<string, string>, RegExp]> = [
  ['an empty directory', {}, /: no \*\.gold\.json files$/],
  ['a gold file that is not JSON', { 'x.gold.json': '{' }, /x\.gold\.json: not JSON/],
  [
    'another format',
    { 'x.gold.json': JSON.stringify({ format: 'other/1', article: 'x.txt' }), 'x.txt': '' },
    /x\.gold\.json: not a dateline-gold\/1 file: format: /,
  ],
  [
    'an event without roots',
    {
      'x.gold.json': gold('x.txt', { events: [{ evidence: 'e', source: 'NOR', target: 'CHL' }] }),
      'x.txt': 'e',
    },
    /x\.gold\.json: not a dateline-gold\/1 file: events\.0\.roots: /,
  ],
  [
    'a latitude without a longitude',
    {
      'x.gold.json': gold('x.txt', { entities: [{ name: 'Oslo', type: 'place', lat: 59.9 }] }),
      'x.txt': '',
    },
    /x\.gold\.json: not a dateline-gold\/1 file: entities\.0: lat and lon must be given together/,
  ],
  [
    'a missing article',
    { 'x.gold.json': gold('gone.txt') },
    /gone\.txt: cannot be read \(named by .*x\.gold\.json\)/,
  ],
  [
    'a JSON article without text',
    { 'x.gold.json': gold('x.json'), 'x.json': '{"id": "x"}' },
    /x\.json: a JSON article needs a string `text`/,
  ],
]

for (const [name, files, message] of errors) {
  test(`loadGoldDir names the file on one line: ${name}`, (t) => {
    const dir = tempDir(t, files)
    assert.throws(
      () => loadGoldDir(dir),
      (e: unknown) => {
        assert.ok(e instanceof IngestError)
        assert.match(e.message, message)
        assert.doesNotMatch(e.message, /\n/)
        return true
      },
    )
  })
}

test('loadGoldDir on a directory that does not exist', () => {
  assert.throws(() => loadGoldDir('/no/such/dir'), /\/no\/such\/dir: gold directory cannot be read/)
})

test('parseGoldFile keeps keys the schema does not name', () => {
  const g = parseGoldFile('x.gold.json', gold('x.txt', { reviewer: 'kb', events: [] }))
  assert.equal(g['reviewer'], 'kb')
})

test('every shared gold file loads, with evidence found in its text', () => {
  const golds = loadGoldDir(GOLD_DIR)
  assert.ok(golds.length >= 9)
  for (const g of golds) {
    assert.ok(g.text.length > 0, g.name)
    for (const e of [...g.gold.events, ...g.gold.optional_events]) {
      assert.ok(g.text.includes(e.evidence), `${g.name}: ${e.evidence}`)
    }
  }
})
