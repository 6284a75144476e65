import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, type TestContext } from 'node:test'
import { fileURLToPath } from 'node:url'
import { IngestError } from '../core/errors.js'
import { formatPeerReport } from './format-report.js'
import {
  loadPeerSuite,
  peerActorIs,
  peerInputs,
  readPeerOutputs,
  scorePeerSuite,
  type PeerOutputEvent,
  type PeerRecord,
  type Petr2Record,
  type PloverRecord,
} from './score-peers.js'

const SHARED = join(fileURLToPath(new URL('../../', import.meta.url)), '..', 'shared')
const PETR2_SUITE = join(SHARED, 'peers', 'petr2_gsr_validation.dev.jsonl')
const PLOVER_SUITE = join(SHARED, 'peers', 'plover_gsr_cameo.dev.jsonl')
const SCORE_PEERS_PY = join(SHARED, 'tools', 'score_peers.py')
const HAS_PYTHON = spawnSync('python3', ['--version']).status === 0

/** A small invented CAMEO→PLOVER table, in 2021 names. */
const TABLE: ReadonlyMap<string, string> = new Map([
  ['03', 'AGREE'],
  ['031', 'AGREE'],
  ['04', 'CONSULT'],
  ['09', 'ACCUSE'],
  ['091', 'ACCUSE'],
  ['10', 'REQUEST'],
  ['11', 'ACCUSE'],
  ['19', 'ASSAULT'],
  ['190', 'ASSAULT'],
  ['191', 'COERCE'],
])
const ploverOf = (code: string): string | null => TABLE.get(code) ?? null

const outputs = (entries: Record<string, PeerOutputEvent[]>): Map<string, PeerOutputEvent[]> =>
  new Map(Object.entries(entries))

// ---------------------------------------------------------------------------------------------
// Actors

const actorRows: ReadonlyArray<readonly [out: string | null, gold: string, expected: boolean]> = [
  ['USAGOV', 'USA', true],
  ['usa', 'USAGOV', true],
  ['CHNGOV', 'USAGOV', false],
  ['JPNGOV', 'JAP', true],
  ['ITA', 'ITLGOV', true],
  ['VNM', 'VTN', true],
  ['---MIL', '---MIL', true],
  ['---REB', '---MIL', true],
  ['MIL', '---MIL', true],
  ['REB', '---MIL', false],
  ['USAMIL', '---MIL', false],
  ['UNO', 'IGOUNOMIL', true],
  ['IGOWFP', 'IGOUNOMIL', true],
  ['WFP', 'IGOUNOMIL', false],
  ['UN', 'IGOUNO', false],
  [null, 'USA', false],
  [null, '', true],
]

for (const [out, gold, expected] of actorRows) {
  test(`peer actor: ${String(out)} for gold ${gold} is ${expected ? '' : 'not '}a match`, () => {
    assert.equal(peerActorIs(out, gold), expected)
  })
}

// ---------------------------------------------------------------------------------------------
// PETRARCH2

const petr2 = (id: string, expected: Petr2Record['expected'], noevents = false): Petr2Record => ({
  id,
  text: `Sentence ${id}.`,
  date: '20250506',
  expected,
  noevents,
})

test('PETRARCH2: root and full code are scored apart, with greedy matching', () => {
  const records = [
    petr2('a', [
      { source: 'USAGOV', target: 'CHN', code: '042' },
      { source: 'USAGOV', target: 'CHN', code: '042' },
    ]),
    petr2('b', [{ source: 'JAP', target: 'IGOUNO', code: '1041' }]),
  ]
  const score = scorePeerSuite(
    records,
    outputs({
      a: [
        { source: 'USA', target: 'CHNGOV', code: '043' },
        { source: 'USA', target: 'CHNGOV', code: '042' },
        { source: 'CHN', target: 'USA', code: '042' },
      ],
      b: [{ source: 'JPNGOV', target: 'UNO', code: '1041' }],
    }),
    { ploverOf },
  )
  assert.equal(score.kind, 'petr2')
  if (score.kind !== 'petr2') return
  assert.deepEqual([score.root.tp, score.root.fp, score.root.fn], [3, 1, 0])
  assert.deepEqual([score.full.tp, score.full.fp, score.full.fn], [2, 2, 1])
  assert.equal(score.headline, score.root.f1)
  assert.equal(score.missing, 0)
})

test('PETRARCH2: no-event sentences are quiet with no output; events there are extras', () => {
  const records = [
    petr2('q1', [], true),
    petr2('q2', [], true),
    petr2('q3', [], true),
    petr2('e', [{ source: 'RUS', target: 'GEO', code: '190' }]),
  ]
  const score = scorePeerSuite(
    records,
    outputs({ q1: [], q2: [{ source: 'RUS', target: 'GEO', code: '190' }] }),
    { ploverOf },
  )
  if (score.kind !== 'petr2') assert.fail('not PETRARCH2')
  assert.deepEqual(score.quiet, { ok: 2, total: 3 })
  assert.equal(score.missing, 2)
  assert.deepEqual([score.root.tp, score.root.fp, score.root.fn], [0, 1, 1])
  assert.equal(score.misses[0]?.id, 'e')
})

// ---------------------------------------------------------------------------------------------
// PLOVER

const plover = (id: string, event: string, sources: string[] = []): PloverRecord => ({
  id,
  text: `Sentence ${id}.`,
  event,
  source: sources.map((code) => ({ actorText: code, code })),
  target: [],
})

const ploverRows: ReadonlyArray<
  readonly [name: string, record: PloverRecord, events: PeerOutputEvent[], right: boolean]
> = [
  [
    'a code maps through the table',
    plover('r', 'AGREE', ['HUN']),
    [{ code: '031', source: 'HUNGOV' }],
    true,
  ],
  [
    'an unlisted code maps through its parent',
    plover('r', 'AGREE'),
    [{ code: '0311', source: 'X' }],
    true,
  ],
  ['a root maps', plover('r', 'CONSULT'), [{ code: '04', source: 'X' }], true],
  ['REQUEST is DEMAND', plover('r', 'DEMAND'), [{ code: '10', source: 'X' }], true],
  ['ACCUSE is DISAPPROVE', plover('r', 'DISAPPROVE'), [{ code: '11', source: 'X' }], true],
  [
    'CAMEO 09 is INVESTIGATE, not ACCUSE',
    plover('r', 'INVESTIGATE'),
    [{ code: '091', source: 'X' }],
    true,
  ],
  ['CAMEO 09 is not DISAPPROVE', plover('r', 'DISAPPROVE'), [{ code: '091', source: 'X' }], false],
  [
    'CAMEO 19 is FIGHT, which is ASSAULT',
    plover('r', 'FIGHT'),
    [{ code: '191', source: 'X' }],
    true,
  ],
  ['FIGHT is ASSAULT', plover('r', 'ASSAULT'), [{ code: '190', source: 'X' }], true],
  [
    'the output plover name wins',
    plover('r', 'DEMAND'),
    [{ code: '031', plover: 'request' }],
    true,
  ],
  [
    'an output plover object with event',
    plover('r', 'AGREE'),
    [{ code: '11', plover: { event: 'AGREE' } }],
    true,
  ],
  [
    'an output plover object with category',
    plover('r', 'AGREE'),
    [{ code: '11', plover: { category: 'AGREE' } }],
    true,
  ],
  [
    'an output plover name also overrides 09',
    plover('r', 'DISAPPROVE'),
    [{ code: '091', plover: 'ACCUSE' }],
    true,
  ],
  [
    'an empty plover object falls back to the code',
    plover('r', 'AGREE'),
    [{ code: '031', plover: {} }],
    true,
  ],
  [
    'a legacy source code',
    plover('r', 'AGREE', ['JAP', 'ITL']),
    [{ code: '03', source: 'ITAGOV' }],
    true,
  ],
  [
    'the wrong source',
    plover('r', 'AGREE', ['HUN', 'ROU']),
    [{ code: '03', source: 'SRB' }],
    false,
  ],
  ['no source where gold names one', plover('r', 'AGREE', ['HUN']), [{ code: '03' }], false],
  [
    'a bare IGO gold source takes any IGO actor',
    plover('r', 'AGREE', ['IGO']),
    [{ code: '03', source: 'IGOUNO' }],
    true,
  ],
  ['the wrong category', plover('r', 'REJECT'), [{ code: '03', source: 'X' }], false],
  [
    'one right event among several',
    plover('r', 'REJECT'),
    [{ code: '03' }, { code: '12', plover: 'REJECT' }],
    true,
  ],
  [
    'an unmapped code',
    plover('r', 'AGREE'),
    [{ code: '2042' }, { code: null }, { code: '' }],
    false,
  ],
]

for (const [name, record, events, right] of ploverRows) {
  test(`PLOVER: ${name}`, () => {
    const score = scorePeerSuite([record], outputs({ r: events }), { ploverOf })
    if (score.kind !== 'plover') assert.fail('not PLOVER')
    assert.equal(score.right, right ? 1 : 0)
  })
}

test('PLOVER: the headline is right / total, and records with no output line are wrong', () => {
  const score = scorePeerSuite(
    [plover('a', 'AGREE'), plover('b', 'AGREE')],
    outputs({ a: [{ code: '03' }] }),
    { ploverOf },
  )
  if (score.kind !== 'plover') assert.fail('not PLOVER')
  assert.deepEqual([score.right, score.total, score.missing, score.headline], [1, 2, 1, 0.5])
  assert.equal(formatPeerReport(score), [
    'PLOVER category + source country right: 1/2 = 0.50; records with no output line: 1',
    'score 0.50',
    '',
  ].join('\n'))
  assert.match(formatPeerReport(score, { minF1: 0.6 }), /^SHORT: 0\.50 < 0\.60\n$/m)
})

test('mixed records are refused', () => {
  assert.throws(
    () => scorePeerSuite([petr2('a', []), plover('b', 'AGREE')], new Map(), { ploverOf }),
    /mixes PETRARCH2 and PLOVER/,
  )
})

// ---------------------------------------------------------------------------------------------
// Reading suites and outputs

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-peers-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

test('loadPeerSuite reads both shared suites', () => {
  const p = loadPeerSuite(PETR2_SUITE)
  const v = loadPeerSuite(PLOVER_SUITE)
  assert.equal(p.length, 44)
  assert.equal(v.length, 163)
  assert.equal(new Set(v.map((r) => r.id)).size, v.length)
})

test('loadPeerSuite numbers repeated ids and names a bad line', (t) => {
  const dir = tempDir(t)
  const ok = join(dir, 'ok.jsonl')
  const line = (id: string): string => JSON.stringify(plover(id, 'AGREE'))
  writeFileSync(ok, `${line('a')}\n\n${line('a')}\n${line('a')}\n`)
  assert.deepEqual(
    loadPeerSuite(ok).map((r) => r.id),
    ['a', 'a#2', 'a#3'],
  )
  const bad = join(dir, 'bad.jsonl')
  writeFileSync(bad, `${line('a')}\n{"id": "b", "text": "t"}\n`)
  assert.throws(() => loadPeerSuite(bad), (e: unknown) => {
    assert.ok(e instanceof IngestError)
    assert.match(e.message, /bad\.jsonl:2: not a PLOVER record: event: /)
    return true
  })
  const mixed = join(dir, 'mixed.jsonl')
  writeFileSync(mixed, `${line('a')}\n${JSON.stringify(petr2('b', []))}\n`)
  assert.throws(() => loadPeerSuite(mixed), /mixed\.jsonl:2: the suite mixes PETRARCH2 and PLOVER/)
})

test('peerInputs writes story dates as ISO days', () => {
  const records: PeerRecord[] = [petr2('a', []), { ...plover('b', 'AGREE'), date: null }]
  assert.deepEqual(peerInputs(records), [
    { id: 'a', date: '2025-05-06', text: 'Sentence a.' },
    { id: 'b', date: null, text: 'Sentence b.' },
  ])
})

test('readPeerOutputs keys lines by article.id or id and skips what is not an object', () => {
  const out = readPeerOutputs(
    [
      'progress: 2 articles',
      JSON.stringify({ article: { id: 'a' }, events: [{ code: '03' }] }),
      JSON.stringify({ id: 'b', events: null }),
      '{"id": "c", "events": [',
      JSON.stringify({ article: { id: 'a' }, events: [{ code: '04' }] }),
    ].join('\n'),
  )
  assert.deepEqual([...out.entries()], [
    ['a', [{ code: '04' }]],
    ['b', []],
  ])
})

// ---------------------------------------------------------------------------------------------
// Against the independent scorer, on the shared suites

/** The CAMEO→PLOVER table as score_peers.py reads it (first mapping of a code wins). */
function sharedPloverTable(): Map<string, string> {
  const table = new Map<string, string>()
  const text = readFileSync(join(SHARED, 'reference', 'cameo', 'CAMEO2PLOVER-2021.txt'), 'utf8')
  for (const line of text.split('\n')) {
    const m = /^(\d{2,4}):\s*([A-Z_]+)/.exec(line)
    if (m?.[1] !== undefined && m[2] !== undefined && !table.has(m[1])) table.set(m[1], m[2])
  }
  return table
}

function runScorePeersPy(suite: string, outputPath: string): string {
  const p = spawnSync('python3', [SCORE_PEERS_PY, suite, `cat ${outputPath}`], { encoding: 'utf8' })
  assert.equal(p.status, 0, p.stderr)
  return p.stdout
}

/**
 * An actor code as another coder might write it: current country codes for the legacy ones, the
 * bare agent for a countryless actor (`---MIL` → `MIL`), the bare organisation for an IGO.
 */
function coderStyle(code: string): string {
  const legacy: Record<string, string> = { JAP: 'JPN', ITL: 'ITA', VTN: 'VNM' }
  if (code.startsWith('---')) return code.slice(3) || '---'
  if (code.startsWith('IGO')) return code.slice(3, 6) || 'IGOUNO'
  return (legacy[code.slice(0, 3)] ?? code.slice(0, 3)) + code.slice(3)
}

/** Deterministic outputs of every kind of rightness and wrongness for a PETRARCH2 record. */
function petr2Output(r: Petr2Record, i: number): object | null {
  type Triple = Petr2Record['expected'][number]
  const reversed = (e: Triple) => ({ source: e.target, target: e.source, code: e.code })
  if (r.noevents) {
    if (i % 3 === 0) return null
    return { id: r.id, events: i % 3 === 1 ? [] : [{ source: 'USA', target: 'RUS', code: '111' }] }
  }
  const variants: Array<() => object[]> = [
    () => r.expected,
    () => r.expected.map((e) => ({ ...e, code: `${e.code.slice(0, 2)}9` })),
    () => r.expected.map(reversed),
    () => [...r.expected, { source: 'USAGOV', target: 'RUSGOV', code: '190' }],
    () =>
      r.expected.map((e) => ({
        source: `${e.source.slice(0, 3)}XYZ`,
        target: e.target,
        code: Number(e.code),
      })),
    () => r.expected.map((e) => ({ source: null, target: e.target.slice(0, 3), code: e.code })),
    () =>
      r.expected.map((e) => ({
        source: coderStyle(e.source),
        target: coderStyle(e.target),
        code: e.code,
      })),
  ]
  if (i % 11 === 10) return null
  const events = variants[i % variants.length]?.() ?? []
  return i % 2 === 0 ? { article: { id: r.id }, events } : { id: r.id, events }
}

/** Deterministic outputs for a PLOVER record, naming its category in several ways. */
function ploverOutput(
  r: PloverRecord,
  i: number,
  codeFor: (category: string) => string,
): object | null {
  const src = r.source?.[0]?.code ?? 'USA'
  const variants: Array<() => object[]> = [
    () => [{ code: '010', source: src, target: 'X', plover: r.event }],
    () => [{ code: codeFor(r.event), source: coderStyle(src), target: 'X' }],
    () => [{ code: codeFor(r.event), source: 'XXX', target: 'X' }],
    () => [{ code: '010', source: src, plover: { event: r.event.toLowerCase() } }],
    () => [
      { code: '010', source: `${coderStyle(src)}GOV`, plover: { category: r.event } },
      { code: '0' },
    ],
    () => [{ code: codeFor('AGREE'), source: src, plover: {} }],
    () => [{ code: '091', source: src }, { code: '191', source: src }],
    () => [{ code: '', source: src }, { code: null, source: src }],
    () => [{ code: codeFor(r.event), source: coderStyle(src) }],
    () => [{ code: codeFor(r.event), source: coderStyle(r.source?.[1]?.code ?? src) }],
  ]
  if (i % 9 === 8) return null
  return { article: { id: r.id }, events: variants[i % variants.length]?.() ?? [] }
}

const NEEDS_PYTHON = { skip: !HAS_PYTHON && 'no python3' }

test('the PETRARCH2 suite scores as score_peers.py scores it', NEEDS_PYTHON, (t) => {
  const records = loadPeerSuite(PETR2_SUITE).filter((r): r is Petr2Record => 'expected' in r)
  const lines = records.flatMap((r, i) => {
    const o = petr2Output(r, i)
    return o === null ? [] : [JSON.stringify(o)]
  })
  const path = join(tempDir(t), 'out.jsonl')
  writeFileSync(path, `${lines.join('\n')}\n`)
  const score = scorePeerSuite(records, readPeerOutputs(readFileSync(path, 'utf8')), { ploverOf })
  const ours = formatPeerReport(score)
  assert.equal(ours, runScorePeersPy(PETR2_SUITE, path))
  assert.match(ours, /quiet: [1-9]/)
})

test('the PLOVER suite scores as score_peers.py scores it', NEEDS_PYTHON, (t) => {
  const table = sharedPloverTable()
  const byCategory = new Map<string, string>([
    ['INVESTIGATE', '092'],
    ['FIGHT', '193'],
    ['DEMAND', '101'],
    ['DISAPPROVE', '111'],
  ])
  for (const [code, cat] of table) {
    if (code.length === 3 && !byCategory.has(cat)) byCategory.set(cat, code)
  }
  const codeFor = (cat: string): string => byCategory.get(cat) ?? '2042'
  const records = loadPeerSuite(PLOVER_SUITE).filter((r): r is PloverRecord => !('expected' in r))
  const lines = records.flatMap((r, i) => {
    const o = ploverOutput(r, i, codeFor)
    return o === null ? [] : [JSON.stringify(o)]
  })
  const path = join(tempDir(t), 'out.jsonl')
  writeFileSync(path, `${lines.join('\n')}\n`)
  const score = scorePeerSuite(records, readPeerOutputs(readFileSync(path, 'utf8')), {
    ploverOf: (code) => table.get(code) ?? null,
  })
  const ours = formatPeerReport(score)
  assert.equal(ours, runScorePeersPy(PLOVER_SUITE, path))
  if (score.kind !== 'plover') assert.fail('not PLOVER')
  assert.ok(score.right > 0 && score.right < score.total, ours)
})
