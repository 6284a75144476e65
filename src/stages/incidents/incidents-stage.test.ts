import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { test } from 'node:test'
import type { IncidentAnnotation } from '../../core/annotation.js'
import { annotationsOf, type Article } from '../../core/document.js'
import { createPipeline } from '../../core/pipeline.js'
import { quietContext } from '../../core/stage.js'
import { givenStage, type Given } from '../test-helpers.js'
import { createQuantitiesStage } from '../quantities/quantities-stage.js'
import { createSegmentStage } from '../segment/segment-stage.js'
import { createIncidentsStage } from './incidents-stage.js'


const segment = createSegmentStage()
const quantities = createQuantitiesStage()
const incidentsStage = createIncidentsStage()

function article(text: string, id = 'test', format: Article['format'] = 'json'): Article {
  return { id, title: null, source: null, url: null, date: null, text, dateline: null, input: id, format }
}

function incidentsOf(text: string, given: Given = {}): readonly IncidentAnnotation[] {
  const doc = createPipeline([segment, givenStage(given), quantities, incidentsStage]).run(article(text), quietContext)
  const found = annotationsOf(doc, 'incident')
  for (const a of found) assert.equal(text.slice(a.start, a.end), a.text, `span of ${a.id}`)
  return found
}

interface Expected {
  readonly text: string
  readonly kind: string
  readonly place?: string | null
  readonly country?: string | null
  readonly magnitude?: number | null
  readonly deaths?: number | null
  readonly injured?: number | null
  readonly date?: string | null
}

type Row = readonly [text: string, expected: readonly Expected[], given?: Given]

const rows: readonly Row[] = [
  [
    'A 6.1-magnitude earthquake struck northern Peru on Sunday, killing at least 14 people.',
    [{ text: '6.1-magnitude earthquake', kind: 'earthquake', place: 'Peru', country: 'PER', magnitude: 6.1, deaths: 14, injured: null, date: '2021-05-02' }],
    { mentions: [['Peru', 'PER', 'country']], dates: [['Sunday', '2021-05-02', 'day']] },
  ],
  [
    'An earthquake measuring 5.5 on the Richter scale jolted Crete.',
    [{ text: 'earthquake measuring 5.5 on the Richter scale', kind: 'earthquake', place: 'Crete', country: 'GRC', magnitude: 5.5 }],
    { mentions: [['Crete', 'GRC', 'place']] },
  ],
  [
    'Relief teams arrived after the 5.9-magnitude earthquake hitting southern Iran’s Fars Province.',
    [{ text: '5.9-magnitude earthquake', kind: 'earthquake', place: 'Fars Province', country: 'IRN', magnitude: 5.9 }],
    { mentions: [['Iran', 'IRN', 'country'], ['Fars Province', 'IRN', 'place']] },
  ],
  [
    'Ashkelon was hit by two earthquakes on Friday.',
    [{ text: 'earthquakes', kind: 'earthquake', place: 'Ashkelon', country: 'ISR', date: '2021-05-07' }],
    { mentions: [['Ashkelon', 'ISR', 'place']], dates: [['Friday', '2021-05-07', 'day']] },
  ],
  [
    'Floods in Bangladesh have left 200,000 homeless and 35 dead.',
    [{ text: 'Floods', kind: 'flood', place: 'Bangladesh', country: 'BGD', deaths: 35, injured: null }],
    { mentions: [['Bangladesh', 'BGD', 'country']] },
  ],
  [
    'Heavy flooding killed 12 people in the valley.',
    [{ text: 'flooding', kind: 'flood', deaths: 12 }],
  ],
  [
    'A fire swept through a market in Lagos, and 12 people were injured.',
    [{ text: 'fire', kind: 'fire', place: 'Lagos', country: 'NGA', injured: 12, deaths: null }],
    { mentions: [['Lagos', 'NGA', 'place']] },
  ],
  // Later mentions of the same incident fill in the first.
  [
    'An explosion ripped through a chemical plant near Tianjin. The blast killed 23 workers and wounded 80, officials said. Investigators said the explosion started in a warehouse.',
    [{ text: 'explosion', kind: 'explosion', place: 'Tianjin', country: 'CHN', deaths: 23, injured: 80 }],
    { mentions: [['Tianjin', 'CHN', 'place']] },
  ],
  // "X-stricken country" is the country named last.
  [
    'Canada and Kenya agreed on grain shipments for the drought-stricken African country.',
    [{ text: 'drought', kind: 'drought', place: 'Kenya', country: 'KEN', date: null }],
    { mentions: [['Canada', 'CAN', 'country'], ['Kenya', 'KEN', 'country']] },
  ],
  // A clause with no trigger reports on the incident last spoken of; a single casualty counts.
  [
    'A storm battered the coast of Fiji. No deaths were reported but one woman was taken to hospital after a landslide.',
    [
      { text: 'storm', kind: 'storm', place: 'Fiji', country: 'FJI', deaths: 0, injured: null },
      { text: 'landslide', kind: 'landslide', place: 'Fiji', country: 'FJI', injured: 1, deaths: null },
    ],
    { mentions: [['Fiji', 'FJI', 'country']] },
  ],
  // The lead of a wire story takes the dateline's day; a slow disaster does not.
  [
    'SUVA, March 2 - A cyclone hit the island of Vanua Levu, officials said.',
    [{ text: 'cyclone', kind: 'storm', place: 'Vanua Levu', date: '1987-03-02' }],
    { mentions: [['Vanua Levu', 'FJI', 'place']], dates: [['March 2', '1987-03-02', 'day']] },
  ],
  [
    'HARARE, March 31 - The famine in the south is getting worse, aid agencies said.',
    [{ text: 'famine', kind: 'famine', date: null }],
    { dates: [['March 31', '1987-03-31', 'day']] },
  ],
  // The other kinds.
  ['A plane crash in the Andes killed 30 passengers.', [{ text: 'plane crash', kind: 'plane crash', deaths: 30 }]],
  ['A train derailed near Lyon on Monday.', [{ text: 'train derailed', kind: 'train crash', place: 'Lyon' }], {
    mentions: [['Lyon', 'FRA', 'place']],
  }],
  ['A ferry capsized off Bali with 40 people aboard.', [{ text: 'ferry capsized', kind: 'shipwreck', place: 'Bali', country: 'IDN' }], {
    mentions: [['Bali', 'IDN', 'place']],
  }],
  ['A cholera outbreak spread across Haiti.', [{ text: 'cholera outbreak', kind: 'epidemic', place: 'Haiti' }], {
    mentions: [['Haiti', 'HTI', 'country']],
  }],
  ['The volcano erupted and a tsunami followed.', [
    { text: 'volcano erupted', kind: 'volcanic eruption' },
    { text: 'tsunami', kind: 'tsunami' },
  ]],
  ['Typhoon winds tore roofs from houses.', [{ text: 'Typhoon', kind: 'storm' }]],
]

for (const [text, expected, given] of rows) {
  test(`incidents: ${text}`, () => {
    const found = incidentsOf(text, given)
    assert.equal(found.length, expected.length, `found ${found.map((i) => `'${i.text}' ${i.incidentKind}`).join(', ')}`)
    for (const [i, want] of expected.entries()) {
      const a = found[i]!
      assert.equal(a.text, want.text)
      assert.equal(a.start, text.indexOf(want.text))
      assert.equal(a.incidentKind, want.kind)
      assert.equal(a.id, `i${i}`)
      for (const key of ['place', 'country', 'magnitude', 'deaths', 'injured', 'date'] as const) {
        if (want[key] !== undefined) assert.equal(a[key], want[key], key)
      }
    }
  })
}

const negativeCases: ReadonlyArray<readonly [text: string, why: string]> = [
  ['Troops opened fire on the protesters.', 'gunfire'],
  ['The dam project is aimed at flooding large areas of the valley.', 'a verb with an object'],
  ['The party won by a landslide in the election.', 'an election landslide'],
  ['A storm of protest greeted the plan.', 'a figurative storm'],
  ['Fire brigade officials inspected the site.', 'a fire brigade'],
  ['The quake-prone city updated its building codes.', 'a risk, not an event'],
  ['The ceasefire held through the night.', 'a ceasefire'],
  ['The minister fires his critics with ease.', 'a verb'],
  ['There was a flood of complaints.', 'a figurative flood'],
]

test('negative cases', async (t) => {
  for (const [text, why] of negativeCases) {
    await t.test(`${why}: ${text}`, () => {
      assert.deepEqual(
        incidentsOf(text).map((i) => `'${i.text}' ${i.incidentKind}`),
        [],
      )
    })
  }
})

test('incidents stage declares what it reads and writes', () => {
  assert.equal(incidentsStage.name, 'incidents')
  assert.deepEqual(incidentsStage.produces, ['incident'])
  for (const kind of ['sentence', 'token', 'mention', 'date', 'quantity'] as const) {
    assert.ok(incidentsStage.requires.includes(kind), kind)
  }
})

test('gold: every gold incident kind is found (details printed)', () => {
  const dir = new URL('../../../../shared/gold/articles/', import.meta.url)
  const names = readdirSync(dir).filter((f) => f.endsWith('.gold.json'))
  assert.ok(names.length > 0, 'no gold articles')
  const misses: string[] = []
  for (const name of names) {
    const gold = JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as {
      article: string
      incidents?: Array<{ kind: string }>
    }
    const raw = readFileSync(new URL(gold.article, dir), 'utf8')
    const json = gold.article.endsWith('.json')
    const text = json ? (JSON.parse(raw) as { text: string }).text : raw
    const doc = createPipeline([segment, givenStage({}), quantities, incidentsStage]).run(
      article(text, gold.article, json ? 'json' : 'txt'),
      quietContext,
    )
    const got = annotationsOf(doc, 'incident')
    for (const g of gold.incidents ?? []) {
      if (!got.some((i) => i.incidentKind === g.kind)) misses.push(`${gold.article}: ${g.kind}`)
    }
    for (const i of got) {
      const known = (gold.incidents ?? []).some((g) => g.kind === i.incidentKind)
      console.log(
        `${known ? 'incident' : 'extra incident'} in ${gold.article}: '${i.text}' ${i.incidentKind} magnitude=${i.magnitude} deaths=${i.deaths} injured=${i.injured}`,
      )
    }
  }
  assert.deepEqual(misses, [])
})
