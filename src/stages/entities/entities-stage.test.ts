import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { MentionForm } from '../../core/annotation.js'
import { annotationsOf, type Article } from '../../core/document.js'
import type { EntityOut } from '../../core/extraction.js'
import { quietContext } from '../../core/stage.js'
import { createExtractor } from '../../extractor.js'

// The whole default pipeline, with span validation: every row is read as `dateline extract`
// reads an article.
const extractor = createExtractor({ validate: true })

interface Input {
  readonly text: string
  /** The input's own publication day; known people are looked up on it. */
  readonly date?: string
  readonly format?: Article['format']
}

function articleOf(input: Input): Article {
  return {
    id: 'entities-test',
    title: null,
    source: null,
    url: null,
    date: input.date ?? '2023-06-02',
    text: input.text,
    dateline: null,
    input: 'entities-test',
    format: input.format ?? 'json',
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

/** [mention text, form, which occurrence of the text (default 0)] */
type MentionWant = readonly [text: string, form: MentionForm, nth?: number]

interface EntityWant {
  readonly name: string
  readonly type: EntityOut['type']
  readonly country?: string | null
  readonly title?: string | null
  readonly actor?: string | null
  /** [lat, lon], checked within 1 degree. */
  readonly at?: readonly [number, number]
  readonly aliases?: readonly string[]
  /** Every mention of the entity, in text order. */
  readonly mentions?: readonly MentionWant[]
}

/** A mention the document must hold, whether or not it names an entity: [text, form, actor, nth]. */
type DocMentionWant = readonly [text: string, form: MentionForm, actor: string | null, nth?: number]

interface Row {
  readonly name: string
  readonly input: Input
  readonly entities: readonly EntityWant[]
  readonly docMentions?: readonly DocMentionWant[]
  /** Names (any case) that must not be entities. */
  readonly absent?: readonly string[]
}

const rows: readonly Row[] = [
  // Names that start like countries or places, and newspapers named after cities.
  {
    name: 'a country name that is a given name starts a person',
    input: { text: 'Chad Ndlovu met Kenyan officials in Nairobi on Monday.' },
    entities: [{ name: 'Chad Ndlovu', type: 'person', country: null }],
    absent: ['Chad'],
  },
  {
    name: 'a given name with a title in apposition',
    input: { text: 'Jordan Mbeki, a spokesman for the port authority, said the strike had ended.' },
    entities: [{ name: 'Jordan Mbeki', type: 'person' }],
    absent: ['Jordan'],
  },
  {
    name: 'a full name with a title in apposition speaks',
    input: { text: 'Maria Lindqvist, a company spokeswoman, said output would rise.' },
    entities: [{ name: 'Maria Lindqvist', type: 'person' }],
  },
  {
    name: 'a newspaper named after its city is an organisation, not the city',
    input: { text: 'The Nairobi Times reported that Ghana and Togo had signed the accord, the Lagos Herald said.' },
    entities: [
      { name: 'Nairobi Times', type: 'organization' },
      { name: 'Lagos Herald', type: 'organization' },
    ],
    absent: ['Nairobi', 'Lagos'],
  },
  {
    name: 'a full name set off by commas after its title',
    input: { text: 'The Bolivian labour minister, Alfredo Quispe, met union leaders on Monday.' },
    entities: [{ name: 'Alfredo Quispe', type: 'person', country: 'BOL', title: 'labour minister', actor: 'BOLGOV' }],
  },
  {
    name: 'a combining form standing alone names no country',
    input: { text: 'Sino-Soviet ties improved, Labour minister Alfredo Franco said.' },
    entities: [
      { name: 'China', type: 'country' },
      { name: 'Russia', type: 'country' },
    ],
    absent: ['France'],
  },
  {
    name: 'a place qualified by its state is the one of that country',
    input: { text: 'Officials in Athens, Ga., said a firm based in Dublin, Calif., had been sold.' },
    entities: [
      { name: 'Athens', type: 'place', country: 'USA' },
      { name: 'Dublin', type: 'place', country: 'USA' },
    ],
  },
  {
    name: "an organisation's last word makes it a business or the media",
    input: { text: 'Kenya Breweries Ltd said the Kenya Times had misreported its results.' },
    entities: [
      { name: 'Kenya Breweries Ltd', type: 'organization', actor: 'KENBUS' },
      { name: 'Kenya Times', type: 'organization', actor: 'KENMED' },
    ],
  },
  {
    name: 'a country before a body named after it stays the country',
    input: { text: 'Jordan Radio said Jordan would attend the talks.' },
    entities: [
      { name: 'Jordan Radio', type: 'organization' },
      { name: 'Jordan', type: 'country', mentions: [['Jordan', 'name', 1]] },
    ],
  },
  // People: titles, nationality, coreference.
  {
    name: 'a titled person with a nationality, then the surname alone',
    input: { text: 'Kenyan Foreign Minister Wanjiru Kamau arrived in Kampala on Tuesday. Kamau said the visit would be short.' },
    entities: [
      {
        name: 'Wanjiru Kamau',
        type: 'person',
        country: 'KEN',
        title: 'Foreign Minister',
        actor: 'KENGOV',
        aliases: ['Kamau'],
        mentions: [
          ['Kenyan Foreign Minister Wanjiru Kamau', 'name'],
          ['Kamau', 'surname', 1],
        ],
      },
      { name: 'Kampala', type: 'place', country: 'UGA', at: [0.35, 32.58], mentions: [['Kampala', 'name']] },
    ],
  },
  {
    name: '"the premier" and "she" refer back to the prime minister',
    input: { text: 'Prime Minister Lena Dahl flew to Riga on Monday. The premier said she expected progress.' },
    entities: [
      {
        name: 'Lena Dahl',
        type: 'person',
        title: 'Prime Minister',
        mentions: [
          ['Prime Minister Lena Dahl', 'name'],
          ['The premier', 'title'],
          ['she', 'pronoun'],
        ],
      },
      { name: 'Riga', type: 'place', country: 'LVA', at: [56.95, 24.11] },
    ],
  },
  {
    name: '"the minister" and a sentence-initial "She" refer back to the trade minister',
    input: { text: 'Chilean Trade Minister Rosa Vidal visited Lima on Friday. The minister said exports would grow. She did not give figures.' },
    entities: [
      {
        name: 'Rosa Vidal',
        type: 'person',
        country: 'CHL',
        title: 'Trade Minister',
        actor: 'CHLGOV',
        mentions: [
          ['Chilean Trade Minister Rosa Vidal', 'name'],
          ['The minister', 'title'],
          ['She', 'pronoun'],
        ],
      },
      { name: 'Lima', type: 'place', country: 'PER', at: [-12.05, -77.04] },
    ],
  },
  {
    name: '"the premier" skips a president named in between',
    input: { text: 'President Amina Waweru met Prime Minister Lena Dahl on Monday. The premier said trade would grow.' },
    entities: [
      { name: 'Amina Waweru', type: 'person', title: 'President', mentions: [['President Amina Waweru', 'name']] },
      {
        name: 'Lena Dahl',
        type: 'person',
        title: 'Prime Minister',
        mentions: [
          ['Prime Minister Lena Dahl', 'name'],
          ['The premier', 'title'],
        ],
      },
    ],
  },
  {
    name: 'a surname in a text file\'s headline is the person the body names in full',
    input: { text: 'Okafor opens new bridge\n\nMayor Jane Okafor opened the new bridge on Monday after two years of work.', format: 'txt' },
    entities: [
      {
        name: 'Jane Okafor',
        type: 'person',
        title: 'Mayor',
        aliases: ['Okafor'],
        mentions: [
          ['Okafor', 'surname'],
          ['Mayor Jane Okafor', 'name'],
        ],
      },
    ],
  },
  {
    name: 'a pronoun speaker in the next sentence',
    input: { text: 'Governor Paul Mensah toured the flooded district. He said repairs would take months.' },
    entities: [
      {
        name: 'Paul Mensah',
        type: 'person',
        title: 'Governor',
        mentions: [
          ['Governor Paul Mensah', 'name'],
          ['He', 'pronoun'],
        ],
      },
    ],
  },
  {
    name: 'an untitled name before a reporting verb is a person; the surname follows',
    input: { text: 'Peter Holm said the plan would work. Holm added that costs would fall.' },
    entities: [
      {
        name: 'Peter Holm',
        type: 'person',
        country: null,
        aliases: ['Holm'],
        mentions: [
          ['Peter Holm', 'name'],
          ['Holm', 'surname', 1],
        ],
      },
    ],
  },
  {
    name: 'a known person from the actor lexicon, on a day in office',
    input: { text: 'Barack Obama visited Nairobi on Friday.', date: '2012-06-01' },
    entities: [
      { name: 'Barack Obama', type: 'person', country: 'USA', actor: 'USAGOV', mentions: [['Barack Obama', 'name']] },
      { name: 'Nairobi', type: 'place', country: 'KEN', at: [-1.29, 36.82] },
    ],
  },

  // Countries: by name, by demonym, in groups.
  {
    name: '"the two countries" and "both sides" refer to the two countries named before',
    input: { text: 'Brazil and Argentina signed a grain deal on Monday. The two countries will review it next year. Both sides called the talks useful.' },
    entities: [
      {
        name: 'Brazil',
        type: 'country',
        country: 'BRA',
        actor: 'BRA',
        mentions: [
          ['Brazil', 'name'],
          ['The two countries', 'group'],
          ['Both sides', 'group'],
        ],
      },
      {
        name: 'Argentina',
        type: 'country',
        country: 'ARG',
        actor: 'ARG',
        mentions: [
          ['Argentina', 'name'],
          ['The two countries', 'group'],
          ['Both sides', 'group'],
        ],
      },
    ],
  },
  {
    name: 'a country by name and by demonym; the demonym gives unnamed officials their country',
    input: { text: 'Ghana and Togo agreed to reopen the border, Ghanaian officials said.' },
    entities: [
      {
        name: 'Ghana',
        type: 'country',
        country: 'GHA',
        at: [7.9, -1.0],
        mentions: [
          ['Ghana', 'name'],
          ['Ghanaian', 'demonym'],
        ],
      },
      { name: 'Togo', type: 'country', country: 'TGO', mentions: [['Togo', 'name']] },
    ],
    docMentions: [['officials', 'agent', 'GHAGOV']],
  },
  {
    name: 'a capital that speaks is its government ("Paris said"); "in Paris" is the city',
    input: { text: 'Paris said on Monday it would send aid. The money will be spent in Paris and Lyon.' },
    entities: [
      {
        name: 'Paris',
        type: 'place',
        country: 'FRA',
        at: [48.86, 2.35],
        mentions: [
          ['Paris', 'capital', 0],
          ['Paris', 'name', 1],
        ],
      },
      { name: 'Lyon', type: 'place', country: 'FRA', at: [45.76, 4.84], mentions: [['Lyon', 'name']] },
    ],
    docMentions: [
      ['Paris', 'capital', 'FRAGOV', 0],
      ['Paris', 'name', null, 1],
    ],
  },

  // Places from the gazetteer, geocoded.
  {
    name: 'regions and cities, each with its country and coordinates',
    input: { text: 'Floods hit Tuscany and Bavaria. Officials in Osaka and Mombasa met on Monday.' },
    entities: [
      { name: 'Tuscany', type: 'place', country: 'ITA', at: [43.35, 11.0], mentions: [['Tuscany', 'name']] },
      { name: 'Bavaria', type: 'place', country: 'DEU', at: [48.78, 11.48], mentions: [['Bavaria', 'name']] },
      { name: 'Osaka', type: 'place', country: 'JPN', at: [34.69, 135.5], mentions: [['Osaka', 'name']] },
      { name: 'Mombasa', type: 'place', country: 'KEN', at: [-4.04, 39.67], mentions: [['Mombasa', 'name']] },
    ],
  },
  {
    name: 'the dateline place is a place of the article, and the same place later in the body',
    input: { text: 'NAIROBI, May 3 - Kenyan officials met in Nairobi on Tuesday.' },
    entities: [
      {
        name: 'Nairobi',
        type: 'place',
        country: 'KEN',
        at: [-1.29, 36.82],
        mentions: [
          ['NAIROBI', 'name'],
          ['Nairobi', 'name'],
        ],
      },
    ],
    docMentions: [['officials', 'agent', 'KENGOV']],
  },

  // Organisations.
  {
    name: 'international organisations from the lexicon, with their CAMEO codes',
    input: { text: 'The United Nations, the IMF, the World Bank and NATO sent observers to the vote.' },
    entities: [
      { name: 'United Nations', type: 'organization', country: null, actor: 'IGOUNO', mentions: [['United Nations', 'name']] },
      { name: 'IMF', type: 'organization', country: null, actor: 'IGOIMF', mentions: [['IMF', 'name']] },
      { name: 'World Bank', type: 'organization', country: null, actor: 'IGOUNOWBK', mentions: [['World Bank', 'name']] },
      { name: 'NATO', type: 'organization', country: null, actor: 'IGOWSTNAT', mentions: [['NATO', 'name']] },
    ],
  },
  {
    name: '"it" after an organisation refers to it',
    input: { text: 'The IMF said growth would slow. It added that inflation was easing.' },
    entities: [
      {
        name: 'IMF',
        type: 'organization',
        actor: 'IGOIMF',
        mentions: [
          ['IMF', 'name'],
          ['It', 'pronoun'],
        ],
      },
    ],
  },
  {
    name: 'national bodies named without a country take the dateline\'s',
    input: { text: 'HANOI, March 4 - The Foreign Ministry said the envoy would return. The Energy Ministry declined to comment.' },
    entities: [
      { name: 'Hanoi', type: 'place', country: 'VNM', at: [21.03, 105.85], mentions: [['HANOI', 'name']] },
      { name: 'Foreign Ministry', type: 'organization', country: 'VNM', actor: 'VNMGOV', mentions: [['The Foreign Ministry', 'name']] },
      { name: 'Energy Ministry', type: 'organization', country: 'VNM', actor: 'VNMGOV', mentions: [['The Energy Ministry', 'name']] },
    ],
  },
  {
    name: 'a national body with a nationality takes that country, not the dateline\'s',
    input: { text: 'HANOI, March 4 - Officials said the Peruvian Foreign Ministry had summoned the envoy.' },
    entities: [
      { name: 'Peruvian Foreign Ministry', type: 'organization', country: 'PER', actor: 'PERGOV', mentions: [['Peruvian Foreign Ministry', 'name']] },
    ],
  },
  {
    name: 'a run of capitalised words ending in an organisation head is one organisation',
    input: { text: 'Zentara Mining Corp said output fell in March.' },
    entities: [
      { name: 'Zentara Mining Corp', type: 'organization', country: null, actor: null, mentions: [['Zentara Mining Corp', 'name']] },
    ],
  },
  {
    name: 'an unknown acronym that speaks is an organisation',
    input: { text: 'ZTQ said profits rose in the quarter.' },
    entities: [{ name: 'ZTQ', type: 'organization', mentions: [['ZTQ', 'name']] }],
  },

  // Unnamed agents: a mention with a CAMEO code, no entity.
  {
    name: 'unnamed agents: "Israeli troops", "Police"',
    input: { text: 'Israeli troops entered the town on Friday. Police arrested two men.' },
    entities: [],
    docMentions: [
      ['troops', 'agent', 'ISRMIL'],
      ['Police', 'agent', '---COP'],
    ],
    absent: ['troops', 'Israeli troops', 'police'],
  },
]

for (const row of rows) {
  test(`entities: ${row.name}`, () => {
    const { text } = row.input
    const article = articleOf(row.input)
    const x = extractor.extract(article)
    for (const want of row.entities) {
      const e = x.entities.find((c) => c.name === want.name && c.type === want.type)
      assert.ok(e, `no ${want.type} '${want.name}'; got ${x.entities.map((c) => `${c.type} '${c.name}'`).join(', ')}`)
      if (want.country !== undefined) assert.equal(e.country, want.country, `${want.name}: country`)
      if (want.title !== undefined) assert.equal(e.title, want.title, `${want.name}: title`)
      if (want.actor !== undefined) assert.equal(e.actor, want.actor, `${want.name}: actor`)
      if (want.aliases !== undefined) assert.deepEqual(e.aliases, want.aliases, `${want.name}: aliases`)
      if (want.at) {
        assert.ok(e.lat !== null && Math.abs(e.lat - want.at[0]) <= 1, `${want.name}: lat ${e.lat}`)
        assert.ok(e.lon !== null && Math.abs(e.lon - want.at[1]) <= 1, `${want.name}: lon ${e.lon}`)
      }
      if (want.mentions) {
        for (const m of e.mentions) assert.equal(text.slice(m.start, m.end), m.text, `${want.name}: span of '${m.text}'`)
        assert.deepEqual(
          [...e.mentions].sort((a, b) => a.start - b.start).map((m) => [m.text, m.form, m.start]),
          want.mentions.map(([t, form, nth]) => [t, form, startOf(text, t, nth)]),
          `${want.name}: mentions`,
        )
      }
    }
    for (const name of row.absent ?? []) {
      assert.ok(!x.entities.some((e) => e.name.toLowerCase() === name.toLowerCase()), `'${name}' is no entity`)
    }
    if (row.docMentions) {
      const doc = extractor.pipeline.run(article, quietContext)
      const mentions = annotationsOf(doc, 'mention')
      for (const [t, form, actor, nth] of row.docMentions) {
        const start = startOf(text, t, nth)
        const m = mentions.find((c) => c.start === start && c.text === t)
        assert.ok(m, `no mention '${t}' at ${start}; got ${mentions.map((c) => `'${c.text}'@${c.start}`).join(', ')}`)
        assert.deepEqual([m.form, m.actor], [form, actor], `mention '${t}'`)
        if (form === 'agent') assert.deepEqual(m.refs, [], `an unnamed agent '${t}' refers to no entity`)
      }
    }
  })
}

// ---------------------------------------------------------------------------------------------

/** [text, the entity names it holds (usually none)] */
const negativeCases: ReadonlyArray<readonly [string, readonly string[]]> = [
  // Sentence-initial common words are not names.
  ['Farmers protested outside the building. Prices rose sharply. Heavy rain fell overnight.', []],
  ['Analysts said the outlook was weak. Critics say the plan is flawed.', []],
  ['Residents fled. Rescuers searched the rubble. Several villages flooded.', []],
  ['Despite the rain, turnout was high. Overall, voters were calm.', []],
  // A place word inside a longer name is not the place.
  ['Officials said the Geneva Convention applied to all prisoners.', []],
  ['Tickets for the Beijing Olympics sold out quickly.', []],
  ['Delegates praised the Paris Agreement on Monday.', []],
  ['The Treaty of Rome turned 60 this year.', []],
  ['Traffic on Lagos Street was closed after the blast.', []],
  // Months and weekdays are not people.
  ['Prices rose in March, April and May, officials said. August saw record heat.', []],
  ["Monday's vote was delayed. Tuesday brought more rain. Sunday was calm.", []],
  // "Geneva" alone is still a place.
  ['Officials said the Geneva Convention applied. The talks moved to Geneva.', ['Geneva']],
]

for (const [text, names] of negativeCases) {
  test(`negative cases: ${JSON.stringify(text)}`, () => {
    const x = extractor.extract(articleOf({ text }))
    assert.deepEqual(
      x.entities.map((e) => e.name),
      names,
      `got ${x.entities.map((e) => `${e.type} '${e.name}' (${e.rule})`).join(', ')}`,
    )
  })
}

test('every mention and entity span is its text, and every entity is referred to by a mention', () => {
  const text =
    'Kenyan Foreign Minister Wanjiru Kamau met UN officials in Geneva. Kamau said the two countries would talk again.'
  const x = extractor.extract(articleOf({ text }))
  for (const e of x.entities) {
    assert.ok(e.mentions.length > 0, `${e.name} has mentions`)
    for (const m of e.mentions) assert.equal(text.slice(m.start, m.end), m.text)
  }
})
