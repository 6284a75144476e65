import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { EventAnnotation } from '../../core/annotation.js'
import { annotationsOf, type Article } from '../../core/document.js'
import { quietContext } from '../../core/stage.js'
import { createExtractor } from '../../extractor.js'
import { framedCode, intentCode, refusalCode } from './code-families.js'

// The whole default pipeline, with span validation: every row is coded as `dateline extract`
// codes an article. The sentences are written for these tests.
const extractor = createExtractor({ validate: true })

function articleOf(text: string): Article {
  return {
    id: 'events-test',
    title: null,
    source: null,
    url: null,
    date: '2015-06-09',
    text,
    dateline: null,
    input: 'events-test',
    format: 'json',
  }
}

function eventsOf(text: string): readonly EventAnnotation[] {
  const doc = extractor.pipeline.run(articleOf(text), quietContext)
  const events = annotationsOf(doc, 'event')
  for (const e of events) assert.equal(doc.text.slice(e.start, e.end), e.text, `span of '${e.text}'`)
  return events
}

/** One event a sentence must yield: its CAMEO code, source and target actor codes, trigger word. */
interface Want {
  readonly code: string
  readonly source: string
  readonly target: string
  readonly trigger: string
}

const want = (code: string, source: string, target: string, trigger: string): Want => ({ code, source, target, trigger })

/** [what the row shows, sentence, events it must yield] */
type Row = readonly [string, string, readonly Want[]]

const rows: readonly Row[] = [
  // 04 Consult, with a compound subject and a symmetric act.
  ['talks held by two countries', 'Syria and Turkey held talks in Ankara on Tuesday.', [want('040', 'SYR', 'TUR', 'talks')]],
  ['a visit', 'The Swedish prime minister visited Estonia on Monday.', [want('042', 'SWEGOV', 'EST', 'visited')]],
  ['a passive with a phrase before its agent', 'Food aid was delivered to Malawi by Zambia.', [want('073', 'ZMB', 'MWI', 'delivered')]],
  [
    'hosting implies the guest visit',
    'Kenya hosted the Tanzanian president on Friday.',
    [want('043', 'KEN', 'TZAGOV', 'hosted'), want('042', 'TZAGOV', 'KEN', 'hosted')],
  ],
  // 02 Appeal: the framed act decides the sub-code.
  ['wanting a group of countries to agree asks them', 'Kenya wants the Ugandan and Tanzanian governments to agree to talks.', [want('026', 'KEN', 'UGA', 'agree')]],
  ['a verb in -ed after a name is no possessive', 'Kenya and Uganda renewed negotiations on a border pullback.', [want('046', 'KEN', 'UGA', 'negotiations')]],
  ['refusing permission to act', 'Kenya said it would not give permission to Uganda to help Sudan.', [want('124', 'KEN', 'UGA', 'give')]],
  ['backing down on demands yields to them', 'Kenya backed down on its demands to Uganda.', [want('083', 'KEN', 'UGA', 'backed')]],
  ['pushing for talks is a demand for them', 'Kenya pushed for talks with Uganda.', [want('106', 'KEN', 'UGA', 'pushed')]],
  ['an appeal to release', 'Kenya urged Uganda to release the detained fishermen.', [want('0253', 'KEN', 'UGA', 'urged')]],
  ['an appeal to negotiate', 'Norway urged Sri Lanka to resume talks with the rebels.', [want('026', 'NOR', 'LKA', 'urged')]],
  ['an appeal for sanctions rallies opposition', 'Britain called for sanctions against Syria.', [want('113', 'GBR', 'SYR', 'called')]],
  ['wanting another to act appeals to it', 'Japan wants China to resume talks.', [want('026', 'JPN', 'CHN', 'talks')]],
  // 03 Intent: promised, offered, ready.
  ['an offer to mediate', 'Peru offered to mediate between Chile and Bolivia.', [want('039', 'PER', 'CHL', 'offered')]],
  ['a pledge of food aid', 'Portugal pledged food aid to Angola.', [want('0333', 'PRT', 'AGO', 'pledged')]],
  ['ready to hold talks', 'Cuba is ready to hold talks with the United States.', [want('036', 'CUB', 'USA', 'talks')]],
  ['an agreed ceasefire is a truce', 'Sudan and South Sudan agreed to a ceasefire.', [want('0871', 'SDN', 'SSD', 'agreed')]],
  // 05 Diplomatic cooperation.
  ['praise', 'Brazil praised Argentina for its handling of the crisis.', [want('051', 'BRA', 'ARG', 'praised')]],
  ['a signed agreement', 'Japan and South Korea signed a fisheries agreement.', [want('057', 'JPN', 'KOR', 'signed')]],
  ['recognition', 'Sweden recognized the state of Palestine.', [want('054', 'SWE', 'PSE', 'recognized')]],
  // 07 Aid and 08 Yield.
  ['military aid delivered', 'Germany delivered weapons to Poland.', [want('072', 'DEU', 'POL', 'delivered')]],
  ['a release of prisoners', 'Egypt released 40 Sudanese prisoners.', [want('084', 'EGY', 'SDNCVL', 'released')]],
  ['sanctions lifted', 'The European Union lifted its arms embargo on China.', [want('085', 'IGOEEC', 'CHN', 'lifted')]],
  ['a permission to inspectors', 'Indonesia allowed UN inspectors to visit the site.', [want('0862', 'IDN', 'IGOUNO', 'allowed')]],
  ['bodies returned', 'Iran returned the bodies of Iraqi soldiers.', [want('0841', 'IRN', 'IRQMIL', 'returned')]],
  ['a prisoner exchange', 'Armenia and Azerbaijan exchanged prisoners on Friday.', [want('0841', 'ARM', 'AZE', 'exchanged')]],
  ['"will not extradite" refuses judicial cooperation', 'Peru will not extradite the Chilean businessman.', [want('121', 'PER', 'CHLBUS', 'extradite')]],
  // 09 Investigate.
  ['an investigation opened', 'Dutch prosecutors opened an investigation into Russian hackers.', [want('090', 'NLDJUD', 'RUSCRM', 'investigation')]],
  // 10 Demand and 11 Disapprove.
  ['a demand for withdrawal', 'Greece demanded the withdrawal of Turkish troops from Cyprus.', [want('1056', 'GRC', 'TURMIL', 'demanded')]],
  ['an accusation of spying', 'Australia accused Indonesia of spying.', [want('1125', 'AUS', 'IDN', 'accused')]],
  ['what a speaker says another must do', 'Japan said China must release the detained fishermen.', [want('1053', 'JPN', 'CHN', 'release')]],
  ['a reported attack is an accusation', 'India said Pakistani troops attacked its border posts.', [want('112', 'IND', 'PAKMIL', 'attacked')]],
  // 12 Reject: refusals and negated promises.
  ['a rejected plan', 'Chad rejected the Libyan peace plan.', [want('127', 'TCD', 'LBY', 'rejected')]],
  ['a refusal to meet', 'Iran refused to meet Iraqi negotiators.', [want('125', 'IRN', 'IRQGOV', 'refused')]],
  ['"would not provide" refuses aid', 'Cuba would not provide assistance to Haiti.', [want('122', 'CUB', 'HTI', 'provide')]],
  // 13 Threaten: threats, wants, vows and conditions.
  ['a threat to cut ties', 'Venezuela threatened to cut diplomatic ties with Colombia.', [want('1313', 'VEN', 'COL', 'threatened')]],
  ['wanting to attack threatens', 'Iran wants to attack Israel.', [want('138', 'IRN', 'ISR', 'attack')]],
  ['a vow to fight', 'Vietnam vowed to fight any Chinese incursion.', [want('138', 'VNM', 'CHN', 'vowed')]],
  ['a promise on a condition', 'Iraq will withdraw from the talks unless Kuwait pays compensation.', [want('134', 'IRQ', 'KWT', 'withdraw')]],
  // 14 Protest: the source's own country when no one else is named.
  ['a demonstration at home', 'Thousands of Kenyan students demonstrated in Nairobi.', [want('141', 'KENEDU', 'KEN', 'demonstrated')]],
  ['a strike', 'Bolivian miners went on strike.', [want('143', 'BOLLAB', 'BOL', 'strike')]],
  ['protesters against an embassy riot', 'The Greek embassy in Tirana was attacked by Albanian protesters.', [want('145', 'ALBOPP', 'GRCGOV', 'attacked')]],
  // 15, 16, 17 Force posture, reduced relations, coercion.
  ['troops deployed', 'Pakistan deployed troops along the Afghan border.', [want('154', 'PAK', 'AFG', 'deployed')]],
  ['diplomats expelled', 'Russia expelled two British diplomats.', [want('161', 'RUS', 'GBRGOV', 'expelled')]],
  ['military aid suspended', 'Washington suspended military aid to Egypt.', [want('1622', 'USAGOV', 'EGY', 'suspended')]],
  ['sanctions imposed', 'Canada imposed sanctions on Belarus.', [want('163', 'CAN', 'BLR', 'imposed')]],
  ['a court in a country', 'A court in Ghana jailed two Nigerian traders.', [want('173', 'GHAJUD', 'NGABUS', 'jailed')]],
  ['a domestic arrest', 'Egyptian police arrested Egyptian students in Alexandria.', [want('173', 'EGYCOP', 'EGYEDU', 'arrested')]],
  ['tear gas on protesters is repression', 'Bolivian police fired tear gas at opposition marchers in La Paz.', [want('175', 'BOLCOP', 'BOLOPP', 'fired')]],
  // 18, 19, 20 Assault and fight: agents without a country, passives, places.
  ['a kidnapping by unnamed militants', 'Militants kidnapped a Chinese businessman.', [want('181', '---REB', 'CHNBUS', 'kidnapped')]],
  ['a passive with its agent', 'Three Kenyan soldiers were killed by Somali militants.', [want('190', 'SOMREB', 'KENMIL', 'killed')]],
  ['an attack', 'Ethiopian troops attacked Eritrean positions.', [want('190', 'ETHMIL', 'ERI', 'attacked')]],
  ['shelling', 'Turkish artillery shelled Syrian villages.', [want('194', 'TUR', 'SYR', 'shelled')]],
  ['an air strike on a place', 'Israeli aircraft bombed targets in Gaza.', [want('195', 'ISRMIL', 'PSE', 'bombed')]],
  ['an armed group from the lexicon', 'Boko Haram gunmen attacked a Cameroonian border post.', [want('190', 'NGAREB', 'CMR', 'attacked')]],
  ['an occupation', 'Armenian forces occupied parts of Azerbaijan.', [want('192', 'ARMMIL', 'AZE', 'occupied')]],
]

for (const [name, sentence, wants] of rows) {
  test(`events: ${name}`, () => {
    const events = eventsOf(sentence)
    const got = events.map((e) => `${e.code} ${e.sourceActor.code}->${e.targetActor.code} '${e.text}'`)
    for (const w of wants) {
      const hit = events.find((e) => e.code === w.code && e.sourceActor.code === w.source && e.targetActor.code === w.target)
      assert.ok(hit, `want ${w.code} ${w.source}->${w.target}; got ${got.join(', ') || 'nothing'}`)
      assert.equal(hit.text, w.trigger, 'trigger word')
      assert.equal(sentence.slice(hit.sentenceRange.start, hit.sentenceRange.end), sentence.trimEnd(), 'evidence sentence')
    }
  })
}

// ---------------------------------------------------------------------------------------------

/** [what the row shows, a sentence that must yield no event] */
const negativeCases: ReadonlyArray<readonly [string, string]> = [
  ['the venue of a meeting is no party to it', 'The finance ministers ended their two-day meeting in Zambia on Friday.'],
  ['what someone unnamed is wanted to do is no one\'s act', 'Kenya and Uganda want the seven to agree on ranges for growth.'],
  ['giving to markets is no yielding', 'Kenya gave to the Ugandan markets a sense of stability.'],
  ['seizing an opportunity is no seizure', 'Kenyan businessmen seized the opportunity to tell Ugandan officials they wanted talks.'],
  ['a failure to agree is no agreement', 'Officials regretted the failure of Kenya and Uganda to agree on quotas.'],
  ['inviting tenders is no invitation', 'Kenya said tenders would be invited from Ugandan firms to supply the vessels.'],
  ['an actor before a noun only modifies the object', 'The Kenyan firm has received Ugandan government certification for its products.'],
  ['a name before a noun takes no part in a discussion', 'The Kenyan minister will discuss the forthcoming Kampala summit.'],
  ['welcoming an outcome is no hosting', 'The Kenyan government welcomed the outcome of the summit of East African leaders.'],
  ['receiving shares is no hosting', 'Kenya will receive 13 million shares in the Ugandan venture.'],
  ['giving orders is no aid', 'Kenya gave orders to sell arms through Uganda.'],
  ["meeting a share of costs is no meeting", "The loan will meet Uganda's share of the project costs."],
  ["a company's call is no appeal to another country", 'Kenya Breweries Ltd has called for redemption of its notes.'],
  ['a company reporting an arrest accuses no one', 'Kenya Breweries Ltd said its manager had been arrested by Kenyan police.'],
  ['fighting a proposal is no force', 'The Kenyan banks are planning to fight the Ugandan proposals.'],
  ['conceded as a reporting verb yields nothing', '"Sales to Uganda will be lower," one Kenyan official conceded.'],
  ['back as an adverb is no retreat', 'It would bring the Kenyan government back in to the talks with Uganda.'],
  ['pushing rates higher is no demand', 'The Kenyan central bank will push Ugandan interest rates higher relative to Tanzanian rates.'],
  ["a company chairman's resignation is business", 'John Mwangi, chairman of Kenya Breweries Ltd, resigned on Monday.'],
  ['a question', 'Did Egypt attack Libya on Monday?'],
  ['a negation without a refusal code', 'Egypt did not attack Libya on Monday.'],
  ['a negated meeting', 'Egypt and Libya have not met since 2011.'],
  ['a negated agreement', 'Egypt has not yet agreed to host the summit with Libya.'],
  ['a condition', 'If Egypt attacks Libya, oil prices will rise.'],
  ['no actors', 'The weather was warm in Cairo on Monday.'],
  ['a disaster, no actor', 'The earthquake killed 30 people in Iran.'],
  ['a falling currency declines nothing', 'The dollar declined against the yen on Monday.'],
  ['a market rally is no protest', 'Analysts expect Japanese shares to rally.'],
  ['an anonymous source asks nothing', 'A Kenyan official, who asked not to be identified, said the report was accurate.'],
  ['no one in particular', 'Talks between the two firms broke down.'],
  ['a noun modifying a noun', 'The Canadian inspection requirement worries Mexican exporters.'],
  ['a month is no march', 'Chile said its exports rose in March.'],
]

for (const [name, sentence] of negativeCases) {
  test(`events, negative cases: ${name}`, () => {
    const got = eventsOf(sentence).map((e) => `${e.code} ${e.sourceActor.code}->${e.targetActor.code} '${e.text}'`)
    assert.deepEqual(got, [], `no event in: ${sentence}`)
  })
}

// ---------------------------------------------------------------------------------------------

/** [act done, asked for, demanded, promised, refused, threatened]: the codebook's parallel families. */
const families: ReadonlyArray<readonly [string, string | null, string | null, string | null, string | null, string | null]> = [
  ['040', '026', '106', '036', '125', null],
  ['036', '026', '106', '036', '125', null],
  ['045', '028', '108', '039', '126', null],
  ['073', '0233', '1033', '0333', '1223', null],
  ['0841', '0253', '1053', '0353', '1243', null],
  ['0874', '0256', '1056', '0356', '1246', null],
  ['0831', '0241', '1041', '0341', '1231', null],
  ['061', '0211', '1011', '0311', '1211', null],
  ['163', '113', '113', '163', null, '1312'],
  ['190', '113', '113', '190', null, '138'],
]

for (const [act, appeal, demand, promise, refusal, threat] of families) {
  test(`events, code families: ${act}`, () => {
    assert.equal(framedCode('appeal', act), appeal, 'appeal')
    assert.equal(framedCode('demand', act), demand, 'demand')
    assert.equal(framedCode('intent', act), promise, 'promise')
    assert.equal(refusalCode(act), refusal, 'refusal')
    assert.equal(framedCode('threaten', act), threat, 'threat')
    // Planned, a hostile act is a threat and a cooperative one an intent.
    assert.equal(intentCode(act), threat ?? promise, 'intent')
  })
}

// ---------------------------------------------------------------------------------------------

/** [what the row shows, sentence, trigger word, the event's date and mode] (reference day: Tuesday 2015-06-09). */
const dated: ReadonlyArray<readonly [string, string, string, string, string]> = [
  ['the day of the act', 'Kenya hosted the Tanzanian president on Friday.', 'hosted', '2015-06-05', 'done'],
  ['a date before the trigger', 'On Monday, Syria and Turkey held talks in Ankara.', 'talks', '2015-06-08', 'done'],
  [
    'a date in a relative clause dates that clause',
    'The Swedish prime minister offered condolences to Norway over the storm that hit its coast on Friday.',
    'condolences',
    '2015-06-09',
    'done',
  ],
  ['a framed act keeps its own date', 'Norway and Iceland met on Monday and agreed to hold joint patrols from next year.', 'agreed', '2015-06-08', 'done'],
  ['a plan is dated by its announcement', 'Japan said on Monday it will meet China next month.', 'meet', '2015-06-08', 'intent'],
  ['a date of a clause closed before the trigger', 'After talks that ended on Sunday, Japan criticised China.', 'criticised', '2015-06-09', 'done'],
]

for (const [name, sentence, trigger, date, mode] of dated) {
  test(`events, dates: ${name}`, () => {
    const e = eventsOf(sentence).find((x) => x.text === trigger)
    assert.ok(e, `an event on '${trigger}' in: ${sentence}`)
    assert.equal(e.date, date)
    assert.equal(e.mode, mode)
  })
}

test('events: a nationality before a currency names money, not an actor', () => {
  const events = eventsOf('Opposition legislators asked the government to diversify reserves into yen and Swiss francs.')
  assert.deepEqual(events.filter((e) => e.sourceActor.code.startsWith('CHE') || e.targetActor.code.startsWith('CHE')).map((e) => e.code), [])
})
