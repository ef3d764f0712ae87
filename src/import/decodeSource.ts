import { createHash } from 'node:crypto'

import { decodeHTMLStrict } from 'entities'

export type DecodedSource = {
  checksum: string
  /** Set when the bytes cannot be read as a text transcript. */
  error: string | null
  /** The text without a byte-order mark; empty when `error` is set. */
  text: string
}

// `fatal` makes invalid UTF-8 throw instead of turning into U+FFFD; the BOM is dropped.
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Offset of the first byte that breaks UTF-8, or -1. Only run once decoding has failed. */
const firstInvalidUtf8Offset = (bytes: Uint8Array): number => {
  let i = 0
  while (i < bytes.length) {
    const lead = bytes[i]
    let length: number
    let min: number
    if (lead < 0x80) {
      i += 1
      continue
    } else if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2
      min = 0x80
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3
      min = 0x800
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4
      min = 0x10000
    } else {
      return i
    }
    let codePoint = lead & (0xff >> (length + 1))
    for (let k = 1; k < length; k += 1) {
      const next = bytes[i + k]
      if (next === undefined || (next & 0xc0) !== 0x80) return i
      codePoint = (codePoint << 6) | (next & 0x3f)
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are invalid too.
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return i
    i += length
  }
  return -1
}

/**
 * Turns the raw upload into text, or says why it is not a transcript: too large, binary,
 * UTF-16 or not UTF-8. The checksum is always of the bytes as received.
 */
export const decodeSource = (input: Uint8Array | string, maxFileSize: number): DecodedSource => {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input
  const checksum = createHash('sha256').update(bytes).digest('hex')
  const fail = (error: string): DecodedSource => ({ checksum, error, text: '' })

  if (bytes.length > maxFileSize) {
    return fail(`File is too large (${bytes.length} bytes; the limit is ${maxFileSize} bytes)`)
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail('File is UTF-16 text; save it as UTF-8 and import it again')
  }
  const nul = bytes.indexOf(0)
  if (nul !== -1) return fail(`File is binary, not text (NUL byte at offset ${nul})`)
  try {
    return { checksum, error: null, text: utf8.decode(bytes) }
  } catch {
    return fail(`File is not valid UTF-8 text (invalid byte at offset ${firstInvalidUtf8Offset(bytes)})`)
  }
}

export const decodeEntities = (text: string): string => (text.includes('&') ? decodeHTMLStrict(text) : text)
