/**
 * A test stand-in for the dateline, entities and dates stages, for the stages that read their
 * annotations (quantities, incidents): rows name mentions and dates by their text.
 */
import assert from 'node:assert/strict'
import type { Annotation, DateAnnotation } from '../core/annotation.js'
import type { Stage } from '../core/stage.js'

/** What a test row says the fake upstream stages found: mentions and dates, by their text. */
export interface Given {
  readonly mentions?: ReadonlyArray<readonly [text: string, country: string, type?: 'country' | 'place']>
  readonly dates?: ReadonlyArray<readonly [text: string, value: string, grain: DateAnnotation['grain']]>
}

/**
 * Stands in for the dateline, entities and dates stages: it marks each given text (its first
 * occurrence at or after the previous one) as the row says, and nothing else.
 */
export function givenStage(given: Given): Stage {
  return {
    name: 'given',
    requires: ['sentence'],
    produces: ['dateline', 'entity', 'mention', 'date'],
    run(doc) {
      const out: Annotation[] = [
        {
          kind: 'dateline',
          id: 'dl',
          start: 0,
          end: 0,
          text: '',
          source: 'test/given',
          place: null,
          country: null,
          date: null,
          dateFrom: null,
          outlet: null,
          lat: null,
          lon: null,
          placeRange: null,
          dateRange: null,
        },
      ]
      let cursor = 0
      for (const [i, [name, country, type]] of (given.mentions ?? []).entries()) {
        const start = doc.text.indexOf(name, cursor)
        assert.ok(start >= 0, `mention '${name}' not in the text`)
        cursor = start + name.length
        const span = { start, end: start + name.length, text: name, source: 'test/given' }
        const entityType = type ?? 'country'
        out.push({
          kind: 'entity',
          id: `e${i}`,
          ...span,
          entityType,
          name,
          country,
          title: null,
          actor: country,
          lat: null,
          lon: null,
          aliases: [],
        })
        out.push({ kind: 'mention', id: `m${i}`, ...span, form: 'name', refs: [`e${i}`], entityType, actor: country, country })
      }
      for (const [i, [text, value, grain]] of (given.dates ?? []).entries()) {
        const start = doc.text.indexOf(text)
        assert.ok(start >= 0, `date '${text}' not in the text`)
        out.push({
          kind: 'date',
          id: `d${i}`,
          start,
          end: start + text.length,
          text,
          source: 'test/given',
          value,
          grain,
          certainty: 'known',
        })
      }
      return out
    },
  }
}
