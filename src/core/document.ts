import type { Annotation, Kind } from './annotation.js'

/** Where an article came from and what it says about itself, as read from its input. */
export interface Article {
  /** Stable id: the record's own `id`, else derived from the file name. */
  readonly id: string
  readonly title: string | null
  /** The outlet or agency ("Reuters"). */
  readonly source: string | null
  readonly url: string | null
  /** The input's own publication day (ISO), if it gives one. */
  readonly date: string | null
  /** The exact text analysed: every offset indexes this string. */
  readonly text: string
  /** The dateline the input gives separately from its text (e.g. a `dateline` field). */
  readonly dateline: string | null
  /** The input it was read from: a path, `path#line`, or `-` for stdin. */
  readonly input: string
  readonly format: 'txt' | 'json' | 'jsonl' | 'html'
}

/** An article with the annotations the stages have added so far. Immutable. */
export interface Document {
  readonly article: Article
  readonly text: string
  readonly annotations: ReadonlyMap<Kind, readonly Annotation[]>
}

/** The annotations of one kind, in text order (empty when none). */
export function annotationsOf<K extends Kind>(doc: Document, kind: K): readonly Annotation<K>[] {
  return (doc.annotations.get(kind) as readonly Annotation<K>[] | undefined) ?? []
}

/** A document with no annotations yet. */
export function createDocument(article: Article): Document {
  return { article, text: article.text, annotations: new Map() }
}
