import { spanIsValid, type Annotation, type Kind } from './annotation.js'
import { createDocument, type Article, type Document } from './document.js'
import { ConfigError, StageError } from './errors.js'
import type { Stage, StageContext } from './stage.js'

/** An ordered list of stages, checked when built. */
export interface Pipeline {
  readonly stages: readonly Stage[]
  run(article: Article, ctx: StageContext): Document
}

export interface PipelineOptions {
  /**
   * Check every annotation's span against the text (`text.slice(start, end) === text`) and name
   * the stage that broke it. Tests and `dateline eval` turn it on; it costs a string slice per
   * annotation.
   */
  readonly validate?: boolean
}

/**
 * Builds a pipeline, throwing `ConfigError` when a stage needs a kind no earlier stage produces,
 * or when two stages produce the same kind.
 */
export function createPipeline(stages: readonly Stage[], options: PipelineOptions = {}): Pipeline {
  const validate = options.validate ?? false
  const produced = new Set<Kind>()
  for (const stage of stages) {
    for (const kind of stage.requires) {
      if (!produced.has(kind)) {
        throw new ConfigError(`stage '${stage.name}' requires '${kind}', which no earlier stage produces`)
      }
    }
    for (const kind of stage.produces) {
      if (produced.has(kind)) throw new ConfigError(`stage '${stage.name}' produces '${kind}' again`)
      produced.add(kind)
    }
  }
  return {
    stages,
    run(article, ctx) {
      let doc = createDocument(article)
      for (const stage of stages) doc = runStage(stage, doc, ctx, validate)
      return doc
    },
  }
}

function runStage(stage: Stage, doc: Document, ctx: StageContext, validate: boolean): Document {
  let added: readonly Annotation[]
  try {
    added = stage.run(doc, ctx)
  } catch (cause) {
    throw new StageError(stage.name, doc.article.id, { cause })
  }
  if (!Array.isArray(added)) {
    throw new StageError(stage.name, doc.article.id, { cause: new Error('returned no array of annotations') })
  }
  const byKind = new Map<Kind, Annotation[]>()
  for (const kind of stage.produces) byKind.set(kind, [])
  for (const a of added as readonly (Annotation | null | undefined)[]) {
    if (!a || typeof a !== 'object') {
      throw new StageError(stage.name, doc.article.id, { cause: new Error(`returned ${String(a)} among its annotations`) })
    }
    const list = byKind.get(a.kind)
    if (!list) {
      throw new StageError(stage.name, doc.article.id, {
        cause: new Error(`returned a '${a.kind}' annotation it does not declare`),
      })
    }
    if (validate && !spanIsValid(doc.text, a)) {
      throw new StageError(stage.name, doc.article.id, {
        cause: new Error(`annotation ${a.id} [${a.start},${a.end}) does not match its text '${a.text}'`),
      })
    }
    list.push(a)
  }
  const annotations = new Map(doc.annotations)
  for (const [kind, list] of byKind) {
    if (!isSorted(list)) list.sort(byPosition)
    annotations.set(kind, list)
  }
  return { ...doc, annotations }
}

function byPosition(x: Annotation, y: Annotation): number {
  return x.start - y.start || y.end - x.end
}

function isSorted(list: readonly Annotation[]): boolean {
  for (let i = 1; i < list.length; i++) if (byPosition(list[i - 1] as Annotation, list[i] as Annotation) > 0) return false
  return true
}
