import type {
  Annotation,
  DateAnnotation,
  EntityAnnotation,
  IncidentAnnotation,
  MentionAnnotation,
  QuantityAnnotation,
  Range,
  SentenceAnnotation,
  TokenAnnotation,
} from '../../core/annotation.js'
import { annotationsOf, type Document } from '../../core/document.js'
import type { Stage, StageContext } from '../../core/stage.js'
import { loadIncidentLexicon, type IncidentLexicon } from './incident-lexicon.js'

/** Options of `createIncidentsStage`. */
export interface IncidentsStageOptions {
  /** Kinds and cue words; read from `data/incidents/kinds.json` when absent. */
  readonly lexicon?: IncidentLexicon
  /**
   * An incident the lead sentence reports with no date of its own takes the date in the
   * dateline: a wire lead tells the news of its day ("WELLINGTON, March 2 - An earthquake ...").
   * Default true.
   */
  readonly leadDate?: boolean
}

/** One incident as it is gathered over the article; merged by kind. */
interface Draft {
  readonly kind: string
  readonly span: Range
  place: string | null
  /** Whether `place` names a place rather than a whole country (a more specific one may replace it). */
  placeIsSpecific: boolean
  country: string | null
  magnitude: number | null
  deaths: number | null
  injured: number | null
  date: string | null
  readonly sentence: number
}

interface Trigger extends Range {
  readonly kind: string
}

interface Found {
  readonly place: string | null
  readonly specific: boolean
  readonly country: string | null
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
const alternation = (forms: Iterable<string>): string =>
  [...new Set(forms)]
    .sort((a, b) => b.length - a.length)
    .map((f) => escape(f).replace(/ +/g, '\\s+'))
    .join('|')
const NOT_LETTER = '(?![A-Za-z])'
/** Clause breaks: "No deaths were reported but one man was admitted to hospital". */
const CLAUSE_BREAK = /;|,\s+(?:and|but|while|whereas|although)\s+|\s+but\s+/g
/** Parts of speech that make an -ing trigger a verb with an object ("aimed at flooding large areas"). */
const OBJECT_POS = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM', 'PRON'])
const SUBJECT_POS = new Set(['NOUN', 'PROPN', 'PRON'])
/** Words that open an object noun phrase after a verb. */
const OBJECT_OPENERS = new Set(['his', 'her', 'their', 'its', 'our', 'my', 'your', 'the', 'a', 'an'])

function lowerBound<T extends Range>(list: readonly T[], offset: number): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (list[mid]!.start < offset) lo = mid + 1
    else hi = mid
  }
  return lo
}

function within<T extends Range>(list: readonly T[], start: number, end: number): T[] {
  const out: T[] = []
  for (let i = lowerBound(list, start); i < list.length && list[i]!.start < end; i++) {
    if (list[i]!.end <= end) out.push(list[i]!)
  }
  return out
}

/** The stretch of a sentence between the commas around a range. */
function commaSegment(text: string, r: Range): Range {
  const start = text.lastIndexOf(',', r.start) + 1
  const comma = text.indexOf(',', r.end)
  return { start, end: comma < 0 ? text.length : comma }
}

const distance = (a: Range, b: Range): number => (a.end <= b.start ? b.start - a.end : b.end <= a.start ? a.start - b.end : 0)

/**
 * The incidents stage: disasters and accidents that happen without actors — earthquakes, floods,
 * droughts, famines, landslides, storms, fires, explosions, crashes, shipwrecks, epidemics,
 * eruptions, tsunamis — with where they struck, their magnitude, deaths, injured and date.
 * Later mentions of the same kind in an article ("the quake") fill in the first one.
 *
 * @example
 * // "Mishustin extended condolences on the recent 6.2-magnitude earthquake hitting northwest
 * //  China's Gansu Province."
 * // → { text: '6.2-magnitude earthquake', incidentKind: 'earthquake', place: 'Gansu',
 * //     country: 'CHN', magnitude: 6.2 }
 */
export function createIncidentsStage(options: IncidentsStageOptions = {}): Stage {
  const lexicon = options.lexicon ?? loadIncidentLexicon()
  const leadDate = options.leadDate ?? true

  const sudden = new Set(Object.entries(lexicon.kinds).flatMap(([k, v]) => (v.onset === 'sudden' ? [k] : [])))
  const kindOf = new Map<string, string>()
  const nouns = new Set<string>()
  for (const [kind, words] of Object.entries(lexicon.kinds)) {
    for (const w of words.phrases) kindOf.set(w.toLowerCase().replace(/\s+/g, ' '), kind)
    for (const w of words.nouns) {
      kindOf.set(w.toLowerCase(), kind)
      nouns.add(w.toLowerCase())
    }
  }
  const TRIGGER = new RegExp(`(?<![A-Za-z])(?:${alternation(kindOf.keys())})${NOT_LETTER}`, 'gi')
  const EXCLUSION = new RegExp(`(?<![A-Za-z])(?:${alternation(lexicon.exclusions)})${NOT_LETTER}`, 'gi')
  const PLACE_CUE = new RegExp(`(?<![A-Za-z])(?:${alternation(lexicon.placeCues)})\\s+`, 'gi')
  const PASSIVE = new RegExp(
    `\\s+(?:was|were|has\\s+been|have\\s+been|had\\s+been|is|are)\\s+(?:${alternation(lexicon.passiveCues)})\\s+by\\s+(?:[\\w.-]+\\s+){0,3}$`,
    'i',
  )
  const STRICKEN = new RegExp(`^-(?:${alternation(lexicon.stricken)})${NOT_LETTER}`, 'i')
  const DEATH_CUE = new RegExp(`(?<![A-Za-z])(?:${alternation(lexicon.casualtyCues.deaths)})${NOT_LETTER}`, 'gi')
  const INJURY_CUE = new RegExp(`(?<![A-Za-z])(?:${alternation(lexicon.casualtyCues.injured)})${NOT_LETTER}`, 'gi')
  const single = lexicon.singleCasualty
  const SINGLE = new RegExp(
    `(?<![A-Za-z])(?:one|a|an)\\s+(?:[a-z]+\\s+)?(?:${alternation(single.persons)})\\s+(?:was|has\\s+been|had\\s+been|is)\\s+(?:[a-z]+\\s+)?` +
      `(?:(?<dead>${alternation(single.deaths)})|(?<hurt>${alternation(single.injured)}))${NOT_LETTER}`,
    'i',
  )
  const NO_DEATHS = new RegExp(`(?<![A-Za-z])(?:${alternation(lexicon.noCasualties.deaths)})${NOT_LETTER}`, 'i')
  const NO_INJURED = new RegExp(`(?<![A-Za-z])(?:${alternation(lexicon.noCasualties.injured)})${NOT_LETTER}`, 'i')

  /** The nearest cue around a count: does it count the dead or the injured? */
  const casualtyClass = (text: string, at: Range): 'deaths' | 'injured' | null => {
    let best: { cls: 'deaths' | 'injured'; d: number } | null = null
    for (const [re, cls] of [
      [DEATH_CUE, 'deaths'],
      [INJURY_CUE, 'injured'],
    ] as const) {
      re.lastIndex = 0
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const d = distance(at, { start: m.index, end: m.index + m[0].length })
        if (d <= 40 && (!best || d < best.d)) best = { cls, d }
      }
    }
    return best?.cls ?? null
  }

  return {
    name: 'incidents',
    requires: ['sentence', 'token', 'entity', 'mention', 'date', 'quantity'],
    produces: ['incident'],
    run: function incidents(doc: Document, ctx: StageContext): Annotation[] {
      const text = doc.text
      const sentences: readonly SentenceAnnotation[] = annotationsOf(doc, 'sentence')
      const tokens: readonly TokenAnnotation[] = annotationsOf(doc, 'token')
      const mentions: readonly MentionAnnotation[] = annotationsOf(doc, 'mention')
      const dates: readonly DateAnnotation[] = annotationsOf(doc, 'date')
      const quantities: readonly QuantityAnnotation[] = annotationsOf(doc, 'quantity')
      const entityName = new Map<string, string>()
      for (const e of annotationsOf(doc, 'entity') as readonly EntityAnnotation[]) entityName.set(e.id, e.name)

      const places = mentions.filter(
        (m) => m.entityType === 'place' || m.entityType === 'country' || (m.entityType === null && m.country !== null && m.form === 'demonym'),
      )
      const nameOf = (m: MentionAnnotation): string => entityName.get(m.refs[0] ?? '') ?? m.text
      const foundAt = (m: MentionAnnotation): Found => ({
        place: nameOf(m),
        specific: m.entityType === 'place',
        country: m.country,
      })

      const drafts = new Map<string, Draft>()
      const order: Draft[] = []
      let last: Draft | null = null
      const firstBody = sentences.find((s) => s.role === 'body')

      const triggersIn = (s: SentenceAnnotation): Trigger[] => {
        const out: Trigger[] = []
        TRIGGER.lastIndex = 0
        let excluded: Range[] | null = null
        for (let m = TRIGGER.exec(s.text); m; m = TRIGGER.exec(s.text)) {
          // Most sentences have no trigger: look for exclusions only in those that do.
          if (excluded === null) {
            excluded = []
            EXCLUSION.lastIndex = 0
            for (let x = EXCLUSION.exec(s.text); x; x = EXCLUSION.exec(s.text)) {
              excluded.push({ start: x.index, end: x.index + x[0].length })
            }
          }
          const word = m[0].toLowerCase().replace(/\s+/g, ' ')
          const kind = kindOf.get(word)
          const r = { start: m.index, end: m.index + m[0].length }
          if (!kind || excluded.some((x) => x.start < r.end && r.start < x.end)) continue
          if (nouns.has(word)) {
            const at = lowerBound(tokens, s.start + r.start)
            const tok = tokens[at]
            if (tok && (tok.pos === 'VERB' || tok.pos === 'AUX')) {
              // "Heavy flooding killed 12" is a noun the tagger calls a verb; "aimed at
              // flooding large areas" is a verb: it takes an object.
              const next = tokens[at + 1]
              if (!word.endsWith('ing') || (next && next.sentence === tok.sentence && OBJECT_POS.has(next.pos))) continue
            }
            // "The minister fires his critics": a subject, an -s form and an object read as a
            // verb, whatever the tagger says.
            const before = tokens[at - 1]
            const after = tokens[at + 1]
            if (
              tok &&
              /[^s]s$/.test(word) &&
              before?.sentence === tok.sentence &&
              SUBJECT_POS.has(before.pos) &&
              after?.sentence === tok.sentence &&
              OBJECT_OPENERS.has(after.lower)
            ) {
              continue
            }
          }
          out.push({ kind, ...r })
        }
        return out
      }

      /** Where a trigger happened, by the strongest cue its sentence gives. */
      const placeOf = (s: SentenceAnnotation, t: Trigger, sPlaces: readonly MentionAnnotation[], clauseEnd: number): Found | null => {
        const rel = (m: MentionAnnotation): Range => ({ start: m.start - s.start, end: m.end - s.start })
        // "the drought-stricken Asian country": the country last named.
        if (STRICKEN.test(s.text.slice(t.end))) {
          const after = sPlaces.find((m) => rel(m).start >= t.end && rel(m).start - t.end < 40)
          if (after) return foundAt(after)
          const before = [...places].reverse().find((m) => m.end <= s.start + t.start && m.country !== null)
          return before ? foundAt(before) : null
        }
        // "... earthquake hitting northwest China's Gansu Province", "... damage in northern
        // New Zealand": the first cue after the trigger followed by a place, the most specific
        // of the names that follow it.
        PLACE_CUE.lastIndex = t.end
        for (let m = PLACE_CUE.exec(s.text); m && m.index < clauseEnd; m = PLACE_CUE.exec(s.text)) {
          const from = m.index + m[0].length
          const near = sPlaces.filter((p) => {
            const r = rel(p)
            return r.start >= from && r.start - from <= 40 && r.start < clauseEnd
          })
          const first = near[0]
          if (!first || !/^(?:[a-z]+\s+){0,2}$/.test(s.text.slice(from, rel(first).start))) continue
          return foundAt(near.find((p) => p.entityType === 'place') ?? first)
        }
        // "Whakatane was hit by three earthquakes".
        const passive = PASSIVE.exec(s.text.slice(0, t.start))
        if (passive) {
          const subject = [...sPlaces].reverse().find((p) => rel(p).end <= passive.index + 1)
          if (subject) return foundAt(subject)
        }
        // Else the nearest name, first within the trigger's stretch between commas: a trailing
        // ", the British High Commission announced" says who reports, not where.
        const segment = commaSegment(s.text, t)
        const inSegment = sPlaces.filter((p) => rel(p).start >= segment.start && rel(p).end <= segment.end)
        let nearest: MentionAnnotation | null = null
        for (const p of inSegment.length ? inSegment : sPlaces) {
          if (!nearest || distance(rel(p), t) < distance(rel(nearest), t)) nearest = p
        }
        return nearest ? foundAt(nearest) : null
      }

      const clausesOf = (s: SentenceAnnotation): Range[] => {
        const out: Range[] = []
        let from = 0
        CLAUSE_BREAK.lastIndex = 0
        for (let m = CLAUSE_BREAK.exec(s.text); m; m = CLAUSE_BREAK.exec(s.text)) {
          out.push({ start: from, end: m.index })
          from = m.index + m[0].length
        }
        out.push({ start: from, end: s.text.length })
        return out
      }

      const merge = (draft: Draft, found: Found | null, magnitude: number | null, date: string | null): void => {
        if (found) {
          const sameCountry = !draft.country || !found.country || draft.country === found.country
          if (draft.place === null || (!draft.placeIsSpecific && found.specific && sameCountry)) {
            draft.place = found.place
            draft.placeIsSpecific = found.specific
          }
          draft.country ??= found.country
        }
        draft.magnitude ??= magnitude
        draft.date ??= date
      }

      for (const s of sentences) {
        const triggers = triggersIn(s)
        const sQuantities = within(quantities, s.start, s.end)
        if (triggers.length === 0) {
          // A sentence without a trigger only adds casualties to the incident last spoken of.
          if (last === null) continue
          const casualties =
            sQuantities.some((q) => q.unit === 'people') || NO_DEATHS.test(s.text) || NO_INJURED.test(s.text) || SINGLE.test(s.text)
          if (!casualties) continue
        }
        const sPlaces = within(places, s.start, s.end)
        const sDates = within(dates, s.start, s.end)
        for (const clause of clausesOf(s)) {
          const inClause = triggers.filter((t) => t.start >= clause.start && t.start < clause.end)
          let here: Draft | null = null
          for (const t of inClause) {
            const magnitudeQ = sQuantities
              .filter((q) => q.unit === 'magnitude')
              .sort((a, b) => distance(rel(a), t) - distance(rel(b), t))[0]
            const date = [...sDates].sort((a, b) => distance(rel(a), t) - distance(rel(b), t))[0]?.value ?? null
            const found = placeOf(s, t, sPlaces, clause.end)
            let draft = drafts.get(t.kind)
            if (!draft) {
              draft = {
                kind: t.kind,
                span: spanWithMagnitude(t, magnitudeQ),
                place: null,
                placeIsSpecific: false,
                country: null,
                magnitude: null,
                deaths: null,
                injured: null,
                date: null,
                sentence: s.index,
              }
              drafts.set(t.kind, draft)
              order.push(draft)
            }
            merge(draft, found, magnitudeQ?.value ?? null, date)
            here ??= draft
            last = draft
          }
          // Casualties of a clause go to its incident, or to the one last spoken of.
          const target = here ?? last
          if (!target) continue
          const clauseText = s.text.slice(clause.start, clause.end)
          let deaths: number | null = NO_DEATHS.test(clauseText) ? 0 : null
          let injured: number | null = NO_INJURED.test(clauseText) ? 0 : null
          for (const q of sQuantities) {
            const r = rel(q)
            if (q.unit !== 'people' || r.start < clause.start || r.start >= clause.end) continue
            const cls =
              q.measure === 'deaths' || q.measure === 'injured'
                ? q.measure
                : q.measure === null
                  ? casualtyClass(clauseText, { start: r.start - clause.start, end: r.end - clause.start })
                  : null
            if (cls === 'deaths') deaths = Math.max(deaths ?? 0, q.value)
            if (cls === 'injured') injured = Math.max(injured ?? 0, q.value)
          }
          const one = SINGLE.exec(clauseText)
          if (one?.groups?.dead) deaths ??= 1
          if (one?.groups?.hurt) injured ??= 1
          target.deaths ??= deaths
          target.injured ??= injured
        }

        function rel(a: Range): Range {
          return { start: a.start - s.start, end: a.end - s.start }
        }
        function spanWithMagnitude(t: Trigger, q: QuantityAnnotation | undefined): Range {
          const span = { start: s.start + t.start, end: s.start + t.end }
          if (!q) return span
          // "6.2-magnitude earthquake", "earthquake measuring 6.5 on the Richter scale".
          if (q.end <= span.start && /^[\s-]*$/.test(text.slice(q.end, span.start))) return { start: q.start, end: span.end }
          const gap = text.slice(span.end, q.start)
          if (q.start >= span.end && /^\s*(?:(?:measuring|registering|of\s+magnitude|with\s+a\s+magnitude\s+of|of)\s*)?$/i.test(gap)) {
            return { start: span.start, end: q.end }
          }
          return span
        }
      }

      if (leadDate && firstBody) {
        // The dateline's date: a date expression before the lead sentence, outside any sentence.
        const datelineDate = dates.find(
          (d) => d.end <= firstBody.start && !sentences.some((s) => s.start <= d.start && d.end <= s.end),
        )
        for (const d of order) {
          if (d.date === null && d.sentence === firstBody.index && sudden.has(d.kind) && datelineDate) {
            d.date = datelineDate.value
          }
        }
      }
      // An incident told after another and not placed itself ("his car was buried in a mud
      // slip", after the quake) happened where the one before it did.
      for (const [i, d] of order.entries()) {
        const placed = order.slice(0, i).find((p) => p.place !== null || p.country !== null)
        if (placed && d.place === null && d.country === null) {
          d.place = placed.place
          d.placeIsSpecific = placed.placeIsSpecific
          d.country = placed.country
        }
      }

      return order.map((d, i): IncidentAnnotation => {
        const a: IncidentAnnotation = {
          kind: 'incident',
          id: `i${i}`,
          start: d.span.start,
          end: d.span.end,
          text: text.slice(d.span.start, d.span.end),
          source: 'incidents/trigger',
          incidentKind: d.kind,
          place: d.place,
          country: d.country,
          magnitude: d.magnitude,
          deaths: d.deaths,
          injured: d.injured,
          date: d.date,
        }
        ctx.debug('incidents', `${a.id} ${a.incidentKind} '${a.text}' place=${a.place} country=${a.country}`)
        return a
      })
    },
  }
}
