/**
 * The incidents lexicon: incident kinds and their trigger words, the phrases that look like a
 * trigger but are not ("opened fire"), and the cue words that place an incident and count its
 * casualties. Read from `data/incidents/kinds.json` and validated once, when the stage is made.
 */
import { readFileSync } from 'node:fs'
import { z } from 'zod'

const Words = z.array(z.string().min(1))

const KindsFile = z.object({
  kinds: z.record(
    z.string().min(1),
    z.object({
      nouns: Words,
      phrases: Words,
      /** A sudden event happens on a day; a slow one (drought, famine) is a state. */
      onset: z.enum(['sudden', 'slow']),
    }),
  ),
  exclusions: Words,
  /** Words after a trigger that introduce where it happened: "hitting", "in", "jolted". */
  placeCues: Words,
  /** Passive verbs before "by": "Whakatane was hit by three earthquakes". */
  passiveCues: Words,
  /** "drought-stricken", "quake-hit". */
  stricken: Words,
  casualtyCues: z.object({ deaths: Words, injured: Words }),
  /** "one man was admitted to hospital": a single casualty, which the quantities stage skips. */
  singleCasualty: z.object({ persons: Words, deaths: Words, injured: Words }),
  noCasualties: z.object({ deaths: Words, injured: Words }),
})

export type IncidentLexicon = z.infer<typeof KindsFile>

/** `data/incidents/kinds.json`, from `src/stages/incidents/` and `dist/stages/incidents/`. */
const DEFAULT_FILE = new URL('../../../data/incidents/kinds.json', import.meta.url)

/**
 * Reads and validates the incidents lexicon.
 *
 * @example
 * loadIncidentLexicon().kinds.earthquake?.nouns.includes('quake') // true
 */
export function loadIncidentLexicon(file: URL = DEFAULT_FILE): IncidentLexicon {
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'))
  const parsed = KindsFile.safeParse(raw)
  if (!parsed.success) {
    throw new Error(`${file.pathname}: ${z.prettifyError(parsed.error)}`, { cause: parsed.error })
  }
  return Object.freeze(parsed.data)
}
