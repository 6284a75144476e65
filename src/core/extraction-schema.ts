import { z } from 'zod'
import { EXTRACTION_FORMAT } from './extraction.js'

/**
 * The extraction's shape as a zod schema: it validates what `dateline extract` writes (tests) and
 * is published as JSON Schema in `schema/extraction.schema.json` (`npm run schema`).
 */
const span = { start: z.number().int().min(0), end: z.number().int().min(0), text: z.string() }
const nullableString = z.string().nullable()
const nullableNumber = z.number().nullable()
const rule = z.string().describe("the rule that made the record, '<stage>/<rule>'")

export const extractionSchema = z
  .object({
    format: z.literal(EXTRACTION_FORMAT),
    article: z.object({
      id: z.string(),
      title: nullableString,
      source: nullableString,
      url: nullableString,
      date: nullableString.describe("the input's own publication day"),
      input: z.string().describe('the file, file#line or - it was read from'),
      format: z.string(),
      text: z.string().describe('the exact text analysed: every offset indexes it (UTF-16 code units)'),
    }),
    dateline: z.object({
      ...span,
      place: nullableString,
      country: nullableString,
      date: nullableString.describe('the reference day relative dates resolve against'),
      dateFrom: nullableString.describe("'dateline', 'article' or 'published'"),
      source: nullableString.describe('the outlet'),
      lat: nullableNumber,
      lon: nullableNumber,
    }),
    entities: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        type: z.enum(['person', 'organization', 'country', 'place']),
        country: nullableString,
        title: nullableString,
        actor: nullableString.describe('CAMEO actor code, e.g. CHNGOV'),
        lat: nullableNumber,
        lon: nullableNumber,
        aliases: z.array(z.string()),
        mentions: z.array(z.object({ ...span, form: z.string() })),
        rule,
      }),
    ),
    dates: z.array(
      z.object({
        id: z.string(),
        ...span,
        value: z.string().describe('2023-12-20, 2018-08, 2024, 2023-01-01/2023-11-30 or 2024/2025'),
        grain: z.enum(['day', 'month', 'year', 'interval']),
        certainty: z.enum(['known', 'implied']),
        rule,
      }),
    ),
    quantities: z.array(
      z.object({
        id: z.string(),
        ...span,
        value: z.number(),
        unit: z.string().describe('ISO 4217 code, or percent, magnitude, people, tonnes, km, ...'),
        measure: nullableString,
        period: nullableString,
        parties: z.array(z.string()),
        qualifier: nullableString,
        rule,
      }),
    ),
    quotes: z.array(
      z.object({
        id: z.string(),
        ...span,
        speaker: nullableString.describe("the speaker entity's name"),
        speakerId: nullableString,
        cue: z.string(),
        form: z.enum(['direct', 'indirect', 'mixed']),
        sentence: z.object({ start: z.number().int(), end: z.number().int() }),
        rule,
      }),
    ),
    sentences: z.array(z.object({ ...span, index: z.number().int(), role: z.string() })),
    clauses: z.array(
      z.object({
        id: z.string(),
        ...span,
        sentence: z.number().int(),
        subjects: z.array(z.string()),
        predicate: z.object({ ...span, lemma: z.string() }),
        objects: z.array(z.string()),
        negated: z.boolean(),
        modality: nullableString,
        quote: nullableString,
        rule,
      }),
    ),
    incidents: z.array(
      z.object({
        id: z.string(),
        ...span,
        kind: z.string(),
        place: nullableString,
        country: nullableString,
        magnitude: nullableNumber,
        deaths: nullableNumber,
        injured: nullableNumber,
        date: nullableString,
        rule,
      }),
    ),
    events: z.array(
      z.looseObject({
        id: z.string(),
        code: z.string().describe("CAMEO event code, a string ('036')"),
        source: z.string(),
        target: z.string(),
        sentence: z.object({ start: z.number().int(), end: z.number().int() }),
        rule,
      }),
    ),
  })
  .describe('What dateline extract writes for one article')
