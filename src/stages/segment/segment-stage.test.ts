import assert from 'node:assert/strict'
import { test } from 'node:test'
import { spanIsValid, type SectionAnnotation, type SentenceAnnotation } from '../../core/annotation.js'
import { annotationsOf, type Article, type Document } from '../../core/document.js'
import { createPipeline } from '../../core/pipeline.js'
import { quietContext } from '../../core/stage.js'
import { createSegmentStage } from './segment-stage.js'

// One segmenter for the file (wink-nlp's model takes a moment to load); the pipeline checks every
// span it returns.
const pipeline = createPipeline([createSegmentStage()], { validate: true })

function article(text: string, format: Article['format']): Article {
  return { id: 'segment-test', title: null, source: null, url: null, date: null, text, dateline: null, input: 'segment-test', format }
}

function read(text: string, format: Article['format']): Document {
  return pipeline.run(article(text, format), quietContext)
}

/** Offset of the `nth` (0-based) occurrence of `needle` in `text`; fails the test when absent. */
function startOf(text: string, needle: string, nth = 0): number {
  // Plain substrings: a token may be part of a word ("wo" of "won't").
  let at = -1
  for (let n = 0; n <= nth; n++) {
    at = text.indexOf(needle, at + 1)
    assert.ok(at >= 0, `'${needle}' (#${nth}) is not in the text`)
  }
  return at
}

/** [role, text, which occurrence of the text (default 0)] */
type Span<R extends string> = readonly [role: R, text: string, nth?: number]

interface Row {
  readonly name: string
  readonly text: string
  readonly format: Article['format']
  /** Every section, in text order (a paragraph before the dateline that opens it). */
  readonly sections: readonly Span<SectionAnnotation['role']>[]
  /** Every sentence, in text order. */
  readonly sentences?: readonly Span<SentenceAnnotation['role']>[]
}

const BANNERED =
  'WORLD DESK\n\n' +
  'Kenya and Uganda agree on joint border patrols\n\n' +
  'NAIROBI, May 3 (Reuters) - Kenyan officials said on Tuesday that joint patrols would start in June. The first unit leaves next week.\n\n' +
  'Ugandan officers will join them at the Busia crossing.'

const rows: readonly Row[] = [
  {
    name: 'a text file: banner and headline lines before the dateline paragraph',
    text: BANNERED,
    format: 'txt',
    sections: [
      ['banner', 'WORLD DESK'],
      ['headline', 'Kenya and Uganda agree on joint border patrols'],
      ['body', 'NAIROBI, May 3 (Reuters) - Kenyan officials said on Tuesday that joint patrols would start in June. The first unit leaves next week.'],
      ['dateline', 'NAIROBI, May 3 (Reuters) -'],
      ['body', 'Ugandan officers will join them at the Busia crossing.'],
    ],
    sentences: [
      ['banner', 'WORLD DESK'],
      ['headline', 'Kenya and Uganda agree on joint border patrols'],
      ['body', 'Kenyan officials said on Tuesday that joint patrols would start in June.'],
      ['body', 'The first unit leaves next week.'],
      ['body', 'Ugandan officers will join them at the Busia crossing.'],
    ],
  },
  {
    name: 'a JSON article: the same text is all body, and a dateline only opens its first block',
    text: BANNERED,
    format: 'json',
    sections: [
      ['body', 'WORLD DESK'],
      ['body', 'Kenya and Uganda agree on joint border patrols'],
      ['body', 'NAIROBI, May 3 (Reuters) - Kenyan officials said on Tuesday that joint patrols would start in June. The first unit leaves next week.'],
      ['body', 'Ugandan officers will join them at the Busia crossing.'],
    ],
  },
  {
    name: 'a text file with a headline and a body paragraph but no dateline',
    text: 'Port strike ends after two weeks\n\nDock workers in the port returned to work on Monday after a deal on overtime pay.',
    format: 'txt',
    sections: [
      ['headline', 'Port strike ends after two weeks'],
      ['body', 'Dock workers in the port returned to work on Monday after a deal on overtime pay.'],
    ],
    sentences: [
      ['headline', 'Port strike ends after two weeks'],
      ['body', 'Dock workers in the port returned to work on Monday after a deal on overtime pay.'],
    ],
  },
  {
    name: 'a headline with its own full stop is still one sentence',
    text: 'Rates held. Markets calm.\n\nLIMA, Aug 9 - The central bank left its main rate unchanged on Wednesday.',
    format: 'txt',
    sections: [
      ['headline', 'Rates held. Markets calm.'],
      ['body', 'LIMA, Aug 9 - The central bank left its main rate unchanged on Wednesday.'],
      ['dateline', 'LIMA, Aug 9 -'],
    ],
    sentences: [
      ['headline', 'Rates held. Markets calm.'],
      ['body', 'The central bank left its main rate unchanged on Wednesday.'],
    ],
  },
  {
    name: 'a text file that is one paragraph: all body',
    text: 'The committee approved the budget without changes.',
    format: 'txt',
    sections: [['body', 'The committee approved the budget without changes.']],
  },
  {
    name: 'paragraphs are trimmed and lines inside one paragraph stay together',
    text: '  \n\nThe ferry left at dawn\nwith 40 passengers aboard.   \n\n\n  It docked at noon.  \n',
    format: 'json',
    sections: [
      ['body', 'The ferry left at dawn\nwith 40 passengers aboard.'],
      ['body', 'It docked at noon.'],
    ],
    sentences: [
      ['body', 'The ferry left at dawn\nwith 40 passengers aboard.'],
      ['body', 'It docked at noon.'],
    ],
  },
  // Dateline prefixes.
  {
    name: 'dateline "PARIS, May 3 -"',
    text: 'PARIS, May 3 - French farmers blocked roads near the capital on Friday.',
    format: 'json',
    sections: [
      ['body', 'PARIS, May 3 - French farmers blocked roads near the capital on Friday.'],
      ['dateline', 'PARIS, May 3 -'],
    ],
    sentences: [['body', 'French farmers blocked roads near the capital on Friday.']],
  },
  {
    name: 'dateline "Lagos, June 1, 2022, Some Outlet:"',
    text: 'Lagos, June 1, 2022, Harbour Herald: Nigerian lawmakers approved the budget on Wednesday.',
    format: 'json',
    sections: [
      ['body', 'Lagos, June 1, 2022, Harbour Herald: Nigerian lawmakers approved the budget on Wednesday.'],
      ['dateline', 'Lagos, June 1, 2022, Harbour Herald:'],
    ],
    sentences: [['body', 'Nigerian lawmakers approved the budget on Wednesday.']],
  },
  {
    name: 'dateline "TOKYO (Reuters) -"',
    text: 'TOKYO (Reuters) - Japanese exports rose in March, data showed.',
    format: 'json',
    sections: [
      ['body', 'TOKYO (Reuters) - Japanese exports rose in March, data showed.'],
      ['dateline', 'TOKYO (Reuters) -'],
    ],
    sentences: [['body', 'Japanese exports rose in March, data showed.']],
  },
  {
    name: 'dateline of an all-capitals place alone: "OSLO -"',
    text: 'OSLO - Norwegian ministers met on Monday.',
    format: 'json',
    sections: [
      ['body', 'OSLO - Norwegian ministers met on Monday.'],
      ['dateline', 'OSLO -'],
    ],
  },
  {
    name: 'dateline with a day-month date, an agency and a double hyphen',
    text: 'BEIRUT, 3 May (AFP) -- Lebanese banks shut early.',
    format: 'json',
    sections: [
      ['body', 'BEIRUT, 3 May (AFP) -- Lebanese banks shut early.'],
      ['dateline', 'BEIRUT, 3 May (AFP) --'],
    ],
  },
  {
    name: 'dateline with a multi-word place, a country and an em dash',
    text: 'ST. PETERSBURG, Russia, July 7 — The forum opened with a speech on trade.',
    format: 'json',
    sections: [
      ['body', 'ST. PETERSBURG, Russia, July 7 — The forum opened with a speech on trade.'],
      ['dateline', 'ST. PETERSBURG, Russia, July 7 —'],
    ],
    sentences: [['body', 'The forum opened with a speech on trade.']],
  },
  // Sentence boundaries around abbreviations.
  {
    name: 'abbreviations do not end sentences: "U.S. officials", "Mr. Smith", "p.m."',
    text: 'U.S. officials met Mr. Smith at 3 p.m. in the capital. The talks ended at dusk. Dr. Lee was not there.',
    format: 'json',
    sections: [['body', 'U.S. officials met Mr. Smith at 3 p.m. in the capital. The talks ended at dusk. Dr. Lee was not there.']],
    sentences: [
      ['body', 'U.S. officials met Mr. Smith at 3 p.m. in the capital.'],
      ['body', 'The talks ended at dusk.'],
      ['body', 'Dr. Lee was not there.'],
    ],
  },
  {
    name: 'a question and an exclamation end sentences',
    text: 'Will the ceasefire hold? Nobody knows! Diplomats are hopeful.',
    format: 'json',
    sections: [['body', 'Will the ceasefire hold? Nobody knows! Diplomats are hopeful.']],
    sentences: [
      ['body', 'Will the ceasefire hold?'],
      ['body', 'Nobody knows!'],
      ['body', 'Diplomats are hopeful.'],
    ],
  },
]

for (const row of rows) {
  test(`segment: ${row.name}`, () => {
    const doc = read(row.text, row.format)
    assert.deepEqual(
      annotationsOf(doc, 'section').map((s) => [s.role, s.text, s.start]),
      row.sections.map(([role, text, nth]) => [role, text, startOf(row.text, text, nth)]),
    )
    if (row.sentences) {
      assert.deepEqual(
        annotationsOf(doc, 'sentence').map((s) => [s.role, s.text, s.start]),
        row.sentences.map(([role, text, nth]) => [role, text, startOf(row.text, text, nth)]),
      )
    }
  })
}

// ---------------------------------------------------------------------------------------------

/** Openings that end in a colon or a dash but are not datelines. */
const negativeCases: readonly string[] = [
  'China said: the new tariffs will hurt trade between the two countries.',
  'Officials said on Monday - quietly - that the talks had stalled.',
  'Note: the figures are provisional and may change.',
  'Mixed reaction - some traders welcomed the cut, others did not.',
  'The minister, who arrived on May 3: a long trip.',
]

for (const text of negativeCases) {
  test(`negative cases: no dateline in ${JSON.stringify(text)}`, () => {
    for (const format of ['json', 'txt'] as const) {
      const doc = read(text, format)
      assert.deepEqual(
        annotationsOf(doc, 'section').filter((s) => s.role === 'dateline').map((s) => s.text),
        [],
        format,
      )
      // The whole paragraph is read as sentences, from its first character.
      assert.equal(annotationsOf(doc, 'sentence')[0]?.start, 0, format)
    }
  })
}

// ---------------------------------------------------------------------------------------------

interface TokenRow {
  readonly text: string
  /** [token text, which occurrence] for tokens whose offsets matter, in text order. */
  readonly tokens: ReadonlyArray<readonly [string, number?]>
}

const tokenRows: readonly TokenRow[] = [
  {
    // wink-nlp splits contractions ("wo" + "n't"); both keep their own offsets.
    text: "The minister won't attend, and officials can't say why.",
    tokens: [['wo'], ["n't"], ['attend'], ['ca'], ["n't", 1], ['say']],
  },
  {
    text: 'U.S. officials met Mr. Smith at 3 p.m. in the capital.',
    tokens: [['U.S.'], ['officials'], ['Mr.'], ['Smith'], ['p.m.'], ['capital'], ['.', 5]],
  },
  {
    // Curly quotes and apostrophes, as an HTML page may carry them.
    text: 'Dr. Lee’s team said it’s “unlikely”.',
    tokens: [['Lee'], ['’s'], ['team'], ['’s', 1], ['“'], ['unlikely'], ['”']],
  },
  {
    text: 'PARIS, May 3 - Talks on the Franco-German plan resumed.',
    tokens: [['Talks'], ['Franco'], ['-', 1], ['German'], ['plan']],
  },
]

for (const row of tokenRows) {
  test(`tokens keep their offsets: ${JSON.stringify(row.text)}`, () => {
    const doc = read(row.text, 'json')
    const tokens = annotationsOf(doc, 'token')
    const sentences = annotationsOf(doc, 'sentence')
    // Every token is its span, lies inside its sentence, and tokens run in order without overlap.
    let previousEnd = 0
    for (const [i, t] of tokens.entries()) {
      assert.ok(spanIsValid(row.text, t), `token ${t.id}`)
      assert.equal(t.index, i)
      assert.equal(t.lower, t.text.toLowerCase())
      assert.ok(t.start >= previousEnd, `token ${t.id} '${t.text}' overlaps the one before`)
      previousEnd = t.end
      const s = sentences[t.sentence]
      assert.ok(s && s.start <= t.start && t.end <= s.end, `token ${t.id} lies in sentence ${t.sentence}`)
    }
    for (const s of sentences) {
      const inside = tokens.filter((t) => t.sentence === s.index)
      assert.equal(inside[0]?.start, s.start, `sentence ${s.index} starts at its first token`)
      assert.equal(inside[inside.length - 1]?.end, s.end, `sentence ${s.index} ends at its last token`)
    }
    let cursor = 0
    for (const [text, nth] of row.tokens) {
      const start = startOf(row.text, text, nth)
      const found = tokens.find((t) => t.start === start && t.text === text)
      assert.ok(found, `a token '${text}' at ${start}; got ${tokens.map((t) => `${t.text}@${t.start}`).join(' ')}`)
      assert.ok(found.start >= cursor)
      cursor = found.start
    }
  })
}

test('tokens carry part of speech and lemma', () => {
  const text = 'The envoys met in Oslo and signed two accords.'
  const doc = read(text, 'json')
  assert.deepEqual(
    annotationsOf(doc, 'token')
      .filter((t) => ['envoys', 'met', 'Oslo', 'signed', 'accords'].includes(t.text))
      .map((t) => [t.text, t.start, t.pos, t.lemma]),
    [
      ['envoys', 4, 'NOUN', 'envoy'],
      ['met', 11, 'VERB', 'meet'],
      ['Oslo', 18, 'PROPN', 'oslo'],
      ['signed', 27, 'VERB', 'sign'],
      ['accords', 38, 'NOUN', 'accord'],
    ],
  )
})

test('ids and indices run in text order across paragraphs', () => {
  const doc = read(BANNERED, 'txt')
  const sentences = annotationsOf(doc, 'sentence')
  assert.deepEqual(
    sentences.map((s) => [s.id, s.index, s.paragraph, s.source]),
    [
      ['s0', 0, 0, 'segment/banner'],
      ['s1', 1, 1, 'segment/headline'],
      ['s2', 2, 2, 'segment/wink-sbd'],
      ['s3', 3, 2, 'segment/wink-sbd'],
      ['s4', 4, 3, 'segment/wink-sbd'],
    ],
  )
  const dateline = annotationsOf(doc, 'section').find((s) => s.role === 'dateline')
  assert.deepEqual(dateline && [dateline.id, dateline.paragraph, dateline.source], ['d2', 2, 'segment/dateline-prefix'])
})

test('an empty text has no sections, sentences or tokens', () => {
  for (const text of ['', '   \n\n  ']) {
    const doc = read(text, 'txt')
    assert.deepEqual(
      ['section', 'sentence', 'token'].map((k) => annotationsOf(doc, k as 'section').length),
      [0, 0, 0],
    )
  }
})
