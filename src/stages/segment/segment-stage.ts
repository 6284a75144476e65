import type { Annotation, SectionAnnotation } from '../../core/annotation.js'
import type { Document } from '../../core/document.js'
import type { Stage } from '../../core/stage.js'
import { findDatelinePrefix } from './dateline-prefix.js'
import { createWinkReader, type WinkReader } from './wink.js'

export interface SegmentStageOptions {
  /** A shared reader; one is made when absent (loading the model takes ~100 ms). */
  readonly reader?: WinkReader
}

interface Block {
  readonly start: number
  readonly end: number
}

/** Paragraphs: stretches separated by blank lines, trimmed of surrounding white space. */
function blocksOf(text: string): Block[] {
  const blocks: Block[] = []
  const re = /\S(?:[^\n]|\n(?![ \t\r\f\v]*\n))*/g
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let end = m.index + m[0].length
    while (end > m.index && /\s/.test(text[end - 1] ?? '')) end--
    blocks.push({ start: m.index, end })
  }
  return blocks
}

/** A block that reads as running text rather than a banner or headline line. */
function isBodyLike(text: string): boolean {
  if (findDatelinePrefix(text) >= 0) return true
  const words = text.split(/\s+/).length
  return words >= 8 && /[.!?"'”’)]$/.test(text)
}

/**
 * The segment stage: sections (banner and headline lines of a text file, the dateline that opens
 * the first body paragraph, the paragraphs), sentences and tokens with parts of speech.
 */
export function createSegmentStage(options: SegmentStageOptions = {}): Stage {
  let reader = options.reader
  return {
    name: 'segment',
    requires: [],
    produces: ['section', 'sentence', 'token'],
    run: function segment(doc: Document): Annotation[] {
      reader ??= createWinkReader()
      const text = doc.text
      const out: Annotation[] = []
      const blocks = blocksOf(text)
      // A text file opens with banner and headline lines before its first body paragraph; a
      // JSON article's title is metadata, so its text is all body.
      let firstBody = 0
      if (doc.article.format === 'txt') {
        firstBody = blocks.findIndex((b) => isBodyLike(text.slice(b.start, b.end)))
        if (firstBody < 0) firstBody = 0
      }
      let sentenceIndex = 0
      let tokenIndex = 0
      for (let p = 0; p < blocks.length; p++) {
        const block = blocks[p] as Block
        const role: SectionAnnotation['role'] =
          p < firstBody ? (p === firstBody - 1 ? 'headline' : 'banner') : 'body'
        let start = block.start
        if (p === firstBody) {
          const prefix = findDatelinePrefix(text.slice(block.start, block.end))
          if (prefix > 0) {
            let end = block.start + prefix
            while (end > block.start && /\s/.test(text[end - 1] ?? '')) end--
            out.push(section(text, `d${p}`, block.start, end, 'dateline', p, 'segment/dateline-prefix'))
            start = block.start + prefix
            while (start < block.end && /\s/.test(text[start] ?? '')) start++
          }
        }
        out.push(section(text, `p${p}`, block.start, block.end, role, p, 'segment/paragraph'))
        if (start >= block.end) continue
        const reading = reader.read(text.slice(start, block.end), start)
        // Headlines and banners are one sentence each, whatever their punctuation.
        const spans: ReadonlyArray<readonly [number, number]> =
          role === 'body' ? reading.sentences : [[0, reading.tokens.length - 1]]
        for (const [first, last] of spans) {
          const a = reading.tokens[first]
          const b = reading.tokens[last]
          if (!a || !b) continue
          const si = sentenceIndex++
          out.push({
            kind: 'sentence',
            id: `s${si}`,
            start: a.start,
            end: b.end,
            text: text.slice(a.start, b.end),
            source: role === 'body' ? 'segment/wink-sbd' : `segment/${role}`,
            index: si,
            paragraph: p,
            role,
          })
          for (let t = first; t <= last; t++) {
            const tok = reading.tokens[t]
            if (!tok) continue
            const ti = tokenIndex++
            out.push({
              kind: 'token',
              id: `t${ti}`,
              start: tok.start,
              end: tok.end,
              text: tok.value,
              source: 'segment/wink',
              index: ti,
              sentence: si,
              pos: tok.pos,
              lower: tok.value.toLowerCase(),
              lemma: tok.lemma,
            })
          }
        }
      }
      return out
    },
  }
}

function section(
  text: string,
  id: string,
  start: number,
  end: number,
  role: SectionAnnotation['role'],
  paragraph: number,
  source: string,
): SectionAnnotation {
  return { kind: 'section', id, start, end, text: text.slice(start, end), source, role, paragraph }
}
