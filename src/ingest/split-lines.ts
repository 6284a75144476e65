/** One line of a byte stream, without its `\n`. */
export interface RawLine {
  /** 1-based line number. */
  readonly number: number
  /** The line's bytes, or null when it is longer than the limit (and was not kept). */
  readonly bytes: Buffer | null
  /** The line's length in bytes, counted even when it was not kept. */
  readonly size: number
}

/**
 * Splits a byte stream into lines, holding at most `maxBytes` of a line in memory: a longer line
 * is counted and dropped, and the lines after it are read as usual.
 *
 * This splits bytes rather than using `node:readline`, which decodes leniently (invalid UTF-8
 * would silently become U+FFFD, hiding an encoding error) and buffers an over-long line whole.
 *
 * @example
 * for await (const line of splitLines(createReadStream('corpus.jsonl'), 10 * 1024 * 1024)) ...
 */
export async function* splitLines(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
): AsyncGenerator<RawLine> {
  let parts: Buffer[] = []
  let size = 0
  let number = 1
  const take = (piece: Buffer): void => {
    size += piece.length
    if (size <= maxBytes) parts.push(piece)
    else parts = []
  }
  const finish = (): RawLine => {
    const line = { number, size, bytes: size <= maxBytes ? Buffer.concat(parts) : null }
    parts = []
    size = 0
    number++
    return line
  }
  for await (const chunk of chunks) {
    const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    let from = 0
    for (let nl = buffer.indexOf(0x0a, from); nl >= 0; nl = buffer.indexOf(0x0a, from)) {
      take(buffer.subarray(from, nl))
      yield finish()
      from = nl + 1
    }
    if (from < buffer.length) take(buffer.subarray(from))
  }
  if (size > 0) yield finish()
}
