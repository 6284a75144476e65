/**
 * Byte-level checks run before an input is decoded: does it look like text at all, and is it
 * valid UTF-8.
 */

/** Binary detection looks at the opening bytes only, as `file` and git do. */
export const SNIFF_BYTES = 8 * 1024
/** A share of control bytes and broken UTF-8 above which the input is not text. */
const MAX_NON_TEXT_SHARE = 0.3

/** Whether a byte is a control character other than tab, newline, vertical tab, form feed, CR. */
function isControl(byte: number): boolean {
  return (byte < 0x20 && (byte < 0x09 || byte > 0x0d)) || byte === 0x7f
}

/** How many continuation bytes follow a UTF-8 lead byte, or -1 if it cannot lead (RFC 3629). */
function continuationCount(lead: number): number {
  if (lead < 0x80) return 0
  if (lead >= 0xc2 && lead <= 0xdf) return 1
  if (lead >= 0xe0 && lead <= 0xef) return 2
  if (lead >= 0xf0 && lead <= 0xf4) return 3
  return -1
}

/**
 * The offsets of bytes that are not part of a well-formed UTF-8 sequence (a coarse check: it
 * does not look for overlong forms or surrogates). A sequence cut off by the end of `bytes` is
 * not counted, since `bytes` may be a sample.
 */
function brokenUtf8Offsets(bytes: Uint8Array, limit: number): number[] {
  const broken: number[] = []
  for (let i = 0; i < bytes.length && broken.length < limit; ) {
    const need = continuationCount(bytes[i] ?? 0)
    if (need < 0) {
      broken.push(i++)
      continue
    }
    let j = 1
    while (j <= need && i + j < bytes.length && ((bytes[i + j] ?? 0) & 0xc0) === 0x80) j++
    if (j <= need && i + j < bytes.length) broken.push(i)
    i += j
  }
  return broken
}

/**
 * Whether the opening bytes of an input look binary: a NUL byte, or more than 30% of them
 * control characters or bytes outside well-formed UTF-8. Text in a legacy encoding (Latin-1)
 * is not binary: it fails later, as invalid UTF-8.
 *
 * @example
 * looksBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00])) // true (a PNG)
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, SNIFF_BYTES)
  if (sample.includes(0)) return true
  let nonText = brokenUtf8Offsets(sample, sample.length).length
  for (const byte of sample) if (isControl(byte)) nonText++
  return sample.length > 0 && nonText / sample.length > MAX_NON_TEXT_SHARE
}

/** A decoded text, or where decoding failed. */
export type Utf8Decoding =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly offset: number; readonly byte: number }

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * Decodes UTF-8 strictly, keeping a leading BOM (as U+FEFF) so that the text's length matches
 * the file's, or returns the offset of the first byte that is not UTF-8.
 *
 * @example
 * decodeUtf8(Buffer.from('caf\xe9', 'latin1')) // { ok: false, offset: 3, byte: 0xe9 }
 */
export function decodeUtf8(bytes: Uint8Array): Utf8Decoding {
  try {
    return { ok: true, text: UTF8.decode(bytes) }
  } catch (error) {
    if (!(error instanceof TypeError)) throw error
    // The decoder says only that the input is bad; find where, for the message.
    const offset = brokenUtf8Offsets(bytes, 1)[0] ?? bytes.length - 1
    return { ok: false, offset, byte: bytes[offset] ?? 0 }
  }
}
