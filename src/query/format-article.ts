/**
 * The parts of `dateline show` that go beyond what `extract --format pretty` prints: where the
 * article sits in the store, and each event in full (label, actors with their names, date,
 * place, Goldstein value, mode and the sentence it was read from).
 */
import type { EventOut } from '../core/extraction.js'
import type { StoredArticle } from '../storage/store.js'
import { actorLabel, signed } from './event-columns.js'
import { cellText, truncate } from './format-table.js'

export interface ArticleTextOptions {
  /** Fit sentence lines to this many columns; unlimited when absent. */
  readonly width?: number
  readonly color?: boolean
}

/** One line on the article's place in the store: id, key and the article it duplicates. */
export function formatArticleHeader(article: StoredArticle): string {
  const dup = article.duplicateOf === null ? '' : `, near-duplicate of article ${article.duplicateOf}`
  return `article ${article.id} (${cellText(article.key)})${dup}\n`
}

/**
 * The article's events, one block each, ending with a newline (empty when it has none).
 *
 * @example
 * formatArticleEvents(article, { width: 100 })
 * // '  events (2)\n    0211 Appeal for economic cooperation  CHNGOV (Xi Jinping) → RUSGOV ...'
 */
export function formatArticleEvents(article: StoredArticle, options: ArticleTextOptions = {}): string {
  const { events, article: a } = article.extraction
  if (events.length === 0) return ''
  const bold = (s: string): string => (options.color ? `\x1b[1m${s}\x1b[0m` : s)
  const dim = (s: string): string => (options.color ? `\x1b[2m${s}\x1b[0m` : s)
  const fit = (s: string): string => (options.width === undefined ? s : truncate(s, options.width))
  const lines = [bold(`  events (${events.length})`)]
  for (const ev of events) {
    lines.push(
      `    ${bold(`${ev.code} ${cellText(ev.label)}`)}  ${actor(ev.source, ev.sourceActor)} → ${actor(ev.target, ev.targetActor)}`,
    )
    const facts = [
      ev.date,
      ev.place,
      `Goldstein ${signed(ev.goldstein)}`,
      `quad class ${ev.quadClass}`,
      ev.mode === 'done' ? null : ev.mode,
    ].filter((x): x is string => Boolean(x))
    lines.push(dim(`      ${cellText(facts.join(' · '))}`))
    lines.push(fit(`      "${cellText(a.text.slice(ev.sentence.start, ev.sentence.end))}"`))
  }
  return `${lines.join('\n')}\n`
}

function actor(code: string, a: EventOut['sourceActor']): string {
  return cellText(actorLabel(code, a.name))
}
