/**
 * The reader must read a text the same whatever it read before: worker threads of `dateline
 * ingest` see articles in an order that varies from run to run. Real wire copy: the first
 * records of the Reuters-21578 corpus (`../shared/corpora/reuters21578.jsonl`, streamed at run
 * time, never copied; research use only).
 */
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { before, test } from 'node:test'
import { readInputs } from '../../ingest/read-inputs.js'
import { createWinkReader, type WinkReader } from './wink.js'

const CORPUS = '../shared/corpora/reuters21578.jsonl'
const SAMPLE = 2000
const SKIP = existsSync(CORPUS) ? false : `${CORPUS} is absent: reading-order test skipped`

const texts: string[] = []

before(async () => {
  if (SKIP) return
  for await (const result of readInputs([CORPUS])) {
    if (result.ok && result.article.text.length > 0) texts.push(result.article.text)
    if (texts.length >= SAMPLE) break
  }
})

/** Each text's tokens (value/POS/lemma) and sentence spans, in one string per text. */
function readAll(reader: WinkReader, order: readonly number[]): Map<number, string> {
  const out = new Map<number, string>()
  for (const i of order) {
    const r = reader.read(texts[i] as string, 0)
    out.set(i, JSON.stringify([r.tokens.map((t) => `${t.start}:${t.value}/${t.pos}/${t.lemma}`), r.sentences]))
  }
  return out
}

function differing(a: Map<number, string>, b: Map<number, string>): number[] {
  return [...a.keys()].filter((i) => a.get(i) !== b.get(i))
}

test('a text reads the same whatever was read before it', { skip: SKIP }, () => {
  const order = texts.map((_, i) => i)
  const forward = readAll(createWinkReader(), order)
  const backward = readAll(createWinkReader(), [...order].reverse())
  assert.deepEqual(differing(forward, backward), [], 'texts read differently in reverse order')
})

test('starting afresh when the tables are full changes nothing', { skip: SKIP }, () => {
  const order = texts.map((_, i) => i)
  const usual = readAll(createWinkReader(), order)
  // A budget of 50 new entries makes the reader start afresh every few texts.
  const often = readAll(createWinkReader({ budget: 50 }), order)
  assert.deepEqual(differing(usual, often), [])
})
