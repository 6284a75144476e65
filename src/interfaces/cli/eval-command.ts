import type { Command } from 'commander'
import { z } from 'zod'
import type { Article } from '../../core/document.js'
import { formatPeerReport, formatReport, peerReportJson, reportJson } from '../../eval/format-report.js'
import { loadGoldDir } from '../../eval/gold.js'
import { parseScorableExtraction, scoreAll, shortfalls, type EvalPair, type MinimumF1 } from '../../eval/score-gold.js'
import { loadPeerSuite, peerInputs, scorePeerSuite, type PeerOutputEvent } from '../../eval/score-peers.js'
import { loadCameoCodebook } from '../../lexicons/cameo-codebook.js'
import { EXIT } from './exit-codes.js'
import { createProgress } from './progress.js'

const Options = z.object({
  peers: z.string().optional(),
  json: z.boolean().optional(),
  verbose: z.boolean().optional(),
  minEntityF1: z.coerce.number().min(0).max(1).optional(),
  minDateF1: z.coerce.number().min(0).max(1).optional(),
  minQuantityF1: z.coerce.number().min(0).max(1).optional(),
  minQuoteF1: z.coerce.number().min(0).max(1).optional(),
  minEventF1: z.coerce.number().min(0).max(1).optional(),
  minF1: z.coerce.number().min(0).max(1).optional(),
})

/** `dateline eval <gold-dir>` and `dateline eval --peers <suite.jsonl>`. */
export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('Score the extractor against hand-checked gold answers, or against a peer test suite.')
    .argument('[gold-dir]', 'a folder of NAME.gold.json files beside their articles')
    .option('--peers <suite>', 'score a peer suite (PETRARCH2 or PLOVER gold records, JSONL) instead')
    .option('--json', 'print the report as JSON')
    .option('-v, --verbose', 'list each article\'s misses and extras')
    .option('--min-entity-f1 <x>', 'fail (exit 1) when entity F1 is below x')
    .option('--min-date-f1 <x>', 'fail when date F1 is below x')
    .option('--min-quantity-f1 <x>', 'fail when quantity F1 is below x')
    .option('--min-quote-f1 <x>', 'fail when quote F1 is below x')
    .option('--min-event-f1 <x>', 'fail when event F1 is below x')
    .option('--min-f1 <x>', 'with --peers: fail when the headline score is below x')
    .addHelpText(
      'after',
      `
Fields are scored as ../shared/gold/README.md describes (precision, recall, F1 per field, and
exact-code accuracy over matched events). Exit status: 0 ok, 1 a threshold missed or an article
failed, 2 bad usage.

Examples:
  dateline eval ../shared/gold/articles
  dateline eval --peers ../shared/peers/petr2_gsr_validation.dev.jsonl`,
    )
    .action(async (goldDir: string | undefined, raw: Record<string, unknown>) => {
      const parsed = Options.safeParse(raw)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        process.stderr.write(`dateline eval: --${String(issue?.path[0] ?? '')} ${issue?.message ?? 'is invalid'}\n`)
        process.exitCode = EXIT.usage
        return
      }
      const opts = parsed.data
      if (opts.peers) return evalPeers(opts.peers, opts)
      if (!goldDir) {
        process.stderr.write('dateline eval: name a gold folder, or --peers <suite.jsonl>\n')
        process.exitCode = EXIT.usage
        return
      }
      await evalGold(goldDir, opts)
    })
}

type EvalOptions = z.infer<typeof Options>

async function evalGold(goldDir: string, opts: EvalOptions): Promise<void> {
  const golds = loadGoldDir(goldDir)
  const [{ createExtractor }, { readInputs }] = await Promise.all([import('../../extractor.js'), import('../../ingest/read-inputs.js')])
  const extractor = createExtractor({ validate: true })
  const pairs: EvalPair[] = []
  for (const gold of golds) {
    let article: Article | null = null
    let error = 'no article read'
    for await (const r of readInputs([gold.articlePath], {})) {
      if (r.ok) article ??= r.article
      else error = r.error.message
    }
    if (!article) {
      pairs.push({ gold, error })
      continue
    }
    const extraction = extractor.extract(article)
    pairs.push({ gold, extraction: parseScorableExtraction(JSON.parse(JSON.stringify(extraction)), gold.name) })
  }
  const report = scoreAll(pairs)
  const minF1: MinimumF1 = {
    ...(opts.minEntityF1 !== undefined ? { entity: opts.minEntityF1 } : {}),
    ...(opts.minDateF1 !== undefined ? { date: opts.minDateF1 } : {}),
    ...(opts.minQuantityF1 !== undefined ? { quantity: opts.minQuantityF1 } : {}),
    ...(opts.minQuoteF1 !== undefined ? { quote: opts.minQuoteF1 } : {}),
    ...(opts.minEventF1 !== undefined ? { event: opts.minEventF1 } : {}),
  }
  const format = { verbose: opts.verbose === true, minF1 }
  process.stdout.write(
    opts.json ? `${JSON.stringify(reportJson(report, format), null, 2)}\n` : formatReport(report, format),
  )
  if (shortfalls(report, minF1).length > 0) process.exitCode = EXIT.someFailed
}

async function evalPeers(suite: string, opts: EvalOptions): Promise<void> {
  const records = loadPeerSuite(suite)
  const { createExtractor } = await import('../../extractor.js')
  const extractor = createExtractor()
  const codebook = loadCameoCodebook()
  const outputs = new Map<string, PeerOutputEvent[]>()
  const progress = createProgress({ label: 'eval' })
  let n = 0
  for (const input of peerInputs(records)) {
    const extraction = extractor.extract({
      id: input.id,
      title: null,
      source: null,
      url: null,
      date: input.date,
      text: input.text,
      dateline: null,
      input: `${suite}#${input.id}`,
      format: 'jsonl',
    })
    outputs.set(input.id, [...extraction.events])
    progress.tick(++n, records.length)
  }
  progress.done()
  const score = scorePeerSuite(records, outputs, {
    ploverOf: (code) => codebook.code(code)?.plover?.event ?? null,
  })
  const format = { verbose: opts.verbose === true, ...(opts.minF1 !== undefined ? { minF1: opts.minF1 } : {}) }
  process.stdout.write(
    opts.json ? `${JSON.stringify(peerReportJson(score, format), null, 2)}\n` : formatPeerReport(score, format),
  )
  if (opts.minF1 !== undefined && score.headline < opts.minF1) process.exitCode = EXIT.someFailed
}
