/**
 * The dates stage: finds time expressions and resolves them against the reference day the
 * dateline gives — a day `2023-12-20`, a month `2018-08`, a year `2024`, or an interval of days
 * or years (`2023-01-01/2023-11-30`, `2024/2025`).
 */
import type { Annotation, DateAnnotation, TokenAnnotation } from '../../core/annotation.js'
import { annotationsOf, type Document } from '../../core/document.js'
import type { Stage, StageContext } from '../../core/stage.js'
import { parseIsoDay, type Day, type Direction } from './calendar.js'
import type { DateCandidate, DateChunk, DateRule } from './date-rule.js'
import { bareYear } from './rules/bare-year.js'
import { createChronoRule } from './rules/chrono-dates.js'
import { firstNMonths } from './rules/first-n-months.js'
import { relativeWeek } from './rules/relative-week.js'
import { relativeWeekday } from './rules/relative-weekday.js'
import { yearRange } from './rules/year-range.js'
import { directionNear, tenseCues, type TenseCue } from './tense.js'

export interface DatesStageOptions {
  /**
   * Where a weekday or a year-less date goes when its sentence has no tense to say: `false`
   * (default) takes the nearest one, `true` the next one (chrono's `forwardDate`).
   */
  readonly forwardDate?: boolean
}

/**
 * Builds the dates stage. It needs sentences, tokens and the dateline, and runs each rule once
 * per sentence and once over the dateline.
 *
 * @example
 * const stages = [createSegmentStage(), createDatelineStage(options), createDatesStage()]
 * const doc = createPipeline(stages).run(article, ctx)
 * annotationsOf(doc, 'date') // [{ text: 'Wednesday', value: '2023-12-20', grain: 'day', ... }]
 */
export function createDatesStage(options: DatesStageOptions = {}): Stage {
  const fallback: Direction = options.forwardDate ? 'future' : 'nearest'
  // Every rule sees every chunk; overlaps are settled afterwards by length, then priority, so
  // the order here does not decide anything. Chrono's parser is built once, here.
  const rules: readonly DateRule[] = [
    createChronoRule(),
    firstNMonths,
    yearRange,
    relativeWeekday,
    relativeWeek,
    bareYear,
  ]
  return {
    name: 'dates',
    requires: ['sentence', 'token', 'dateline'],
    produces: ['date'],
    run: function dates(doc: Document, ctx: StageContext): Annotation[] {
      const dateline = annotationsOf(doc, 'dateline')[0]
      const reference = dateline?.date ? parseIsoDay(dateline.date) : null
      const chunks: DateChunk[] = []
      // The segmenter leaves the dateline ("MOSCOW, March 31 -") out of the sentences, but the
      // date it writes is a date expression of the text like any other.
      if (dateline && dateline.end > dateline.start) {
        chunks.push(createChunk(doc.text, dateline.start, dateline.end, [], reference, fallback))
      }
      const tokens = tokensBySentence(annotationsOf(doc, 'token'))
      for (const sentence of annotationsOf(doc, 'sentence')) {
        const own = tokens.get(sentence.index) ?? []
        chunks.push(createChunk(doc.text, sentence.start, sentence.end, own, reference, fallback))
      }
      const candidates: DateCandidate[] = []
      for (const chunk of chunks) for (const rule of rules) candidates.push(...rule(chunk))
      const kept = settleOverlaps(candidates)
      ctx.debug('dates', `${candidates.length} candidates, ${kept.length} kept`)
      return kept.map((c, i) => toAnnotation(doc.text, c, i))
    },
  }
}

function tokensBySentence(tokens: readonly TokenAnnotation[]): Map<number, TokenAnnotation[]> {
  const out = new Map<number, TokenAnnotation[]>()
  for (const t of tokens) {
    const list = out.get(t.sentence)
    if (list) list.push(t)
    else out.set(t.sentence, [t])
  }
  return out
}

function createChunk(
  text: string,
  start: number,
  end: number,
  tokens: readonly TokenAnnotation[],
  reference: Day | null,
  fallback: Direction,
): DateChunk {
  // Tense cues cost a pass over the tokens; only weekday and year-less dates ask for them.
  let cues: readonly TenseCue[] | null = null
  const tokenAt = (offset: number): number => {
    let lo = 0
    let hi = tokens.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((tokens[mid] as TokenAnnotation).end <= offset) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  return {
    text,
    start,
    end,
    tokens,
    reference,
    tokenAt,
    directionAt(offset) {
      cues ??= tenseCues(tokens)
      return directionNear(cues, tokenAt(offset), fallback)
    },
  }
}

/**
 * Keeps the longest of overlapping candidates ("first 11 months of this year" over "this year",
 * "August 2018" over "2018"), the higher priority among equals; identical spans from the
 * dateline and a sentence collapse to one.
 */
function settleOverlaps(candidates: readonly DateCandidate[]): DateCandidate[] {
  const ranked = [...candidates].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || b.priority - a.priority || a.start - b.start,
  )
  const kept: DateCandidate[] = []
  for (const c of ranked) {
    if (kept.every((k) => c.end <= k.start || c.start >= k.end)) kept.push(c)
  }
  return kept.sort((a, b) => a.start - b.start)
}

function toAnnotation(text: string, c: DateCandidate, index: number): DateAnnotation {
  return {
    kind: 'date',
    id: `d${index}`,
    start: c.start,
    end: c.end,
    text: text.slice(c.start, c.end),
    source: c.source,
    value: c.value,
    grain: c.grain,
    certainty: c.certainty,
  }
}
