/**
 * Finds figures (a number with its unit) in the text of one sentence with a handful of regular
 * expressions compiled once from the unit lexicons. Each rule returns candidates; overlapping
 * candidates are settled by rule rank, then length.
 */
import type { Range } from '../../core/annotation.js'
import type { CurrencyEntry, QuantityLexicon } from './quantity-lexicon.js'

/** A figure found in one sentence; offsets index the sentence text. */
export interface Figure {
  readonly start: number
  readonly end: number
  /** Where the number itself starts: the span may open with a currency symbol or a verb. */
  readonly numberStart: number
  readonly value: number
  readonly unit: string
  /** The rule: `'quantities/money'`, `'quantities/percent'`, ... */
  readonly source: string
  readonly qualifier: string | null
  /** For a count of people, what it counts (`deaths`, `injured`, `homeless`, ...) when said. */
  readonly casualty: string | null
}

/** What the finder needs to know about the sentence besides its text. */
export interface SentenceView {
  readonly text: string
  /** Countries named in the sentence, then in the rest of the article (ambiguous currencies). */
  readonly countries: readonly string[]
  /** Date expressions, in sentence offsets: a number inside one is never a figure. */
  readonly dates: readonly Range[]
}

/** Finds the figures of one sentence. */
export interface FigureFinder {
  /** False when the text has no digit and no number word, so holds no figure. */
  mayHold(text: string): boolean
  find(view: SentenceView): Figure[]
}

interface Candidate {
  readonly start: number
  readonly end: number
  readonly rank: number
  readonly figures: readonly Figure[]
}

interface Rule {
  readonly re: RegExp
  /** Lower ranks win overlaps: a unit noun beats a casualty verb around the same number. */
  readonly rank: number
  build(m: RegExpExecArray, view: SentenceView): Candidate | null
}

/** Escapes a literal for a regular expression. */
export const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')

/** An alternation of literal forms, longest first, any run of spaces matching any white space. */
export function alternation(forms: Iterable<string>): string {
  const sorted = [...new Set(forms)].sort((a, b) => b.length - a.length || a.localeCompare(b))
  return sorted.map((f) => escape(f).replace(/ +/g, '\\s+')).join('|')
}

const norm = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim()

/** "1,300", "1.3", "750,000", "200", and the wire services' fractions "8-1/4". */
const DIGITS = String.raw`\d+-\d{1,2}\/\d{1,2}|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`
const MIXED_FRACTION = /^(\d+)-(\d+)\/(\d+)$/
/** A number does not start inside a word, a decimal or a hyphenated name ("COVID-19"). */
const NUMBER_START = String.raw`(?<![\w.,/$£€¥])(?<!\w-)`
/** Used in case-insensitive expressions only, where `[a-z]` covers capitals too. */
const NOT_LETTER = '(?![a-z])'
/** Plain four-digit years: "in 1987 ..." is never a count. */
const YEAR = /^(?:1[89]|20)\d\d$/
/** Range connectors: "$1-2 billion", "10 to 15 percent", "between 10 and 15 percent". */
/** Units a bare number never borrows from the figure before it. */
const UNSHARED = new Set(['people', 'percent', 'percentage points', 'magnitude'])
const CONNECTOR = String.raw`-|–|to|and`
/** "Death toll rose to 30", "the death toll was 30". */
const DEATH_TOLL = String.raw`death\s+toll\s+(?:(?:has\s+|had\s+)?(?:rose|risen|climbed|reached|stood|stands|was|is)\s+)?(?:to|at|of)?`
/** Words that may follow a casualty count taken from a verb ("killed 12 in a raid"). */
const AFTER_VERB_COUNT = new Set([
  'in', 'on', 'at', 'and', 'or', 'but', 'during', 'when', 'after', 'before', 'while', 'as', 'including',
  'since', 'with', 'near', 'across', 'from', 'of', 'last', 'this', 'yesterday', 'today', 'overnight',
  'outright', 'instantly', 'so', 'by', 'aboard', 'inside',
])

/** Builds the finder from the lexicons; all regular expressions are compiled here, once. */
export function createFigureFinder(lexicon: QuantityLexicon): FigureFinder {
  const { currencies, scales, units } = lexicon

  const numberWords = new Map(Object.entries(scales.numberWords).map(([w, v]) => [w.toLowerCase(), v]))
  const fractions = new Map(Object.entries(scales.fractions).map(([w, v]) => [norm(w), v]))
  const articles = new Map(Object.entries(scales.articles).map(([w, v]) => [w.toLowerCase(), v]))
  const scaleValue = new Map<string, number>()
  for (const s of scales.scales) for (const f of s.forms) scaleValue.set(f.toLowerCase(), s.value)
  const spaced = scales.scales.filter((s) => !s.attached).flatMap((s) => s.forms)
  const attached = scales.scales.filter((s) => s.attached).flatMap((s) => s.forms)

  const tens = [...numberWords].filter(([, v]) => v >= 20 && v % 10 === 0).map(([w]) => w)
  const ones = [...numberWords].filter(([, v]) => v >= 1 && v <= 9).map(([w]) => w)
  /** "twenty-five", "eight", "a" or "half a" before a scale: "half a million". */
  const WORD_NUMBER =
    `(?:(?:${alternation(tens)})-(?:${alternation(ones)})|${alternation(numberWords.keys())})${NOT_LETTER}` +
    `|(?:${alternation([...fractions.keys(), ...articles.keys()])})(?=\\s+(?:${alternation(spaced)})${NOT_LETTER})`
  const NUMBER = `${DIGITS}|${WORD_NUMBER}`
  /** "billion", "mln", "hundred thousand", or against the digits "5m", "2bn". */
  const SCALES = `(?:(?:\\s*(?:${alternation(spaced)})|(?<=\\d)(?:${alternation(attached)}))${NOT_LETTER}){0,2}`
  const QUALIFIER = alternation(units.qualifiers)
  const qualifierBefore = new RegExp(`(?:^|[^a-z])(${QUALIFIER})\\s+$`, 'i')

  // Unit words that follow the number, each mapped to what it makes of the figure.
  interface SuffixUnit {
    readonly unit: string | null
    readonly source: string
    readonly currency?: CurrencyEntry
  }
  const suffixUnits = new Map<string, SuffixUnit>()
  const addSuffix = (forms: readonly string[], u: SuffixUnit): void => {
    for (const f of forms) if (!suffixUnits.has(norm(f))) suffixUnits.set(norm(f), u)
  }
  for (const c of currencies.words) addSuffix(c.forms, { unit: c.code, source: 'quantities/money', currency: c })
  // ISO codes read after the number too: "5 mln USD".
  for (const c of currencies.symbols) {
    addSuffix(c.forms.filter((f) => /^[A-Z]{3}$/.test(f)), { unit: c.code, source: 'quantities/money', currency: c })
  }
  addSuffix(units.percent, { unit: 'percent', source: 'quantities/percent' })
  addSuffix(units.percentagePoints, { unit: 'percentage points', source: 'quantities/percent' })
  for (const m of units.measures) addSuffix(m.forms, { unit: m.unit, source: 'quantities/measure' })
  addSuffix(units.people, { unit: 'people', source: 'quantities/people' })
  addSuffix(units.casualtyNouns, { unit: 'people', source: 'quantities/people' })

  const symbolOf = new Map<string, CurrencyEntry>()
  for (const c of currencies.symbols) for (const f of c.forms) symbolOf.set(f, c)

  const casualtyClass = new Map<string, string>()
  for (const [cls, words] of Object.entries(units.casualties)) {
    for (const w of words) if (!casualtyClass.has(norm(w))) casualtyClass.set(norm(w), cls)
  }
  const CASUALTY = alternation(casualtyClass.keys())
  const casualtyWord = new RegExp(`(?<![a-z])(?:${CASUALTY})${NOT_LETTER}`, 'gi')
  const personNouns = new Set(units.personNouns.map((w) => w.toLowerCase()))
  const intransitive = new Set(units.intransitive.map(norm))
  const AUX = alternation(units.auxiliaries)
  const AUX_PHRASE = `(?:${AUX})(?:\\s+(?:${alternation(units.auxiliaryFollowers)}))*(?:\\s+to\\s+(?:have\\s+been|be))?`
  const quakeWord = new RegExp(`\\b(?:${alternation(units.magnitude.quakeWords)})\\b`, 'i')
  const RICHTER = units.magnitude.richter

  const parseNumber = (raw: string): number | null => {
    const t = norm(raw)
    if (/^[\d.,]+$/.test(t)) return Number(t.replace(/,/g, ''))
    const mixed = MIXED_FRACTION.exec(t)
    if (mixed) return Number(mixed[1]) + Number(mixed[2]) / Number(mixed[3])
    const f = fractions.get(t) ?? articles.get(t)
    if (f !== undefined) return f
    let sum = 0
    for (const w of t.split(/[-\s]+/)) {
      const v = numberWords.get(w)
      if (v === undefined) return null
      sum += v
    }
    return sum
  }
  const parseScale = (raw: string | undefined): number | null => {
    if (!raw || !raw.trim()) return null
    let product = 1
    for (const w of raw.toLowerCase().match(/[a-z]+/g) ?? []) product *= scaleValue.get(w) ?? 1
    return product
  }
  /** Float products ("1.3" × 1e6) rounded back to what the text wrote. */
  const clean = (x: number): number => Number(x.toPrecision(12))

  const qualifierAt = (text: string, at: number): string | null => {
    const q = qualifierBefore.exec(text.slice(Math.max(0, at - 24), at))
    return q?.[1] ? norm(q[1]) : null
  }
  const inDate = (view: SentenceView, start: number, end: number): boolean =>
    view.dates.some((d) => d.start < end && start < d.end)

  /** The nearest word around a count of people that says what it counts. */
  const casualtyNear = (text: string, start: number, end: number): string | null => {
    const from = Math.max(0, start - 30)
    const window = text.slice(from, Math.min(text.length, end + 45))
    let best: { cls: string; distance: number } | null = null
    casualtyWord.lastIndex = 0
    for (let m = casualtyWord.exec(window); m; m = casualtyWord.exec(window)) {
      const a = from + m.index
      const b = a + m[0].length
      const distance = b <= start ? start - b : a >= end ? a - end : 0
      const cls = casualtyClass.get(norm(m[0]))
      if (cls && (!best || distance < best.distance)) best = { cls, distance }
    }
    return best?.cls ?? null
  }

  const resolveCurrency = (entry: CurrencyEntry, view: SentenceView): string | null => {
    if (entry.byCountry) {
      for (const c of view.countries) {
        const code = entry.byCountry[c]
        if (code) return code
      }
    }
    return entry.code
  }

  interface Numbers {
    readonly n1: string
    readonly s1: string | undefined
    readonly n2: string | undefined
    readonly s2: string | undefined
    readonly conn: string | undefined
  }
  /**
   * One or two values from "n1 [s1] [conn n2 [s2]]": a range's first number borrows the
   * second's scale ("$1-2 billion"). "and" makes a range only after "between".
   */
  const valuesOf = (g: Numbers, text: string, at: number): number[] | null => {
    const v1 = parseNumber(g.n1)
    if (v1 === null) return null
    if (!g.n2) {
      const s = parseScale(g.s1)
      return [clean(v1 * (s ?? 1))]
    }
    const v2 = parseNumber(g.n2)
    if (v2 === null) return null
    if (norm(g.conn ?? '') === 'and' && !/\bbetween\s+$/i.test(text.slice(Math.max(0, at - 10), at))) return null
    const s2 = parseScale(g.s2) ?? 1
    const s1 = parseScale(g.s1) ?? s2
    const a = clean(v1 * s1)
    const b = clean(v2 * s2)
    return b > a ? [a, b] : null
  }

  const figure = (
    start: number,
    end: number,
    numberStart: number,
    value: number,
    unit: string,
    source: string,
    qualifier: string | null,
    casualty: string | null = null,
  ): Figure => ({ start, end, numberStart, value, unit, source, qualifier, casualty })

  const rules: Rule[] = []

  // "8 mln stg", "2.5 billion roubles", "10 percent", "30,000 tonnes", "16,000 people",
  // "between 10 and 15 percent".
  const SUFFIX = new RegExp(
    `${NUMBER_START}(?<n1>${NUMBER})(?<s1>${SCALES})` +
      `(?:\\s*(?<conn>${CONNECTOR})\\s*(?<n2>${NUMBER})(?<s2>${SCALES}))?` +
      `(?:\\s*|-)(?<unit>${alternation(suffixUnits.keys())})${NOT_LETTER}`,
    'dgi',
  )
  rules.push({
    re: SUFFIX,
    rank: 1,
    build(m, view) {
      const g = m.groups as Record<string, string | undefined>
      const u = suffixUnits.get(norm(g.unit ?? ''))
      if (!u) return null
      const start = m.index
      const end = start + m[0].length
      if (inDate(view, start, end)) return null
      const n: Numbers = { n1: g.n1 ?? '', s1: g.s1, n2: g.n2, s2: g.s2, conn: g.conn }
      const qualifier = qualifierAt(view.text, start)
      const hasScale = Boolean((g.s1 ?? '').trim() || (g.s2 ?? '').trim())
      let unit = u.unit
      let factor = 1
      if (u.currency) {
        const after = view.text.slice(end).toLowerCase()
        if (u.currency.notFollowedBy?.some((w) => new RegExp(`^\\s+${escape(w)}\\b`).test(after))) return null
        unit = resolveCurrency(u.currency, view)
        factor = u.currency.factor ?? 1
      }
      if (!unit) return null
      // A bare year before a currency word or a people noun is a date: "in 1987 marks ...".
      const guarded = u.currency !== undefined || unit === 'people'
      if (guarded && !hasScale && !qualifier && YEAR.test(n.n1) && !n.n2) return null
      const values = valuesOf(n, view.text, start)
      if (!values) return null
      if (unit === 'people' && values.some((v) => v < 2)) return null
      const casualty = unit === 'people' ? casualtyNear(view.text, start, end) : null
      const figs = values.map((v) => figure(start, end, start, clean(v * factor), unit, u.source, qualifier, casualty))
      return { start, end, rank: 1, figures: figs }
    },
  })

  // "$200 billion", "US$5m", "£750,000", "$1-2 billion".
  const SYMBOLS = alternation(symbolOf.keys())
  const SYMBOL_MONEY = new RegExp(
    `(?<![\\w$£€¥₹₽₩])(?<sym>${SYMBOLS})\\s?(?<n1>${DIGITS})(?<s1>${SCALES})` +
      `(?:\\s*(?<conn>${CONNECTOR})\\s*(?:${SYMBOLS})?\\s?(?<n2>${DIGITS})(?<s2>${SCALES}))?(?![\\d])`,
    'dgi',
  )
  rules.push({
    re: SYMBOL_MONEY,
    rank: 1,
    build(m, view) {
      const g = m.groups as Record<string, string | undefined>
      // Letter symbols are case-sensitive: "DM 5 mln" is marks, "dm" is not.
      const entry = symbolOf.get(g.sym ?? '')
      if (!entry) return null
      const start = m.index
      const end = start + m[0].length
      if (inDate(view, start, end)) return null
      const unit = resolveCurrency(entry, view)
      if (!unit) return null
      const values = valuesOf({ n1: g.n1 ?? '', s1: g.s1, n2: g.n2, s2: g.s2, conn: g.conn }, view.text, start)
      if (!values) return null
      const numberStart = m.indices?.groups?.n1?.[0] ?? start
      const qualifier = qualifierAt(view.text, start)
      const figs = values.map((v) =>
        figure(start, end, numberStart, clean(v * (entry.factor ?? 1)), unit, 'quantities/money', qualifier),
      )
      return { start, end, rank: 1, figures: figs }
    },
  })

  const magnitude = (m: RegExpExecArray, view: SentenceView, needsQuake: boolean): Candidate | null => {
    const g = m.groups as Record<string, string | undefined>
    const n = m.indices?.groups?.n1
    if (!n || !g.n1) return null
    const value = Number(g.n1)
    if (!(value > 0 && value < 10)) return null
    if (needsQuake && !g.richter && !quakeWord.test(view.text)) return null
    const start = g.lead ? n[0] : m.index
    const end = m.index + m[0].length
    if (inDate(view, start, end)) return null
    const qualifier = qualifierAt(view.text, start)
    return {
      start,
      end,
      rank: 1,
      figures: [figure(start, end, n[0], value, 'magnitude', 'quantities/magnitude', qualifier)],
    }
  }
  // "6.2-magnitude", "6.2 magnitude".
  const MAGNITUDE_BEFORE = new RegExp(`${NUMBER_START}(?<n1>${DIGITS})\\s*(?:-\\s*)?magnitude${NOT_LETTER}`, 'dgi')
  rules.push({ re: MAGNITUDE_BEFORE, rank: 1, build: (m, v) => magnitude(m, v, false) })
  // "magnitude 6.2", "magnitude-6.2", "a magnitude of 6.2".
  const MAGNITUDE_AFTER = new RegExp(
    `(?<![a-z])magnitude(?:\\s*-\\s*|\\s+of\\s+|\\s+)(?<n1>${DIGITS})(?![.,]?\\d|%)(?!\\s*(?:percent|pct|per cent))`,
    'dgi',
  )
  rules.push({ re: MAGNITUDE_AFTER, rank: 1, build: (m, v) => magnitude(m, v, false) })
  // "6.5 on the Richter scale"; "measuring 6.5" when the sentence speaks of a quake.
  const RICHTER_SCALE = new RegExp(`${NUMBER_START}(?<n1>${DIGITS})(?<richter>\\s+${RICHTER})`, 'dgi')
  rules.push({ re: RICHTER_SCALE, rank: 1, build: (m, v) => magnitude(m, v, false) })
  const MEASURING = new RegExp(
    `(?<lead>(?<![a-z])(?:measuring|measured\\s+at|measured|registering|registered)\\s+(?:(?:${QUALIFIER})\\s+)?)` +
      `(?<n1>${DIGITS})(?![.,]?\\d)(?<richter>\\s+${RICHTER})?`,
    'dgi',
  )
  rules.push({ re: MEASURING, rank: 1, build: (m, v) => magnitude(m, v, true) })

  // "at least 30 were killed", "12 dead", "five injured", "200 homeless", "1,000 evacuated",
  // "30 Palestinian civilians were killed".
  const CASUALTY_AFTER = new RegExp(
    `${NUMBER_START}(?<n1>${NUMBER})(?<s1>${SCALES})` +
      `(?:\\s*(?<conn>${CONNECTOR})\\s*(?<n2>${NUMBER})(?<s2>${SCALES}))?` +
      `(?<noun>(?:\\s+(?!(?:${AUX}|${CASUALTY})${NOT_LETTER})[a-z][\\w'-]*){1,2})?` +
      `(?:\\s+(?<aux>${AUX_PHRASE}))?\\s+(?<cue>${CASUALTY})${NOT_LETTER}`,
    'dgi',
  )
  rules.push({
    re: CASUALTY_AFTER,
    rank: 2,
    build(m, view) {
      const g = m.groups as Record<string, string | undefined>
      const start = m.index
      const end = start + m[0].length
      if (inDate(view, start, end)) return null
      const cue = norm(g.cue ?? '')
      const cls = casualtyClass.get(cue) ?? null
      if (!cls) return null
      const noun = g.noun?.trim().split(/\s+/) ?? []
      const head = noun[noun.length - 1]?.toLowerCase()
      // Only people are counted: "two sides were hurt" is not a casualty figure.
      if (head !== undefined && !personNouns.has(head)) return null
      const aux = norm(g.aux ?? '')
      // "have hurt relations" is active; "have died" and "have been killed" are not.
      if (/^(?:have|has|had)$/.test(aux) && !intransitive.has(cue)) return null
      const qualifier = qualifierAt(view.text, start)
      if (!qualifier && !g.s1?.trim() && YEAR.test(g.n1 ?? '')) return null
      const values = valuesOf({ n1: g.n1 ?? '', s1: g.s1, n2: g.n2, s2: g.s2, conn: g.conn }, view.text, start)
      if (!values || values.some((v) => v < 2)) return null
      const figs = values.map((v) => figure(start, end, start, v, 'people', 'quantities/casualties', qualifier, cls))
      return { start, end, rank: 2, figures: figs }
    },
  })

  // "killing at least 30", "killed 12 people", "the death toll rose to 30".
  const verbs = units.casualtyVerbs
  const CASUALTY_BEFORE = new RegExp(
    `(?<![a-z])(?<verb>${alternation(verbs)}|${DEATH_TOLL})\\s+(?:(?<qual>${QUALIFIER})\\s+)?` +
      `${NUMBER_START}(?<n1>${NUMBER})(?<s1>${SCALES})(?<noun>\\s+(?:[a-z][\\w-]*\\s+)?(?:${alternation(units.personNouns)}))?${NOT_LETTER}`,
    'dgi',
  )
  rules.push({
    re: CASUALTY_BEFORE,
    rank: 3,
    build(m, view) {
      const g = m.groups as Record<string, string | undefined>
      const start = m.index
      const end = start + m[0].length
      const verb = norm(g.verb ?? '')
      const cls = verb.startsWith('death') ? 'deaths' : casualtyNear(verb, 0, verb.length)
      if (!cls) return null
      if (inDate(view, start, end)) return null
      if (!g.noun) {
        // "killed 12 cattle": the count is of something else.
        const next = /^\s+([a-z]+)/.exec(view.text.slice(end))
        if (next?.[1] && !AFTER_VERB_COUNT.has(next[1])) return null
      }
      if (!g.s1?.trim() && YEAR.test(g.n1 ?? '')) return null
      const value = parseNumber(g.n1 ?? '')
      if (value === null) return null
      const v = clean(value * (parseScale(g.s1) ?? 1))
      if (v < 2) return null
      const numberStart = m.indices?.groups?.n1?.[0] ?? start
      const qualifier = g.qual ? norm(g.qual) : null
      // "killed at least 9 villagers" spans "9 villagers"; with no noun the verb is the unit:
      // "wounded 17".
      const from = g.noun ? numberStart : start
      return {
        start: from,
        end,
        rank: 3,
        figures: [figure(from, end, numberStart, v, 'people', 'quantities/casualties', qualifier, cls)],
      }
    },
  })

  const ELIDED = new RegExp(
    `(?<![a-z])(?:from|against|versus|vs\\.?|compared\\s+with|to|and|or)\\s+(?:(?:${QUALIFIER})\\s+)?` +
      `${NUMBER_START}(?<n1>${DIGITS})(?<s1>${SCALES})${NOT_LETTER}`,
    'dgi',
  )
  const anyNumber = new RegExp(`\\d|\\b(?:${alternation([...numberWords.keys(), ...spaced])})\\b`, 'i')
  return {
    mayHold: (text) => anyNumber.test(text),
    find(view) {
      const candidates: Candidate[] = []
      for (const rule of rules) {
        rule.re.lastIndex = 0
        for (let m = rule.re.exec(view.text); m; m = rule.re.exec(view.text)) {
          const c = rule.build(m, view)
          if (c) candidates.push(c)
          // A rejected match may hide a shorter one that starts inside it.
          else rule.re.lastIndex = m.index + 1
        }
      }
      candidates.sort((a, b) => a.rank - b.rank || b.end - b.start - (a.end - a.start) || a.start - b.start)
      const kept: Candidate[] = []
      for (const c of candidates) {
        if (kept.every((k) => k.end <= c.start || c.end <= k.start)) kept.push(c)
      }
      kept.sort((a, b) => a.start - b.start)
      const figures = kept.flatMap((c) => c.figures)
      // "widened to 5.3 billion dlrs in March from 4.6 billion in February": a scaled number
      // after a comparison word takes the unit of the figure before it.
      ELIDED.lastIndex = 0
      for (let m = ELIDED.exec(view.text); m; m = ELIDED.exec(view.text)) {
        const g = m.groups as Record<string, string | undefined>
        const start = m.indices?.groups?.n1?.[0] ?? m.index
        const end = m.index + m[0].length
        if (!g.s1?.trim() || kept.some((k) => k.start < end && start < k.end) || inDate(view, start, end)) continue
        const prior = figures.filter((f) => f.end <= start && !UNSHARED.has(f.unit)).pop()
        const value = parseNumber(g.n1 ?? '')
        if (!prior || value === null) continue
        const v = clean(value * (parseScale(g.s1) ?? 1))
        figures.push(figure(start, end, start, v, prior.unit, 'quantities/elided-unit', qualifierAt(view.text, start)))
      }
      return figures.sort((a, b) => a.start - b.start)
    },
  }
}
