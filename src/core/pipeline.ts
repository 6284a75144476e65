import { spanIsValid, type Annotation, type Kind } from './annotation.js'
import { createDocument, type Article, type Document } from './document.js'
import { ConfigError, StageError } from './errors.js'
import type { Stage, StageContext } from './stage.js'

/** An ordered list of stages, checked when built. */
export interface Pipeline {
  readonly stages: readonly Stage[]
  run(article: Article, ctx: StageContext): Document
}

/**
 * Builds a pipeline, throwing `ConfigError` when a stage needs a kind no earlier stage produces,
 * or when two stages produce the same kind.
 */
export function createPipeline(stages: readonly Stage[]): Pipeline {
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
      for (const stage of stages) doc = runStage(stage, doc, ctx)
      return doc
    },
  }
}

function runStage(stage: Stage, doc: Document, ctx: StageContext): Document {
  let added: readonly Annotation[]
  try {
    added = stage.run(doc, ctx)
  } catch (cause) {
    throw new StageError(stage.name, doc.article.id, { cause })
  }
  const byKind = new Map<Kind, Annotation[]>()
  for (const kind of stage.produces) byKind.set(kind, [])
  for (const a of added) {
    const list = byKind.get(a.kind)
    if (!list) {
      throw new StageError(stage.name, doc.article.id, {
        cause: new Error(`returned a '${a.kind}' annotation it does not declare`),
      })
    }
    if (!spanIsValid(doc.text, a)) {
      throw new StageError(stage.name, doc.article.id, {
        cause: new Error(`annotation ${a.id} [${a.start},${a.end}) does not match its text '${a.text}'`),
      })
    }
    list.push(a)
  }
  const annotations = new Map(doc.annotations)
  for (const [kind, list] of byKind) {
    list.sort((x, y) => x.start - y.start || y.end - x.end)
    annotations.set(kind, list)
  }
  return { ...doc, annotations }
}
