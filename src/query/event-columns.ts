/**
 * The columns an event is shown with: every stored field for CSV (`events --format csv`,
 * `export --format csv`), and a short set for a terminal table.
 */
import type { StoredEvent } from '../storage/store.js'
import type { Column } from './format-csv.js'
import type { TableColumn } from './format-table.js'

/** Every field of a stored event, in a reading order, with the field names as headers. */
export const EVENT_CSV_COLUMNS: readonly Column<StoredEvent>[] = [
  { header: 'id', value: (e) => e.id },
  { header: 'eventKey', value: (e) => e.eventKey },
  { header: 'date', value: (e) => e.date },
  { header: 'code', value: (e) => e.code },
  { header: 'label', value: (e) => e.label },
  { header: 'root', value: (e) => e.root },
  { header: 'quadClass', value: (e) => e.quadClass },
  { header: 'goldstein', value: (e) => e.goldstein },
  { header: 'source', value: (e) => e.source },
  { header: 'sourceName', value: (e) => e.sourceName },
  { header: 'target', value: (e) => e.target },
  { header: 'targetName', value: (e) => e.targetName },
  { header: 'place', value: (e) => e.place },
  { header: 'mode', value: (e) => e.mode },
  { header: 'rule', value: (e) => e.rule },
  { header: 'numMentions', value: (e) => e.numMentions },
  { header: 'numSources', value: (e) => e.numSources },
  { header: 'numArticles', value: (e) => e.numArticles },
  { header: 'articleId', value: (e) => e.articleId },
  { header: 'articleKey', value: (e) => e.articleKey },
  { header: 'articleTitle', value: (e) => e.articleTitle },
  { header: 'sentenceStart', value: (e) => e.sentenceStart },
  { header: 'sentenceEnd', value: (e) => e.sentenceEnd },
  { header: 'sentence', value: (e) => e.sentence },
]

/** An actor code with the name it was read from: `CHNGOV (Xi Jinping)`. */
export function actorLabel(code: string, name: string | null): string {
  return name ? `${code} (${name})` : code
}

/** What a terminal shows of an event: enough to read it, the sentence last and shrinkable. */
export const EVENT_TABLE_COLUMNS: readonly TableColumn<StoredEvent>[] = [
  { header: 'ID', value: (e) => e.id, align: 'right' },
  { header: 'DATE', value: (e) => e.date ?? '' },
  { header: 'CODE', value: (e) => e.code },
  { header: 'EVENT', value: (e) => (e.mode === 'done' ? e.label : `${e.label} [${e.mode}]`), flex: true, maxWidth: 40 },
  { header: 'SOURCE', value: (e) => actorLabel(e.source, e.sourceName), flex: true, maxWidth: 32 },
  { header: 'TARGET', value: (e) => actorLabel(e.target, e.targetName), flex: true, maxWidth: 32 },
  { header: 'Q', value: (e) => e.quadClass, align: 'right' },
  { header: 'GS', value: (e) => signed(e.goldstein), align: 'right' },
  { header: 'ART', value: (e) => e.articleId, align: 'right' },
  { header: 'SENTENCE', value: (e) => e.sentence, flex: true, dropBelow: 150 },
]

/** A Goldstein value with its sign (`+3.4`, `-10`, `0`). */
export function signed(n: number): string {
  const s = Number.isInteger(n) ? String(n) : n.toFixed(1)
  return n > 0 ? `+${s}` : s
}
