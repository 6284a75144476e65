/**
 * CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF, and a field that
 * holds a comma, a double quote, CR or LF enclosed in double quotes with its quotes doubled.
 */

/** A value a CSV field can hold; null and undefined become an empty field. */
export type CsvValue = string | number | boolean | null | undefined

/** Characters that force a field into quotes (RFC 4180, section 2, rules 6 and 7). */
const NEEDS_QUOTES = /[",\r\n]/

/**
 * One field, quoted only when it must be.
 *
 * @example
 * csvField('He said "no", twice') // '"He said ""no"", twice"'
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  const s = String(value)
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/**
 * One record, ended by CRLF.
 *
 * @example
 * csvRecord(['036', 'CHN', 3.4]) // '036,CHN,3.4\r\n'
 */
export function csvRecord(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`
}

/** A column of a CSV or table view: its header and how to read it off a row. */
export interface Column<T> {
  readonly header: string
  readonly value: (row: T) => CsvValue
}

/** A header record and one record per row. */
export function formatCsv<T>(columns: readonly Column<T>[], rows: Iterable<T>): string {
  let out = csvRecord(columns.map((c) => c.header))
  for (const row of rows) out += csvRecord(columns.map((c) => c.value(row)))
  return out
}
