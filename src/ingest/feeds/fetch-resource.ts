import { IngestError, type ErrorCode } from '../../core/errors.js'
import { DEFAULT_MAX_BYTES } from '../read-inputs.js'

/**
 * Fetching one http(s) resource politely and safely: Node's global `fetch` (redirects followed),
 * one deadline for the whole exchange, a size limit enforced while the body streams in, a check
 * of the content type before the body is read, and an honest User-Agent.
 */

/** The default deadline for one request, headers and body together: 15 s. */
export const DEFAULT_TIMEOUT_MS = 15_000
/** The default number of requests in flight at once. */
export const DEFAULT_CONCURRENCY = 4

/**
 * The User-Agent Dateline sends: product and version, and where to read about it (RFC 9110
 * §10.1.5). The address is a placeholder under `.invalid` (RFC 2606): no real host is named.
 *
 * @example
 * userAgent('0.1.0') // 'Dateline/0.1.0 (+https://example.invalid/dateline)'
 */
export function userAgent(version: string): string {
  return `Dateline/${version} (+https://example.invalid/dateline)`
}

export interface FetchOptions {
  /** Deadline for the whole request, body included (default 15 s). */
  readonly timeoutMs?: number
  /** The most body bytes accepted (default 10 MiB, as for files). */
  readonly maxBytes?: number
  readonly userAgent?: string
}

/** What a resource is, judged by its `Content-Type`. */
export type ResourceKind = 'html' | 'xml' | 'json' | 'text'

/** A fetched body, or why there is none. */
export type FetchResult =
  | {
      readonly ok: true
      /** The URL the body came from, after redirects. */
      readonly url: string
      /** From the `Content-Type`, or null when the server sent none (sniff the body). */
      readonly kind: ResourceKind | null
      readonly contentType: string | null
      /** The `charset` parameter of the `Content-Type`, lower-cased. */
      readonly charset: string | null
      readonly body: Uint8Array
    }
  | { readonly ok: false; readonly error: IngestError }

/** Media types accepted, by what they are. Anything else is refused before its body is read. */
const KINDS: ReadonlyArray<readonly [RegExp, ResourceKind]> = [
  [/^(?:text\/html|application\/xhtml\+xml)$/, 'html'],
  [/^(?:application|text)\/(?:x-)?(?:(?:rss|atom|rdf)\+)?xml$/, 'xml'],
  [/^application\/(?:json|(?:x-)?ndjson|jsonl|x-jsonlines|[\w.-]+\+json)$/, 'json'],
  [/^text\/plain$/, 'text'],
]

const ACCEPT =
  'text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, ' +
  'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/plain;q=0.5'

/**
 * Fetches a URL. Never throws: a network failure, timeout, HTTP error status, refused content
 * type or oversized body comes back as an `IngestError` naming the URL.
 *
 * @example
 * const r = await fetchResource('https://news.example.invalid/feed.xml', { timeoutMs: 5000 })
 * if (r.ok) parseFeed(new TextDecoder().decode(r.body), r.url)
 * else console.error(r.error.message) // 'https://…/feed.xml: timed out after 5 s'
 */
export async function fetchResource(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  const timedOut = `timed out after ${seconds(timeoutMs)}`
  const fail = (code: ErrorCode, message: string, cause?: unknown): FetchResult => ({
    ok: false,
    error: new IngestError(code, url, message, cause === undefined ? undefined : { cause }),
  })
  try {
    let response: Response
    try {
      response = await fetch(url, {
        headers: { 'user-agent': options.userAgent ?? userAgent('0'), accept: ACCEPT },
        redirect: 'follow',
        signal: controller.signal,
      })
    } catch (error) {
      if (controller.signal.aborted) return fail('INGEST_NOT_FOUND', timedOut, error)
      return fail('INGEST_NOT_FOUND', `cannot be fetched: ${networkReason(error)}`, error)
    }
    if (!response.ok) {
      await discard(response)
      const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`
      return fail('INGEST_NOT_FOUND', `the server answered HTTP ${status}`)
    }
    const contentType = response.headers.get('content-type')
    const media = contentType === null ? null : mediaType(contentType)
    const known = media === null ? null : KINDS.find(([pattern]) => pattern.test(media))
    const kind = media === null ? null : (known?.[1] ?? 'refused')
    if (kind === 'refused') {
      await discard(response)
      return fail(
        'INGEST_UNSUPPORTED_TYPE',
        `serves '${media ?? ''}', not a web page, feed, JSON or text`,
      )
    }
    // A declared length over the limit is refused before a byte of the body is read.
    const declared = Number(response.headers.get('content-length') ?? NaN)
    if (Number.isFinite(declared) && declared > maxBytes) {
      await discard(response)
      const message = `is ${declared} bytes, over the limit of ${maxBytes} bytes (maxBytes)`
      return fail('INGEST_TOO_LARGE', message)
    }
    let body: Uint8Array | null
    try {
      body = await readBody(response, maxBytes)
    } catch (error) {
      if (controller.signal.aborted) return fail('INGEST_NOT_FOUND', timedOut, error)
      return fail('INGEST_NOT_FOUND', `the download broke off: ${networkReason(error)}`, error)
    }
    if (body === null) {
      return fail('INGEST_TOO_LARGE', `sent more than the limit of ${maxBytes} bytes (maxBytes)`)
    }
    const charset = charsetOf(contentType)
    return { ok: true, url: response.url || url, kind, contentType, charset, body }
  } finally {
    clearTimeout(timer)
  }
}

/** Reads a body up to `maxBytes`; past that it stops reading, cancels, and returns null. */
async function readBody(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (response.body === null) return new Uint8Array(0)
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      return null
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks, size)
}

/** Lets go of a body that will not be read, so that the connection is released. */
async function discard(response: Response): Promise<void> {
  // Cancelling a stream that already failed has nothing left to release: that is no error.
  await response.body?.cancel().catch(() => undefined)
}

/** The media type of a `Content-Type` value, lower-cased, without parameters. */
function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase()
}

function charsetOf(contentType: string | null): string | null {
  const m = contentType === null ? null : /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)
  return m?.[1]?.toLowerCase() ?? null
}

/** undici wraps the real reason (ECONNREFUSED, ENOTFOUND, a TLS failure) in `cause`. */
function networkReason(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined
  const inner = cause instanceof Error ? cause : error instanceof Error ? error : null
  const code = (inner as NodeJS.ErrnoException | null)?.code
  const message = inner?.message ?? String(error)
  return code && !message.includes(code) ? `${code} ${message}` : message
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`
}

/**
 * A limit on work in flight: `run(task)` starts the task when fewer than `max` are running and
 * resolves with its result.
 *
 * @example
 * const limit = createLimiter(4)
 * const pages = await Promise.all(urls.map((u) => limit.run(() => fetchResource(u))))
 */
export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>
}

export function createLimiter(max: number): Limiter {
  let running = 0
  const waiting: Array<() => void> = []
  return {
    async run(task) {
      // A finished task hands its slot straight to the next waiting one, so a task that arrives
      // in between cannot slip in and make it max + 1.
      if (running < max) running++
      else await new Promise<void>((resolve) => waiting.push(resolve))
      try {
        return await task()
      } finally {
        const next = waiting.shift()
        if (next) next()
        else running--
      }
    },
  }
}
