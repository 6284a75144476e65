import type {
  Annotation,
  DateAnnotation,
  MentionAnnotation,
  QuantityAnnotation,
  Range,
  SentenceAnnotation,
  TokenAnnotation,
} from '../../core/annotation.js'
import { annotationsOf, type Document } from '../../core/document.js'
import type { Stage, StageContext } from '../../core/stage.js'
import { createFigureContext } from './figure-context.js'
import { createFigureFinder } from './figure-finder.js'
import { loadQuantityLexicon, type QuantityLexicon } from './quantity-lexicon.js'

/** Options of `createQuantitiesStage`. */
export interface QuantitiesStageOptions {
  /** The unit lexicons; read from `data/units/` when absent. */
  readonly lexicon?: QuantityLexicon
}

/** The annotations of one kind that fall inside `[start, end)`, from a list in text order. */
function within<T extends Range>(list: readonly T[], start: number, end: number): T[] {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (list[mid]!.start < start) lo = mid + 1
    else hi = mid
  }
  const out: T[] = []
  for (let i = lo; i < list.length && list[i]!.start < end; i++) if (list[i]!.end <= end) out.push(list[i]!)
  return out
}

/**
 * The quantities stage: figures with their unit — money (ISO 4217), percentages, earthquake
 * magnitudes, counts of people, tonnes, distances — each with the qualifier the text gives
 * ("up to"), what it measures, the period a date in its sentence gives it, and the countries it
 * passes between. Sentences are scanned with regular expressions compiled once per stage.
 *
 * @example
 * const pipeline = createPipeline([createSegmentStage(), entities, dates, createQuantitiesStage()])
 * // "Britain has granted Mozambique about eight mln sterling for food aid"
 * // → { text: 'eight mln sterling', value: 8000000, unit: 'GBP', qualifier: 'about',
 * //     measure: 'food aid', parties: ['GBR', 'MOZ'] }
 */
export function createQuantitiesStage(options: QuantitiesStageOptions = {}): Stage {
  const lexicon = options.lexicon ?? loadQuantityLexicon()
  const finder = createFigureFinder(lexicon)
  const context = createFigureContext(lexicon)
  return {
    name: 'quantities',
    requires: ['sentence', 'token', 'mention', 'date'],
    produces: ['quantity'],
    run: function quantities(doc: Document, ctx: StageContext): Annotation[] {
      const text = doc.text
      const sentences: readonly SentenceAnnotation[] = annotationsOf(doc, 'sentence')
      const tokens: readonly TokenAnnotation[] = annotationsOf(doc, 'token')
      const mentions: readonly MentionAnnotation[] = annotationsOf(doc, 'mention')
      const dates: readonly DateAnnotation[] = annotationsOf(doc, 'date')
      const articleCountries: string[] = []
      for (const m of mentions) if (m.country && !articleCountries.includes(m.country)) articleCountries.push(m.country)

      const out: QuantityAnnotation[] = []
      for (const sentence of sentences) {
        if (!finder.mayHold(sentence.text)) continue
        const sMentions = within(mentions, sentence.start, sentence.end)
        const sDates = within(dates, sentence.start, sentence.end)
        const sentenceCountries = sMentions.flatMap((m) => (m.country ? [m.country] : []))
        const figures = finder.find({
          text: sentence.text,
          countries: [...new Set([...sentenceCountries, ...articleCountries])],
          dates: sDates.map((d) => ({ start: d.start - sentence.start, end: d.end - sentence.start })),
        })
        if (figures.length === 0) continue
        const sc = {
          start: sentence.start,
          text: sentence.text,
          tokens: within(tokens, sentence.start, sentence.end),
          mentions: sMentions,
          dates: sDates,
        }
        for (const f of figures) {
          const start = sentence.start + f.start
          const end = sentence.start + f.end
          const q: QuantityAnnotation = {
            kind: 'quantity',
            id: `q${out.length}`,
            start,
            end,
            text: text.slice(start, end),
            source: f.source,
            value: f.value,
            unit: f.unit,
            measure: context.measure(f, sc),
            period: context.period(f, sc),
            parties: context.parties(f, sc),
            qualifier: f.qualifier,
          }
          ctx.debug('quantities', `${q.id} ${q.source} '${q.text}' = ${q.value} ${q.unit}`)
          out.push(q)
        }
      }
      return out
    },
  }
}
