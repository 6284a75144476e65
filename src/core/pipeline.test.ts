import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Annotation, Kind, SectionAnnotation } from './annotation.js'
import { annotationsOf, type Article } from './document.js'
import { ConfigError, DatelineError, StageError } from './errors.js'
import { createPipeline } from './pipeline.js'
import { quietContext, type Stage } from './stage.js'

/** An article around `text`, as a `.json` input. */
function article(text: string, id = 'doc-1'): Article {
  return { id, title: null, source: null, url: null, date: null, text, dateline: null, input: id, format: 'json' }
}

/** A section annotation over `text.slice(start, end)`, or with a `text` that lies about its span. */
function section(text: string, id: string, start: number, end: number, lie?: string): SectionAnnotation {
  return {
    kind: 'section',
    id,
    start,
    end,
    text: lie ?? text.slice(start, end),
    source: 'test/section',
    role: 'body',
    paragraph: 0,
  }
}

/** A stage that returns what `run` gives it, under a name and with declared kinds. */
function stage(
  name: string,
  requires: readonly Kind[],
  produces: readonly Kind[],
  run: Stage['run'] = () => [],
): Stage {
  return { name, requires, produces, run }
}

const sections = (spans: ReadonlyArray<readonly [number, number]>): Stage =>
  stage('sections', [], ['section'], (doc) => spans.map(([s, e], i) => section(doc.text, `p${i}`, s, e)))

// ---------------------------------------------------------------------------------------------
// Built pipelines: `createPipeline` checks requires/produces before anything runs.

interface BuildRow {
  readonly name: string
  readonly stages: readonly Stage[]
  /** The message must name these (stage and kind). */
  readonly mentions: readonly string[]
}

const badBuilds: readonly BuildRow[] = [
  {
    name: 'a stage that requires a kind nobody produces',
    stages: [sections([]), stage('quotes', ['section', 'entity'], ['quote'])],
    mentions: ["'quotes'", "'entity'"],
  },
  {
    name: 'a stage that requires a kind only a later stage produces',
    stages: [stage('entities', ['sentence'], ['entity']), stage('segment', [], ['sentence'])],
    mentions: ["'entities'", "'sentence'"],
  },
  {
    name: 'a stage that requires its own output',
    stages: [stage('loop', ['token'], ['token'])],
    mentions: ["'loop'", "'token'"],
  },
  {
    name: 'two stages that produce the same kind',
    stages: [sections([]), stage('paragraphs', [], ['section'])],
    mentions: ["'paragraphs'", "'section'"],
  },
]

for (const row of badBuilds) {
  test(`build: ${row.name} → ConfigError`, () => {
    assert.throws(
      () => createPipeline(row.stages),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError, `got ${String(err)}`)
        assert.ok(err instanceof DatelineError)
        assert.equal(err.code, 'CONFIG_INVALID')
        for (const word of row.mentions) assert.ok(err.message.includes(word), `'${err.message}' names ${word}`)
        return true
      },
    )
  })
}

const goodBuilds: ReadonlyArray<readonly [string, readonly Stage[]]> = [
  ['no stages at all', []],
  ['a stage after the stage it needs', [sections([]), stage('sentences', ['section'], ['sentence'])]],
  [
    'a stage that needs two earlier stages',
    [sections([]), stage('sentences', ['section'], ['sentence']), stage('tokens', ['section', 'sentence'], ['token'])],
  ],
]

for (const [name, stages] of goodBuilds) {
  test(`build: ${name} is valid`, () => {
    const pipeline = createPipeline(stages, { validate: true })
    assert.deepEqual(
      pipeline.stages.map((s) => s.name),
      stages.map((s) => s.name),
    )
  })
}

// ---------------------------------------------------------------------------------------------
// Runs that fail: every failure is a StageError naming the stage and the document.

interface RunRow {
  readonly name: string
  readonly stages: readonly Stage[]
  readonly validate: boolean
  readonly stage: string
  /** Words the cause's message must hold. */
  readonly why: readonly string[]
}

const TEXT = 'Talks resumed on Monday. Both delegations attended.'

const badRuns: readonly RunRow[] = [
  {
    name: 'an annotation whose text is not its span (validate on)',
    stages: [
      sections([[0, 24]]),
      stage('liar', ['section'], ['sentence'], () => [
        {
          kind: 'sentence',
          id: 's0',
          start: 0,
          end: 24,
          text: 'Talks resumed on Tuesday',
          source: 'test/liar',
          index: 0,
          paragraph: 0,
          role: 'body',
        },
      ]),
    ],
    validate: true,
    stage: 'liar',
    why: ['s0', '[0,24)', 'Talks resumed on Tuesday'],
  },
  {
    name: 'an annotation that ends past the text (validate on)',
    stages: [stage('overrun', [], ['section'], (doc) => [section(doc.text, 'p0', 25, TEXT.length + 5, 'Both')])],
    validate: true,
    stage: 'overrun',
    why: ['p0'],
  },
  {
    name: 'an annotation with start after end (validate on)',
    stages: [stage('backwards', [], ['section'], () => [section(TEXT, 'p0', 10, 5, '')])],
    validate: true,
    stage: 'backwards',
    why: ['p0', '[10,5)'],
  },
  {
    name: 'a stage that throws',
    stages: [
      sections([[0, 24]]),
      stage('explodes', ['section'], ['sentence'], () => {
        throw new Error('model file missing')
      }),
    ],
    validate: false,
    stage: 'explodes',
    why: ['model file missing'],
  },
  {
    name: 'a stage that throws a non-Error value',
    stages: [
      stage('throws-string', [], ['section'], () => {
        throw 'out of cheese'
      }),
    ],
    validate: false,
    stage: 'throws-string',
    why: ['out of cheese'],
  },
  {
    name: 'a stage that returns a kind it does not declare',
    stages: [stage('sneaky', [], ['section'], (doc) => [section(doc.text, 'p0', 0, 5), { ...section(doc.text, 's0', 0, 5), kind: 'sentence' } as unknown as Annotation])],
    validate: false,
    stage: 'sneaky',
    why: ["'sentence'", 'does not declare'],
  },
]

for (const row of badRuns) {
  test(`run: ${row.name} → StageError naming '${row.stage}' and the document`, () => {
    const pipeline = createPipeline(row.stages, { validate: row.validate })
    assert.throws(
      () => pipeline.run(article(TEXT, 'wire-42'), quietContext),
      (err: unknown) => {
        assert.ok(err instanceof StageError, `got ${String(err)}`)
        assert.ok(err instanceof DatelineError)
        assert.equal(err.code, 'STAGE_FAILED')
        assert.equal(err.name, 'StageError')
        assert.equal(err.stage, row.stage)
        assert.equal(err.docId, 'wire-42')
        assert.ok(err.message.startsWith(`wire-42: stage '${row.stage}' failed: `), err.message)
        const cause = err.cause instanceof Error ? err.cause.message : String(err.cause)
        for (const word of row.why) assert.ok(cause.includes(word), `cause '${cause}' holds ${word}`)
        return true
      },
    )
  })
}

test('run: a thrown error is kept as the cause, unchanged', () => {
  const boom = new RangeError('index out of range')
  const pipeline = createPipeline([stage('boom', [], ['section'], () => {
    throw boom
  })])
  assert.throws(
    () => pipeline.run(article(TEXT), quietContext),
    (err: unknown) => err instanceof StageError && err.cause === boom,
  )
})

test('run: a bad span passes unnoticed when validation is off', () => {
  const pipeline = createPipeline([stage('liar', [], ['section'], (doc) => [section(doc.text, 'p0', 0, 5, 'Bogus')])])
  const doc = pipeline.run(article(TEXT), quietContext)
  assert.deepEqual(
    annotationsOf(doc, 'section').map((s) => [s.start, s.text]),
    [[0, 'Bogus']],
  )
})

test('run: the stage that breaks a span is named, not the stages before it', () => {
  const pipeline = createPipeline(
    [
      sections([[0, 24], [25, TEXT.length]]),
      stage('tokens', ['section'], ['token'], (doc) => [
        { kind: 'token', id: 't0', start: 0, end: 5, text: 'Talks', source: 'test', index: 0, sentence: 0, pos: 'NOUN', lower: 'talks', lemma: 'talk' },
        { kind: 'token', id: 't1', start: 25, end: 29, text: doc.text.slice(25, 28), source: 'test', index: 1, sentence: 1, pos: 'DET', lower: 'both', lemma: 'both' },
      ]),
    ],
    { validate: true },
  )
  assert.throws(
    () => pipeline.run(article(TEXT), quietContext),
    (err: unknown) => err instanceof StageError && err.stage === 'tokens' && /t1 \[25,29\)/.test(String((err.cause as Error).message)),
  )
})

// ---------------------------------------------------------------------------------------------
// Runs that succeed: annotations are merged by kind, in text order.

test('run: each stage sees what earlier stages produced, and kinds never produced read as empty', () => {
  const seen: number[] = []
  const pipeline = createPipeline(
    [
      sections([[0, 24], [25, TEXT.length]]),
      stage('counter', ['section'], ['sentence'], (doc) => {
        seen.push(annotationsOf(doc, 'section').length)
        return []
      }),
    ],
    { validate: true },
  )
  const doc = pipeline.run(article(TEXT), quietContext)
  assert.deepEqual(seen, [2])
  assert.deepEqual(annotationsOf(doc, 'sentence'), [])
  assert.deepEqual(annotationsOf(doc, 'event'), [])
  assert.equal(doc.text, TEXT)
  assert.equal(doc.article.id, 'doc-1')
})

test('run: a stage\'s output is put in text order (start, then longest first)', () => {
  const pipeline = createPipeline([sections([[25, TEXT.length], [0, 24], [0, 5], [25, 29]])], { validate: true })
  const doc = pipeline.run(article(TEXT), quietContext)
  assert.deepEqual(
    annotationsOf(doc, 'section').map((s) => [s.start, s.text]),
    [
      [0, 'Talks resumed on Monday.'],
      [0, 'Talks'],
      [25, 'Both delegations attended.'],
      [25, 'Both'],
    ],
  )
})

test('run: the stage receives the context it was given', () => {
  const days: Array<string | null> = []
  const pipeline = createPipeline([
    stage('reads-context', [], ['section'], (_doc, ctx) => {
      days.push(ctx.published)
      return []
    }),
  ])
  pipeline.run(article(TEXT), { ...quietContext, published: '2022-02-02' })
  pipeline.run(article(TEXT), quietContext)
  assert.deepEqual(days, ['2022-02-02', null])
})
