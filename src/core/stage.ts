import type { Annotation, Kind } from './annotation.js'
import type { Document } from './document.js'

/** What every stage may read besides the document: the reference day and a debug sink. */
export interface StageContext {
  /** The day to fall back on when the article carries no date of its own (`--published`). */
  readonly published: string | null
  /** Records why a rule fired or did not; costs nothing when no one listens. */
  readonly debug: (stage: string, message: string) => void
}

/**
 * A pipeline stage: a pure function from a document (with the annotations of the kinds it
 * `requires`) to new annotations of the kinds it `produces`.
 */
export interface Stage {
  readonly name: string
  readonly requires: readonly Kind[]
  readonly produces: readonly Kind[]
  run(doc: Document, ctx: StageContext): readonly Annotation[]
}

/** A context with no reference day and no debug output. */
export const quietContext: StageContext = Object.freeze({
  published: null,
  debug: () => {},
})
