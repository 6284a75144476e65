import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { ConfigError } from '../core/errors.js'
import { loadGazetteer } from './gazetteer.js'
import type { PlaceRecord } from './types.js'

// Loaded once for the whole file, as the pipeline does.
const gazetteer = loadGazetteer()

/** Within this many degrees, as the gold answers are scored. */
const DEGREES = 0.1

function near(actual: number | null | undefined, expected: number, label: string): void {
  const ok = actual != null && Math.abs(actual - expected) <= DEGREES
  assert.ok(ok, `${label}: ${actual} is not within ${DEGREES} of ${expected}`)
}

// [surface, code, canonical name]
const countryNames: readonly [string, string, string][] = [
  ['China', 'CHN', 'China'],
  ["People's Republic of China", 'CHN', 'China'],
  ['United States', 'USA', 'United States'],
  ['United States of America', 'USA', 'United States'],
  ['U.S.', 'USA', 'United States'],
  ['U.S.A.', 'USA', 'United States'],
  ['US', 'USA', 'United States'],
  ['USA', 'USA', 'United States'],
  ['America', 'USA', 'United States'],
  ['USSR', 'RUS', 'Soviet Union'],
  ['U.S.S.R.', 'RUS', 'Soviet Union'],
  ['Soviet Union', 'RUS', 'Soviet Union'],
  ['Russia', 'RUS', 'Russia'],
  ['Britain', 'GBR', 'United Kingdom'],
  ['Great Britain', 'GBR', 'United Kingdom'],
  ['UK', 'GBR', 'United Kingdom'],
  ['U.K.', 'GBR', 'United Kingdom'],
  ['New Zealand', 'NZL', 'New Zealand'],
  ['South Korea', 'KOR', 'South Korea'],
  ['North Korea', 'PRK', 'North Korea'],
  ['Taiwan', 'TWN', 'Taiwan'],
  ['Holland', 'NLD', 'Netherlands'],
  ['Netherlands', 'NLD', 'Netherlands'],
  ['Burma', 'MMR', 'Myanmar'],
  ['Ivory Coast', 'CIV', 'Ivory Coast'],
  ['Turkey', 'TUR', 'Turkey'],
  ['Greece', 'GRC', 'Greece'],
  ['Japan', 'JPN', 'Japan'],
  ['Indonesia', 'IDN', 'Indonesia'],
  ['India', 'IND', 'India'],
  ['Mozambique', 'MOZ', 'Mozambique'],
  ['Zimbabwe', 'ZWE', 'Zimbabwe'],
  ['Israel', 'ISR', 'Israel'],
  ['Palestine', 'PSE', 'Palestine'],
  ['West Germany', 'DEU', 'West Germany'],
  ['East Germany', 'DDR', 'East Germany'],
  ['Yugoslavia', 'YUG', 'Yugoslavia'],
  ['Czechoslovakia', 'CSK', 'Czechoslovakia'],
  ['Romania', 'ROU', 'Romania'],
  ['Kosovo', 'KSV', 'Kosovo'],
  ['East Timor', 'TMP', 'Timor-Leste'],
  ['Zaire', 'COD', 'DR Congo'],
  ['Congo', 'COG', 'Republic of the Congo'],
  ['Gambia', 'GMB', 'Gambia'],
  // All-capitals forms fall back to the upper-cased index.
  ['NEW ZEALAND', 'NZL', 'New Zealand'],
  ['SOVIET UNION', 'RUS', 'Soviet Union'],
  ['CHINA', 'CHN', 'China'],
]

for (const [surface, code, name] of countryNames) {
  test(`countryByName(${JSON.stringify(surface)}) is ${code} ${name}`, () => {
    const record = gazetteer.countryByName(surface)
    assert.equal(record?.code, code)
    assert.equal(record?.name, name)
  })
}

// [word, code]
const demonyms: readonly [string, string][] = [
  ['Chinese', 'CHN'],
  ['British', 'GBR'],
  ['Briton', 'GBR'],
  ['American', 'USA'],
  ['Americans', 'USA'],
  ['Russian', 'RUS'],
  ['Soviet', 'RUS'],
  ['Soviets', 'RUS'],
  ['South Korean', 'KOR'],
  ['North Korean', 'PRK'],
  ['Israeli', 'ISR'],
  ['Israelis', 'ISR'],
  ['Palestinian', 'PSE'],
  ['Palestinians', 'PSE'],
  ['Turkish', 'TUR'],
  ['Turks', 'TUR'],
  ['Greek', 'GRC'],
  ['Japanese', 'JPN'],
  ['Indian', 'IND'],
  ['Mozambican', 'MOZ'],
  ['Indonesian', 'IDN'],
  ['New Zealander', 'NZL'],
  ['Swiss', 'CHE'],
  ['French', 'FRA'],
  ['Dutch', 'NLD'],
  ['Congolese', 'COD'],
  ['West German', 'DEU'],
  ['East German', 'DDR'],
  ['CHINESE', 'CHN'],
]

for (const [word, code] of demonyms) {
  test(`countryByDemonym(${JSON.stringify(word)}) is ${code}`, () => {
    assert.equal(gazetteer.countryByDemonym(word)?.code, code)
  })
}

// Combining forms name a country only as part of a compound ("Sino-Soviet"); alone, "Franco" is a
// surname.
const combining: ReadonlyArray<readonly [string, string]> = [
  ['Sino', 'CHN'],
  ['Anglo', 'GBR'],
  ['Franco', 'FRA'],
  ['Indo', 'IND'],
  ['Russo', 'RUS'],
  ['Turko', 'TUR'],
]

for (const [word, code] of combining) {
  test(`countryOfCompoundPart(${JSON.stringify(word)}) is ${code}, countryByDemonym of it nothing`, () => {
    assert.equal(gazetteer.countryOfCompoundPart(word)?.code, code)
    assert.equal(gazetteer.countryByDemonym(word), undefined)
  })
}

test('countryOfCompoundPart takes country names and demonyms too', () => {
  assert.equal(gazetteer.countryOfCompoundPart('China')?.code, 'CHN')
  assert.equal(gazetteer.countryOfCompoundPart('Chinese')?.code, 'CHN')
})

// [code asked, code returned, name]
const codes: readonly [string, string, string][] = [
  ['CHN', 'CHN', 'China'],
  ['USA', 'USA', 'United States'],
  ['RUS', 'RUS', 'Russia'],
  ['DEU', 'DEU', 'Germany'],
  ['GBR', 'GBR', 'United Kingdom'],
  ['NZL', 'NZL', 'New Zealand'],
  ['DDR', 'DDR', 'East Germany'],
  ['YUG', 'YUG', 'Yugoslavia'],
  ['KSV', 'KSV', 'Kosovo'],
  ['UNK', 'KSV', 'Kosovo'],
  ['TLS', 'TMP', 'Timor-Leste'],
  ['ROM', 'ROU', 'Romania'],
  ['SUN', 'RUS', 'Soviet Union'],
]

for (const [asked, code, name] of codes) {
  test(`countryByCode(${asked}) is ${code} ${name}`, () => {
    const record = gazetteer.countryByCode(asked)
    assert.equal(record?.code, code)
    assert.equal(record?.name, name)
  })
}

test('a country record carries its names, demonyms, capital and centre', () => {
  const china = gazetteer.countryByCode('CHN')
  assert.ok(china)
  assert.equal(china.capital, 'Beijing')
  assert.ok(china.names.includes('China'))
  assert.ok(china.demonyms.includes('Chinese'))
  near(china.lat, 35, 'China lat')
  near(china.lon, 105, 'China lon')
  assert.equal(gazetteer.countryByCode('USA')?.capital, 'Washington')
})

// [surface, name, country, kind, lat, lon]: the first candidate.
const firstPlaces: readonly [string, string, string, PlaceRecord['kind'], number, number][] = [
  ['Beijing', 'Beijing', 'CHN', 'capital', 39.9, 116.4],
  ['Peking', 'Beijing', 'CHN', 'capital', 39.9, 116.4],
  ['Moscow', 'Moscow', 'RUS', 'capital', 55.75, 37.62],
  ['Wellington', 'Wellington', 'NZL', 'capital', -41.29, 174.78],
  ['Harare', 'Harare', 'ZWE', 'capital', -17.83, 31.05],
  ['Tokyo', 'Tokyo', 'JPN', 'capital', 35.68, 139.69],
  ['Seoul', 'Seoul', 'KOR', 'capital', 37.57, 126.98],
  ['Helsinki', 'Helsinki', 'FIN', 'capital', 60.17, 24.94],
  ['Ankara', 'Ankara', 'TUR', 'capital', 39.93, 32.86],
  ['Athens', 'Athens', 'GRC', 'capital', 37.98, 23.73],
  ['Washington', 'Washington', 'USA', 'capital', 38.9, -77.04],
  ['Washington, D.C.', 'Washington', 'USA', 'capital', 38.9, -77.04],
  ['Kiev', 'Kyiv', 'UKR', 'capital', 50.45, 30.52],
  ['Pretoria', 'Pretoria', 'ZAF', 'capital', -25.74, 28.19],
  ['Whakatane', 'Whakatane', 'NZL', 'city', -37.95, 176.99],
  ['The Hague', 'The Hague', 'NLD', 'city', 52.08, 4.3],
  ['New York', 'New York City', 'USA', 'city', 40.71, -74.01],
  ['Frankfurt', 'Frankfurt am Main', 'DEU', 'city', 50.12, 8.68],
  ['Bombay', 'Mumbai', 'IND', 'city', 19.07, 72.88],
  ['Lanzhou', 'Lanzhou', 'CHN', 'city', 36.06, 103.84],
  ['Bonn', 'Bonn', 'DEU', 'city', 50.73, 7.1],
  ['Zurich', 'Zürich', 'CHE', 'city', 47.37, 8.55],
  ['Sao Paulo', 'São Paulo', 'BRA', 'city', -23.55, -46.64],
  ['Duesseldorf', 'Düsseldorf', 'DEU', 'city', 51.22, 6.78],
  ['St Louis', 'St. Louis', 'USA', 'city', 38.63, -90.2],
  ['Split', 'Split', 'HRV', 'city', 43.51, 16.44],
  ['Gaza', 'Gaza', 'PSE', 'city', 31.5, 34.47],
  // All-capitals datelines.
  ['MOSCOW', 'Moscow', 'RUS', 'capital', 55.75, 37.62],
  ['NEW YORK', 'New York City', 'USA', 'city', 40.71, -74.01],
  ['THE HAGUE', 'The Hague', 'NLD', 'city', 52.08, 4.3],
]

for (const [surface, name, country, kind, lat, lon] of firstPlaces) {
  test(`places(${JSON.stringify(surface)})[0] is ${kind} ${name} ${country}`, () => {
    const place = gazetteer.places(surface)[0]
    assert.ok(place, `no place for ${surface}`)
    assert.equal(place.name, name)
    assert.equal(place.country, country)
    assert.equal(place.kind, kind)
    near(place.lat, lat, `${surface} lat`)
    near(place.lon, lon, `${surface} lon`)
  })
}

// [surface, name, country, lat, lon]: regions, within the gold's one degree where it has them.
const regions: readonly [string, string, string, number, number][] = [
  ['Gansu', 'Gansu', 'CHN', 36.0, 103.8],
  ['Gansu Province', 'Gansu', 'CHN', 36.0, 103.8],
  ['GANSU', 'Gansu', 'CHN', 36.0, 103.8],
  ['GANSU PROVINCE', 'Gansu', 'CHN', 36.0, 103.8],
  ['New York State', 'New York', 'USA', 43.0, -75.5],
  ['North Sinai Governorate', 'North Sinai', 'EGY', 30.5, 33.6],
  ['Donetsk Oblast', 'Donetska', 'UKR', 48.0, 37.8],
  ['Waikato', 'Waikato', 'NZL', -37.8, 175.3],
  ['Waikato Region', 'Waikato', 'NZL', -37.8, 175.3],
  ['Bay of Plenty', 'Bay of Plenty', 'NZL', -37.9, 176.7],
  ['Bavaria', 'Bavaria', 'DEU', 48.9, 11.4],
  ['Texas', 'Texas', 'USA', 31.3, -98.5],
  ['Punjab', 'Punjab', 'IND', 30.9, 75.5],
  ['Lagos State', 'Lagos', 'NGA', 6.5, 3.4],
  ['Rivers State', 'Rivers', 'NGA', 4.8, 6.9],
  ['Georgia', 'Georgia', 'USA', 32.3, -83.1],
  ['West Bank', 'West Bank', 'PSE', 31.95, 35.25],
]

for (const [surface, name, country, lat, lon] of regions) {
  test(`places(${JSON.stringify(surface)}) starts with region ${name} ${country}`, () => {
    const place = gazetteer.places(surface)[0]
    assert.ok(place, `no place for ${surface}`)
    assert.equal(place.kind, 'region')
    assert.equal(place.name, name)
    assert.equal(place.country, country)
    assert.equal(place.population, null)
    const ok = Math.abs(place.lat - lat) <= 1 && Math.abs(place.lon - lon) <= 1
    assert.ok(ok, `${surface}: ${place.lat}, ${place.lon}`)
  })
}

test('Punjab is a region of both India and Pakistan', () => {
  assert.deepEqual(
    gazetteer.places('Punjab').map((p) => p.country).sort(),
    ['IND', 'PAK'],
  )
})

test('candidates come capitals first, then most populous', () => {
  const athens = gazetteer.places('Athens')
  assert.equal(athens[0]?.kind, 'capital')
  assert.ok(athens.length > 2)
  for (let i = 2; i < athens.length; i++) {
    const [before, after] = [athens[i - 1]?.population ?? 0, athens[i]?.population ?? 0]
    assert.ok(before >= after, `Athens candidate ${i} is not in population order`)
  }
  const moscow = gazetteer.places('Moscow')
  assert.deepEqual(moscow.map((p) => p.country), ['RUS', 'USA'])
})

// Words that must not come back as places: common English words, given names, surnames and
// company names that are also GeoNames towns, the lower-case forms of real cities, headline words
// in capitals, and country names (a town called Brazil or Jamaica elsewhere is not what a text
// means).
const negativePlaces: readonly string[] = [
  'Police',
  'Energy',
  'Officials',
  'Government',
  'Ministry',
  'Bay',
  'Along',
  'Of',
  'OF',
  'POLICE',
  'Male',
  'Sale',
  'Van',
  'Delta',
  'March',
  'Union',
  'Central',
  'West',
  'Bath',
  'split',
  'nice',
  'reading',
  'mobile',
  'moscow',
  'NICE',
  'READING',
  'ITO',
  'Brazil',
  'China',
  'Jamaica',
  'Mexico',
  'Taiwan',
  'Thatcher',
  'Baker',
  'Chirac',
  'David',
  'Paul',
  'Stanley',
  'Asia',
  'Brent',
  'Toyota',
  'Free',
  '',
]

for (const surface of negativePlaces) {
  test(`negative case: places(${JSON.stringify(surface)}) is empty`, () => {
    assert.deepEqual(gazetteer.places(surface), [])
  })
}

// "the" is the caller's to strip; "US" only as the upper-case token; no two-letter ISO codes.
const negativeCountries: readonly string[] = [
  'the United States',
  'Us',
  'us',
  'IN',
  'IT',
  'Island',
  'Korea',
  'china',
]

for (const surface of negativeCountries) {
  test(`negative case: countryByName(${JSON.stringify(surface)}) is undefined`, () => {
    assert.equal(gazetteer.countryByName(surface), undefined)
  })
}

const negativeDemonyms: readonly string[] = ['Kiwi', 'chinese', 'Channel Islander']

for (const word of negativeDemonyms) {
  test(`negative case: countryByDemonym(${JSON.stringify(word)}) is undefined`, () => {
    assert.equal(gazetteer.countryByDemonym(word), undefined)
  })
}

test('every place carries a country the gazetteer knows and coordinates on the globe', () => {
  const surfaces = ['Beijing', 'Pristina', 'Dili', 'Gansu', 'Whakatane', 'Washington', 'Victoria']
  for (const surface of surfaces) {
    for (const place of gazetteer.places(surface)) {
      assert.ok(gazetteer.countryByCode(place.country), `${surface}: no country ${place.country}`)
      const onGlobe = Math.abs(place.lat) <= 90 && Math.abs(place.lon) <= 180
      assert.ok(onGlobe, `${surface}: ${place.lat}, ${place.lon}`)
    }
  }
  assert.equal(gazetteer.places('Pristina')[0]?.country, 'KSV')
  assert.equal(gazetteer.places('Dili')[0]?.country, 'TMP')
})

test('maxNameWords bounds the longest name', () => {
  const { maxNameWords } = gazetteer
  assert.ok(maxNameWords >= 4 && maxNameWords <= 8, String(maxNameWords))
  assert.ok(gazetteer.countryByName('United Kingdom of Great Britain and Northern Ireland'))
})

test('every curated alias in the data files resolves', () => {
  const read = (file: string): unknown =>
    JSON.parse(readFileSync(new URL(`../../data/gazetteer/${file}`, import.meta.url), 'utf8'))
  const places = read('place-aliases.json') as { aliases: { alias: string; country: string }[] }
  for (const a of places.aliases) {
    assert.equal(gazetteer.places(a.alias)[0]?.country, a.country, a.alias)
  }
  const regions = read('region-extras.json') as { aliases: { alias: string; country: string }[] }
  for (const a of regions.aliases) {
    const found = gazetteer.places(a.alias)
    assert.ok(found.some((p) => p.kind === 'region' && p.country === a.country), a.alias)
  }
})

test('a missing data folder is a ConfigError', () => {
  assert.throws(() => loadGazetteer({ dataDir: '/nonexistent/gazetteer' }), ConfigError)
})

test('a higher population floor drops small towns but keeps seats', () => {
  const small = loadGazetteer({ minCityPopulation: 1_000_000 })
  assert.equal(small.places('Whakatane')[0]?.name, 'Whakatane', 'a regional seat stays')
  assert.deepEqual(small.places('Reading'), [])
  assert.equal(small.places('Beijing')[0]?.kind, 'capital')
})

test('look-ups are map hits: a million of them take well under a second', () => {
  const surfaces = ['Beijing', 'Police', 'China', 'Chinese', 'Gansu Province', 'said', 'MOSCOW']
  const started = performance.now()
  let found = 0
  for (let i = 0; i < 1_000_000; i++) {
    const s = surfaces[i % surfaces.length] as string
    found += gazetteer.places(s).length
    if (gazetteer.countryByName(s)) found++
    if (gazetteer.countryByDemonym(s)) found++
  }
  const ms = performance.now() - started
  assert.ok(found > 0)
  assert.ok(ms < 2000, `${ms} ms for 3,000,000 look-ups`)
})
