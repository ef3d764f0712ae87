/**
 * The grammar of one transcript line:
 *
 *   line  := ws [stamp ws] [label [sep] [stamp] [":"] ws] rest
 *   label := "**" name [":"] [stamp] [":"] "**" [":"]    bold (or "__"), `** Name: **` too
 *          | name ":"                                    plain
 *          | name stamp (":" | EOL)                      plain, as in Otter's export
 *   stamp := "[" time "]" | "(" time ")" | time           time: h:mm:ss, mm:ss, fractions
 *   sep   := "-" | "–" | "—"
 *
 * Only a label at the start of a line (after an optional stamp) starts a turn. A label is
 * strong when a stamp sits next to it or it is bold with a colon; a weak one (`Name:`, or bold
 * without a colon, and no stamp) counts only when the file confirms it (`confirmedLabels`).
 */
import { decodeEntities } from './decodeSource.ts'
import { scanStamp, type Stamp } from './timestamps.ts'

export type LabelLine = {
  /** Bold/underscore decorated, as opposed to a plain `Name:`. */
  decorated: boolean
  kind: 'label'
  label: string
  /** The line as written (trimmed), for when a weak label turns out to be text. */
  raw: string
  rest: string
  stamp: Stamp | null
  strong: boolean
}

export type TextLine = {
  kind: 'text'
  raw: string
  /** The line without its leading stamp. */
  rest: string
  stamp: Stamp | null
}

export type StampLine = { kind: 'stamp'; raw: string; stamp: Stamp }

export type LineClass = { kind: 'blank' } | LabelLine | StampLine | TextLine

/** Markdown heading markers in front of a label. */
const HEADING_MARK = /^#{1,6}[ \t]+/
const HEADING_LABEL_ONLY =
  /^#{1,6}[ \t]+(?:\*\*|__)?[^:[\]()*_#]{1,80}?(?:\*\*|__)?:?(?:[ \t]*(?:\[[^\]\n]{1,24}\]|\(?\d[\d:.,]{2,15}\)?))?[ \t]*(?:\*\*|__)?:?[ \t]*$/

const BLANK: LineClass = { kind: 'blank' }
const SPACE = /[ \t\u00a0]*/y
const SEPARATOR = /[ \t]*[-–—][ \t]*/y
const COLONS = /[ \t]*:+/y
// Inside the bold: an optional stamp, the name, colon and stamp in either order.
const INNER_LABEL = /^\s*(?:\[([^\]]{1,24})\]\s*)?([^:[\]*]+?)\s*(:?)\s*(?:\[([^\]]{1,24})\])?\s*(:?)\s*$/
const PLAIN_COLON = /(\p{L}[^\n:*[\]]{0,49}?)[ \t]*:(?=\s|$)/uy
const PLAIN_BEFORE_STAMP = /(\p{L}[^\n:*[\]]{0,49}?)(?=(?:[ \t]*[-–—][ \t]*|[ \t]+)[[(]?\d{1,3}:\d)/uy
const ALIAS = /^(.*?)\s*\(([^()]{1,20})\)$/
// Capitalised, or from a script without case (`田中`).
const NAME_WORD = /^[\p{Lu}\p{Lt}\p{Lo}][\p{L}\p{M}\p{N}'’.-]*$/u
const HANDLE = /^\p{Ll}[\p{L}\p{N}_.-]{2,30}$/u
const NUMBER = /^\d{1,3}$/
const PARTICLES = new Set(['al', 'bin', 'da', 'de', 'del', 'della', 'den', 'der', 'di', 'du', 'el', 'ibn', 'la', 'le', 'van', 'von'])
const DECORATED_NAME = /^[\p{L}\p{N}][^!?;"“”]*$/u
const LETTER = /\p{L}/u
const WITH_HOURS = /:.*:/

const skip = (pattern: RegExp, line: string, pos: number): number => {
  pattern.lastIndex = pos
  return pattern.exec(line) ? pattern.lastIndex : pos
}

/**
 * Whether a plain (undecorated) label reads like a speaker: 1–4 capitalised words (with
 * name particles, a trailing number as in `Speaker 0`, an alias as in `Marty Bent (MB)`), or a
 * single lowercase handle like `roasbeef`. Prose such as `Note to self:` does not pass.
 */
const isNameLike = (name: string): boolean => {
  if (name.length > 50) return false
  const alias = ALIAS.exec(name)
  const words = (alias ? alias[1] : name).split(/[ \t]+/)
  if (words.length === 1 && HANDLE.test(words[0])) return true
  if (words.length > 4 || !NAME_WORD.test(words[0])) return false
  return words.every((word, index) => NAME_WORD.test(word) || (index > 0 && PARTICLES.has(word)) || (index === words.length - 1 && NUMBER.test(word)))
}

/** The key a label is counted under: `Marty Bent (MB)` and `MB` are one speaker. */
const labelKey = (label: string): string => ALIAS.exec(label)?.[2] ?? label

/**
 * Which labels of a file start turns. A weak label counts when the same speaker also has a
 * strong label, or when it recurs; plain weak labels are not considered at all in a file that
 * marks its speakers in bold, where a wrapped line starting `GitHub: …` is prose.
 */
export const confirmedLabels = (classes: LineClass[]): ((item: LabelLine) => boolean) => {
  const strongKeys = new Set<string>()
  const weakCounts = new Map<string, number>()
  let boldLabels = false
  for (const item of classes) {
    if (item.kind !== 'label') continue
    const key = labelKey(item.label)
    if (item.strong) {
      strongKeys.add(key)
      boldLabels ||= item.decorated
    } else {
      weakCounts.set(key, (weakCounts.get(key) ?? 0) + 1)
    }
  }
  return (item) => {
    if (item.strong) return true
    const key = labelKey(item.label)
    return strongKeys.has(key) || ((weakCounts.get(key) ?? 0) >= 2 && (item.decorated || !boldLabels))
  }
}

type Decorated = { colon: boolean; end: number; name: string; stamp: Stamp | null }

/** `**Name:**`, `**Name**:`, `** Name: **`, `**Name:[00:00:02]**`, `**[00:00:02] Name:**`, `__Name__:` at `pos`. */
const scanDecorated = (line: string, pos: number): Decorated | null => {
  const marker = line.startsWith('**', pos) ? '**' : line.startsWith('__', pos) ? '__' : null
  if (marker === null) return null
  const close = line.indexOf(marker, pos + 2)
  if (close === -1 || close - pos > 90) return null
  const inner = INNER_LABEL.exec(line.slice(pos + 2, close))
  if (!inner) return null
  const [, before, rawName, colonBefore, after, colonAfter] = inner
  const name = rawName.replace(/\s+/g, ' ')
  if (name.length > 80 || !DECORATED_NAME.test(name) || !LETTER.test(name)) return null
  let stamp: Stamp | null = null
  if (before !== undefined || after !== undefined) {
    const scanned = scanStamp(`[${before ?? after}]`, 0, true)
    if (!scanned) return null
    stamp = scanned.stamp
  }
  let end = close + 2
  let colon = colonBefore === ':' || colonAfter === ':'
  if (line[end] === ':') {
    colon = true
    end = skip(COLONS, line, end)
  }
  return { colon, end, name, stamp }
}

const textLine = (raw: string, stamp: Stamp | null, rest: string): TextLine => ({ kind: 'text', raw, rest, stamp })

type Plain = { colon: boolean; end: number; name: string }

/** `Name:` at `pos`, or `Name` right before a stamp (`James – 00:02:46:`, `Speaker 1  0:03`). */
const scanPlain = (line: string, pos: number): Plain | null => {
  // Both forms need a colon (after the name or in the stamp) early in the line; most prose
  // lines have none, and skipping the regexes for them keeps the parser fast.
  const firstColon = line.indexOf(':', pos)
  if (firstColon === -1 || firstColon - pos > 80) return null
  for (const [pattern, colon] of [
    [PLAIN_COLON, true],
    [PLAIN_BEFORE_STAMP, false],
  ] as const) {
    pattern.lastIndex = pos
    const match = pattern.exec(line)
    if (match && isNameLike(match[1])) return { colon, end: pattern.lastIndex, name: match[1] }
  }
  return null
}

/** Classifies one line of the body. */
export const classifyLine = (source: string): LineClass => {
  const line = decodeEntities(source)
  const raw = line.trim()
  if (raw === '') return BLANK

  let pos = skip(SPACE, line, 0)
  const lead = scanStamp(line, pos, false)
  if (lead) pos = skip(SPACE, line, lead.end)
  // A label may sit in a heading (`### Michaela: [00:00:05]`, older se-unlocked files); a heading
  // without one ("## Introduction") stays text.
  // Only a heading that holds nothing but a name, a colon and a stamp: "# Episode 22: Jigyasa Grover" is a title.
  const heading = HEADING_LABEL_ONLY.test(line.slice(pos)) ? HEADING_MARK.exec(line.slice(pos)) : null
  const labelAt = heading ? pos + heading[0].length : pos
  let decorated = scanDecorated(line, labelAt)
  let plain = decorated === null ? scanPlain(line, labelAt) : null
  if (heading && (decorated ?? plain)) pos = labelAt
  else if (heading) decorated = plain = null
  const label = decorated ?? plain
  // Prose starts with numbers too (`9:00 AM Eastern`): a bare stamp that is malformed or
  // lacks the hour counts only in front of a label.
  if (lead && lead.bare && label === null && (lead.stamp.seconds === null || !WITH_HOURS.test(lead.stamp.written))) {
    return textLine(raw, null, raw)
  }
  if (lead && pos === line.length) return { kind: 'stamp', raw, stamp: lead.stamp }
  const text = lead ? textLine(raw, lead.stamp, line.slice(pos).trim()) : textLine(raw, null, raw)
  if (label === null) return text

  // An optional stamp after the label, possibly behind a dash, possibly followed by a colon.
  let stamp = lead?.stamp ?? decorated?.stamp ?? null
  let after = skip(SPACE, line, label.end)
  let colonAfterStamp = false
  if (stamp === null) {
    const trailing = scanStamp(line, skip(SEPARATOR, line, after), true)
    if (trailing) {
      stamp = trailing.stamp
      after = skip(COLONS, line, trailing.end)
      colonAfterStamp = after > trailing.end
      after = skip(SPACE, line, after)
    }
  }
  const rest = line.slice(after).trim()
  // Without a colon of its own, a plain name is a label only when the stamp after it ends the
  // line (`Speaker 1  0:03`) or carries the colon (`Ada [00:01:05]: text`).
  if (plain !== null && !plain.colon && (lead !== null || stamp === null || (rest !== '' && !colonAfterStamp))) return text
  const strong = stamp !== null || (decorated !== null && decorated.colon)
  if (!strong && !isNameLike(label.name)) return text
  return { decorated: decorated !== null, kind: 'label', label: label.name, raw, rest, stamp, strong }
}
