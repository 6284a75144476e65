/**
 * The GDELT 2.0 event table: its 61 columns in order with their types, as the GDELT Event
 * Codebook V2.0 (2/19/2015) lists them (`../shared/reference/docs/gdelt_event_cookbook.md`), and a
 * check that a tab-separated line has them all with values of the right type.
 */

/**
 * How a column's values are written. `integer`, `float` and `string` are the codebook's
 * datatypes; `day` (YYYYMMDD), `month` (YYYYMM), `year` (YYYY), `fraction` (YYYY.FFFF) and
 * `timestamp` (YYYYMMDDHHMMSS) are integers and floats the codebook gives a fixed layout.
 */
export type GdeltType = 'integer' | 'float' | 'string' | 'day' | 'month' | 'year' | 'fraction' | 'timestamp'

export interface GdeltColumn {
  readonly name: string
  readonly type: GdeltType
  /** GDELT fills it on every row; an empty value is an error. */
  readonly required: boolean
}

const column = (name: string, type: GdeltType, required = false): GdeltColumn => ({ name, type, required })

/** The actor attributes, repeated for Actor1 and Actor2 (codebook, "Actor attributes"). */
const ACTOR_ATTRIBUTES = [
  'Code',
  'Name',
  'CountryCode',
  'KnownGroupCode',
  'EthnicCode',
  'Religion1Code',
  'Religion2Code',
  'Type1Code',
  'Type2Code',
  'Type3Code',
] as const

/** The geography fields, repeated for Actor1, Actor2 and Action (codebook, "Event geography"). */
const GEO_ATTRIBUTES: ReadonlyArray<readonly [string, GdeltType]> = [
  ['Type', 'integer'],
  ['Fullname', 'string'],
  ['CountryCode', 'string'],
  ['ADM1Code', 'string'],
  ['ADM2Code', 'string'],
  ['Lat', 'float'],
  ['Long', 'float'],
  ['FeatureID', 'string'],
]

const actor = (n: 1 | 2): GdeltColumn[] => ACTOR_ATTRIBUTES.map((a) => column(`Actor${n}${a}`, 'string'))
const geo = (prefix: string): GdeltColumn[] => GEO_ATTRIBUTES.map(([a, t]) => column(`${prefix}_${a}`, t))

/** The 61 columns of a GDELT 2.0 event record, in file order. */
export const GDELT_COLUMNS: readonly GdeltColumn[] = [
  column('GlobalEventID', 'integer', true),
  column('Day', 'day'),
  column('MonthYear', 'month'),
  column('Year', 'year'),
  column('FractionDate', 'fraction'),
  ...actor(1),
  ...actor(2),
  column('IsRootEvent', 'integer', true),
  column('EventCode', 'string', true),
  column('EventBaseCode', 'string', true),
  column('EventRootCode', 'string', true),
  column('QuadClass', 'integer', true),
  column('GoldsteinScale', 'float', true),
  column('NumMentions', 'integer', true),
  column('NumSources', 'integer', true),
  column('NumArticles', 'integer', true),
  column('AvgTone', 'float'),
  ...geo('Actor1Geo'),
  ...geo('Actor2Geo'),
  ...geo('ActionGeo'),
  column('DATEADDED', 'timestamp'),
  column('SOURCEURL', 'string'),
]

/** Where each column sits, by name. */
export const GDELT_INDEX: Readonly<Record<string, number>> = Object.fromEntries(
  GDELT_COLUMNS.map((c, i) => [c.name, i]),
)

const INTEGER = /^-?\d+$/
const FLOAT = /^-?\d+(?:\.\d+)?$/
const FRACTION = /^\d{4}\.\d{4}$/
/** CAMEO event codes: two to four digits, kept as strings (codebook, EventCode). */
const EVENT_CODE = /^\d{2,4}$/

/**
 * What is wrong with one line of a GDELT event file, or an empty list when nothing is: the
 * column count, each typed column's format, the date columns agreeing with Day, a quad class
 * 1-4, a Goldstein value within -10 … +10, and the CAMEO code hierarchy (base and root codes are
 * prefixes of the event code).
 *
 * @example
 * checkGdeltLine('1\t20231220\t...') // [] when the line is a good record
 */
export function checkGdeltLine(line: string): string[] {
  const fields = line.split('\t')
  if (fields.length !== GDELT_COLUMNS.length) {
    return [`${fields.length} columns, expected ${GDELT_COLUMNS.length}`]
  }
  const problems: string[] = []
  const at = (name: string): string => fields[GDELT_INDEX[name] ?? -1] ?? ''
  GDELT_COLUMNS.forEach((c, i) => {
    const v = fields[i] ?? ''
    if (v === '') {
      if (c.required) problems.push(`${c.name} is empty`)
      return
    }
    const why = typeProblem(c.type, v)
    if (why) problems.push(`${c.name} ${JSON.stringify(v)}: ${why}`)
  })
  const day = at('Day')
  if (day !== '') {
    if (at('MonthYear') !== day.slice(0, 6)) problems.push(`MonthYear ${at('MonthYear')} does not match Day ${day}`)
    if (at('Year') !== day.slice(0, 4)) problems.push(`Year ${at('Year')} does not match Day ${day}`)
    if (!at('FractionDate').startsWith(`${day.slice(0, 4)}.`)) {
      problems.push(`FractionDate ${at('FractionDate')} is not in year ${day.slice(0, 4)}`)
    }
  } else if (at('MonthYear') !== '' || at('Year') !== '' || at('FractionDate') !== '') {
    problems.push('MonthYear, Year or FractionDate given without Day')
  }
  const quad = at('QuadClass')
  if (quad !== '' && !/^[1-4]$/.test(quad)) problems.push(`QuadClass ${quad} is not 1-4`)
  const goldstein = Number(at('GoldsteinScale'))
  if (at('GoldsteinScale') !== '' && (goldstein < -10 || goldstein > 10)) {
    problems.push(`GoldsteinScale ${at('GoldsteinScale')} is outside -10 … +10`)
  }
  const code = at('EventCode')
  if (code !== '') {
    if (!EVENT_CODE.test(code)) problems.push(`EventCode ${JSON.stringify(code)} is not a CAMEO code`)
    if (!code.startsWith(at('EventBaseCode'))) problems.push(`EventBaseCode ${at('EventBaseCode')} is not a prefix of ${code}`)
    if (at('EventRootCode') !== code.slice(0, 2)) problems.push(`EventRootCode ${at('EventRootCode')} is not the root of ${code}`)
  }
  return problems
}

function typeProblem(type: GdeltType, v: string): string | null {
  switch (type) {
    case 'string':
      return null
    case 'integer':
      return INTEGER.test(v) ? null : 'not an integer'
    case 'float':
      return FLOAT.test(v) && Number.isFinite(Number(v)) ? null : 'not a number'
    case 'day':
      return /^\d{8}$/.test(v) && isDay(v) ? null : 'not a YYYYMMDD day'
    case 'month':
      return /^\d{6}$/.test(v) && Number(v.slice(4)) >= 1 && Number(v.slice(4)) <= 12 ? null : 'not a YYYYMM month'
    case 'year':
      return /^\d{4}$/.test(v) ? null : 'not a YYYY year'
    case 'fraction':
      return FRACTION.test(v) ? null : 'not a YYYY.FFFF fraction date'
    case 'timestamp':
      return /^\d{14}$/.test(v) && isDay(v.slice(0, 8)) ? null : 'not a YYYYMMDDHHMMSS timestamp'
  }
}

function isDay(yyyymmdd: string): boolean {
  const [y, m, d] = [Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)), Number(yyyymmdd.slice(6, 8))]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}
