/**
 * A dyad report as text for a terminal: one line per month with the events of each quad class,
 * the mean Goldstein value and a bar whose shades are the quad classes; then the latest events,
 * statements and figures.
 */
import type { DyadReport, StoredEvent, StoredQuantity, StoredQuote } from '../storage/store.js'
import { signed } from './event-columns.js'
import { cellText, formatTable, truncate, type TableColumn } from './format-table.js'

export interface DyadTextOptions {
  /**
   * Fit lines to this many columns (a terminal's width, at least 60). When absent (output to a
   * file or a pipe) nothing is cut and the bars are at most 50 cells long.
   */
  readonly width?: number
}

/** The bar's shade for each quad class, darkest for cooperation (GDELT's 1 … 4). */
export const QUAD_SHADES: Readonly<Record<1 | 2 | 3 | 4, string>> = { 1: '█', 2: '▓', 3: '▒', 4: '░' }
export const QUAD_NAMES: Readonly<Record<1 | 2 | 3 | 4, string>> = {
  1: 'verbal cooperation',
  2: 'material cooperation',
  3: 'verbal conflict',
  4: 'material conflict',
}
/** The names the chart's key uses, short enough for an 80-column terminal. */
const QUAD_SHORT_NAMES: Readonly<Record<1 | 2 | 3 | 4, string>> = {
  1: 'verbal coop',
  2: 'material coop',
  3: 'verbal conflict',
  4: 'material conflict',
}
const QUADS = [1, 2, 3, 4] as const

/** A run of empty months longer than this is shown as one line rather than month by month. */
const MAX_EMPTY_RUN = 24

type Month = DyadReport['months'][number]

/** The latest events, compact enough for an 80-column terminal: the actors by code only. */
const DYAD_EVENT_COLUMNS: readonly TableColumn<StoredEvent>[] = [
  { header: 'DATE', value: (e) => e.date ?? '' },
  { header: 'CODE', value: (e) => e.code },
  { header: 'EVENT', value: (e) => (e.mode === 'done' ? e.label : `${e.label} [${e.mode}]`), flex: true, maxWidth: 36 },
  { header: 'ACTORS', value: (e) => `${e.source} → ${e.target}` },
  { header: 'GS', value: (e) => signed(e.goldstein), align: 'right' },
  { header: 'SENTENCE', value: (e) => e.sentence, flex: true },
]

/**
 * The report as text, ending with a newline.
 *
 * @example
 * process.stdout.write(formatDyadText(await queryDyad(store, 'CHN', 'RUS'), { width: 100 }))
 */
export function formatDyadText(report: DyadReport, options: DyadTextOptions = {}): string {
  const width = options.width === undefined ? Number.POSITIVE_INFINITY : Math.max(60, options.width)
  const fit = (line: string): string => (Number.isFinite(width) ? truncate(line, width - 2) : line)
  // Months count the events dated within one month; one dated by year only is listed, not charted.
  const total = report.months.reduce((n, m) => n + monthTotal(m), 0)
  const out: string[] = []
  const span = report.months.length
    ? ` from ${report.months[0]?.month} to ${report.months[report.months.length - 1]?.month}`
    : ''
  const mean = meanGoldstein(report.months)
  out.push(
    `${report.a} ↔ ${report.b}: ${total} event${total === 1 ? '' : 's'} by month${span}` +
      (mean === null ? '' : `, mean Goldstein ${signed(round1(mean))}`),
  )
  out.push('')
  if (report.months.length === 0) {
    out.push(report.events.length === 0 ? 'No events between these two actors.' : 'No events dated within a month.')
  } else {
    out.push(...monthChart(report.months, width))
  }
  if (report.events.length) {
    out.push('', `Latest events (${report.events.length})`)
    const table = formatTable(
      DYAD_EVENT_COLUMNS,
      report.events,
      Number.isFinite(width) ? { width: width - 2 } : {},
    )
    out.push(...table.trimEnd().split('\n').map((l) => `  ${l}`))
  }
  if (report.statements.length) {
    out.push('', `Statements (${report.statements.length})`)
    for (const q of report.statements) out.push(`  ${fit(statementLine(q))}`)
  }
  if (report.figures.length) {
    out.push('', `Figures (${report.figures.length})`)
    for (const x of report.figures) out.push(`  ${fit(figureLine(x))}`)
  }
  return `${out.join('\n')}\n`
}

/** The monthly chart: a header, one line per month (gaps filled), and a key to the shades. */
function monthChart(months: readonly Month[], width: number): string[] {
  const rows = withGaps(months)
  const max = Math.max(1, ...months.map(monthTotal))
  const columns: TableColumn<Month | Gap>[] = [
    { header: 'MONTH', value: (m) => ('gap' in m ? '…' : m.month) },
    ...QUADS.map(
      (q): TableColumn<Month | Gap> => ({
        header: ['', 'VCOOP', 'MCOOP', 'VCONF', 'MCONF'][q] ?? '',
        value: (m) => ('gap' in m ? '' : m.counts[q] || '.'),
        align: 'right',
      }),
    ),
    {
      header: 'GS',
      value: (m) => ('gap' in m || monthTotal(m) === 0 ? '' : signed(round1(m.meanGoldstein))),
      align: 'right',
    },
  ]
  // The chart's text columns take about 46 characters; the bar gets the rest, at most 50.
  const barWidth = Math.max(10, Math.min(50, width - 48))
  const table = formatTable(columns, rows).trimEnd().split('\n')
  const lines = table.map((line, i) => {
    if (i === 0) return line
    const row = rows[i - 1]
    if (!row) return line
    if ('gap' in row) return `${line}  (${row.gap} months without events)`
    return monthTotal(row) === 0 ? line : `${line}  ${bar(row, max, barWidth)}`
  })
  const key = `  ${QUADS.map((q) => `${QUAD_SHADES[q]} ${QUAD_SHORT_NAMES[q]}`).join('  ')}`
  lines.push(Number.isFinite(width) ? truncate(key, width) : key)
  return lines
}

interface Gap {
  readonly gap: number
}

/**
 * Months in order with the empty ones between them put back (a chart over time must show the
 * quiet months too); a long quiet run becomes one line. Months that are not `YYYY-MM` (an
 * undated bucket) keep their place at the end.
 */
function withGaps(months: readonly Month[]): Array<Month | Gap> {
  const dated = months.filter((m) => /^\d{4}-\d{2}$/.test(m.month)).sort((x, y) => x.month.localeCompare(y.month))
  const undated = months.filter((m) => !/^\d{4}-\d{2}$/.test(m.month))
  const out: Array<Month | Gap> = []
  for (const m of dated) {
    const prev = out.length ? out[out.length - 1] : undefined
    if (prev && !('gap' in prev)) {
      const missing = monthIndex(m.month) - monthIndex(prev.month) - 1
      if (missing > MAX_EMPTY_RUN) out.push({ gap: missing })
      else for (let i = 1; i <= missing; i++) out.push(emptyMonth(monthName(monthIndex(prev.month) + i)))
    }
    out.push(m)
  }
  return [...out, ...undated]
}

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1
}

function monthName(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

function emptyMonth(month: string): Month {
  return { month, counts: { 1: 0, 2: 0, 3: 0, 4: 0 }, meanGoldstein: 0 }
}

function monthTotal(m: Month): number {
  return m.counts[1] + m.counts[2] + m.counts[3] + m.counts[4]
}

/** A stacked bar, scaled to the busiest month; every class with events shows at least one cell. */
function bar(m: Month, max: number, width: number): string {
  let s = ''
  for (const q of QUADS) {
    const n = m.counts[q]
    if (n > 0) s += QUAD_SHADES[q].repeat(Math.max(1, Math.round((n / max) * width)))
  }
  return s
}

function meanGoldstein(months: readonly Month[]): number | null {
  let n = 0
  let sum = 0
  for (const m of months) {
    const k = monthTotal(m)
    n += k
    sum += m.meanGoldstein * k
  }
  return n === 0 ? null : sum / n
}

function round1(n: number): number {
  return Math.round(n * 10) / 10
}

function statementLine(q: StoredQuote): string {
  const date = q.date ? `${cellText(q.date)}  ` : ''
  return `${date}${cellText(q.speaker ?? '(unresolved)')} ${cellText(q.cue)}: "${cellText(q.text)}"`
}

function figureLine(x: StoredQuantity): string {
  const parts = [
    `"${x.text}" = ${formatNumber(x.value)} ${x.unit}`,
    x.measure ? `(${x.measure})` : null,
    x.period ? `period ${x.period}` : null,
    x.parties.length ? x.parties.join('–') : null,
  ]
  return `${x.date ? `${cellText(x.date)}  ` : ''}${cellText(parts.filter(Boolean).join(' '))}`
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : String(n)
}
