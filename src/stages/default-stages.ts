import type { Stage } from '../core/stage.js'
import type { CameoCodebook } from '../lexicons/cameo-codebook.js'
import type { Lexicons } from '../lexicons/types.js'
import { createClausesStage } from './clauses/clauses-stage.js'
import { createDatelineStage } from './dateline/dateline-stage.js'
import { createDatesStage } from './dates/dates-stage.js'
import { createEventsStage } from './events/events-stage.js'
import { createEntitiesStage } from './entities/entities-stage.js'
import { createIncidentsStage } from './incidents/incidents-stage.js'
import { createQuantitiesStage } from './quantities/quantities-stage.js'
import { currencyWords, loadQuantityLexicon } from './quantities/quantity-lexicon.js'
import { createQuotesStage } from './quotes/quotes-stage.js'
import { createSegmentStage } from './segment/segment-stage.js'

/**
 * The reading stages in the order they run. The order is data: `createPipeline` checks that each
 * stage comes after the stages whose annotations it reads.
 */
export function createDefaultStages(lexicons: Lexicons, codebook: CameoCodebook): Stage[] {
  // Read once: the figures use the units, the event coder the currency words.
  const units = loadQuantityLexicon()
  return [
    // Sections, sentences and tokens: everything else indexes them.
    createSegmentStage(),
    // The reference day (dateline, else the input's date, else --published) for every date.
    createDatelineStage({ gazetteer: lexicons.gazetteer }),
    // People, places, organisations and countries, with coreference; quotes need speakers.
    createEntitiesStage({ lexicons }),
    createDatesStage(),
    // Figures read the dates (a trade figure's period) and the countries (its parties).
    createQuantitiesStage({ lexicon: units }),
    createQuotesStage(),
    // Who does what to whom, per verb: reads the quotes to mark reported speech.
    createClausesStage(),
    // Incidents gather magnitudes and casualty figures from the quantities.
    createIncidentsStage(),
    // The CAMEO event coder reads everything above: actors, clauses, quotes, dates.
    createEventsStage({ codebook, currencyWords: currencyWords(units) }),
  ]
}
