/**
 * The columns `actors` and `search` results are shown with, as a terminal table or as CSV.
 */
import type { ActorSummary, SearchHit } from '../storage/store.js'
import type { TableColumn } from './format-table.js'

/** An actor with how often it acts and is acted upon, most active first. */
export const ACTOR_COLUMNS: readonly TableColumn<ActorSummary>[] = [
  { header: 'CODE', value: (a) => a.code },
  { header: 'NAME', value: (a) => a.name ?? '', flex: true, maxWidth: 40 },
  { header: 'AS SOURCE', value: (a) => a.asSource, align: 'right' },
  { header: 'AS TARGET', value: (a) => a.asTarget, align: 'right' },
  { header: 'TOTAL', value: (a) => a.asSource + a.asTarget, align: 'right' },
]

/** A search hit: the article to `show`, what matched and a passage around it. */
export const SEARCH_COLUMNS: readonly TableColumn<SearchHit>[] = [
  { header: 'ARTICLE', value: (h) => h.articleId, align: 'right' },
  { header: 'KIND', value: (h) => h.kind },
  { header: 'TITLE', value: (h) => h.title ?? '', flex: true, maxWidth: 50 },
  { header: 'PASSAGE', value: (h) => h.snippet, flex: true },
]
