import type { Range } from './annotation.js'
import { annotationsOf, type Document } from './document.js'
import { EXTRACTION_FORMAT, type Extraction } from './extraction.js'

const span = (a: Range & { readonly text: string }): { start: number; end: number; text: string } => ({
  start: a.start,
  end: a.end,
  text: a.text,
})

/**
 * Turns an analysed document into the extraction `dateline extract` writes: plain JSON, every
 * record with its span and the rule that made it (`rule`).
 */
export function toExtraction(doc: Document): Extraction {
  const a = doc.article
  const dl = annotationsOf(doc, 'dateline')[0]
  const sentences = annotationsOf(doc, 'sentence')
  const mentions = annotationsOf(doc, 'mention')
  const mentionsOf = new Map<string, Array<{ start: number; end: number; text: string; form: (typeof mentions)[number]['form'] }>>()
  for (const m of mentions) {
    for (const r of m.refs) {
      const list = mentionsOf.get(r) ?? []
      list.push({ ...span(m), form: m.form })
      mentionsOf.set(r, list)
    }
  }
  return {
    format: EXTRACTION_FORMAT,
    article: {
      id: a.id,
      title: a.title,
      source: a.source,
      url: a.url,
      date: a.date,
      input: a.input,
      format: a.format,
      text: a.text,
    },
    dateline: {
      start: dl?.start ?? 0,
      end: dl?.end ?? 0,
      text: dl?.text ?? '',
      place: dl?.place ?? null,
      country: dl?.country ?? null,
      date: dl?.date ?? null,
      dateFrom: dl?.dateFrom ?? null,
      source: dl?.outlet ?? a.source,
      lat: dl?.lat ?? null,
      lon: dl?.lon ?? null,
    },
    entities: annotationsOf(doc, 'entity').map((e) => ({
      id: e.id,
      name: e.name,
      type: e.entityType,
      country: e.country,
      title: e.title,
      actor: e.actor,
      lat: e.lat,
      lon: e.lon,
      aliases: e.aliases,
      mentions: mentionsOf.get(e.id) ?? [],
      rule: e.source,
    })),
    dates: annotationsOf(doc, 'date').map((d) => ({
      id: d.id,
      ...span(d),
      value: d.value,
      grain: d.grain,
      certainty: d.certainty,
      rule: d.source,
    })),
    quantities: annotationsOf(doc, 'quantity').map((q) => ({
      id: q.id,
      ...span(q),
      value: q.value,
      unit: q.unit,
      measure: q.measure,
      period: q.period,
      parties: q.parties,
      qualifier: q.qualifier,
      rule: q.source,
    })),
    quotes: annotationsOf(doc, 'quote').map((q) => {
      const s = sentences[q.sentence]
      return {
        id: q.id,
        ...span(q),
        speaker: q.speaker,
        speakerId: q.speakerEntity,
        cue: q.cue,
        form: q.form,
        sentence: { start: s?.start ?? q.start, end: s?.end ?? q.end },
        rule: q.source,
      }
    }),
    sentences: sentences.map((s) => ({ ...span(s), index: s.index, role: s.role })),
    clauses: annotationsOf(doc, 'clause').map((c) => ({
      id: c.id,
      ...span(c),
      sentence: c.sentence,
      subjects: c.subjects,
      predicate: { start: c.predicate.start, end: c.predicate.end, text: c.predicate.text, lemma: c.predicate.lemma },
      objects: c.objects,
      negated: c.negated,
      modality: c.modality,
      quote: c.quote,
      rule: c.source,
    })),
    incidents: annotationsOf(doc, 'incident').map((i) => ({
      id: i.id,
      ...span(i),
      kind: i.incidentKind,
      place: i.place,
      country: i.country,
      magnitude: i.magnitude,
      deaths: i.deaths,
      injured: i.injured,
      date: i.date,
      rule: i.source,
    })),
    events: annotationsOf(doc, 'event').map((e) => ({
      id: e.id,
      code: e.code,
      label: e.label,
      root: e.root,
      goldstein: e.goldstein,
      quadClass: e.quadClass,
      plover: e.plover,
      source: e.sourceActor.code,
      target: e.targetActor.code,
      sourceActor: e.sourceActor,
      targetActor: e.targetActor,
      sentence: { start: e.sentenceRange.start, end: e.sentenceRange.end },
      trigger: span(e),
      matched: e.matched,
      mode: e.mode,
      date: e.date,
      place: e.place,
      quote: e.quote,
      rule: e.rule,
    })),
  }
}
