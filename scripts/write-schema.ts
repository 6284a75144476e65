import { writeFileSync } from 'node:fs'
import { z } from 'zod'
import { extractionSchema } from '../src/core/extraction-schema.js'

/** Writes schema/extraction.schema.json from the zod schema (run by `npm run schema`). */
const json = z.toJSONSchema(extractionSchema, { target: 'draft-2020-12' })
writeFileSync(new URL('../schema/extraction.schema.json', import.meta.url), `${JSON.stringify(json, null, 2)}\n`)
