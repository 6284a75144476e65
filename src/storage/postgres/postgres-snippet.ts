/**
 * The passage `search` shows, chosen as SQLite's FTS5 `snippet()` chooses it (`fts5_aux.c`,
 * `fts5SnippetFunction`), so both backends show the same words for the same hit. PostgreSQL's
 * `ts_headline` picks its passages another way; this works from the matched words' positions,
 * which the tsvector holds.
 */
import { INDEXED_WORD } from './postgres-sql.js'

/** One match of a query word (a phrase) in a column: the word's index among the column's words. */
export interface PhraseInstance {
  readonly phrase: number
  readonly column: number
  readonly position: number
}

export interface SnippetOptions {
  /** The column to take the passage from, or −1 for the one with the best window. */
  readonly column: number
  /** The most words in the passage (FTS5's `nToken`). */
  readonly words: number
  /** Marks text left out before or after the passage. */
  readonly ellipsis: string
}

interface Span {
  readonly start: number
  readonly end: number
}

/** The words of a column as FTS5's unicode61 tokenizer finds them, with their offsets. */
function wordSpans(text: string): Span[] {
  return [...text.matchAll(INDEXED_WORD)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }))
}

/**
 * The words that begin a sentence: the first, and any after a full stop or colon and at least
 * one space (FTS5's `fts5SentenceFinderCb`).
 */
function sentenceStarts(text: string, words: readonly Span[]): number[] {
  const starts: number[] = []
  for (const [k, word] of words.entries()) {
    if (k === 0) {
      starts.push(0)
      continue
    }
    let i = word.start - 1
    let c = ''
    for (; i >= 0; i--) {
      c = text[i] ?? ''
      if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') break
    }
    if (i !== word.start - 1 && (c === '.' || c === ':')) starts.push(k)
  }
  return starts
}

/**
 * How good the window of `size` words from `from` is (`fts5SnippetScore`): 1000 for each query
 * word it holds, 1 for each repeat; and where a window around those matches would start.
 */
function windowScore(
  instances: readonly PhraseInstance[],
  column: number,
  from: number,
  size: number,
  columnWords: number,
): { score: number; start: number } {
  const end = from + size
  const seen = new Set<number>()
  let score = 0
  let first = -1
  let last = 0
  for (const inst of instances) {
    if (inst.column !== column || inst.position < from || inst.position >= end) continue
    score += seen.has(inst.phrase) ? 1 : 1000
    seen.add(inst.phrase)
    if (first < 0) first = inst.position
    // Every phrase is one word: the SQLite backend quotes each word on its own.
    last = inst.position + 1
  }
  let start = first - Math.floor((size - (last - first)) / 2)
  if (start + size > columnWords) start = columnWords - size
  if (start < 0) start = 0
  return { score, start }
}

/**
 * The passage of `columns` (a row's indexed texts) that FTS5's `snippet(table, column, '', '',
 * ellipsis, words)` returns for these matches: the best-scoring window of words (a window
 * starting a sentence gets a bonus), with an ellipsis where words were left out, or the rest of
 * the column when the window reaches its end.
 *
 * @example
 * fts5Snippet(['A title', 'One two. Three four'], [{ phrase: 0, column: 1, position: 2 }], {
 *   column: -1, words: 3, ellipsis: '…',
 * }) // '…Three four'
 */
export function fts5Snippet(
  columns: readonly string[],
  instances: readonly PhraseInstance[],
  options: SnippetOptions,
): string {
  const { column, words: size, ellipsis } = options
  // FTS5 visits instances by column, then position, then phrase.
  const sorted = [...instances].sort(
    (a, b) => a.column - b.column || a.position - b.position || a.phrase - b.phrase,
  )
  let bestScore = 0
  let bestColumn = column >= 0 ? column : 0
  let bestStart = 0
  for (const [i, text] of columns.entries()) {
    if (column >= 0 && column !== i) continue
    const spans = wordSpans(text)
    const starts = sentenceStarts(text, spans)
    for (const inst of sorted) {
      if (inst.column !== i || inst.position > spans.length) continue
      const around = windowScore(sorted, i, inst.position, size, spans.length)
      if (around.score > bestScore) {
        bestScore = around.score
        bestColumn = i
        bestStart = around.start
      }
      if (starts.length > 0 && spans.length > size) {
        // The sentence the match is in, when it starts before the match.
        let jj = 0
        while (jj < starts.length - 1 && (starts[jj + 1] ?? 0) <= inst.position) jj++
        const sentence = starts[jj] ?? 0
        if (sentence < inst.position) {
          const bonus = sentence === 0 ? 120 : 100
          const score = windowScore(sorted, i, sentence, size, spans.length).score + bonus
          if (score > bestScore) {
            bestScore = score
            bestColumn = i
            bestStart = sentence
          }
        }
      }
    }
  }
  const text = columns[bestColumn] ?? ''
  const spans = wordSpans(text)
  const from = bestStart > 0 ? (spans[bestStart]?.start ?? text.length) : 0
  const lastWord = bestStart + size - 1
  const lead = bestStart > 0 ? ellipsis : ''
  if (lastWord >= spans.length - 1) return lead + text.slice(from)
  return lead + text.slice(from, spans[lastWord]?.end ?? text.length) + ellipsis
}
