import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { ConfigError } from '../../core/errors.js'
import { dataPath } from '../../lexicons/data-path.js'

const CODE = z.string().regex(/^\d{2,4}$/, 'a CAMEO code is two to four digits, as a string')
const words = z.array(z.string().min(1))

const PatternSchema = z
  .object({
    id: z.string().min(1),
    verbs: words.optional(),
    nouns: words.optional(),
    next: words.optional(),
    object: words.optional(),
    before: words.optional(),
    code: CODE,
    intent: CODE.optional(),
    refuse: CODE.optional(),
    threat: CODE.optional(),
    mirror: CODE.optional(),
    except: words.optional(),
    objectActor: z.boolean().optional(),
    frame: z.enum(['appeal', 'demand', 'intent', 'vow', 'reject', 'threaten', 'allow']).optional(),
    giver: words.optional(),
    implicitTarget: z.literal('home').optional(),
    symmetric: z.boolean().optional(),
    needsSource: z.boolean().optional(),
    refine: z.array(z.object({ object: words, code: CODE, intent: CODE.optional() }).strict()).optional(),
  })
  .strict()
  .refine((p) => (p.verbs?.length ?? 0) + (p.nouns?.length ?? 0) > 0, 'a pattern needs verbs or nouns')

const FileSchema = z.object({
  format: z.literal('dateline-cameo-patterns/1'),
  source: z.string(),
  notes: z.string().optional(),
  patterns: z.array(PatternSchema),
})

/** One event pattern of `data/cameo/patterns.json`. */
export type EventPattern = z.infer<typeof PatternSchema>

/** Patterns indexed by trigger lemma, for verbs and nouns. */
export interface PatternIndex {
  readonly verbs: ReadonlyMap<string, readonly EventPattern[]>
  readonly nouns: ReadonlyMap<string, readonly EventPattern[]>
  readonly all: readonly EventPattern[]
}

/** How many conditions a pattern sets: the more, the more specific. */
function specificity(p: EventPattern): number {
  return (p.next ? 1 : 0) + (p.object ? 1 : 0) + (p.before ? 1 : 0)
}

/**
 * Loads and indexes the event patterns; a bad file is a `ConfigError` naming the pattern. Each
 * lemma's patterns are sorted once here, most specific first, so that the coder tries the one
 * with conditions before the one without.
 */
export function loadEventPatterns(path = dataPath('cameo/patterns.json')): PatternIndex {
  const parsed = FileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new ConfigError(`${path}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`)
  }
  const verbs = new Map<string, EventPattern[]>()
  const nouns = new Map<string, EventPattern[]>()
  const ids = new Set<string>()
  for (const p of parsed.data.patterns) {
    if (ids.has(p.id)) throw new ConfigError(`${path}: pattern id '${p.id}' is used twice`)
    ids.add(p.id)
    for (const v of p.verbs ?? []) verbs.set(v, [...(verbs.get(v) ?? []), p])
    for (const n of p.nouns ?? []) nouns.set(n, [...(nouns.get(n) ?? []), p])
  }
  for (const map of [verbs, nouns]) for (const list of map.values()) list.sort((a, b) => specificity(b) - specificity(a))
  return { verbs, nouns, all: parsed.data.patterns }
}
