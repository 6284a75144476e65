/**
 * Evaluation reports as text, in the shape of the independent scorers' output (one line per
 * field, the exact-code line, then `OK`/`SHORT`), and as JSON for tools.
 */
import {
  FIELDS,
  formatFixed2,
  shortfalls,
  type ArticleScore,
  type EvalReport,
  type FieldScore,
  type MinimumF1,
} from './score-gold.js'
import type { PeerScore } from './score-peers.js'

export interface FormatReportOptions {
  /** List each article's misses and extras before the totals. */
  readonly verbose?: boolean
  /** Minimum F1 per field; a field below it turns the last line into `SHORT: ...`. */
  readonly minF1?: MinimumF1
}

const f2 = formatFixed2

/** `P=1.00 R=0.50 F1=0.67 (tp=1 fp=0 fn=1)` */
function prfLine(s: FieldScore): string {
  return `P=${f2(s.precision)} R=${f2(s.recall)} F1=${f2(s.f1)} (tp=${s.tp} fp=${s.fp} fn=${s.fn})`
}

/** An item as one short line of JSON. */
function brief(item: unknown, max = 160): string {
  return (JSON.stringify(item) ?? String(item)).slice(0, max)
}

function articleLines(a: ArticleScore): string[] {
  const lines = [`  ${a.name}`]
  for (const f of FIELDS) {
    for (const m of a.misses[f]) lines.push(`    miss ${f}: ${brief(m)}`)
  }
  for (const o of a.extras.entity) lines.push(`    extra entity: ${brief(o)}`)
  for (const o of a.extras.date) lines.push(`    extra date: ${brief(o)}`)
  for (const o of a.extras.quantity) lines.push(`    extra quantity: ${brief(o)}`)
  for (const o of a.extras.quote) lines.push(`    extra quote: ${brief(o)}`)
  for (const { event: e, sentence } of a.extras.event) {
    const sent = JSON.stringify(sentence.slice(0, 90))
    const pair = `${String(e.source)}->${String(e.target)}`
    lines.push(`    extra event: ${String(e.code)} ${pair} | ${sent}`)
  }
  return lines
}

/**
 * The report as text: `FAIL` lines for articles with no extraction (and, verbose, each article's
 * misses and extras), one line per field, the exact-code line, then `OK n article(s): ...` or
 * `SHORT: ... | ...`. Ends with a newline.
 *
 * @example
 * process.stdout.write(formatReport(report, { minF1: { event: 0.6 } }))
 * // entity    P=0.90 R=0.82 F1=0.86 (tp=55 fp=6 fn=12)
 * // ...
 * // exact CAMEO code on matched events: 0.71 (22/31)
 * // OK 9 article(s): entity=0.86 date=0.80 quantity=0.90 quote=0.75 event=0.66
 */
export function formatReport(report: EvalReport, options: FormatReportOptions = {}): string {
  const lines: string[] = []
  for (const a of report.articles) {
    if (a.error !== null) lines.push(`FAIL ${a.name}: no extraction (${a.error})`)
    else if (options.verbose) lines.push(...articleLines(a))
  }
  for (const f of FIELDS) lines.push(`${f.padEnd(9)} ${prfLine(report.fields[f])}`)
  const { correct, matched, accuracy } = report.exact
  lines.push(`exact CAMEO code on matched events: ${f2(accuracy)} (${correct}/${matched})`)
  const summary = FIELDS.map((f) => `${f}=${f2(report.fields[f].f1)}`).join(' ')
  const short = shortfalls(report, options.minF1)
  lines.push(
    short.length > 0
      ? `SHORT: ${short.join('; ')} | ${summary}`
      : `OK ${report.articles.length} article(s): ${summary}`,
  )
  return `${lines.join('\n')}\n`
}

/** The JSON form of a report (see {@link reportJson}). */
export interface EvalReportJson {
  readonly ok: boolean
  readonly short: readonly string[]
  readonly articles: number
  readonly failures: number
  readonly fields: EvalReport['fields']
  readonly exact: EvalReport['exact']
  readonly perArticle: readonly ArticleScore[]
}

/**
 * The report as a plain object for `JSON.stringify`: pass/fail against `minF1`, the totals, and
 * every article's counts, misses and extras.
 *
 * @example
 * console.log(JSON.stringify(reportJson(report, { minF1: { event: 0.6 } }), null, 2))
 */
export function reportJson(report: EvalReport, options: FormatReportOptions = {}): EvalReportJson {
  const short = shortfalls(report, options.minF1)
  return {
    ok: short.length === 0,
    short,
    articles: report.articles.length,
    failures: report.failures,
    fields: report.fields,
    exact: report.exact,
    perArticle: report.articles,
  }
}

export interface FormatPeerOptions {
  readonly verbose?: boolean
  /** Minimum headline score; below it the last line is `SHORT: x < min`. */
  readonly minF1?: number
}

/**
 * A peer-suite score as text, in score_peers.py's lines: PETRARCH2's root and full-code lines
 * and quiet count, or PLOVER's category line; then `score X` (or `SHORT: X < min`).
 *
 * @example
 * process.stdout.write(formatPeerReport(score, { minF1: 0.5 }))
 * // country pair + CAMEO root: P=0.60 R=0.55 F1=0.57 (tp=24 fp=16 fn=20)
 * // country pair + full code:  P=0.40 R=0.36 F1=0.38
 * // no-event sentences left quiet: 6/8; records with no output line: 0
 * // score 0.57
 */
export function formatPeerReport(score: PeerScore, options: FormatPeerOptions = {}): string {
  const lines: string[] = []
  if (score.kind === 'petr2') {
    if (options.verbose) {
      for (const m of score.misses) {
        const want = `${m.expected.source}->${m.expected.target} ${m.expected.code}`
        const got = m.got.map((e) => `${String(e.source)}->${String(e.target)} ${String(e.code)}`)
        const text = JSON.stringify(m.text.slice(0, 100))
        lines.push(`  miss ${m.id}: ${want} | got [${got.join(', ')}] | ${text}`)
      }
    }
    const { root, full } = score
    lines.push(`country pair + CAMEO root: ${prfLine(root)}`)
    lines.push(
      `country pair + full code:  P=${f2(full.precision)} R=${f2(full.recall)} F1=${f2(full.f1)}`,
    )
    const quiet = `${score.quiet.ok}/${score.quiet.total}`
    lines.push(
      `no-event sentences left quiet: ${quiet}; records with no output line: ${score.missing}`,
    )
  } else {
    if (options.verbose) {
      for (const m of score.misses) {
        const got = m.got.map((e) => `${String(e.code)} ${String(e.source)}`)
        const from = m.sources.join(', ')
        lines.push(`  miss ${m.id}: want ${m.want} from [${from}] | got [${got.join(', ')}]`)
      }
    }
    const right = `${score.right}/${score.total} = ${f2(score.headline)}`
    const missing = `records with no output line: ${score.missing}`
    lines.push(`PLOVER category + source country right: ${right}; ${missing}`)
  }
  lines.push(
    options.minF1 !== undefined && score.headline < options.minF1
      ? `SHORT: ${f2(score.headline)} < ${f2(options.minF1)}`
      : `score ${f2(score.headline)}`,
  )
  return `${lines.join('\n')}\n`
}

/** The JSON form of a peer-suite score, with `ok` against `minF1`. */
export function peerReportJson(
  score: PeerScore,
  options: FormatPeerOptions = {},
): PeerScore & { readonly ok: boolean } {
  return { ...score, ok: options.minF1 === undefined || score.headline >= options.minF1 }
}
