/**
 * Crash safety of `dateline ingest`: an ingest killed with SIGKILL at a random moment, then run
 * again, ends with exactly what an uninterrupted ingest stores. Each article is written in its
 * own transaction and articles are written in input order, so this holds by construction; the
 * test proves it on a few hundred Reuters stories, read at run time from ../shared/corpora (the
 * corpus may not be copied into the project) and skipped when it is absent.
 *
 * The moment is random but reproducible: the seed is printed, and CRASH_SEED=<n> replays it.
 */
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { openStore } from '../../src/storage/open-store.js'
import type { StoreCounts, StoredEvent } from '../../src/storage/store.js'

const CORPUS = '../shared/corpora/reuters21578.jsonl'
const ARTICLES = 300
const CLI = ['--import', 'tsx', 'src/interfaces/cli/main.ts']

/** mulberry32: a small seeded generator, so that a failing moment can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function ingest(input: string, db: string, jobs: number): ChildProcess {
  return spawn(process.execPath, [...CLI, 'ingest', input, '--db', db, '--jobs', String(jobs), '--verbose'], {
    cwd: process.cwd(),
    env: { ...process.env, DATELINE_DB: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
}

function finished(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal }))
  })
}

async function runToEnd(input: string, db: string, jobs: number): Promise<string> {
  const child = ingest(input, db, jobs)
  const err: Buffer[] = []
  child.stderr?.on('data', (chunk: Buffer) => err.push(chunk))
  const { code } = await finished(child)
  const stderr = Buffer.concat(err).toString('utf8')
  // 0, or 1 when some Reuters records are skipped (e.g. not English): either way a full run.
  assert.ok(code === 0 || code === 1, `ingest exited ${code}:\n${stderr}`)
  return stderr
}

/** What the store holds, compared in full: counts, and every event with its GDELT-style counts. */
async function contents(db: string): Promise<{ counts: StoreCounts; events: string[] }> {
  const store = await openStore(db)
  try {
    const counts = await store.counts()
    const events: StoredEvent[] = []
    for await (const e of store.eachEvent()) events.push(e)
    const row = (e: StoredEvent): string =>
      [e.articleKey, e.code, e.source, e.target, e.sentenceStart, e.eventKey, e.numMentions, e.numSources, e.numArticles].join(' ')
    return { counts, events: events.map(row).sort() }
  } finally {
    await store.close()
  }
}

const dir = mkdtempSync(join(tmpdir(), 'dateline-crash-'))
after(() => rmSync(dir, { recursive: true, force: true }))

test('an ingest killed with SIGKILL and run again ends as an uninterrupted one', {
  skip: existsSync(CORPUS) ? false : `${CORPUS} is not here`,
  timeout: 300_000,
}, async (t) => {
  const lines = readFileSync(CORPUS, 'utf8').split('\n').filter((l) => l.trim() !== '').slice(0, ARTICLES)
  const input = join(dir, 'reuters-sample.jsonl')
  writeFileSync(input, `${lines.join('\n')}\n`)
  const seed = Number(process.env['CRASH_SEED'] ?? Date.now() % 1_000_000)
  const next = random(seed)
  t.diagnostic(`seed ${seed} (replay with CRASH_SEED=${seed})`)

  const whole = join(dir, 'whole.db')
  await runToEnd(input, whole, 0)
  const expected = await contents(whole)
  assert.ok(expected.counts.articles > ARTICLES / 2 && expected.counts.events > 0, JSON.stringify(expected.counts))

  // Killed after a random number of articles were dealt with, plus a random few milliseconds, so
  // that the kill lands anywhere: between two writes, inside one, while workers extract ahead.
  const crashed = join(dir, 'crashed.db')
  const killAfter = 5 + Math.floor(next() * (ARTICLES / 2))
  const delayMs = Math.floor(next() * 40)
  const child = ingest(input, crashed, 2)
  let seen = 0
  let killed = false
  child.stderr?.on('data', (chunk: Buffer) => {
    seen += chunk.toString('utf8').match(/^(?:added|replaced|unchanged|skipped) /gm)?.length ?? 0
    if (!killed && seen >= killAfter) {
      killed = true
      setTimeout(() => child.kill('SIGKILL'), delayMs)
    }
  })
  const end = await finished(child)
  t.diagnostic(`killed after ${seen} articles (+${delayMs} ms)`)
  assert.equal(end.signal, 'SIGKILL', 'the first run was killed, not finished')

  const partial = await contents(crashed)
  assert.ok(partial.counts.articles > 0, 'some articles were stored before the kill')
  assert.ok(partial.counts.articles < expected.counts.articles, 'the kill came before the end')

  const stderr = await runToEnd(input, crashed, 1)
  const added = Number(/^dateline ingest: added +(\d+)$/m.exec(stderr)?.[1])
  assert.equal(added, expected.counts.articles - partial.counts.articles, 'the re-run adds exactly what was missing')

  const final = await contents(crashed)
  assert.deepEqual(final.counts, expected.counts)
  assert.deepEqual(final.events, expected.events)
})
