/**
 * fetchResource against a local server: timeouts, size limits, content-type refusals, HTTP
 * errors, redirects, the User-Agent, and the limit on requests in flight. No network.
 */
import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { after, before, describe, test } from 'node:test'
import {
  createLimiter,
  fetchResource,
  userAgent,
  type FetchResult,
} from '../../src/ingest/feeds/fetch-resource.js'
import { send, startTestServer, type TestServer } from './test-server.js'

const PAGE = '<!DOCTYPE html><html><body><p>A page.</p></body></html>'

let server: TestServer
let held: Array<() => void> = []
/** Requests to /slow open at once, and the most at any moment. */
const slow = { open: 0, peak: 0 }

before(async () => {
  server = await startTestServer(
    {
      '/page': send('text/html; charset=utf-8', PAGE),
      '/feed': send('application/rss+xml', '<rss version="2.0"><channel></channel></rss>'),
      '/x-rss': send('application/x-rss+xml', '<rss version="2.0"><channel></channel></rss>'),
      '/json': send('application/json', '{"text":"x"}'),
      '/text': send('text/plain', 'plain words'),
      '/image': send('image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47])),
      '/missing': send('text/html', 'gone', 404),
      '/redirect': (_req, res) => {
        res.writeHead(302, { location: '/page' }).end()
      },
      // Headers never come: the deadline covers waiting for them.
      '/silent': (_req, res) => {
        held.push(() => res.end())
      },
      // Headers come at once, the body never ends: the deadline covers the body too.
      '/trickle': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' })
        res.write('<p>')
        held.push(() => res.end())
      },
      // A body larger than it says nothing about: it is cut off while streaming.
      '/endless': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' })
        const chunk = Buffer.alloc(16 * 1024, 0x61)
        let sent = 0
        const pump = (): void => {
          // Bounded: 4 MiB at most, whatever the client does.
          while (sent < 4 * 1024 * 1024) {
            sent += chunk.length
            if (!res.write(chunk)) return void res.once('drain', pump)
          }
          res.end()
        }
        res.on('close', () => (sent = Infinity))
        pump()
      },
      '/declared-large': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) })
        res.write('<p>')
        held.push(() => res.destroy())
      },
      '/slow': (_req, res) => {
        slow.open++
        slow.peak = Math.max(slow.peak, slow.open)
        setTimeout(() => {
          slow.open--
          res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
        }, 40)
      },
    },
    { maxRequests: 60, lifetimeMs: 20_000 },
  )
})

after(async () => {
  for (const release of held) release()
  held = []
  await server.close()
})

function failed(r: FetchResult): Extract<FetchResult, { ok: false }> {
  assert.equal(r.ok, false, 'expected the fetch to fail')
  return r as Extract<FetchResult, { ok: false }>
}

describe('fetchResource', { timeout: 15_000 }, () => {
  const kinds: ReadonlyArray<readonly [string, string]> = [
    ['/page', 'html'],
    ['/feed', 'xml'],
    ['/x-rss', 'xml'],
    ['/json', 'json'],
    ['/text', 'text'],
  ]
  for (const [path, kind] of kinds) {
    test(`accepts ${path} as ${kind}`, async () => {
      const r = await fetchResource(`${server.origin}${path}`)
      assert.ok(r.ok)
      assert.equal(r.kind, kind)
      assert.ok(r.body.byteLength > 0)
    })
  }

  test('sends the polite User-Agent, naming no real host', async () => {
    const r = await fetchResource(`${server.origin}/page`, { userAgent: userAgent('9.9.9') })
    assert.ok(r.ok)
    const last = server.requests.filter((q) => q.path === '/page').at(-1)
    assert.equal(last?.userAgent, 'Dateline/9.9.9 (+https://example.invalid/dateline)')
  })

  test('follows redirects and reports the final URL', async () => {
    const r = await fetchResource(`${server.origin}/redirect`)
    assert.ok(r.ok)
    assert.equal(r.url, `${server.origin}/page`)
    assert.equal(new TextDecoder().decode(r.body), PAGE)
  })

  test('refuses a content type that is not a page, feed, JSON or text', async () => {
    const r = failed(await fetchResource(`${server.origin}/image`))
    assert.equal(r.error.code, 'INGEST_UNSUPPORTED_TYPE')
    assert.match(r.error.message, /^http:\/\/127\.0\.0\.1:\d+\/image: serves 'image\/png'/)
  })

  test('an HTTP error status is a failure naming the status', async () => {
    const r = failed(await fetchResource(`${server.origin}/missing`))
    assert.equal(r.error.code, 'INGEST_NOT_FOUND')
    assert.match(r.error.message, /HTTP 404/)
  })

  test('times out waiting for headers', async () => {
    const started = Date.now()
    const r = failed(await fetchResource(`${server.origin}/silent`, { timeoutMs: 200 }))
    assert.match(r.error.message, /timed out after 0\.2 s$/)
    assert.ok(Date.now() - started < 5000)
  })

  test('times out while the body trickles in', async () => {
    const r = failed(await fetchResource(`${server.origin}/trickle`, { timeoutMs: 200 }))
    assert.match(r.error.message, /timed out after 0\.2 s$/)
  })

  test('stops reading a body past maxBytes', async () => {
    const r = failed(await fetchResource(`${server.origin}/endless`, { maxBytes: 100_000 }))
    assert.equal(r.error.code, 'INGEST_TOO_LARGE')
    assert.match(r.error.message, /more than the limit of 100000 bytes/)
  })

  test('refuses a declared Content-Length over maxBytes before reading', async () => {
    const r = failed(await fetchResource(`${server.origin}/declared-large`, { maxBytes: 1000 }))
    assert.equal(r.error.code, 'INGEST_TOO_LARGE')
    assert.match(r.error.message, /is 52428800 bytes, over the limit of 1000 bytes/)
  })

  test('a refused connection is a one-line failure', async () => {
    // A port that was free a moment ago: nothing listens there now.
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const { port } = probe.address() as { port: number }
    await new Promise<void>((resolve) => probe.close(() => resolve()))
    const r = failed(await fetchResource(`http://127.0.0.1:${port}/x`, { timeoutMs: 2000 }))
    assert.equal(r.error.code, 'INGEST_NOT_FOUND')
    assert.match(r.error.message, /cannot be fetched: .*ECONNREFUSED/)
    assert.doesNotMatch(r.error.message, /\n/)
  })
})

describe('createLimiter', { timeout: 15_000 }, () => {
  test('keeps at most max requests in flight', async () => {
    const limit = createLimiter(3)
    const results = await Promise.all(
      Array.from({ length: 12 }, () => limit.run(() => fetchResource(`${server.origin}/slow`))),
    )
    assert.ok(results.every((r) => r.ok))
    assert.ok(slow.peak <= 3, `peak ${slow.peak} requests at once`)
    assert.ok(slow.peak >= 2, 'requests did run in parallel')
  })
})
