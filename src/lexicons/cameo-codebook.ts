/**
 * The CAMEO event codebook: every event code with its short name, root family, Goldstein value,
 * GDELT quad class and PLOVER category, read from `data/cameo/event-codes.json`.
 */
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { ConfigError } from '../core/errors.js'

/** GDELT's four classes of CAMEO roots (1 verbal cooperation … 4 material conflict). */
export type QuadClass = 1 | 2 | 3 | 4

/** Where a CAMEO code falls in PLOVER: event category, mode and contexts (any may be empty). */
export interface PloverMapping {
  /** `'AGREE'`, `'CONSULT'`, `'ASSAULT'`, ... */
  readonly event: string
  /** `'visit'`, `'phone'`, `'demo'`, ...; null when the table gives none. */
  readonly mode: string | null
  /** `['diplomatic']`, `['crime', 'corruption']`; empty when the table gives none. */
  readonly context: readonly string[]
}

/** One CAMEO event code. */
export interface CameoCode {
  /** Two to four digits, always a string: `'04'`, `'036'`, `'0333'`. */
  readonly code: string
  /** CAMEO's short name: `'Express intent to meet or negotiate'`. */
  readonly label: string
  /** The two-digit family: `'03'`. */
  readonly root: string
  /** The code one level up (`'0333'` → `'033'`, `'036'` → `'03'`); null for a root. */
  readonly parent: string | null
  /** GDELT's Goldstein value (−10 … +10); a code GDELT does not list takes its parent's. */
  readonly goldstein: number
  readonly quadClass: QuadClass
  /** The PLOVER category, or null where the 2021 conversion table maps none (roots 01, 02). */
  readonly plover: PloverMapping | null
}

/** Looks CAMEO event codes up. */
export interface CameoCodebook {
  /** The code's record, or undefined for a string that is not a CAMEO code. */
  code(code: string): CameoCode | undefined
  /** Every code, in code order (`'01'`, `'010'`, ..., `'2042'`). */
  all(): readonly CameoCode[]
}

const CODE = /^\d{2,4}$/

const fileSchema = z.object({
  format: z.literal('dateline-cameo-event-codes/1'),
  codes: z.array(
    z.object({
      code: z.string().regex(CODE, 'expected two to four digits'),
      label: z.string().min(1),
      goldstein: z.number().min(-10).max(10).nullable(),
      plover: z
        .object({
          event: z.string().min(1),
          mode: z.string().min(1).nullable(),
          context: z.array(z.string().min(1)),
        })
        .nullable(),
    }),
  ),
})

type CodeRow = z.infer<typeof fileSchema>['codes'][number]

const DEFAULT_FILE = new URL('../../data/cameo/event-codes.json', import.meta.url)

/**
 * The quad class of a root as GDELT assigns it: 01–05 verbal cooperation, 06–09 material
 * cooperation, 10–14 verbal conflict, 15–20 material conflict. GDELT's event codebook names the
 * four classes (`QuadClass`); the py-gdelt table puts 09 and 14 one class later, but a
 * GDELT-compatible export must agree with GDELT.
 */
function quadClassOf(root: string): QuadClass {
  const n = Number(root)
  if (n <= 5) return 1
  if (n <= 9) return 2
  if (n <= 14) return 3
  return 4
}

/** `'0333'` → `'033'`, `'036'` → `'03'`, `'03'` → null. */
function parentOf(code: string): string | null {
  return code.length > 2 ? code.slice(0, code.length - 1) : null
}

function readRows(file: URL): CodeRow[] {
  const where = file.pathname
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (cause) {
    throw new ConfigError(`${where}: cannot read the CAMEO codebook`, { cause })
  }
  const parsed = fileSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const path = issue ? issue.path.join('.') : ''
    throw new ConfigError(`${where}: ${path}: ${issue?.message ?? 'invalid'}`)
  }
  return parsed.data.codes
}

/**
 * Loads the CAMEO codebook from `data/cameo/event-codes.json` (read once; keep the result).
 *
 * @example
 * const cameo = loadCameoCodebook()
 * cameo.code('036')?.goldstein // 4
 * cameo.code('190')?.quadClass // 4
 */
export function loadCameoCodebook(): CameoCodebook {
  const rows = readRows(DEFAULT_FILE)
  const byCode = new Map<string, CodeRow>()
  for (const row of rows) {
    if (byCode.has(row.code)) {
      throw new ConfigError(`${DEFAULT_FILE.pathname}: duplicate code ${row.code}`)
    }
    byCode.set(row.code, row)
  }
  const goldsteinOf = (code: string): number => {
    // Codes added to CAMEO after GDELT's table (155, 176, 1834, 1951, 1952) take their parent's
    // value, which is what GDELT reports for an event it can only place in the parent family.
    for (let c: string | null = code; c !== null; c = parentOf(c)) {
      const g = byCode.get(c)?.goldstein
      if (g !== undefined && g !== null) return g
    }
    throw new ConfigError(`${DEFAULT_FILE.pathname}: no Goldstein value for ${code} or its parents`)
  }
  const codes = new Map<string, CameoCode>()
  for (const row of rows) {
    const root = row.code.slice(0, 2)
    const parent = parentOf(row.code)
    if (parent !== null && !byCode.has(parent)) {
      throw new ConfigError(`${DEFAULT_FILE.pathname}: code ${row.code} has no parent ${parent}`)
    }
    codes.set(
      row.code,
      Object.freeze({
        code: row.code,
        label: row.label,
        root,
        parent,
        goldstein: goldsteinOf(row.code),
        quadClass: quadClassOf(root),
        plover:
          row.plover === null
            ? null
            : Object.freeze({ ...row.plover, context: Object.freeze([...row.plover.context]) }),
      }),
    )
  }
  const all = Object.freeze([...codes.values()].sort((a, b) => (a.code < b.code ? -1 : 1)))
  return Object.freeze({
    code: (code: string) => codes.get(code),
    all: () => all,
  })
}
