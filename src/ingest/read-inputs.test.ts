import { after, mock, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import { syncBuiltinESMExports } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { Readable } from 'node:stream'
import type { ErrorCode } from '../core/errors.js'
import { readInputs, type ReadOptions, type ReadResult } from './read-inputs.js'

const GOLD = '../shared/gold/articles'
const CORPUS = '../shared/corpora/reuters21578.jsonl'
const FIXTURE = 'test/fixtures/harbour-reopens.html'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-ingest-'))
after(() => fs.rmSync(tmp, { recursive: true, force: true }))

/** Writes a file under the temp dir and returns its path. */
function write(name: string, content: string | Uint8Array): string {
  const file = path.join(tmp, name)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, content)
  return file
}

async function readAll(
  inputs: readonly string[],
  options: ReadOptions = {},
): Promise<ReadResult[]> {
  const results: ReadResult[] = []
  for await (const result of readInputs(inputs, options)) results.push(result)
  return results
}

function stdin(...chunks: readonly (string | Uint8Array)[]): AsyncIterable<Uint8Array> {
  return Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)))
}

function article(result: ReadResult | undefined) {
  assert.ok(result, 'expected a result')
  assert.ok(result.ok, result.ok ? '' : result.error.message)
  return result.article
}

/** Asserts a failure with `code` and a one-line message that opens with the input's name. */
function assertFailure(result: ReadResult | undefined, code: ErrorCode, input: string): void {
  assert.ok(result, 'expected a result')
  assert.equal(result.ok, false, `expected ${code} for ${input}`)
  if (result.ok) return
  assert.equal(result.error.code, code, result.error.message)
  assert.equal(result.input, input)
  assert.equal(result.error.input, input)
  assert.ok(result.error.message.startsWith(`${input}: `), result.error.message)
  assert.doesNotMatch(result.error.message, /[\n\r]/)
}

const ENGLISH =
  'The council said on Monday that the new bridge would open in the spring, after two years ' +
  'of work and a dispute with the builders over the cost of the steel.'

/** Composed for this test: a short Spanish news paragraph. */
const SPANISH =
  'El gobierno regional anunció el martes que las obras del nuevo puerto comenzarán en ' +
  'primavera, después de tres años de retrasos y disputas con los vecinos. Según el consejero ' +
  'de transportes, el proyecto costará unos doscientos millones de euros y creará más de mil ' +
  'empleos en la comarca. Los pescadores, sin embargo, temen que el dragado dañe los caladeros ' +
  'y han pedido una reunión urgente con las autoridades.'

/** Composed for this test: a short German news paragraph. */
const GERMAN =
  'Die Stadtverwaltung hat am Dienstag mitgeteilt, dass die Bauarbeiten an der neuen Brücke im ' +
  'Frühjahr beginnen sollen. Nach Angaben des Bürgermeisters wird das Projekt rund zwanzig ' +
  'Millionen Euro kosten und soll bis zum Ende des nächsten Jahres fertig sein. Anwohner ' +
  'beklagen sich seit Monaten über den Lärm und fordern eine bessere Umleitung des Verkehrs.'

const NAV_ONLY =
  '<!doctype html><html><head><title>Courier</title></head><body><nav><ul>' +
  '<li><a href="/">Home</a></li><li><a href="/news">News</a></li>' +
  '<li><a href="/sport">Sport</a></li>' +
  '</ul></nav></body></html>'

const PNG_HEADER = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]
/** High bytes that form no UTF-8 sequence, and no NUL among them. */
const NOISE = Array.from({ length: 4096 }, (_, i) => 0x80 + ((i * 37) % 0x7f))
const LATIN1 = `${ENGLISH} The caf\u00e9 on the quay was closed.`

/** Each bad input, read beside a good one: [name, make the input, expected code]. */
const badInputs: ReadonlyArray<readonly [string, () => string, ErrorCode]> = [
  ['missing file', () => path.join(tmp, 'missing.txt'), 'INGEST_NOT_FOUND'],
  ['unknown extension', () => write('notes.pdf', ENGLISH), 'INGEST_UNSUPPORTED_TYPE'],
  ['no extension', () => write('README', ENGLISH), 'INGEST_UNSUPPORTED_TYPE'],
  ['empty file', () => write('empty.txt', ''), 'INGEST_EMPTY'],
  ['white space only', () => write('blank.txt', ' \n\t\r\n\u00A0\n'), 'INGEST_EMPTY'],
  ['empty JSON array', () => write('none.json', '[]'), 'INGEST_EMPTY'],
  ['binary file', () => write('image.txt', Buffer.from(PNG_HEADER)), 'INGEST_BINARY'],
  ['binary without NUL bytes', () => write('noise.html', Buffer.from(NOISE)), 'INGEST_BINARY'],
  ['Latin-1 bytes', () => write('latin1.txt', Buffer.from(LATIN1, 'latin1')), 'INGEST_ENCODING'],
  [
    'truncated JSON',
    () => write('truncated.json', '{"id": "t1", "text": "The council said'),
    'INGEST_MALFORMED',
  ],
  [
    'JSON without text',
    () => write('no-text.json', '{"id": "t2", "title": "Bridge opens"}'),
    'INGEST_MALFORMED',
  ],
  [
    'JSON text not a string',
    () => write('number-text.json', '{"id": "t3", "text": 42}'),
    'INGEST_MALFORMED',
  ],
  ['JSON not an object', () => write('scalar.json', '"just a string"'), 'INGEST_MALFORMED'],
  [
    'JSON date not a day',
    () => write('bad-date.json', JSON.stringify({ id: 't4', date: '1987-02-30', text: ENGLISH })),
    'INGEST_MALFORMED',
  ],
  ['page with no article', () => write('nav.html', NAV_ONLY), 'INGEST_NO_ARTICLE'],
  ['Spanish text', () => write('spanish.txt', SPANISH), 'INGEST_LANGUAGE'],
  [
    'German JSON text',
    () => write('german.json', JSON.stringify({ id: 'de', text: GERMAN })),
    'INGEST_LANGUAGE',
  ],
]

for (const [name, make, code] of badInputs) {
  test(`bad input: ${name} gives ${code} and the next input is still read`, async () => {
    const bad = make()
    const good = write(`good-after-${code}.txt`, ENGLISH)
    const results = await readAll([bad, good])
    assert.equal(results.length, 2)
    assertFailure(results[0], code, bad)
    assert.equal(article(results[1]).text, ENGLISH)
  })
}

test('a 50 MB text is refused by its size without being read', async () => {
  const big = path.join(tmp, 'big.txt')
  const fd = fs.openSync(big, 'w')
  const chunk = Buffer.alloc(1024 * 1024, `${ENGLISH}\n`)
  for (let i = 0; i < 50; i++) fs.writeSync(fd, chunk)
  fs.closeSync(fd)
  const good = write('good-after-big.txt', ENGLISH)
  // Spy on the reads: the named imports of node:fs/promises follow once the exports are synced.
  const readFile = mock.method(fsp, 'readFile')
  syncBuiltinESMExports()
  try {
    const results = await readAll([big, good])
    assertFailure(results[0], 'INGEST_TOO_LARGE', big)
    assert.equal(article(results[1]).text, ENGLISH)
    const paths = readFile.mock.calls.map((call) => String(call.arguments[0]))
    assert.deepEqual(paths, [good])
  } finally {
    readFile.mock.restore()
    syncBuiltinESMExports()
  }
})

test('maxBytes bounds txt, html and json inputs', async () => {
  const file = write('limit.txt', ENGLISH)
  assertFailure((await readAll([file], { maxBytes: 50 }))[0], 'INGEST_TOO_LARGE', file)
  assert.equal(article((await readAll([file], { maxBytes: ENGLISH.length }))[0]).text, ENGLISH)
})

test('a bad maxBytes is a configuration error', async () => {
  await assert.rejects(readAll([], { maxBytes: 0 }), { code: 'CONFIG_INVALID' })
})

test('JSONL: an empty-text record is valid; a bad line is reported, reading goes on', async () => {
  const lines = [
    JSON.stringify({ id: 'a1', date: '19870302', dateline: 'PORTHAVEN, March 2', text: ENGLISH }),
    JSON.stringify({ id: 'a2', title: 'BRIDGE TO OPEN IN SPRING', date: '1987-03-02', text: '' }),
    '{"id": "a3", "text": "The council said',
    '',
    '[1, 2, 3]',
    JSON.stringify({ id: 'a5', title: 'no text' }),
    JSON.stringify({ text: ENGLISH }),
  ]
  const file = write('mixed.jsonl', `${lines.join('\r\n')}\r\n`)
  const results = await readAll([file])
  assert.equal(results.length, 6)
  const first = article(results[0])
  assert.equal(first.input, `${file}#1`)
  assert.equal(first.id, 'a1')
  assert.equal(first.date, '1987-03-02')
  assert.equal(first.dateline, 'PORTHAVEN, March 2')
  assert.equal(first.format, 'jsonl')
  const brief = article(results[1])
  assert.equal(brief.text, '')
  assert.equal(brief.title, 'BRIDGE TO OPEN IN SPRING')
  assertFailure(results[2], 'INGEST_MALFORMED', `${file}#3`)
  assertFailure(results[3], 'INGEST_MALFORMED', `${file}#5`)
  assertFailure(results[4], 'INGEST_MALFORMED', `${file}#6`)
  const last = article(results[5])
  assert.equal(last.id, 'mixed#7')
  assert.equal(last.input, `${file}#7`)
})

test('JSONL: a line over maxBytes is refused, the others are read', async () => {
  const short = JSON.stringify({ id: 's', text: 'The council met.' })
  const long = JSON.stringify({ id: 'l', text: ENGLISH.repeat(5) })
  const file = write('long-line.jsonl', [short, long, short].join('\n'))
  const results = await readAll([file], { maxBytes: 200 })
  assert.equal(results.length, 3)
  assert.equal(article(results[0]).id, 's')
  assertFailure(results[1], 'INGEST_TOO_LARGE', `${file}#2`)
  assert.equal(article(results[2]).input, `${file}#3`)
})

test('JSONL: bad bytes on one line do not stop the file', async () => {
  const good = Buffer.from(`${JSON.stringify({ id: 'g', text: ENGLISH })}\n`)
  const latin1 = Buffer.from(`${JSON.stringify({ id: 'x', text: 'caf\u00e9' })}\n`, 'latin1')
  const file = write('bytes.jsonl', Buffer.concat([good, latin1, good]))
  const results = await readAll([file])
  assert.equal(article(results[0]).id, 'g')
  assertFailure(results[1], 'INGEST_ENCODING', `${file}#2`)
  assert.equal(article(results[2]).id, 'g')
})

test('JSON: an array gives one article per record, named path#N', async () => {
  const file = write(
    'pair.json',
    JSON.stringify([
      { id: 7, date: '2018-09-25T10:00:00+08:00', text: ENGLISH },
      { title: 'x' },
      { text: ENGLISH },
    ]),
  )
  const results = await readAll([file])
  assert.equal(results.length, 3)
  const first = article(results[0])
  assert.equal(first.id, '7')
  assert.equal(first.date, '2018-09-25')
  assert.equal(first.input, `${file}#1`)
  assertFailure(results[1], 'INGEST_MALFORMED', `${file}#2`)
  assert.equal(article(results[2]).id, 'pair#3')
})

test('a directory is read recursively, sorted, skipping unknown extensions', async () => {
  const dir = path.join(tmp, 'tree')
  write('tree/b.txt', ENGLISH)
  write('tree/a/z.json', JSON.stringify({ id: 'z', text: ENGLISH }))
  write('tree/a/notes.pdf', '%PDF-1.4')
  write('tree/c.HTM', fs.readFileSync(FIXTURE))
  write('tree/d.jsonl', `${JSON.stringify({ id: 'd1', text: ENGLISH })}\n`)
  const results = await readAll([dir])
  assert.deepEqual(
    results.map((r) => article(r).input),
    ['tree/a/z.json', 'tree/b.txt', 'tree/c.HTM', 'tree/d.jsonl#1'].map((p) => path.join(tmp, p)),
  )
})

test('plain text: normalised, same length, no metadata', async () => {
  const raw = '\uFEFF‘Quoted’ and “double”\u00A0text\r\nsecond\u3000line'
  const file = write('typography.txt', raw)
  const a = article((await readAll([file]))[0])
  assert.equal(a.text, ` 'Quoted' and "double" text \nsecond line`)
  assert.equal(a.text.length, raw.length)
  const { text: _text, input: _input, ...metadata } = a
  assert.deepEqual(metadata, {
    id: 'typography',
    title: null,
    source: null,
    url: null,
    date: null,
    dateline: null,
    format: 'txt',
  })
})

test('a text under 30 words is not judged for language', async () => {
  const file = write('short-spanish.txt', 'El gobierno anunció el martes nuevas medidas.')
  assert.equal(article((await readAll([file]))[0]).format, 'txt')
})

test('HTML: Readability text keeps paragraph breaks and drops the nav and footer', async () => {
  const a = article((await readAll([FIXTURE]))[0])
  assert.equal(a.format, 'html')
  assert.equal(a.id, 'harbour-reopens')
  assert.equal(a.title, 'Storm-hit harbour reopens to ferries')
  assert.equal(a.source, 'The Coastal Courier')
  assert.equal(a.url, 'https://courier.example/news/harbour-reopens')
  assert.equal(a.date, null)
  const paragraphs = a.text.split('\n\n')
  assert.equal(paragraphs.length, 3)
  assert.match(paragraphs[0] ?? '', /^PORTHAVEN, May 4 - The harbour .* on the quay\.$/)
  // Curly quotes and the no-break space are normalised; the <br> separates two sentences.
  assert.match(paragraphs[1] ?? '', /^"We expect .* morning," said Mara Quill, the authority's /)
  assert.match(paragraphs[1] ?? '', / to the breakwater had cost /)
  assert.match(paragraphs[2] ?? '', /early catch\. They asked/)
  for (const noise of ['Home', 'Weather', 'Copyright', 'Privacy', 'Contact']) {
    assert.ok(!a.text.includes(noise), `noise "${noise}" kept`)
  }
  assert.doesNotMatch(a.text, /[ \t]{2}|\n /)
})

test('stdin: the format is sniffed from the content', async () => {
  const rows: ReadonlyArray<readonly [string, string, string, string]> = [
    // [content, expected format, expected id, expected input]
    [ENGLISH, 'txt', 'stdin', '-'],
    [`{\n  "id": "p1",\n  "text": ${JSON.stringify(ENGLISH)}\n}`, 'json', 'p1', '-'],
    [`[{"text": ${JSON.stringify(ENGLISH)}}]`, 'json', 'stdin#1', '-#1'],
    [`{"text": ${JSON.stringify(ENGLISH)}}\n{"id": "j2", "text": ""}\n`, 'jsonl', 'stdin#1', '-#1'],
    [fs.readFileSync(FIXTURE, 'utf8'), 'html', 'stdin', '-'],
  ]
  for (const [content, format, id, input] of rows) {
    const a = article((await readAll(['-'], { stdin: stdin(content) }))[0])
    assert.deepEqual({ format: a.format, id: a.id, input: a.input }, { format, id, input })
  }
})

test('stdin: bad content is reported as "-"', async () => {
  assertFailure((await readAll(['-'], { stdin: stdin() }))[0], 'INGEST_EMPTY', '-')
  const binary = stdin(Buffer.from(PNG_HEADER))
  assertFailure((await readAll(['-'], { stdin: binary }))[0], 'INGEST_BINARY', '-')
  assertFailure((await readAll(['-'], { stdin: stdin('{"text": ') }))[0], 'INGEST_MALFORMED', '-#1')
  const long = stdin(ENGLISH, ENGLISH, ENGLISH)
  assertFailure((await readAll(['-'], { stdin: long, maxBytes: 200 }))[0], 'INGEST_TOO_LARGE', '-')
})

test('stdin: JSON Lines longer than maxBytes are streamed', async () => {
  const line = `${JSON.stringify({ text: 'The council met.' })}\n`
  const input = stdin(...Array.from({ length: 40 }, () => line))
  const results = await readAll(['-'], { stdin: input, maxBytes: 100 })
  assert.equal(results.length, 40)
  assert.equal(article(results[39]).input, '-#40')
})

test('gold text: no-break spaces become spaces, the length is the raw UTF-16 length', async () => {
  const file = path.join(GOLD, 'xi-mishustin-2023-12-20.txt')
  const raw = fs.readFileSync(file, 'utf8')
  const a = article((await readAll([file]))[0])
  assert.equal(a.id, 'xi-mishustin-2023-12-20')
  assert.equal(a.format, 'txt')
  assert.equal(a.text.length, raw.length)
  assert.ok(raw.includes('\u00A0'), 'the gold file has no-break spaces')
  assert.ok(!a.text.includes('\u00A0'))
  for (let i = raw.indexOf('\u00A0'); i >= 0; i = raw.indexOf('\u00A0', i + 1)) {
    assert.equal(a.text[i], ' ')
  }
})

test('gold JSON: id, date and source come from the record', async () => {
  const file = path.join(GOLD, 'reuters21578-269.json')
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>
  const a = article((await readAll([file]))[0])
  assert.equal(a.id, 'reuters21578-269')
  assert.match(a.date ?? '', /^\d{4}-\d{2}-\d{2}$/)
  assert.equal(a.date, raw.date)
  assert.equal(a.source, raw.source)
  assert.equal(a.format, 'json')
  assert.equal(a.input, file)
  assert.equal(a.text.length, raw.text?.length)
})

test('corpus: the first records stream with their dateline and a day date', async () => {
  const expected: { id: string; date: string; dateline: string }[] = []
  const lines = createInterface({ input: fs.createReadStream(CORPUS) })
  for await (const line of lines) {
    expected.push(JSON.parse(line) as { id: string; date: string; dateline: string })
    if (expected.length === 3) break
  }
  lines.close()
  let n = 0
  for await (const result of readInputs([CORPUS])) {
    const a = article(result)
    const want = expected[n]
    assert.ok(want)
    n++
    assert.equal(a.input, `${CORPUS}#${n}`)
    assert.equal(a.id, want.id)
    assert.equal(a.dateline, want.dateline)
    assert.ok(a.dateline)
    assert.match(a.date ?? '', /^\d{4}-\d{2}-\d{2}$/)
    assert.equal(a.date, want.date.slice(0, 10))
    if (n === 3) break
  }
  assert.equal(n, 3)
})
