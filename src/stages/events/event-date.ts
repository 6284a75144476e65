import type { DateAnnotation, Range, TokenAnnotation } from '../../core/annotation.js'
import { tokenSpan } from './sentence-actors.js'

/**
 * Words that open a clause of their own: a time expression behind one of them dates that
 * clause, not the act ("offered condolences over the earthquake *that* shook Norway last week").
 */
const CLAUSE_OPENERS = new Set(['that', 'which', 'who', 'whom', 'whose', 'where', 'when', 'while', 'after', 'before', 'since', 'because', 'although', 'though', 'until', 'unless', 'if'])

/**
 * Words before a time expression that make it a period or deadline of the act's content, not the
 * day of the act ("agreed to hold patrols *from* next year", "pledged aid *by* 2030").
 */
const PERIOD_WORDS = new Set(['from', 'until', 'till', 'by', 'through', 'starting', 'beginning', 'within'])

/**
 * Whether a date value lies after the reference day, compared in the date's own precision
 * (`2024` is not after `2024-06-04`; `2024-07` is).
 */
function after(value: string, reference: string): boolean {
  const start = value.split('/')[0] ?? value
  return start.length > 0 && start > reference.slice(0, start.length)
}

/**
 * The day an event happened: the time expression of its sentence that dates the trigger's own
 * clause, nearest the trigger; else the reference day (the dateline's). Every coded act, done,
 * promised or refused, happened by the day it was reported, so a later date is the plan's ("will
 * meet next month") and is passed over. So is a time expression behind a clause opener or an
 * infinitive after the trigger ("agreed *to hold* talks next week"), one in a clause of its own
 * before it ("X, who arrived on Monday, met Y"), a period or deadline ("from next year"), and the
 * period of a figure ("2.4 billion in 1986"). Beyond a comma a date is a weaker candidate.
 */
export function eventDate(
  trigger: TokenAnnotation,
  toks: readonly TokenAnnotation[],
  dates: readonly DateAnnotation[],
  figures: readonly Range[],
  reference: string | null,
): string | null {
  if (dates.length === 0) return reference
  const k = toks.indexOf(trigger)
  let best: { value: string; cost: number } | null = null
  for (const d of dates) {
    const span = tokenSpan(toks, d.start, d.end)
    if (!span) continue
    const [first, last] = span
    if (first > 0 && PERIOD_WORDS.has((toks[first - 1] as TokenAnnotation).lower)) continue
    if (reference && after(d.value, reference)) continue
    if (isFigurePeriod(toks, first, figures)) continue
    const later = first > k
    if (later ? separatedAfter(toks, k + 1, first) : separatedBefore(toks, first, last, k)) continue
    const [from, to] = later ? [k + 1, first] : [last + 1, k]
    const comma = toks.slice(from, to).some((t) => t.text === ',') && !(!later && opensSentence(toks, last))
    const cost = (later ? first - k : k - last) + (comma ? 20 : 0)
    if (!best || cost < best.cost) best = { value: d.value, cost }
  }
  return best?.value ?? reference
}

/** Does the date at token `first` follow a figure within three words ("2.4 billion dlrs in 1986")? */
function isFigurePeriod(toks: readonly TokenAnnotation[], first: number, figures: readonly Range[]): boolean {
  for (let j = first - 1; j >= Math.max(0, first - 3); j--) {
    const t = toks[j] as TokenAnnotation
    if (figures.some((f) => t.start >= f.start && t.end <= f.end)) return true
  }
  return false
}

/** "On Monday, ...": a time expression that opens the sentence, up to its comma, dates the main clause. */
function opensSentence(toks: readonly TokenAnnotation[], last: number): boolean {
  const opening = toks.slice(0, last + 1)
  return opening.length <= 5 && toks[last + 1]?.text === ',' && opening.every((t) => t.pos !== 'VERB')
}

function opens(t: TokenAnnotation): boolean {
  return CLAUSE_OPENERS.has(t.lower) && (t.pos === 'SCONJ' || t.pos === 'PRON' || t.pos === 'ADV' || t.lower === 'that')
}

/** Does a clause or an infinitive open between the trigger and a later date (`toks[from..to)`)? */
function separatedAfter(toks: readonly TokenAnnotation[], from: number, to: number): boolean {
  for (let j = from; j < to; j++) {
    const t = toks[j] as TokenAnnotation
    if (opens(t) || t.text === ';' || (t.lower === 'to' && toks[j + 1]?.pos === 'VERB')) return true
  }
  return false
}

/**
 * Does an earlier date (tokens `first..last`) sit in a clause of its own that closes before the
 * trigger `k` ("X, who arrived on Monday, met Y"; "After talks that ended on Monday, X met Y")?
 */
function separatedBefore(toks: readonly TokenAnnotation[], first: number, last: number, k: number): boolean {
  for (let j = last + 1; j < k; j++) if ((toks[j] as TokenAnnotation).text === ';') return true
  let opener = -1
  for (let j = first - 1; j >= 0; j--) {
    const t = toks[j] as TokenAnnotation
    if (t.text === ',' || t.text === ';') break
    if (opens(t)) {
      opener = j
      break
    }
  }
  if (opener < 0) return false
  for (let j = last + 1; j < k; j++) if ((toks[j] as TokenAnnotation).text === ',') return true
  return false
}
