/**
 * A worker thread of `dateline ingest`: builds its own extractor (lexicons and pipeline) and
 * extracts the articles the main thread sends, one at a time, replying with the extraction or
 * the error. The main thread keeps the order and does all the storing.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { DatelineError } from '../../core/errors.js'
import { createExtractor, type ExtractorOptions } from '../../extractor.js'
import type { WorkerReply, WorkerRequest } from './ingest-pool.js'

const port = parentPort
if (port === null) throw new Error('ingest-worker.ts runs only as a worker thread')

// Building the extractor may fail (a bad --actors file): that error ends the worker, and the
// pool reports it as the run's error.
const extractor = createExtractor(workerData as ExtractorOptions)
port.postMessage({ type: 'ready' } satisfies WorkerReply)

port.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply
  try {
    const json = JSON.stringify(extractor.extract(request.article))
    reply = { type: 'done', seq: request.seq, json }
  } catch (error) {
    reply = {
      type: 'failed',
      seq: request.seq,
      code: error instanceof DatelineError ? error.code : 'STAGE_FAILED',
      message: error instanceof Error ? error.message : String(error),
    }
  }
  port.postMessage(reply)
})
