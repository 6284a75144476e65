/**
 * The word lists the quantities stage reads: currencies, scales and number words, unit nouns and
 * casualty words, and the cues that order the parties of a figure. They live as JSON under
 * `data/units/` and are validated once, when the stage is made.
 */
import { readFileSync } from 'node:fs'
import { z } from 'zod'

const CurrencyEntry = z.object({
  forms: z.array(z.string().min(1)).min(1),
  /** ISO 4217; null when only a country in context can decide ("crowns"). */
  code: z.string().regex(/^[A-Z]{3}$/).nullable(),
  /** Minor units: "cents" are 0.01 of a dollar. */
  factor: z.number().positive().optional(),
  /** Alpha-3 country → ISO 4217, for words several countries use ("francs", "pesos"). */
  byCountry: z.record(z.string().regex(/^[A-Z]{3}$/), z.string().regex(/^[A-Z]{3}$/)).optional(),
  /** Words after which the form is not money ("pounds of beef", "marks the anniversary"). */
  notFollowedBy: z.array(z.string()).optional(),
})

const CurrencyFile = z.object({
  symbols: z.array(CurrencyEntry),
  words: z.array(CurrencyEntry),
})

const ScaleEntry = z.object({
  forms: z.array(z.string().min(1)).min(1),
  value: z.number().positive(),
  /** Only written against the digits ("5m", "2bn"): a spaced "m" is a metre. */
  attached: z.boolean().optional(),
})

const ScalesFile = z.object({
  scales: z.array(ScaleEntry),
  numberWords: z.record(z.string(), z.number()),
  articles: z.record(z.string(), z.number()),
  fractions: z.record(z.string(), z.number()),
})

const UnitsFile = z.object({
  qualifiers: z.array(z.string()),
  percent: z.array(z.string()),
  percentagePoints: z.array(z.string()),
  magnitude: z.object({
    /** A regular expression source for "on the Richter scale". */
    richter: z.string(),
    quakeWords: z.array(z.string()),
  }),
  measures: z.array(z.object({ forms: z.array(z.string()).min(1), unit: z.string() })),
  people: z.array(z.string()),
  casualtyNouns: z.array(z.string()),
  /** What a count of people is: `deaths`, `injured`, `homeless`, ... → the words that say so. */
  casualties: z.record(z.string(), z.array(z.string())),
  casualtyVerbs: z.array(z.string()),
  /** Nouns for people that a casualty count may name ("30 civilians were killed"). */
  personNouns: z.array(z.string()),
  /** Casualty words an active "have" may precede ("have died"), unlike "have hurt". */
  intransitive: z.array(z.string()),
  auxiliaries: z.array(z.string()),
  /** Words between an auxiliary and the casualty word ("were reported killed"). */
  auxiliaryFollowers: z.array(z.string()),
  /** Nouns that hold a figure without saying what it measures ("a target of $200 billion"). */
  containerNouns: z.array(z.string()),
})

const PartiesFile = z.object({
  topics: z.array(z.string()),
  giverVerbs: z.array(z.string()),
  giverPrepositions: z.array(z.string()),
})

/** The validated contents of the data files. */
export type CurrencyEntry = z.infer<typeof CurrencyEntry>
export type CurrencyLexicon = z.infer<typeof CurrencyFile>
export type ScaleLexicon = z.infer<typeof ScalesFile>
export type UnitLexicon = z.infer<typeof UnitsFile>
export type PartyLexicon = z.infer<typeof PartiesFile>

/** Everything the quantities stage looks words up in. */
export interface QuantityLexicon {
  readonly currencies: CurrencyLexicon
  readonly scales: ScaleLexicon
  readonly units: UnitLexicon
  readonly parties: PartyLexicon
}

/** `data/units/` of this package, from `src/stages/quantities/` and from `dist/stages/quantities/`. */
const DEFAULT_DIR = new URL('../../../data/units/', import.meta.url)

function readJson<T>(dir: URL, name: string, schema: z.ZodType<T>): T {
  const url = new URL(name, dir)
  const raw: unknown = JSON.parse(readFileSync(url, 'utf8'))
  const parsed = schema.safeParse(raw)
  if (!parsed.success) {
    throw new Error(`${url.pathname}: ${z.prettifyError(parsed.error)}`, { cause: parsed.error })
  }
  return parsed.data
}

/**
 * Reads and validates the unit lexicons (`currencies.json`, `scales.json`, `units.json`,
 * `parties.json`) from a directory.
 *
 * @example
 * const lexicon = loadQuantityLexicon()
 * lexicon.currencies.words.find((w) => w.forms.includes('stg'))?.code // 'GBP'
 */
export function loadQuantityLexicon(dir: URL = DEFAULT_DIR): QuantityLexicon {
  return Object.freeze({
    currencies: readJson(dir, 'currencies.json', CurrencyFile),
    scales: readJson(dir, 'scales.json', ScalesFile),
    units: readJson(dir, 'units.json', UnitsFile),
    parties: readJson(dir, 'parties.json', PartiesFile),
  })
}

/** The last word of every currency form ("franc", "dlrs", "yen"), lower-cased. */
export function currencyWords(lexicon: QuantityLexicon): Set<string> {
  return new Set(lexicon.currencies.words.flatMap((w) => w.forms.map((f) => (f.split(/\s+/).pop() ?? f).toLowerCase())))
}
