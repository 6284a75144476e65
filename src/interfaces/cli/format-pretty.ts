import type { Extraction } from '../../core/extraction.js'

export interface PrettyOptions {
  readonly color: boolean
}

/** A human-readable summary of an extraction, for a terminal. */
export function formatPretty(e: Extraction, options: PrettyOptions): string {
  const bold = (s: string): string => (options.color ? `\x1b[1m${s}\x1b[0m` : s)
  const dim = (s: string): string => (options.color ? `\x1b[2m${s}\x1b[0m` : s)
  const lines: string[] = []
  const d = e.dateline
  lines.push(bold(`${e.article.id}${e.article.title ? ` — ${e.article.title}` : ''}`))
  lines.push(
    `  dateline: ${[d.place, d.country, d.date, d.source].filter(Boolean).join(', ') || '(none)'}${d.dateFrom ? dim(` (date from ${d.dateFrom})`) : ''}`,
  )
  const section = (title: string, rows: string[]): void => {
    if (!rows.length) return
    lines.push(bold(`  ${title} (${rows.length})`))
    for (const r of rows) lines.push(`    ${r}`)
  }
  section(
    'entities',
    e.entities.map(
      (x) =>
        `${x.name} ${dim(`[${x.type}${x.country ? ` ${x.country}` : ''}${x.actor ? ` ${x.actor}` : ''}${x.title ? `, ${x.title}` : ''}]`)}${x.aliases.length ? dim(` aka ${x.aliases.join(', ')}`) : ''}`,
    ),
  )
  section('dates', e.dates.map((x) => `"${x.text}" → ${x.value} ${dim(x.rule)}`))
  section(
    'figures',
    e.quantities.map(
      (x) =>
        `"${x.text}" → ${x.value} ${x.unit}${x.measure ? ` (${x.measure})` : ''}${x.period ? ` ${dim(`period ${x.period}`)}` : ''}${x.parties.length ? ` ${dim(x.parties.join('–'))}` : ''}`,
    ),
  )
  section('statements', e.quotes.map((x) => `${bold(x.speaker ?? '(unresolved)')} ${x.cue}: "${x.text}"`))
  section('incidents', e.incidents.map((x) => `${x.kind}${x.place ? ` in ${x.place}` : ''}${x.magnitude ? ` magnitude ${x.magnitude}` : ''}`))
  section(
    'events',
    e.events.map((x) => `${x.code} ${x.source} → ${x.target} ${dim(x.rule)}`),
  )
  return lines.join('\n')
}
