/**
 * fts5Snippet against SQLite's own FTS5 `snippet()`: the same texts and query words, the same
 * passage. Instances are found here by comparing lower-cased words, so the queries avoid words
 * that only match through stemming.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import Database from 'better-sqlite3'
import { INDEXED_WORD } from './postgres-sql.js'
import { fts5Snippet, type PhraseInstance } from './postgres-snippet.js'

const db = new Database(':memory:')
after(() => db.close())
db.exec(`CREATE VIRTUAL TABLE t USING fts5 (title, text,
  tokenize = 'porter unicode61 remove_diacritics 2')`)

const insert = db.prepare('INSERT INTO t (rowid, title, text) VALUES (?, ?, ?)')
// better-sqlite3 binds a JS number as a REAL, and FTS5 ignores a rowid constraint on a REAL.
const sqliteSnippet = db.prepare<[string, number], { s: string }>(
  `SELECT snippet(t, -1, '', '', '…', 24) AS s FROM t
  WHERE t MATCH ? AND rowid = CAST(? AS INTEGER)`,
)
const sqliteTextSnippet = db.prepare<[string, number], { s: string }>(
  `SELECT snippet(t, 1, '', '', '…', 24) AS s FROM t
  WHERE t MATCH ? AND rowid = CAST(? AS INTEGER)`,
)

/** Twelve words, a sentence. */
const S = (n: number): string =>
  `Sentence ${n} has plenty of ordinary words in it to fill space here.`

/** [title, text, query words] */
const CASES: ReadonlyArray<readonly [string, string, string]> = [
  ['Harbour talks', 'Short text about fishing quotas and patrols.', 'patrols'],
  ['Harbour talks', 'Short text about fishing quotas and patrols.', 'harbour'],
  ['A title', `${S(1)} ${S(2)} The minister spoke about fisheries. ${S(3)} ${S(4)}`, 'fisheries'],
  ['A title', `${S(1)} ${S(2)} ${S(3)} ${S(4)} ${S(5)} final word fisheries`, 'fisheries'],
  ['A title', `fisheries first, ${S(1)} ${S(2)} ${S(3)}`, 'fisheries'],
  ['Oil news', `${S(1)} Oil prices rose. ${S(2)} Crude oil fell: oil traders said. ${S(3)}`, 'oil'],
  [
    'Trade',
    `${S(1)} ${S(2)} the trade deficit narrowed ${S(3)} trade again ${S(4)}`,
    'trade deficit',
  ],
  ['Trade', `${S(1)} ${S(2)} trade ${S(3)} ${S(4)} deficit ${S(5)}`, 'trade deficit'],
  ['Trade deficit title', `${S(1)} ${S(2)} ${S(3)}`, 'deficit'],
  ['T', `Prices: ${S(1)} colon: then markets ${S(2)}`, 'markets'],
  ['T', `${S(1)}\n\n${S(2)}\n\nThe bank said rates stay. ${S(3)}`, 'bank rates'],
  ['T', `${S(1)} ${S(2)} oil ${S(3)} oil oil ${S(4)}`, 'oil oil'],
]

/** The instances of each query word among the lower-cased words of title (0) and text (1). */
function instancesOf(columns: readonly string[], query: string): PhraseInstance[] {
  const phrases = query.toLowerCase().split(' ')
  const instances: PhraseInstance[] = []
  for (const [column, text] of columns.entries()) {
    const words = [...text.matchAll(INDEXED_WORD)].map((m) => m[0].toLowerCase())
    for (const [position, word] of words.entries()) {
      for (const [phrase, wanted] of phrases.entries()) {
        if (word === wanted) instances.push({ phrase, column, position })
      }
    }
  }
  return instances
}

for (const [i, [title, text, query]] of CASES.entries()) {
  const rowid = i + 1
  insert.run(rowid, title, text)
  const match = query
    .split(' ')
    .map((w) => `"${w}"`)
    .join(' ')
  const instances = instancesOf([title, text], query)

  test(`snippet ${rowid} "${query}" (any column) is FTS5's`, () => {
    const expected = sqliteSnippet.get(match, rowid)?.s
    const options = { column: -1, words: 24, ellipsis: '…' }
    assert.equal(fts5Snippet([title, text], instances, options), expected)
  })

  test(`snippet ${rowid} "${query}" (the text column) is FTS5's`, () => {
    const expected = sqliteTextSnippet.get(match, rowid)?.s
    const options = { column: 1, words: 24, ellipsis: '…' }
    assert.equal(fts5Snippet([title, text], instances, options), expected)
  })
}
