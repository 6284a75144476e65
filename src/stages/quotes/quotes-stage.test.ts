import assert from 'node:assert/strict'
import { test } from 'node:test'
import { annotationsOf, type Article } from '../../core/document.js'
import type { QuoteOut } from '../../core/extraction.js'
import { quietContext } from '../../core/stage.js'
import { createExtractor } from '../../extractor.js'

// The whole default pipeline, with span validation: speakers come from the real entities stage.
const extractor = createExtractor({ validate: true })

function articleOf(text: string, format: Article['format'] = 'json'): Article {
  return {
    id: 'quotes-test',
    title: null,
    source: null,
    url: null,
    date: '2023-06-02',
    text,
    dateline: null,
    input: 'quotes-test',
    format,
  }
}

/** Offset of the `nth` (0-based) occurrence of `needle` in `text`; fails the test when absent. */
function startOf(text: string, needle: string, nth = 0): number {
  // Whole words only: "he" is not the end of "the".
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const word = new RegExp(`${/^\w/.test(needle) ? '\\b' : ''}${escaped}${/\w$/.test(needle) ? '\\b' : ''}`, 'g')
  const starts = [...text.matchAll(word)].map((m) => m.index)
  const at = starts[nth]
  assert.ok(at !== undefined, `'${needle}' (#${nth}) is not in the text`)
  return at
}

interface QuoteWant {
  /** The statement's exact words. */
  readonly text: string
  /** Canonical name of the speaker's entity (never the pronoun). */
  readonly speaker: string | null
  readonly cue: string
  readonly form: QuoteOut['form']
  /** The words naming the speaker at this statement, and which occurrence. */
  readonly by?: readonly [text: string, nth?: number]
}

type Row = readonly [name: string, text: string, quotes: readonly QuoteWant[]]

const rows: readonly Row[] = [
  [
    'interrupted: "<subject>, <speaker> said, <rest>" is one statement, attribution inside',
    'Mayor Jane Okafor visited the site. The new bridge, Okafor said on Tuesday, would open next spring.',
    [
      {
        text: 'The new bridge, Okafor said on Tuesday, would open next spring',
        speaker: 'Jane Okafor',
        cue: 'said',
        form: 'indirect',
        by: ['Okafor', 1],
      },
    ],
  ],
  [
    'a quotation left open at the end of a paragraph goes on in the next',
    '"The bridge will open next year," Jane Okafor said. "We have the money for it.\n\n"The contractors are ready to start," she added.',
    [
      { text: 'The bridge will open next year', speaker: 'Jane Okafor', cue: 'said', form: 'direct', by: ['Jane Okafor'] },
      { text: 'We have the money for it', speaker: 'Jane Okafor', cue: 'said', form: 'direct', by: ['Jane Okafor'] },
      { text: 'The contractors are ready to start', speaker: 'Jane Okafor', cue: 'added', form: 'direct', by: ['she'] },
    ],
  ],
  [
    'the addressee of "told" is no part of the statement',
    'Jane Okafor told a group of striking dockers her offer would stand.',
    [{ text: 'her offer would stand', speaker: 'Jane Okafor', cue: 'told', form: 'indirect', by: ['Jane Okafor'] }],
  ],
  [
    'a named addressee of "told" with a participle before it',
    'Jane Okafor told the visiting Ghanaian delegation the port would reopen.',
    [{ text: 'the port would reopen', speaker: 'Jane Okafor', cue: 'told', form: 'indirect', by: ['Jane Okafor'] }],
  ],
  [
    'a titled name set off by commas speaks',
    'The finance minister, Jane Okafor, said the strike would end on Friday.',
    [{ text: 'the strike would end on Friday', speaker: 'Jane Okafor', cue: 'said', form: 'indirect', by: ['The finance minister, Jane Okafor'] }],
  ],
  [
    'an opening phrase is no statement: "In <place>, <speaker> said ..."',
    'In Lagos, Jane Okafor said the talks would resume in June.',
    [{ text: 'the talks would resume in June', speaker: 'Jane Okafor', cue: 'said', form: 'indirect', by: ['Jane Okafor'] }],
  ],
  [
    'trailing: "<statement>, <speaker> said."',
    'The new bridge will open next spring, Jane Okafor said.',
    [{ text: 'The new bridge will open next spring', speaker: 'Jane Okafor', cue: 'said', form: 'indirect', by: ['Jane Okafor'] }],
  ],
  [
    'trailing with a time after the cue: "..., <speaker> told reporters on Tuesday."',
    'The bridge would open in May, Mayor Jane Okafor told reporters on Tuesday.',
    [{ text: 'The bridge would open in May', speaker: 'Jane Okafor', cue: 'told', form: 'indirect', by: ['Mayor Jane Okafor'] }],
  ],
  [
    'inverted: "<statement>, said <speaker>, adding that ..."',
    'The new bridge will open next spring, said Transport Minister Jane Okafor, adding that tolls would be low.',
    [
      { text: 'The new bridge will open next spring', speaker: 'Jane Okafor', cue: 'said', form: 'indirect', by: ['Transport Minister Jane Okafor'] },
      { text: 'tolls would be low', speaker: 'Jane Okafor', cue: 'adding', form: 'indirect', by: ['Transport Minister Jane Okafor'] },
    ],
  ],
  [
    'inverted with a surname introduced before',
    'Mayor Jane Okafor visited the site. The new bridge will open next spring, said Okafor.',
    [{ text: 'The new bridge will open next spring', speaker: 'Jane Okafor', cue: 'said', form: 'indirect', by: ['Okafor', 1] }],
  ],
  [
    'leading: "<speaker> said <statement>"',
    'Jane Okafor said the talks with the unions would resume in June.',
    [{ text: 'the talks with the unions would resume in June', speaker: 'Jane Okafor', cue: 'said', form: 'indirect', by: ['Jane Okafor'] }],
  ],
  [
    'leading: "told reporters that"',
    'Jane Okafor told reporters that the talks would resume in June.',
    [{ text: 'the talks would resume in June', speaker: 'Jane Okafor', cue: 'told', form: 'indirect', by: ['Jane Okafor'] }],
  ],
  [
    'leading: "said in a statement that"',
    'Mayor Jane Okafor said in a statement that the bridge would open in May.',
    [{ text: 'the bridge would open in May', speaker: 'Jane Okafor', cue: 'said', form: 'indirect' }],
  ],
  [
    'leading: a cue that needs "that" ("proposed that ...")',
    'Mayor Jane Okafor proposed that the unions meet next week.',
    [{ text: 'the unions meet next week', speaker: 'Jane Okafor', cue: 'proposed', form: 'indirect' }],
  ],
  [
    'trailing: both statements joined by "and that" stay one statement',
    'Mayor Jane Okafor said on Monday that the bridge would open in May and that tolls would stay low.',
    [{ text: 'the bridge would open in May and that tolls would stay low', speaker: 'Jane Okafor', cue: 'said', form: 'indirect' }],
  ],
  [
    'a direct quotation over two sentences, the attribution after it',
    '"We will not back down. The plan stays," Jane Okafor said on Friday.',
    [{ text: 'We will not back down. The plan stays', speaker: 'Jane Okafor', cue: 'said', form: 'direct', by: ['Jane Okafor'] }],
  ],
  [
    'a direct quotation attributed "said the mayor": the title resolves to the person',
    'Mayor Jane Okafor opened the bridge. "Tolls will stay low for now," said the mayor.',
    [{ text: 'Tolls will stay low for now', speaker: 'Jane Okafor', cue: 'said', form: 'direct', by: ['the mayor'] }],
  ],
  [
    'a direct quotation after "said:"',
    'Mayor Jane Okafor said: "We will rebuild the bridge by May."',
    [{ text: 'We will rebuild the bridge by May', speaker: 'Jane Okafor', cue: 'said', form: 'direct', by: ['Mayor Jane Okafor'] }],
  ],
  [
    'a participle before a direct quotation: ", adding, \\"...\\""',
    'Jane Okafor said the talks went well, adding, "We expect a deal soon."',
    [
      { text: 'the talks went well', speaker: 'Jane Okafor', cue: 'said', form: 'indirect', by: ['Jane Okafor'] },
      { text: 'We expect a deal soon', speaker: 'Jane Okafor', cue: 'adding', form: 'direct', by: ['Jane Okafor'] },
    ],
  ],
  [
    'a participle with "that": ", adding that ..."',
    'The bridge would open in May, Mayor Jane Okafor said, adding that tolls would stay low.',
    [
      { text: 'The bridge would open in May', speaker: 'Jane Okafor', cue: 'said', form: 'indirect' },
      { text: 'tolls would stay low', speaker: 'Jane Okafor', cue: 'adding', form: 'indirect' },
    ],
  ],
  [
    '"It added" continues an organisation',
    'The World Bank said growth would slow this year. It added that inflation was easing.',
    [
      { text: 'growth would slow this year', speaker: 'World Bank', cue: 'said', form: 'indirect', by: ['The World Bank'] },
      { text: 'inflation was easing', speaker: 'World Bank', cue: 'added', form: 'indirect', by: ['It'] },
    ],
  ],
  [
    'an organisation run speaks, then "it"',
    'Zentara Mining Corp said output fell in March. It added that prices were weak.',
    [
      { text: 'output fell in March', speaker: 'Zentara Mining Corp', cue: 'said', form: 'indirect' },
      { text: 'prices were weak', speaker: 'Zentara Mining Corp', cue: 'added', form: 'indirect', by: ['It'] },
    ],
  ],
  [
    'another reporting verb: "warned that"',
    'The IMF warned that debt levels were rising fast.',
    [{ text: 'debt levels were rising fast', speaker: 'IMF', cue: 'warned', form: 'indirect', by: ['IMF'] }],
  ],
  [
    '"he said" after a direct quotation continues the last speaker',
    'Governor Paul Mensah met the unions on Friday. Mensah said the budget was tight. "We have to cut spending," he said.',
    [
      { text: 'the budget was tight', speaker: 'Paul Mensah', cue: 'said', form: 'indirect', by: ['Mensah', 1] },
      { text: 'We have to cut spending', speaker: 'Paul Mensah', cue: 'said', form: 'direct', by: ['he'] },
    ],
  ],
  [
    '"he said" goes to the person named last, not the first speaker',
    'Mayor Jane Okafor said the bridge would open in May. Governor Paul Mensah disagreed. "It will take years," he said.',
    [
      { text: 'the bridge would open in May', speaker: 'Jane Okafor', cue: 'said', form: 'indirect' },
      { text: 'It will take years', speaker: 'Paul Mensah', cue: 'said', form: 'direct', by: ['he'] },
    ],
  ],
  [
    '"she said" after an indirect statement names the person, not the pronoun',
    'Mayor Jane Okafor opened the bridge. Tolls will stay low, she said.',
    [{ text: 'Tolls will stay low', speaker: 'Jane Okafor', cue: 'said', form: 'indirect', by: ['she'] }],
  ],
  [
    'the premier speaks: a title resolves to the person',
    'Prime Minister Lena Dahl flew to Riga on Monday. The premier said she expected progress.',
    [{ text: 'she expected progress', speaker: 'Lena Dahl', cue: 'said', form: 'indirect', by: ['The premier'] }],
  ],
  [
    'unnamed officials: the statement is kept, with no speaker',
    'Officials said the border would reopen on Friday.',
    [{ text: 'the border would reopen on Friday', speaker: null, cue: 'said', form: 'indirect', by: ['Officials'] }],
  ],
]

for (const [name, text, want] of rows) {
  test(`quotes: ${name}`, () => {
    const article = articleOf(text)
    const x = extractor.extract(article)
    assert.deepEqual(
      x.quotes.map((q) => ({ text: q.text, start: q.start, speaker: q.speaker, cue: q.cue, form: q.form })),
      want.map((q) => ({ text: q.text, start: startOf(text, q.text), speaker: q.speaker, cue: q.cue, form: q.form })),
    )
    for (const q of x.quotes) {
      assert.equal(text.slice(q.start, q.end), q.text, `span of ${q.id}`)
      assert.ok(q.sentence.start <= q.start || q.form === 'direct', `${q.id} lies in its sentence`)
    }
    // The speaker's words at each statement (pipeline annotations carry their span).
    if (want.some((q) => q.by)) {
      const quotes = annotationsOf(extractor.pipeline.run(article, quietContext), 'quote')
      for (const [i, w] of want.entries()) {
        if (!w.by) continue
        const q = quotes[i]
        const [by, nth] = w.by
        const got = q?.speakerRange ? [text.slice(q.speakerRange.start, q.speakerRange.end), q.speakerRange.start] : null
        assert.deepEqual(got, [by, startOf(text, by, nth)], `speaker words of '${w.text}'`)
        assert.equal(q && text.slice(q.cueRange.start, q.cueRange.end), w.cue, 'cue span')
      }
    }
  })
}

// ---------------------------------------------------------------------------------------------

/** Reporting verbs that report nothing here. */
const negativeCases: readonly string[] = [
  'Mayor Jane Okafor did not say whether the bridge would open.',
  'Mayor Jane Okafor declined to say when the bridge would open.',
  'Mayor Jane Okafor never said the bridge would open.',
  // Passive: she was the one told.
  'Mayor Jane Okafor was told that the bridge would open late.',
  // "proposed a meeting" is an act, not speech.
  'Mayor Jane Okafor proposed a meeting with the unions next week.',
  'The unions urged a boycott of the vote.',
  // A one-word answer is not a statement.
  'Mayor Jane Okafor was asked whether the bridge would open. "No," she said.',
  '"Absolutely," Mayor Jane Okafor said.',
  // Speech verbs in a noun sense.
  'The report on the bridge was published on Monday.',
]

for (const text of negativeCases) {
  test(`negative cases: ${JSON.stringify(text)}`, () => {
    const x = extractor.extract(articleOf(text))
    assert.deepEqual(
      x.quotes.map((q) => `${q.speaker ?? '?'} ${q.cue}: ${q.text}`),
      [],
    )
  })
}

test('negative cases: a text file\'s headline is not a statement', () => {
  const text = 'Mayor says bridge will open in May\n\nMayor Jane Okafor opened the site on Monday after two years of delays.'
  const x = extractor.extract(articleOf(text, 'txt'))
  assert.deepEqual(x.quotes, [])
})
