/**
 * Test helpers for the dates stage: documents built through the real segment stage, with a
 * dateline annotation that carries a chosen reference day.
 */
import type { Annotation, DateAnnotation, DatelineAnnotation } from '../../core/annotation.js'
import { annotationsOf, type Article, type Document } from '../../core/document.js'
import { createPipeline } from '../../core/pipeline.js'
import { quietContext, type Stage } from '../../core/stage.js'
import { createSegmentStage } from '../segment/segment-stage.js'
import { createDatesStage } from './dates-stage.js'

/**
 * A stand-in for the dateline stage: one dateline annotation over the dateline section the
 * segmenter found (empty at offset 0 when there is none), whose `date` is `reference`.
 */
export function createReferenceDayStage(reference: string | null): Stage {
  return {
    name: 'reference-day',
    requires: ['section'],
    produces: ['dateline'],
    run: function referenceDay(doc: Document): Annotation[] {
      const section = annotationsOf(doc, 'section').find((s) => s.role === 'dateline')
      const start = section?.start ?? 0
      const end = section?.end ?? 0
      const dateline: DatelineAnnotation = {
        kind: 'dateline',
        id: 'dl0',
        start,
        end,
        text: doc.text.slice(start, end),
        source: 'test/reference-day',
        place: null,
        country: null,
        date: reference,
        dateFrom: reference ? 'article' : null,
        outlet: null,
        lat: null,
        lon: null,
        placeRange: null,
        dateRange: null,
      }
      return [dateline]
    },
  }
}

/** An article around `text`, as a `.json` input (all body) unless `format` says otherwise. */
export function articleOf(text: string, format: Article['format'] = 'json', id = 'test'): Article {
  return {
    id,
    title: null,
    source: null,
    url: null,
    date: null,
    text,
    dateline: null,
    input: id,
    format,
  }
}

/**
 * Reads the dates of an article through segment → reference day → dates. The pipeline checks
 * that every annotation's text is its span of the document.
 */
export interface DateReader {
  read(article: Article, reference: string | null): readonly DateAnnotation[]
}

/** One reader shares its segmenter (wink-nlp's model takes ~100 ms to load) and dates stage. */
export function createDateReader(): DateReader {
  const segment = createSegmentStage()
  const dates = createDatesStage()
  return {
    read(article, reference) {
      const pipeline = createPipeline([segment, createReferenceDayStage(reference), dates])
      return annotationsOf(pipeline.run(article, quietContext), 'date')
    },
  }
}
