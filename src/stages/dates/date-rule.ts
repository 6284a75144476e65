/**
 * What every date rule sees and returns. A rule reads one stretch of text (a sentence, or the
 * dateline) and proposes candidate dates; the stage settles overlaps between them.
 */
import type { Certainty, DateAnnotation, TokenAnnotation } from '../../core/annotation.js'
import type { Day, Direction } from './calendar.js'

/** A sentence or the dateline, with the tokens inside it and the reference day. */
export interface DateChunk {
  /** The whole analysed text: candidate offsets index it. */
  readonly text: string
  readonly start: number
  readonly end: number
  /** Tokens of the chunk in order (none for the dateline: the segmenter does not tokenise it). */
  readonly tokens: readonly TokenAnnotation[]
  /** The reference day, or null when relative expressions must stay unresolved. */
  readonly reference: Day | null
  /** The way the verbs nearest to `offset` point, or the configured fallback when none do. */
  directionAt(offset: number): Direction
  /** Index in `tokens` of the token at or after `offset` (`tokens.length` when none). */
  tokenAt(offset: number): number
}

/** A proposed date, before overlaps are settled and ids are given. */
export interface DateCandidate {
  readonly start: number
  readonly end: number
  readonly value: string
  readonly grain: DateAnnotation['grain']
  readonly certainty: Certainty
  /** `'dates/<rule>'` */
  readonly source: string
  /** Breaks ties between candidates of equal length: the higher wins. */
  readonly priority: number
}

/** A small single-purpose matcher. */
export type DateRule = (chunk: DateChunk) => DateCandidate[]
