import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { ConfigError } from '../core/errors.js'
import { composeActor, loadActorLexicon } from './actor-lexicon.js'
import type { OrganizationRecord, PersonRecord, TitleRecord } from './types.js'

const actors = loadActorLexicon()

const scratch = mkdtempSync(join(tmpdir(), 'dateline-actors-'))
after(() => rmSync(scratch, { recursive: true, force: true }))

/** Writes a user dictionary into the scratch directory and returns its path. */
function dictionary(name: string, content: unknown): string {
  const path = join(scratch, name)
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

/** Surface, canonical name, actor code, country. */
const organizationRows: ReadonlyArray<readonly [string, string, string, string | null]> = [
  ['United Nations', 'United Nations', 'IGOUNO', null],
  ['U.N.', 'United Nations', 'IGOUNO', null],
  ['UN', 'United Nations', 'IGOUNO', null],
  ['the United Nations', 'United Nations', 'IGOUNO', null],
  ['Security Council', 'United Nations Security Council', 'IGOUNO', null],
  ['UNHCR', 'United Nations High Commissioner for Refugees', 'IGOUNOHCR', null],
  ['U.N. Refugee agency', 'United Nations High Commissioner for Refugees', 'IGOUNOHCR', null],
  ['UN refugee agency', 'United Nations High Commissioner for Refugees', 'IGOUNOHCR', null],
  ['UNICEF', "United Nations Children's Fund", 'IGOUNOKID', null],
  ['WHO', 'World Health Organization', 'IGOUNOWHO', null],
  ['International Court of Justice', 'International Court of Justice', 'IGOUNOICJ', null],
  ['IAEA', 'International Atomic Energy Agency', 'IGOUNOIAE', null],
  ['World Bank', 'World Bank', 'IGOUNOWBK', null],
  ['FAO', 'Food and Agriculture Organization', 'IGOUNOFAO', null],
  ['World Food Program', 'World Food Programme', 'IGOUNOWFP', null],
  ['IMF', 'International Monetary Fund', 'IGOIMF', null],
  ['European Community', 'European Community', 'IGOEEC', null],
  ['EEC', 'European Community', 'IGOEEC', null],
  ['EU', 'European Union', 'IGOEEC', null],
  ['OPEC', 'Organization of the Petroleum Exporting Countries', 'IGOOPC', null],
  ['NATO', 'North Atlantic Treaty Organization', 'IGOWSTNAT', null],
  ['GATT', 'General Agreement on Tariffs and Trade', 'IGOWTO', null],
  ['ASEAN', 'Association of Southeast Asian Nations', 'IGOASN', null],
  ['Arab League', 'Arab League', 'IGOARL', null],
  ['G-7', 'Group of Seven', 'IGOGOS', null],
  ['Amnesty International', 'Amnesty International', 'NGOAMN', null],
  ['Red Cross', 'Red Cross', 'NGOIRC', null],
  ['Human Rights Watch', 'Human Rights Watch', 'NGOHRW', null],
  ['State Department', 'State Department', 'USAGOV', 'USA'],
  ['Pentagon', 'Pentagon', 'USAMIL', 'USA'],
  ['Kremlin', 'Kremlin', 'RUSGOV', 'RUS'],
  ['White House', 'White House', 'USAGOV', 'USA'],
  ['USDA', 'U.S. Department of Agriculture', 'USAGOV', 'USA'],
  ['U.S. Department of Agriculture', 'U.S. Department of Agriculture', 'USAGOV', 'USA'],
  ['Fed', 'Federal Reserve', 'USAGOV', 'USA'],
  ['Bundesbank', 'Bundesbank', 'DEUGOV', 'DEU'],
  ['Bank of Japan', 'Bank of Japan', 'JPNGOV', 'JPN'],
  ['Congress', 'U.S. Congress', 'USALEG', 'USA'],
  ['U.S. Air Force', 'U.S. Air Force', 'USAMIL', 'USA'],
  ['Foreign Ministry', 'Foreign Ministry', 'GOV', null],
  ['foreign ministry', 'Foreign Ministry', 'GOV', null],
  ['Ministry of Foreign Affairs', 'Foreign Ministry', 'GOV', null],
  ['Energy Ministry', 'Energy Ministry', 'GOV', null],
  ['Defense Ministry', 'Defence Ministry', 'GOV', null],
  ['Agriculture Ministry', 'Agriculture Ministry', 'GOV', null],
  ['Export-Import Bank', 'Export-Import Bank', 'GOV', null],
  ['Senate', 'Senate', 'LEG', null],
  ['Parliament', 'Parliament', 'LEG', null],
  ['Supreme Court', 'Supreme Court', 'JUD', null],
  ['Air Force', 'Air Force', 'MIL', null],
  ['Navy', 'Navy', 'MIL', null],
  ['United\nNations', 'United Nations', 'IGOUNO', null],
  ["People\u2019s Daily", "People's Daily", 'CHNMED', 'CHN'],
]

for (const [surface, name, actor, country] of organizationRows) {
  test(`organisation ${JSON.stringify(surface)}`, () => {
    const got: OrganizationRecord | undefined = actors.organization(surface)
    assert.ok(got, `${surface} is known`)
    assert.deepEqual([got.name, got.actor, got.country], [name, actor, country])
  })
}

// One-word names match only as written: "who" and "fed" are English words.
const organizationNegative: readonly string[] = [
  'who',
  'fed',
  'un',
  'Ministry',
  'United',
  'Nations',
  '',
]

for (const surface of organizationNegative) {
  test(`not an organisation: ${JSON.stringify(surface)}`, () => {
    assert.equal(actors.organization(surface), undefined)
  })
}

const titleRows: ReadonlyArray<readonly [string, Omit<TitleRecord, 'title'>]> = [
  ['President', { agent: 'GOV', leader: true }],
  ['president', { agent: 'GOV', leader: true }],
  ['Prime Minister', { agent: 'GOV', leader: true }],
  ['premier', { agent: 'GOV', leader: true }],
  ['Chancellor', { agent: 'GOV', leader: true }],
  ['King', { agent: 'GOV', leader: true }],
  ['Vice President', { agent: 'GOV', leader: false }],
  ['Vice-President', { agent: 'GOV', leader: false }],
  ['Vice Premier', { agent: 'GOV', leader: false }],
  ['Foreign Minister', { agent: 'GOV', leader: false }],
  ['FOREIGN MINISTER', { agent: 'GOV', leader: false }],
  ['Defense Minister', { agent: 'GOV', leader: false }],
  ['Defence Minister', { agent: 'GOV', leader: false }],
  ['vice commerce minister', { agent: 'GOV', leader: false }],
  ['Secretary of State', { agent: 'GOV', leader: false }],
  ['Agriculture Secretary', { agent: 'GOV', leader: false }],
  ['Treasury Secretary', { agent: 'GOV', leader: false }],
  ['Ambassador', { agent: 'GOV', leader: false }],
  ['spokesman', { agent: 'GOV', leader: false }],
  ['Spokeswoman', { agent: 'GOV', leader: false }],
  ['General', { agent: 'MIL', leader: false }],
  ['Lt. Gen.', { agent: 'MIL', leader: false }],
  ['Admiral', { agent: 'MIL', leader: false }],
  ['commander', { agent: 'MIL', leader: false }],
  ['Commander-in-Chief', { agent: 'MIL', leader: false }],
  ['commander in chief', { agent: 'MIL', leader: false }],
  ['Chairman of the Joint Chiefs of Staff', { agent: 'MIL', leader: false }],
  ['Senator', { agent: 'LEG', leader: false }],
  ['lawmaker', { agent: 'LEG', leader: false }],
  ['MP', { agent: 'LEG', leader: false }],
  ['Chief Justice', { agent: 'JUD', leader: false }],
  ['prosecutor', { agent: 'JUD', leader: false }],
  ['opposition leader', { agent: 'OPP', leader: false }],
  ['rebel leader', { agent: 'REB', leader: false }],
  ['police chief', { agent: 'COP', leader: false }],
  ['chief executive', { agent: 'BUS', leader: false }],
  ['CEO', { agent: 'BUS', leader: false }],
  ['Pope', { agent: 'REL', leader: true }],
  ['imam', { agent: 'REL', leader: false }],
  ['Chargé d\u2019Affaires', { agent: 'GOV', leader: false }],
]

for (const [surface, expected] of titleRows) {
  test(`title ${JSON.stringify(surface)}`, () => {
    const got = actors.title(surface)
    assert.ok(got, `${surface} is a title`)
    assert.deepEqual({ agent: got.agent, leader: got.leader }, expected)
  })
}

for (const surface of ['Major', 'Father', 'Minister of Silly Walks', 'the President']) {
  test(`not a title: ${JSON.stringify(surface)}`, () => {
    assert.equal(actors.title(surface), undefined)
  })
}

test('maxTitleWords covers the longest title', () => {
  assert.ok(actors.maxTitleWords >= 7, String(actors.maxTitleWords))
  assert.ok(actors.maxOrganizationWords >= 6, String(actors.maxOrganizationWords))
  assert.ok(actors.maxAgentWords >= 3, String(actors.maxAgentWords))
})

const agentRows: ReadonlyArray<readonly [string, string]> = [
  ['government', 'GOV'],
  ['officials', 'GOV'],
  ['authorities', 'GOV'],
  ['embassy', 'GOV'],
  ['diplomats', 'GOV'],
  ['police', 'COP'],
  ['policemen', 'COP'],
  ['security forces', 'COP'],
  ['troops', 'MIL'],
  ['Troops', 'MIL'],
  ['soldiers', 'MIL'],
  ['armed forces', 'MIL'],
  ['rebels', 'REB'],
  ['guerrillas', 'REB'],
  ['insurgents', 'INS'],
  ['separatists', 'SEP'],
  ['opposition', 'OPP'],
  ['protesters', 'OPP'],
  ['court', 'JUD'],
  ['lawmakers', 'LEG'],
  ['businessmen', 'BUS'],
  ['workers', 'LAB'],
  ['farmers', 'AGR'],
  ['students', 'EDU'],
  ['journalists', 'MED'],
  ['refugees', 'REF'],
  ['asylum-seekers', 'REF'],
  ['civilians', 'CVL'],
  ['villagers', 'CVL'],
  ['doctors', 'HLH'],
  ['clergy', 'REL'],
  ['intelligence', 'SPY'],
  ['smugglers', 'CRM'],
  ['human rights activists', 'HRI'],
  ['aid workers', 'NGO'],
]

for (const [noun, agent] of agentRows) {
  test(`agent ${JSON.stringify(noun)}`, () => {
    assert.equal(actors.agent(noun)?.agent, agent)
  })
}

for (const noun of ['table', 'Soviet', 'union', 'state', '']) {
  test(`not an agent: ${JSON.stringify(noun)}`, () => {
    assert.equal(actors.agent(noun), undefined)
  })
}

/** Surface, day, then the expected name, actor code and title, or null when no one matches. */
type PersonRow =
  | readonly [string, string | null, string, string, string]
  | readonly [string, string | null, null]

const personRows: readonly PersonRow[] = [
  ['Trump', '2018-09-25', 'Donald Trump', 'USAGOV', 'President'],
  ['Trump', '2022-06-01', null],
  ['Trump', '2025-03-01', 'Donald Trump', 'USAGOV', 'President'],
  ['Donald Trump', '2018', 'Donald Trump', 'USAGOV', 'President'],
  ['DONALD TRUMP', '2018-09-25', 'Donald Trump', 'USAGOV', 'President'],
  ['Biden', '2022-06-01', 'Joe Biden', 'USAGOV', 'President'],
  ['Biden', '2012-06-01', 'Joe Biden', 'USAGOV', 'Vice President'],
  ['Biden', '2019-06-01', null],
  ['Gorbachev', '1987-10-23', 'Mikhail Gorbachev', 'RUSGOV', 'General Secretary'],
  ['Bush', '1987-06-01', 'George H. W. Bush', 'USAGOV', 'Vice President'],
  ['Bush', '1990-06-01', 'George H. W. Bush', 'USAGOV', 'President'],
  ['Bush', '2005-06-01', 'George W. Bush', 'USAGOV', 'President'],
  ['Bush', null, 'George W. Bush', 'USAGOV', 'President'],
  // On a handover day the incoming office wins.
  ['Putin', '2012-05-07', 'Vladimir Putin', 'RUSGOV', 'President'],
  ['Putin', '2010-01-01', 'Vladimir Putin', 'RUSGOV', 'Prime Minister'],
  ['Xi', '2023-12-20', 'Xi Jinping', 'CHNGOV', 'President'],
  ['Li', '2018-09-25', 'Li Keqiang', 'CHNGOV', 'Premier'],
  ['Li', '2024-01-01', 'Li Qiang', 'CHNGOV', 'Premier'],
  ['Kohl', '1987-01-01', 'Helmut Kohl', 'DEUGOV', 'Chancellor'],
  ['Gandhi', '1987-10-20', 'Rajiv Gandhi', 'INDGOV', 'Prime Minister'],
  ['Shevardnadze', '1995-01-01', 'Eduard Shevardnadze', 'GEOGOV', 'President'],
  ['Nakasone', '1987-03-01', 'Yasuhiro Nakasone', 'JPNGOV', 'Prime Minister'],
  ['Merkel', null, 'Angela Merkel', 'DEUGOV', 'Chancellor'],
  ['Erdogan', '2020-01-01', 'Recep Tayyip Erdoğan', 'TURGOV', 'President'],
  ['May', null, null],
  ['Major', null, null],
  ['trump', '2018-09-25', null],
]

for (const [surface, day, name, actor, title] of personRows) {
  test(`person ${JSON.stringify(surface)} on ${day ?? 'any day'}`, () => {
    const got: PersonRecord | undefined = actors.person(surface, day)
    if (name === null) {
      assert.equal(got, undefined)
      return
    }
    assert.ok(got, `${surface} is known on ${day}`)
    assert.deepEqual([got.name, got.actor, got.title], [name, actor, title])
    assert.equal(got.country, got.actor.slice(0, 3))
  })
}

test('people() lists every match on the day, the best first', () => {
  assert.deepEqual(
    actors.people('Bush', null).map((p) => `${p.name}/${p.title}`),
    ['George W. Bush/President', 'George H. W. Bush/President', 'George H. W. Bush/Vice President'],
  )
  assert.deepEqual(actors.people('Trump', '2022-06-01'), [])
})

test('records are frozen', () => {
  assert.ok(Object.isFrozen(actors.organization('IMF')))
  assert.ok(Object.isFrozen(actors.person('Trump', null)?.aliases))
  assert.ok(Object.isFrozen(actors))
})

const composeRows: ReadonlyArray<readonly [string | null, string, string | null]> = [
  ['CHN', 'MIL', 'CHNMIL'],
  [null, 'GOV', null],
  ['USA', 'USAGOV', 'USAGOV'],
  ['FRA', 'IGOUNO', 'IGOUNO'],
  ['SEN', 'NGO', 'NGO'],
  [null, 'IGOEEC', 'IGOEEC'],
]

for (const [country, code, expected] of composeRows) {
  test(`composeActor(${country}, ${code})`, () => {
    assert.equal(composeActor(country, code), expected)
  })
}

test('a user dictionary adds people and organisations and wins on the same name', () => {
  const path = dictionary('user.json', {
    format: 'dateline-actors/1',
    people: [
      {
        name: 'Wang Shouwen',
        aliases: ['Wang'],
        country: 'CHN',
        actor: 'CHNGOV',
        title: 'Vice Commerce Minister',
        from: '2017-01-01',
        until: null,
      },
      // Replaces both default terms: the user's record is the only Donald Trump left.
      {
        name: 'Donald Trump',
        aliases: ['Trump'],
        country: 'USA',
        actor: 'USABUS',
        title: 'businessman',
        until: '2016-11-08',
      },
    ],
    organizations: [
      { name: 'Acme Mining', aliases: ['Acme'], actor: 'ZAFBUS', country: 'ZAF' },
      { name: 'World Bank', aliases: [], actor: 'IGOWBK', country: null },
      { name: 'Bank of Japan', aliases: ['Fed'], actor: 'JPNGOV', country: 'JPN' },
    ],
  })
  const custom = loadActorLexicon({ userDictionary: path })
  assert.equal(custom.person('Wang', '2018-09-25')?.name, 'Wang Shouwen')
  assert.equal(custom.person('Wang', '2010-01-01'), undefined)
  assert.equal(custom.person('Trump', '1990-01-01')?.actor, 'USABUS')
  assert.equal(custom.person('Trump', '2018-09-25'), undefined)
  assert.equal(custom.organization('Acme')?.actor, 'ZAFBUS')
  assert.equal(custom.organization('World Bank')?.actor, 'IGOWBK')
  // The replaced record's aliases go with it.
  assert.equal(custom.organization('IBRD'), undefined)
  // A user alias wins a surface the defaults also use.
  assert.equal(custom.organization('Fed')?.name, 'Bank of Japan')
  // Defaults stay.
  assert.equal(custom.organization('IMF')?.actor, 'IGOIMF')
  assert.equal(custom.person('Xi', '2023-12-20')?.name, 'Xi Jinping')
  // The defaults loaded without the dictionary are untouched.
  assert.equal(actors.organization('World Bank')?.actor, 'IGOUNOWBK')
})

const malformedRows: ReadonlyArray<readonly [string, unknown, RegExp]> = [
  [
    'bad-day.json',
    { people: [{ name: 'Joe Smith', country: 'USA', actor: 'USAGOV', from: '2020-13-01' }] },
    /bad-day\.json: people\[0\] \("Joe Smith"\): from: expected an ISO day/,
  ],
  [
    'bad-country.json',
    {
      people: [
        { name: 'A B', country: 'usa', actor: 'USAGOV' },
        { name: 'Jane Roe', country: 'US', actor: 'USAGOV' },
      ],
    },
    /bad-country\.json: people\[0\] \("A B"\): country: expected an alpha-3 country code/,
  ],
  [
    'reversed.json',
    {
      people: [
        {
          name: 'Joe Smith',
          country: 'USA',
          actor: 'USAGOV',
          from: '2020-01-01',
          until: '2019-01-01',
        },
      ],
    },
    /reversed\.json: people\[0\] \("Joe Smith"\): "from" is after "until"/,
  ],
  [
    'bad-actor.json',
    { organizations: [{ name: 'Acme', actor: 'acme' }] },
    /bad-actor\.json: organizations\[0\] \("Acme"\): actor: expected a CAMEO actor code/,
  ],
  [
    'wrong-country.json',
    { organizations: [{ name: 'Acme', actor: 'FRABUS', country: 'DEU' }] },
    /wrong-country\.json: organizations\[0\] \("Acme"\): a national organisation's actor code/,
  ],
  [
    'typo.json',
    { people: [{ name: 'Joe Smith', alias: ['Smith'], country: 'USA', actor: 'USAGOV' }] },
    /typo\.json: people\[0\] \("Joe Smith"\): Unrecognized key: "alias"/,
  ],
  [
    'missing-name.json',
    { organizations: [{ actor: 'IGOUNO' }] },
    /missing-name\.json: organizations\[0\]: name: /,
  ],
  ['not-json.json', '{ "people": [', /not-json\.json: the actor dictionary is not valid JSON/],
  ['top-level.json', { persons: [] }, /top-level\.json: Unrecognized key: "persons"/],
]

for (const [name, content, message] of malformedRows) {
  test(`malformed dictionary ${name}`, () => {
    const path = dictionary(name, content)
    assert.throws(
      () => loadActorLexicon({ userDictionary: path }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError)
        assert.equal(error.code, 'CONFIG_INVALID')
        assert.match(error.message, message)
        assert.ok(!error.message.includes('\n'), 'one line')
        return true
      },
    )
  })
}

test('a missing dictionary file is a ConfigError naming the path', () => {
  const path = join(scratch, 'absent.json')
  assert.throws(() => loadActorLexicon({ userDictionary: path }), (error: unknown) => {
    assert.ok(error instanceof ConfigError)
    assert.ok(error.message.startsWith(`${path}: cannot read the actor dictionary`))
    return true
  })
})
