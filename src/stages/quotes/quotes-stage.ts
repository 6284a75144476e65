import { readFileSync } from 'node:fs'
import { z } from 'zod'
import type {
  Annotation,
  EntityAnnotation,
  MentionAnnotation,
  QuoteAnnotation,
  Range,
  SentenceAnnotation,
  TokenAnnotation,
} from '../../core/annotation.js'
import { annotationsOf, type Document } from '../../core/document.js'
import type { Stage } from '../../core/stage.js'
import { dataPath } from '../../lexicons/data-path.js'

const CuesFile = z.object({
  cues: z.array(z.string()),
  participles: z.array(z.string()),
  addressees: z.array(z.string()),
  complementizers: z.array(z.string()),
  negators: z.array(z.string()),
  auxiliaries: z.array(z.string()),
  documents: z.array(z.string()),
  bare: z.array(z.string()),
})

/** Reporting verbs and the words around them (`data/quotes/cues.json`). */
export interface QuoteCues {
  readonly cues: ReadonlySet<string>
  readonly participles: ReadonlySet<string>
  readonly addressees: readonly (readonly string[])[]
  readonly complementizers: ReadonlySet<string>
  readonly negators: ReadonlySet<string>
  readonly auxiliaries: ReadonlySet<string>
  readonly documents: ReadonlySet<string>
  /** Cues that report speech without "that" ("said Russia is ready"); others need it. */
  readonly bare: ReadonlySet<string>
}

/** Loads `data/quotes/cues.json`. */
export function loadQuoteCues(): QuoteCues {
  const raw = CuesFile.parse(JSON.parse(readFileSync(dataPath('quotes/cues.json'), 'utf8')))
  return {
    cues: new Set(raw.cues.filter((c) => !c.includes(' '))),
    participles: new Set(raw.participles),
    addressees: raw.addressees.map((a) => a.split(' ')).sort((a, b) => b.length - a.length),
    complementizers: new Set(raw.complementizers),
    negators: new Set(raw.negators.filter((n) => !n.includes(' '))),
    auxiliaries: new Set(raw.auxiliaries),
    documents: new Set(raw.documents),
    bare: new Set(raw.bare),
  }
}

export interface QuotesStageOptions {
  readonly cues?: QuoteCues
}

/** A statement found, before it becomes an annotation. */
interface Found {
  start: number
  end: number
  readonly speaker: MentionAnnotation | null
  /** Entity the speaker resolves to (after pronoun continuity). */
  readonly entity: EntityAnnotation | null
  readonly cue: TokenAnnotation
  readonly form: QuoteAnnotation['form']
  readonly sentence: SentenceAnnotation
  readonly rule: string
}

/** " and has accused", " and has also called": a second verb phrase of the speaker. */
const COORDINATED_ACT = /,?\s+and\s+(?:has|had|have)\s+(?:also\s+)?\w+ed\b/
const PASSIVE = new Set(['been', 'be', 'being', 'was', 'were', 'is', 'are'])
/** Reporting verbs that take an addressee before the statement ("told Museveni the talks had failed"). */
const ADDRESSING = new Set(['tell', 'inform', 'assure', 'remind'])
const CONJUNCTION = new Set(['but', 'and'])
/** Words that open a short time or place phrase after a reporting verb ("said on Tuesday, ..."). */
const TIME_OPENER = /^(?:on|in|at|late|early|last|this|today|yesterday)$/

/**
 * The quotes stage: direct speech ("...," he said) across sentences, indirect speech
 * ("Mishustin said Russia is willing ...", "..., Xi said", "He noted that ..."), with the speaker
 * resolved through the entity mentions (a pronoun speaker continues the previous speaker) and
 * the reporting verb.
 */
export function createQuotesStage(options: QuotesStageOptions = {}): Stage {
  const cues = options.cues ?? loadQuoteCues()
  return {
    name: 'quotes',
    requires: ['section', 'sentence', 'token', 'entity', 'mention'],
    produces: ['quote'],
    run: function quotes(doc: Document): Annotation[] {
      const text = doc.text
      const sentences = annotationsOf(doc, 'sentence')
      const tokens = annotationsOf(doc, 'token')
      const mentions = annotationsOf(doc, 'mention')
      const entities = new Map(annotationsOf(doc, 'entity').map((e) => [e.id, e]))
      const bySentence: TokenAnnotation[][] = sentences.map(() => [])
      for (const t of tokens) bySentence[t.sentence]?.push(t)
      const mentionsIn = (s: SentenceAnnotation): MentionAnnotation[] =>
        mentions.filter((m) => m.start >= s.start && m.end <= s.end)

      const found: Found[] = []

      /** Ends a statement before trailing commas, full stops, quotation marks and spaces. */
      const trimEnd = (start: number, end: number): number => {
        let e = end
        while (e > start && /[\s,;:."']/.test(text[e - 1] ?? '')) e--
        return e
      }

      /** The entity a speaker mention stands for; a pronoun continues the last speaker. */
      const resolve = (m: MentionAnnotation | null, s: SentenceAnnotation): EntityAnnotation | null => {
        if (!m) return null
        if (m.form === 'pronoun') {
          // "he" continues a person or a spokesman; "it" an organisation or a statement.
          const human = (f: Found): boolean =>
            f.entity?.entityType === 'person' ||
            f.speaker?.form === 'title' ||
            (f.speaker?.form === 'pronoun' && f.speaker.text.toLowerCase() !== 'it')
          const last = [...found].reverse().find((f) => f.entity && s.index - f.sentence.index <= 3)
          if (last?.entity && human(last) === (m.text.toLowerCase() !== 'it')) return last.entity
        }
        if (m.refs.length !== 1) return null
        return entities.get(m.refs[0] as string) ?? null
      }

      /** The mention that ends just before token k (skipping auxiliaries like "has", "also"). */
      const mentionBefore = (toks: readonly TokenAnnotation[], k: number, s: SentenceAnnotation): MentionAnnotation | null => {
        let j = k - 1
        while (j >= 0 && cues.auxiliaries.has((toks[j] as TokenAnnotation).lower) && !isMentionEnd(toks[j] as TokenAnnotation, s)) j--
        const t = toks[j]
        if (!t) return null
        const ending = mentionsIn(s).filter((m) => m.end === t.end)
        if (ending.length) return widest(ending)
        // "The labour minister, Alfredo Franco, said": a titled name set off by commas ends just
        // before the closing comma.
        const titled = t.text === ',' && toks[j - 1] ? mentionsIn(s).filter((m) => m.end === (toks[j - 1] as TokenAnnotation).end && m.text.includes(',')) : []
        if (titled.length) return widest(titled)
        // "A high commission (embassy) statement said", "The letter, released ..., said".
        let np = j
        if (t.text === ',' || t.text === ')') {
          np = openingOfAside(toks, j)
          // "Mayor Jane Okafor, who took office in 2021, said": the speaker before the aside.
          const before = toks[np]
          const speaker = before ? mentionsIn(s).filter((m) => m.end === before.end) : []
          if (speaker.length) return widest(speaker)
        }
        const head = toks[np]
        if (head && cues.documents.has(head.lower)) return documentSpeaker(toks, np, s)
        return null
      }

      const isMentionEnd = (t: TokenAnnotation, s: SentenceAnnotation): boolean =>
        mentionsIn(s).some((m) => m.end === t.end)

      /** Who issued "the statement": a named mention inside its noun phrase, else the last issuer. */
      const documentSpeaker = (toks: readonly TokenAnnotation[], head: number, s: SentenceAnnotation): MentionAnnotation | null => {
        let a = head
        while (a > 0 && !/^[,;:]$/.test((toks[a - 1] as TokenAnnotation).text)) a--
        const np = { start: (toks[a] as TokenAnnotation).start, end: (toks[head] as TokenAnnotation).end }
        const inside = mentionsIn(s).filter((m) => m.start >= np.start && m.end <= np.end && m.refs.length === 1)
        if (inside.length) return widest(inside)
        if (/^the$/i.test((toks[a] as TokenAnnotation).text)) {
          const last = [...found].reverse().find((f) => f.speaker && f.entity && f.entity.entityType === 'organization')
          return last?.speaker ?? null
        }
        return null
      }

      /** The subject of a sentence: its first person, organisation, country or pronoun mention. */
      const subjectOf = (s: SentenceAnnotation, before: number): MentionAnnotation | null => {
        for (const m of mentionsIn(s)) {
          if (m.start >= before) break
          if (m.form === 'demonym' || m.form === 'group') continue
          if (m.entityType === 'place' && m.form !== 'capital') continue
          return m
        }
        return null
      }

      // 1. Direct quotes, paragraph by paragraph: a quotation may run over several sentences.
      const covered: Range[] = []
      for (const p of annotationsOf(doc, 'section')) {
        if (p.role !== 'body' || p.source !== 'segment/paragraph') continue
        const marks: number[] = []
        for (let i = p.start; i < p.end; i++) if (text[i] === '"') marks.push(i)
        for (let q = 0; q + 1 < marks.length; q += 2) {
          const open = marks[q] as number
          const close = marks[q + 1] as number
          const f = attributeDirect(open, close)
          if (f) {
            found.push(f)
            covered.push({ start: open, end: close + 1 })
          }
        }
        // '"...," Kamau said. "We have the money.' A quotation left open at the end of a paragraph
        // goes on in the next one, which opens with a quotation mark: the same speaker's words.
        const last = marks[marks.length - 1]
        const previous = found[found.length - 1]
        if (marks.length % 2 === 1 && last !== undefined && previous && previous.end > p.start && text.slice(p.end).trimStart().startsWith('"')) {
          const end = trimEnd(last + 1, p.end)
          const s = sentences.find((x) => x.start <= last && last < x.end)
          if (s && /\S\s+\S/.test(text.slice(last + 1, end))) {
            found.push({ ...previous, start: last + 1, end, sentence: s, rule: 'quotes/direct-continued' })
            covered.push({ start: last, end: p.end })
          }
        }
      }

      // 2. Indirect speech, sentence by sentence.
      for (const s of sentences) {
        if (s.role !== 'body') continue
        const toks = bySentence[s.index] ?? []
        let open: Found | null = null
        for (let k = 0; k < toks.length; k++) {
          const cue = toks[k] as TokenAnnotation
          if (!cues.cues.has(cue.lower) || cue.pos === 'NOUN' || cue.pos === 'PROPN') continue
          if (covered.some((r) => cue.start >= r.start && cue.end <= r.end)) continue
          // The cue of a direct quotation ('"...," Gralewicz said in an interview') is taken.
          if (found.some((f) => f.form === 'direct' && f.cue.start === cue.start)) continue
          if (isNegated(toks, k) || PASSIVE.has(toks[k - 1]?.lower ?? '')) continue
          const f = attributeIndirect(s, toks, k, open)
          if (!f) continue
          if (open && f.start > open.start && f.start < open.end) {
            open.end = trimEnd(open.start, Math.min(open.end, attributionStart(toks, k, f)))
          }
          if (covered.some((r) => f.start >= r.start && f.end <= r.end)) continue
          found.push(f)
          open = f.start > cue.start ? f : open
        }
      }

      // 3. "..., according to the World Bank." / "According to X, ...".
      for (const s of sentences) {
        if (s.role !== 'body') continue
        const toks = bySentence[s.index] ?? []
        const k = toks.findIndex((t, n) => t.lower === 'according' && toks[n + 1]?.lower === 'to')
        if (k < 0) continue
        const cue = toks[k] as TokenAnnotation
        const to = toks[k + 1] as TokenAnnotation
        const speakers = mentionsIn(s).filter((m) => m.start > to.end && m.start - to.end <= 24)
        const speaker = speakers.length ? widest(speakers.filter((m) => m.start === (speakers[0] as MentionAnnotation).start)) : null
        if (!speaker || found.some((f) => f.sentence === s && f.cue.start === cue.start)) continue
        let start: number
        let end: number
        if (k === 0) {
          const comma = toks.find((t) => t.start >= speaker.end && t.text === ',')
          if (!comma) continue
          start = toks.find((t) => t.start > comma.start)?.start ?? s.end
          end = trimEnd(start, s.end)
        } else {
          start = s.start
          end = trimEnd(s.start, cue.start)
        }
        if (!/\w+\W+\w+/.test(text.slice(start, end))) continue
        found.push({ start, end, speaker, entity: resolve(speaker, s), cue, form: 'indirect', sentence: s, rule: 'quotes/according-to' })
      }

      found.sort((a, b) => a.start - b.start)
      return found
        .filter((f) => f.end > f.start)
        .map((f, i): QuoteAnnotation => ({
          kind: 'quote',
          id: `qt${i}`,
          start: f.start,
          end: f.end,
          text: text.slice(f.start, f.end),
          source: f.rule,
          speaker: f.entity?.name ?? null,
          speakerEntity: f.entity?.id ?? null,
          speakerRange: f.speaker ? { start: f.speaker.start, end: f.speaker.end } : null,
          cue: f.cue.text,
          cueRange: { start: f.cue.start, end: f.cue.end },
          form: f.form,
          sentence: f.sentence.index,
        }))

      function isNegated(toks: readonly TokenAnnotation[], k: number): boolean {
        for (let j = Math.max(0, k - 3); j < k; j++) {
          const w = (toks[j] as TokenAnnotation).lower
          if (cues.negators.has(w) || w === 'declined' || w === 'refused') return true
        }
        return false
      }

      /** A quotation mark pair with its attribution after ('"...," he said') or before ('said, "..."'). */
      function attributeDirect(open: number, close: number): Found | null {
        const s = sentences.find((x) => x.start <= close && close < x.end) ?? sentences.find((x) => x.start <= open && open < x.end)
        if (!s) return null
        const toks = bySentence[s.index] ?? []
        const start = open + 1
        const end = trimEnd(start, close)
        // A one-word reply ("Yes") is an answer, not a statement; "Asked if '...'" is the question.
        if (!/\S\s+\S/.test(text.slice(start, end))) return null
        if (/\basked\s+(?:if|whether|about)\s*$/i.test(text.slice(Math.max(0, open - 30), open))) return null
        // After: ', he said', ' said Xi', ', Lyng said.'
        let k = toks.findIndex((t) => t.start > close)
        if (k >= 0 && toks[k]?.text === ',') k++
        // The attribution must follow at once: the cue first ("said Xi") or a speaker that
        // starts right after the quotation ("he said"), not a later clause (", which he said").
        const first = toks[k]
        const opening = first ? mentionsIn(s).filter((m) => m.start === first.start) : []
        const cueAt = first && cues.cues.has(first.lower) ? k : opening.length ? toks.findIndex((t) => t.start >= widest(opening).end) : -1
        const t = toks[cueAt]
        if (t && cues.cues.has(t.lower)) {
          const speaker = cueAt === k ? mentionAfter(toks, cueAt, s) : widest(opening)
          if (speaker && speaker.start > close) {
            return { start, end, speaker, entity: resolve(speaker, s), cue: t, form: 'direct', sentence: s, rule: 'quotes/direct-after' }
          }
        }
        // Before: 'Lyng said, "..."', 'adding, "..."'.
        const openSentence = sentences.find((x) => x.start <= open && open < x.end) ?? s
        const otoks = bySentence[openSentence.index] ?? []
        let b = -1
        for (let j = otoks.length - 1; j >= 0; j--) if ((otoks[j] as TokenAnnotation).end <= open) { b = j; break }
        if (b >= 0 && /^[,:]$/.test((otoks[b] as TokenAnnotation).text)) b--
        const cue = otoks[b]
        if (cue && cues.cues.has(cue.lower) && !isNegated(otoks, b)) {
          let speaker = mentionBefore(otoks, b, openSentence)
          let rule = 'quotes/direct-before'
          if (!speaker && cues.participles.has(cue.lower)) {
            speaker = subjectOf(openSentence, cue.start)
            rule = 'quotes/direct-participle'
          }
          if (speaker) return { start, end, speaker, entity: resolve(speaker, openSentence), cue, form: 'direct', sentence: openSentence, rule }
        }
        return null
      }

      function mentionAfter(toks: readonly TokenAnnotation[], k: number, s: SentenceAnnotation): MentionAnnotation | null {
        const next = toks[k + 1]
        if (!next) return null
        const starting = mentionsIn(s).filter((m) => m.start === next.start)
        return starting.length ? widest(starting) : null
      }

      /** Indirect speech at cue token k of sentence s. */
      function attributeIndirect(
        s: SentenceAnnotation,
        toks: readonly TokenAnnotation[],
        k: number,
        open: Found | null,
      ): Found | null {
        const cue = toks[k] as TokenAnnotation
        const prev = toks[k - 1]
        // Trailing: "<statement>, Xi said." / "<statement>, said Xi, ..."
        const before = mentionBefore(toks, k, s)
        const after = mentionAfter(toks, k, s)
        const commaBefore = (m: Range): boolean => {
          let t = toks.findLast((x) => x.end <= m.start)
          if (t && /^(?:the|a|an)$/i.test(t.text)) t = toks.findLast((x) => x.end <= (t as TokenAnnotation).start)
          return t?.text === ','
        }
        // The attribution must close the sentence: nothing after it but a few words ("on
        // Wednesday") or a participle (", expressing the hope ..."); else it leads a statement.
        const closes = (from: number): boolean => {
          let rest = toks.slice(from).filter((x) => !/^[.!?"']$/.test(x.text))
          // "said on Tuesday, adding ...": a short time or place phrase may come first.
          const comma = rest.findIndex((x) => x.text === ',')
          if (comma > 0 && comma <= 4 && TIME_OPENER.test(rest[0]?.lower ?? '')) rest = rest.slice(comma)
          return rest.length <= 4 || (rest[0]?.text === ',' && /ing$/.test(rest[1]?.lower ?? ''))
        }
        const afterSpeaker = (m: Range): number => toks.findIndex((x) => x.start >= m.end)
        // "Asked whether the deal was dead, X said: ..." — the opening is the question, not X's words.
        const asked = /^asked\b/i.test(s.text)
        // A statement is a clause: "In Nairobi, Kamau said ..." opens with a phrase, not with words said.
        const clause = (end: number): boolean => toks.some((x) => x.start >= s.start && x.end <= end && (x.pos === 'VERB' || x.pos === 'AUX'))
        if (before && commaBefore(before) && before.start - s.start > 10 && !open && !asked && closes(k + 1) && clause(before.start)) {
          const comma = toks.findLast((x) => x.end <= before.start && x.text === ',')
          const end = trimEnd(s.start, comma?.start ?? before.start)
          return { start: s.start, end, speaker: before, entity: resolve(before, s), cue, form: 'indirect', sentence: s, rule: 'quotes/trailing' }
        }
        if (after && prev?.text === ',' && cue.start - s.start > 10 && !open && !asked && closes(afterSpeaker(after)) && clause(prev.start)) {
          const end = trimEnd(s.start, prev.start)
          return { start: s.start, end, speaker: after, entity: resolve(after, s), cue, form: 'indirect', sentence: s, rule: 'quotes/trailing-inverted' }
        }
        // Interrupted: "The road, she said, would follow in 2027." The statement is both halves: one
        // span from the sentence's start, its attribution inside.
        if (before && commaBefore(before) && !open && !asked) {
          const comma = toks.findLast((x) => x.end <= before.start && x.text === ',')
          let resume = k + 1
          if (TIME_OPENER.test(toks[resume]?.lower ?? '')) {
            const c = toks.findIndex((x, n) => n > resume && n <= resume + 3 && x.text === ',')
            if (c > 0) resume = c
          }
          const opening = comma ? toks.filter((x) => x.start >= s.start && x.end <= comma.start) : []
          const verbAfter = toks[resume + 1]?.pos === 'AUX' || toks[resume + 1]?.pos === 'VERB'
          if (toks[resume]?.text === ',' && verbAfter && opening.length >= 1 && opening.every((x) => x.pos !== 'VERB' && x.pos !== 'AUX')) {
            const end = trimEnd(s.start, s.end)
            return { start: s.start, end, speaker: before, entity: resolve(before, s), cue, form: 'indirect', sentence: s, rule: 'quotes/interrupted' }
          }
        }
        // Leading: "Mishustin said Russia ...", "He noted that ...", ", saying ...", "but said ...".
        let speaker = before
        let rule = 'quotes/leading'
        if (!speaker && prev && (prev.text === ',' ? cues.participles.has(cue.lower) : CONJUNCTION.has(prev.lower))) {
          speaker = subjectOf(s, cue.start)
          rule = 'quotes/subject-continues'
        }
        if (!speaker) return null
        if (open && speaker.start < open.start) return null
        // "proposed a meeting" is an act; "proposed that they meet" reports speech.
        if (!cues.bare.has(cue.lower) && !hasComplementizer(toks, k + 1)) return null
        const start = statementStart(toks, k + 1, ADDRESSING.has(cue.lemma))
        if (start === null) return null
        // End before a direct quotation the sentence attributes on its own (", adding, \"...\"").
        const direct = found.find((f) => f.form === 'direct' && f.cue.start > start && f.cue.start < s.end)
        let end = trimEnd(start, direct ? direct.cue.start : s.end)
        // "... has said X and has accused Y": the speaker's next act is not part of what was said.
        const next = COORDINATED_ACT.exec(text.slice(start, end))
        if (next) end = trimEnd(start, start + next.index)
        if (!/\w+\W+\w+/.test(text.slice(start, end))) return null
        return { start, end, speaker, entity: resolve(speaker, s), cue, form: 'indirect', sentence: s, rule }
      }

      function hasComplementizer(toks: readonly TokenAnnotation[], k: number): boolean {
        for (let n = k; n < Math.min(toks.length, k + 14); n++) {
          const t = toks[n] as TokenAnnotation
          if (cues.complementizers.has(t.lower) || t.text === '"') return true
          if (/^[,;:]$/.test(t.text)) return false
        }
        return false
      }

      /** Skip the addressee ("told reporters", "told Reuters in an interview") and "that". */
      function statementStart(toks: readonly TokenAnnotation[], k: number, addressed: boolean): number | null {
        let j = k
        const listed = cues.addressees.find((a) => a.every((w, n) => toks[j + n]?.lower === w))
        if (listed) j += listed.length
        else if (addressed) j = afterAddressee(toks, j)
        // "proposed in a letter to his counterpart Li Gun-mo that they meet": jump to "that".
        // A wh-word or "if" opens the statement only before any verb ("asked reporters ... how
        // talks can proceed"); after one it belongs to the statement ("said exports would rise
        // if prices fell").
        for (let n = j; n < Math.min(toks.length, j + 14); n++) {
          const t = toks[n] as TokenAnnotation
          if (t.lower === 'that' && t.pos !== 'DET') {
            j = n + 1
            break
          }
          if (cues.complementizers.has(t.lower) && t.lower !== 'that') {
            j = n
            break
          }
          if (/^[,;:"]$/.test(t.text) || t.pos === 'VERB' || t.pos === 'AUX') break
        }
        while (toks[j] && /^[,:"]$/.test((toks[j] as TokenAnnotation).text)) j++
        return toks[j]?.start ?? null
      }

      /**
       * "told a group of supporters his pledge would stand", "told Museveni the talks had failed":
       * the addressee of a verb of telling is a noun phrase, and the statement starts where a new
       * one does after its head. Returns `j` itself when no such phrase is found.
       */
      function afterAddressee(toks: readonly TokenAnnotation[], j: number): number {
        let n = j
        let head = false
        for (; n < toks.length; n++) {
          const t = toks[n] as TokenAnnotation
          const prev = toks[n - 1] as TokenAnnotation
          if (t.lower === 'that' || t.text === ',' || t.text === '"') return j
          // "the visiting delegation": a participle before a noun modifies it, whatever its tag.
          const modifier = /ing$/.test(t.lower) && /^(?:ADJ|NOUN|PROPN)$/.test(toks[n + 1]?.pos ?? '')
          if (modifier && !head) continue
          if (t.pos === 'NOUN' || t.pos === 'PROPN') {
            if (head && prev.pos === 'NOUN' && t.pos === 'PROPN') break
            head = true
          } else if (t.lower === 'of' || t.lower === "'s") head = false
          else if (/^(?:DET|PRON|ADJ|NUM)$/.test(t.pos) || (t.pos === 'VERB' && /ing$/.test(t.lower))) {
            if (head) break
          } else break
        }
        return head && n > j && n < toks.length && /^(?:DET|PRON|NOUN|PROPN|ADJ|NUM)$/.test((toks[n] as TokenAnnotation).pos) ? n : j
      }

      function attributionStart(toks: readonly TokenAnnotation[], k: number, f: Found): number {
        const cueStart = (toks[k] as TokenAnnotation).start
        let start = f.speaker && f.speaker.start < cueStart ? f.speaker.start : cueStart
        const prev = toks.findLast((t) => t.end <= start)
        if (prev && /^(?:which|who|,)$/i.test(prev.text)) start = prev.start
        return start
      }
    },
  }

}

function widest(ms: readonly MentionAnnotation[]): MentionAnnotation {
  return ms.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a))
}

/** From a token that closes an aside (", released to the media ...,") back to the noun before it. */
function openingOfAside(toks: readonly TokenAnnotation[], j: number): number {
  for (let k = j - 1; k > 0; k--) {
    if ((toks[k] as TokenAnnotation).text === ',' || (toks[k] as TokenAnnotation).text === '(') return k - 1
  }
  return j
}
