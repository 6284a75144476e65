/**
 * A local HTTP server for the ingest tests: 127.0.0.1 on a free port, no network. It is bounded
 * in requests (past the limit it answers 503 and the test sees too many) and in time (it shuts
 * itself after `lifetimeMs`, so a forgotten server cannot keep the test run alive).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Handler = (req: IncomingMessage, res: ServerResponse) => void

export interface TestServer {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  readonly origin: string
  /** Every request's path and User-Agent, in arrival order. */
  readonly requests: ReadonlyArray<{ readonly path: string; readonly userAgent: string | undefined }>
  /** The most requests that were open at the same moment. */
  readonly maxConcurrent: () => number
  close(): Promise<void>
}

export interface TestServerOptions {
  readonly maxRequests?: number
  readonly lifetimeMs?: number
}

/** Starts a server that answers each path from `routes` (404 for any other). */
export async function startTestServer(
  routes: Readonly<Record<string, Handler>>,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const maxRequests = options.maxRequests ?? 100
  const requests: Array<{ path: string; userAgent: string | undefined }> = []
  let open = 0
  let peak = 0
  const server = createServer((req, res) => {
    const path = req.url ?? '/'
    requests.push({ path, userAgent: req.headers['user-agent'] })
    open++
    peak = Math.max(peak, open)
    res.on('close', () => open--)
    if (requests.length > maxRequests) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('too many requests for a test')
      return
    }
    const handler = routes[path.split('?')[0] ?? path]
    if (handler) handler(req, res)
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const close = async (): Promise<void> => {
    clearTimeout(deadline)
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
  const deadline = setTimeout(() => void close(), options.lifetimeMs ?? 30_000)
  deadline.unref()
  return { origin: `http://127.0.0.1:${port}`, requests, maxConcurrent: () => peak, close }
}

/** A handler that sends `body` with a content type. */
export function send(contentType: string, body: string | Buffer, status = 200): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': contentType }).end(body)
  }
}
