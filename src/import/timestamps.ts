/** A timestamp found at the start of a turn or paragraph. */
export type Stamp = {
  /** Seconds from the start of the episode; null when the stamp is malformed. */
  seconds: number | null
  /** As written, without its brackets, e.g. `00:01:05` or `0:00:41.9`. */
  written: string
}

// `h:mm:ss`, `mm:ss`, either with a fraction (`0:00:41.9`, SRT-style `00:01:19,880`).
const STRICT = /^(?:(\d{1,3}):)?(\d{1,3}):(\d{2})(?:[.,](\d{1,3}))?$/

/** Seconds of a well-formed stamp, or null. */
const stampSeconds = (written: string): number | null => {
  const match = STRICT.exec(written)
  if (!match) return null
  const [, hours, minutes, seconds, fraction] = match
  if (Number(seconds) >= 60 || (hours !== undefined && Number(minutes) >= 60)) return null
  const whole = Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(seconds)
  // Parsed from text so 41.9 stays 41.9 rather than 41 + 0.9 in floating point.
  return fraction === undefined ? whole : Number(`${whole}.${fraction}`)
}

const BRACKETED = /\[([^\]\n]{1,24})\]/y
const PARENTHESISED = /\(([^)\n]{1,24})\)/y
// A run of digits and separators; whether it is a well-formed stamp is decided afterwards.
const BARE = /:?\d[\d:.,]{0,15}/y
const STAMP_LIKE = /^\d[\d:.,\s]*\d$/
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u

/** Bracketed content that is meant as a time (`[00:42::57]` is one, `[1]` or `[Intro]` are not). */
const isStampLike = (content: string): boolean => STAMP_LIKE.test(content) && (content.includes(':') || content.split('.').length > 2)

/** `bare`: written without brackets. */
export type ScannedStamp = { bare: boolean; end: number; stamp: Stamp }

/**
 * Reads a timestamp starting exactly at `pos`: `[…]`, `(…)` or bare. In front of a line
 * (`afterLabel` false) a bare run may be malformed (`:00:40.6`), and the caller decides
 * whether it counts; after a speaker label a bare stamp must be well-formed but may run into
 * the text (`**Name**  25:45Yeah`).
 */
export const scanStamp = (line: string, pos: number, afterLabel: boolean): ScannedStamp | null => {
  const first = line[pos]
  if (first === '[' || first === '(') {
    const pattern = first === '[' ? BRACKETED : PARENTHESISED
    pattern.lastIndex = pos
    const match = pattern.exec(line)
    if (!match) return null
    const written = match[1].trim()
    if (!isStampLike(written)) return null
    return { bare: false, end: pattern.lastIndex, stamp: { seconds: stampSeconds(written), written } }
  }
  BARE.lastIndex = pos
  const match = BARE.exec(line)
  if (!match) return null
  // Punctuation after a stamp (`00:02:46:`, `00:03,`) is not part of it.
  const written = match[0].replace(/[:.,]+$/, '')
  const seconds = stampSeconds(written)
  if (!written.includes(':') || (afterLabel && seconds === null)) return null
  if (!afterLabel && LETTER_OR_DIGIT.test(line[pos + match[0].length] ?? '')) return null
  return { bare: true, end: pos + written.length, stamp: { seconds, written } }
}
