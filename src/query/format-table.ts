/**
 * Plain-text tables for a terminal: a header line, then one line per row, columns aligned by
 * their display width. Given the terminal's width, the flexible columns (a sentence, a title)
 * shrink, longest first, and lose their ends to an ellipsis, so that each line fits.
 */
import type { CsvValue } from './format-csv.js'

/** One column of a table. */
export interface TableColumn<T> {
  readonly header: string
  readonly value: (row: T) => CsvValue
  /** Numbers read best right-aligned. Default left. */
  readonly align?: 'left' | 'right'
  /** May shrink below its content's width to fit the terminal. */
  readonly flex?: boolean
  /** Never wider than this (the rest is cut with an ellipsis). */
  readonly maxWidth?: number
  /**
   * Left out when the table must fit fewer columns than this: a long sentence cut to a dozen
   * characters says nothing, and its room serves the other columns better.
   */
  readonly dropBelow?: number
}

export interface TableOptions {
  /** Fit lines to this many columns (a terminal's width); unlimited when absent. */
  readonly width?: number
  /** Spaces between columns. Default 2. */
  readonly gap?: number
}

/** A flexible column never shrinks below this, so that it still says something. */
const MIN_FLEX_WIDTH = 12

/**
 * Formats rows as an aligned table, ending with a newline. Cell text is flattened to one line
 * and control characters (a terminal's escape sequences among them) are shown as spaces, so that
 * article text cannot move the cursor or change colours.
 *
 * @example
 * formatTable([{ header: 'CODE', value: (r) => r.code }, { header: 'N', value: (r) => r.n, align: 'right' }],
 *   [{ code: '036', n: 3 }])
 * // 'CODE  N\n036   3\n'
 */
export function formatTable<T>(
  allColumns: readonly TableColumn<T>[],
  rows: readonly T[],
  options: TableOptions = {},
): string {
  const gap = options.gap ?? 2
  const fitTo = options.width
  const columns = fitTo === undefined ? allColumns : allColumns.filter((c) => c.dropBelow === undefined || fitTo >= c.dropBelow)
  const cells = rows.map((row) => columns.map((c) => cellText(c.value(row))))
  const headers = columns.map((c) => cellText(c.header))
  const widths = columns.map((c, i) => {
    const natural = Math.max(displayWidth(headers[i] ?? ''), ...cells.map((r) => displayWidth(r[i] ?? '')))
    return c.maxWidth === undefined ? natural : Math.min(natural, Math.max(c.maxWidth, 1))
  })
  if (options.width !== undefined) fitWidths(columns, widths, options.width, gap)
  const line = (texts: readonly string[]): string =>
    texts
      .map((t, i) => {
        const w = widths[i] ?? 0
        const cut = truncate(t, w)
        const pad = ' '.repeat(Math.max(0, w - displayWidth(cut)))
        if (columns[i]?.align === 'right') return pad + cut
        // The last column carries no trailing blanks.
        return i === texts.length - 1 ? cut : cut + pad
      })
      .join(' '.repeat(gap))
      .trimEnd()
  return [line(headers), ...cells.map(line)].map((l) => `${l}\n`).join('')
}

/** Shrinks the flexible columns, widest first, until a line fits `width` or none can shrink. */
function fitWidths<T>(columns: readonly TableColumn<T>[], widths: number[], width: number, gap: number): void {
  const total = (): number => widths.reduce((a, b) => a + b, 0) + gap * Math.max(0, widths.length - 1)
  let excess = total() - width
  while (excess > 0) {
    let widest = -1
    for (let i = 0; i < columns.length; i++) {
      const floor = Math.max(MIN_FLEX_WIDTH, displayWidth(columns[i]?.header ?? ''))
      if (columns[i]?.flex && (widths[i] ?? 0) > floor && (widest < 0 || (widths[i] ?? 0) > (widths[widest] ?? 0))) {
        widest = i
      }
    }
    if (widest < 0) return
    const floor = Math.max(MIN_FLEX_WIDTH, displayWidth(columns[widest]?.header ?? ''))
    // Take from the widest only what brings it level with the next one, so shrinking is shared.
    const others = widths.filter((w, i) => i !== widest && columns[i]?.flex)
    const next = Math.max(floor, ...others.map((w) => Math.min(w, widths[widest] ?? 0)))
    const cut = Math.min(excess, Math.max(1, (widths[widest] ?? 0) - next))
    widths[widest] = Math.max(floor, (widths[widest] ?? 0) - cut)
    excess = total() - width
  }
}

/** A value as one line of text with no control characters. */
export function cellText(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  // C0 and C1 controls include ESC (cursor moves, colours) and line breaks.
  // eslint-disable-next-line no-control-regex
  return String(value).replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim()
}

/** Cuts text to `width` display columns, marking the cut with an ellipsis. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text
  if (width <= 0) return ''
  let out = ''
  let used = 0
  for (const ch of text) {
    const w = charWidth(ch.codePointAt(0) ?? 0)
    if (used + w > width - 1) break
    out += ch
    used += w
  }
  return `${out}…`
}

/**
 * How many terminal columns text takes: East Asian wide and fullwidth characters take two,
 * combining marks none (Unicode UAX #11, the common ranges).
 */
export function displayWidth(text: string): number {
  let w = 0
  for (const ch of text) w += charWidth(ch.codePointAt(0) ?? 0)
  return w
}

function charWidth(cp: number): number {
  if ((cp >= 0x300 && cp <= 0x36f) || cp === 0x200b || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2
  }
  return 1
}
