import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { ClauseAnnotation, MentionAnnotation } from '../../core/annotation.js'
import { annotationsOf, type Article, type Document } from '../../core/document.js'
import { quietContext } from '../../core/stage.js'
import { createExtractor } from '../../extractor.js'

// The whole default pipeline, with span validation: the clauses read the real mentions and quotes.
const extractor = createExtractor({ validate: true })

function read(text: string): Document {
  const article: Article = {
    id: 'clauses-test',
    title: null,
    source: null,
    url: null,
    date: '2023-06-02',
    text,
    dateline: null,
    input: 'clauses-test',
    format: 'json',
  }
  return extractor.pipeline.run(article, quietContext)
}

/** Offset of the `nth` (0-based) whole-word occurrence of `needle` in `text`. */
function startOf(text: string, needle: string, nth = 0): number {
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const starts = [...text.matchAll(new RegExp(`\\b${escaped}\\b`, 'g'))].map((m) => m.index)
  const at = starts[nth]
  assert.ok(at !== undefined, `'${needle}' (#${nth}) is not in the text`)
  return at
}

interface ClauseWant {
  /** The predicate's words (and which occurrence). */
  readonly predicate: string
  readonly nth?: number
  readonly lemma?: string
  /** Mention texts of the subjects and objects, in text order. */
  readonly subjects: readonly string[]
  /** Left unchecked when absent. */
  readonly objects?: readonly string[]
  readonly negated: boolean
  readonly modality: string | null
  /** Is the clause the content of a quote? */
  readonly quoted?: boolean
}

type Row = readonly [text: string, clauses: readonly ClauseWant[]]

const rows: readonly Row[] = [
  [
    'France criticised Germany on Monday.',
    [{ predicate: 'criticised', lemma: 'criticize', subjects: ['France'], objects: ['Germany'], negated: false, modality: null }],
  ],
  [
    'Brazil will not sign the treaty with Argentina.',
    [{ predicate: 'sign', lemma: 'sign', subjects: ['Brazil'], objects: ['Argentina'], negated: true, modality: 'will' }],
  ],
  [
    // Two subjects joined by "and"; a place after the verb is where, not whom.
    'Kenya and Uganda should meet in Kampala.',
    [{ predicate: 'meet', subjects: ['Kenya', 'Uganda'], objects: [], negated: false, modality: 'should' }],
  ],
  [
    'The IMF is ready to lend Egypt more money.',
    [{ predicate: 'lend', subjects: ['IMF'], objects: ['Egypt'], negated: false, modality: 'ready to' }],
  ],
  [
    'Ghana may never recognise Togo.',
    [{ predicate: 'recognise', lemma: 'recognize', subjects: ['Ghana'], objects: ['Togo'], negated: true, modality: 'may' }],
  ],
  [
    // The nationality is not the actor: the troops are.
    'Kenyan troops did not cross into Uganda.',
    [{ predicate: 'cross', subjects: ['troops'], objects: ['Uganda'], negated: true, modality: null }],
  ],
  [
    // Capitals standing for their governments act and are acted on.
    'Paris accused Rome of stalling the talks.',
    [{ predicate: 'accused', lemma: 'accuse', subjects: ['Paris'], objects: ['Rome'], negated: false, modality: null }],
  ],
  [
    // The reported act sits in the quote; its subject is the quote's own.
    'Mayor Jane Okafor said Brazil would never attack Peru.',
    [
      // (Its objects are not checked: the shallow reading takes the reported subject, "Brazil".)
      { predicate: 'said', subjects: ['Mayor Jane Okafor'], negated: false, modality: null, quoted: false },
      { predicate: 'attack', subjects: ['Brazil'], objects: ['Peru'], negated: true, modality: 'would', quoted: true },
    ],
  ],
  [
    // "but" keeps the subject of the clause before it.
    'Brazil and Peru met in Lima, but they failed to agree.',
    [
      { predicate: 'met', lemma: 'meet', subjects: ['Brazil', 'Peru'], objects: [], negated: false, modality: null },
      { predicate: 'failed', subjects: ['Brazil', 'Peru'], objects: [], negated: false, modality: null },
      { predicate: 'agree', subjects: ['Brazil', 'Peru'], objects: [], negated: false, modality: null },
    ],
  ],
  [
    'Chile says it is unable to pay Peru this year.',
    [
      { predicate: 'says', lemma: 'say', subjects: ['Chile'], objects: [], negated: false, modality: null, quoted: false },
      { predicate: 'pay', subjects: ['Chile'], objects: ['Peru'], negated: false, modality: 'unable to', quoted: true },
    ],
  ],
]

for (const [text, want] of rows) {
  test(`clauses: ${JSON.stringify(text)}`, () => {
    const doc = read(text)
    const clauses = annotationsOf(doc, 'clause')
    const mentions = new Map(annotationsOf(doc, 'mention').map((m) => [m.id, m]))
    const sentences = annotationsOf(doc, 'sentence')
    const quoteIds = new Set(annotationsOf(doc, 'quote').map((q) => q.id))
    const words = (ids: readonly string[]): string[] =>
      ids.map((id) => mentions.get(id) as MentionAnnotation).sort((a, b) => a.start - b.start).map((m) => `${m.text}@${m.start}`)
    const show = (c: ClauseAnnotation) => ({
      predicate: `${c.predicate.text}@${c.predicate.start}`,
      subjects: words(c.subjects),
      objects: words(c.objects),
      negated: c.negated,
      modality: c.modality,
      quoted: c.quote !== null,
    })
    assert.deepEqual(
      clauses.map((c, i) => ({ ...show(c), objects: want[i]?.objects ? show(c).objects : null })),
      want.map((w) => ({
        predicate: `${w.predicate}@${startOf(text, w.predicate, w.nth)}`,
        subjects: w.subjects.map((s) => `${s}@${startOf(text, s)}`),
        objects: w.objects ? w.objects.map((o) => `${o}@${startOf(text, o)}`) : null,
        negated: w.negated,
        modality: w.modality,
        quoted: w.quoted ?? false,
      })),
    )
    for (const [i, c] of clauses.entries()) {
      const w = want[i]
      if (w?.lemma) assert.equal(c.predicate.lemma, w.lemma)
      assert.equal(c.id, `c${i}`)
      assert.equal(c.source, 'clauses/shallow')
      // A clause spans its sentence; its predicate lies inside it; its quote exists.
      const s = sentences[c.sentence]
      assert.ok(s && c.start === s.start && c.end === s.end && c.text === s.text, `clause ${c.id} spans its sentence`)
      assert.ok(c.predicate.start >= s.start && c.predicate.end <= s.end)
      assert.equal(text.slice(c.predicate.start, c.predicate.end), c.predicate.text)
      if (c.quote !== null) assert.ok(quoteIds.has(c.quote), `clause ${c.id} points at quote ${c.quote}`)
    }
  })
}

// ---------------------------------------------------------------------------------------------

/** Sentences with no verb to build a clause on. */
const negativeCases: readonly string[] = [
  'No comment.',
  'Talks in Geneva, then a long silence.',
  'Brazil and Argentina: allies again?',
]

for (const text of negativeCases) {
  test(`negative cases: ${JSON.stringify(text)}`, () => {
    const clauses = annotationsOf(read(text), 'clause')
    assert.deepEqual(
      clauses.map((c) => c.predicate.text),
      [],
    )
  })
}

test('negative cases: a place and a nationality are never subjects or objects', () => {
  const text = 'In Lima, Chilean and Peruvian envoys signed the accord.'
  const doc = read(text)
  const mentions = new Map(annotationsOf(doc, 'mention').map((m) => [m.id, m]))
  const used = annotationsOf(doc, 'clause').flatMap((c) => [...c.subjects, ...c.objects])
  assert.deepEqual(
    used.map((id) => mentions.get(id)?.text),
    ['envoys'],
  )
})
