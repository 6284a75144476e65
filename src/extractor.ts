import type { Article } from './core/document.js'
import type { Extraction } from './core/extraction.js'
import { createPipeline, type Pipeline } from './core/pipeline.js'
import type { StageContext } from './core/stage.js'
import { toExtraction } from './core/to-extraction.js'
import { loadActorLexicon } from './lexicons/actor-lexicon.js'
import { loadCameoCodebook } from './lexicons/cameo-codebook.js'
import { loadGazetteer } from './lexicons/gazetteer.js'
import type { Lexicons } from './lexicons/types.js'
import { createDefaultStages } from './stages/default-stages.js'

export interface ExtractorOptions {
  /** A user actor dictionary (see docs/actor-dictionary.md) that adds to or overrides the defaults. */
  readonly actorDictionary?: string
  /** The day to resolve relative dates against when an input gives none (`--published`). */
  readonly published?: string | null
  readonly debug?: StageContext['debug']
  /** Check every annotation's span against the text (tests and `eval` do). */
  readonly validate?: boolean
}

/** Reads articles into extractions with the default pipeline. */
export interface Extractor {
  readonly pipeline: Pipeline
  readonly lexicons: Lexicons
  extract(article: Article): Extraction
}

/**
 * Loads the lexicons once and builds the default pipeline.
 *
 * @example
 * const extractor = createExtractor()
 * const extraction = extractor.extract(article)
 * extraction.quotes[0]?.speaker // 'Xi Jinping'
 */
export function createExtractor(options: ExtractorOptions = {}): Extractor {
  const lexicons: Lexicons = {
    gazetteer: loadGazetteer(),
    actors: loadActorLexicon(options.actorDictionary ? { userDictionary: options.actorDictionary } : {}),
  }
  const pipeline = createPipeline(createDefaultStages(lexicons, loadCameoCodebook()), {
    validate: options.validate ?? false,
  })
  const ctx: StageContext = Object.freeze({
    published: options.published ?? null,
    debug: options.debug ?? (() => {}),
  })
  return {
    pipeline,
    lexicons,
    extract: (article) => toExtraction(pipeline.run(article, ctx)),
  }
}
