import type { ParsedTranscript, ParsedTurn, ParseIssue } from './types.ts'

import { slugFromPermalink, slugify } from '../utilities/slugify.ts'
import { DEFAULT_MAX_FILE_SIZE } from '../defaults.ts'
import { decodeSource } from './decodeSource.ts'
import { readFrontMatter } from './frontMatter.ts'
import type { Stamp } from './timestamps.ts'
import { classifyLine, confirmedLabels, type LineClass, type TextLine } from './turnGrammar.ts'

export type ParseTranscriptOptions = {
  fileName: string
  /**
   * Labels that mark structure ("Break"): such a turn is kept even without text (`**Break:** [17:38]`),
   * where a speaker's empty turn is left out. The importer passes the `markers` option's test.
   */
  isMarker?: (label: string) => boolean
  /** What a YAML sidecar says of the episode: read as front matter when the file has none. */
  metadata?: Record<string, unknown>
  /** Larger inputs are rejected. @default 5 MiB */
  maxFileSize?: number
}

const LINE_BREAK = /\r?\n|\r/
// An hour of one person talking is some 60,000 characters; a longer line is a file that lost its line breaks.
export const MAX_LINE_LENGTH = 200_000
const HEADING = /^#[ \t]+(.+?)(?:[ \t]+#+)?$/
export const EPISODE_NUMBER = /\b(?:episode|ep)\.?[ \t]*#?[ \t]*(\d{1,5})\b/i
const DIGITS = /^\d{1,5}$/
const RECOGNISABLE = /[\p{L}\p{N}]/u
// People talk over each other: a stamp less than a second before the previous one is an
// overlap, not a stamp out of order.
const OVERLAP = 1

/** Whitespace as `\s` has it. */
const isSpace = (code: number): boolean =>
  code === 32 ||
  (code >= 9 && code <= 13) ||
  (code > 127 &&
    (code === 0xa0 ||
      code === 0x1680 ||
      (code >= 0x2000 && code <= 0x200a) ||
      code === 0x2028 ||
      code === 0x2029 ||
      code === 0x202f ||
      code === 0x205f ||
      code === 0x3000 ||
      code === 0xfeff))

/** Whitespace-separated words, counted without allocating them. */
export const countWords = (text: string): number => {
  let words = 0
  let inWord = false
  for (let i = 0; i < text.length; i += 1) {
    const space = isSpace(text.charCodeAt(i))
    if (!space && !inWord) words += 1
    inWord = !space
  }
  return words
}

const asText = (value: unknown): string | null => {
  if (typeof value === 'string') return value.trim().replace(/\s+/g, ' ') || null
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return null
}

/** `EP_54_Michaela.md` → `EP 54 Michaela`. */
export const titleFromFileName = (fileName: string): string =>
  (fileName.split(/[\\/]/).pop() ?? '')
    .replace(/\.[^.]*$/, '')
    .replace(/[_-]+/g, ' ')
    .trim()
    .replace(/\s+/g, ' ')

/**
 * `title` wins over `episode` (bitcointranscripts give both, with `episode: 94`); a bare number
 * is an episode number, not a title.
 */
export const titleFromFrontMatter = (data: Record<string, unknown>): { episodeNumber: number | null; title: string | null } => {
  const title = asText(data.title)
  const episode = asText(data.episode)
  const number = [episode, asText(data.episode_number), asText(data.episodeNumber)].find((value) => value !== null && DIGITS.test(value))
  const episodeNumber = number === undefined ? null : Number(number)
  if (title !== null) return { episodeNumber, title }
  if (episode !== null && !DIGITS.test(episode)) return { episodeNumber, title: episode }
  return { episodeNumber, title: episodeNumber === null ? null : `Episode ${episodeNumber}` }
}

type Draft = {
  line: number
  parts: string[]
  speakerLabel: string | null
  stamp: Stamp | null
}

type PendingStamp = { breakBefore: boolean; line: number; raw: string; stamp: Stamp }

/**
 * Builds turns from classified lines in one pass: a label starts a turn; text, and stamps
 * that do not belong to a label, continue the current one (or an unattributed first turn).
 * Line `titleIndex` was taken as the title and is skipped.
 */
const buildTurns = (
  classes: LineClass[],
  firstLine: number,
  titleIndex: number,
  warnings: ParseIssue[],
  isMarker: (label: string) => boolean = () => false,
): ParsedTurn[] => {
  const accepts = confirmedLabels(classes)
  const turns: ParsedTurn[] = []
  let current: Draft | null = null
  let pending: PendingStamp | null = null
  let blankBefore = false
  let previous: { line: number; seconds: number; written: string } | null = null

  const noteStamp = (stamp: Stamp, line: number): void => {
    if (stamp.seconds === null) {
      warnings.push({ line, message: `Malformed timestamp "${stamp.written}"` })
      return
    }
    if (previous !== null && stamp.seconds <= previous.seconds - OVERLAP) {
      warnings.push({
        line,
        message: `Timestamp ${stamp.written} goes backwards (line ${previous.line} has ${previous.written})`,
      })
    }
    previous = { line, seconds: stamp.seconds, written: stamp.written }
  }
  const finish = (): void => {
    if (current === null) return
    const text = current.parts.join('\n')
    const marker = current.speakerLabel !== null && isMarker(current.speakerLabel)
    if (text === '' && current.speakerLabel !== null && !marker) {
      warnings.push({ line: current.line, message: `Turn of ${current.speakerLabel} has no text; it is left out` })
    } else if (text !== '' || marker) {
      turns.push({
        line: current.line,
        speakerLabel: current.speakerLabel,
        start: current.stamp?.seconds ?? null,
        text,
        timestamp: current.stamp?.written ?? null,
        wordCount: countWords(text),
      })
    }
    current = null
  }
  const open = (speakerLabel: string | null, stamp: Stamp | null, line: number): Draft => {
    finish()
    blankBefore = false
    current = { line, parts: [], speakerLabel, stamp }
    return current
  }
  const append = (draft: Draft, text: string, newParagraph: boolean): void => {
    if (text === '') return
    if (newParagraph && draft.parts.length > 0) draft.parts.push('')
    draft.parts.push(text)
  }
  /**
   * A paragraph (or line) of the current turn. A stamp in front of it becomes the turn's
   * start when the turn has none yet, and is dropped from the text when nothing precedes it.
   */
  const continueWith = (stamp: Stamp | null, raw: string, rest: string, line: number, newParagraph: boolean): void => {
    if (current === null) return append(open(null, stamp, line), rest, false)
    const adopted = current.stamp === null && stamp !== null
    if (adopted) current.stamp = stamp
    append(current, adopted && current.parts.length === 0 ? rest : raw, newParagraph)
  }
  const flushPending = (): void => {
    if (pending === null) return
    const { breakBefore, line, raw, stamp } = pending
    pending = null
    continueWith(stamp, raw, '', line, breakBefore)
  }

  for (let index = 0; index < classes.length; index += 1) {
    const item = classes[index]
    const line = firstLine + index
    if (item.kind === 'blank' || index === titleIndex) {
      blankBefore = true
      continue
    }
    if (item.kind === 'stamp') {
      noteStamp(item.stamp, line)
      flushPending()
      pending = { breakBefore: blankBefore, line, raw: item.raw, stamp: item.stamp }
      blankBefore = false
      continue
    }
    if (item.kind === 'label' && accepts(item)) {
      if (item.stamp !== null) noteStamp(item.stamp, line)
      let stamp = item.stamp
      let start = line
      // A stamp alone on the line above (`[00:02:00]` then `**Trier:** …`) is the turn's.
      if (pending !== null && stamp === null) {
        stamp = pending.stamp
        start = pending.line
        pending = null
      }
      flushPending()
      append(open(item.label, stamp, start), item.rest, false)
      continue
    }
    flushPending()
    const stamp = item.kind === 'text' ? item.stamp : null
    if (stamp !== null) noteStamp(stamp, line)
    continueWith(stamp, item.raw, item.kind === 'text' ? item.rest : item.raw, line, blankBefore)
    blankBefore = false
  }
  flushPending()
  finish()
  return turns
}

/** Parses a Markdown transcript (optional YAML front matter, speaker turns) without side effects. */
export const parseTranscript = (input: Buffer | string, options: ParseTranscriptOptions): ParsedTranscript => {
  const { fileName } = options
  const source = decodeSource(input, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE)
  const errors: ParseIssue[] = source.error === null ? [] : [{ line: 1, message: source.error }]
  const lines = source.error === null ? source.text.split(LINE_BREAK) : []
  const longLine = lines.findIndex((line) => line.length > MAX_LINE_LENGTH)
  if (longLine !== -1) {
    errors.push({
      line: longLine + 1,
      message: `Line ${longLine + 1} is ${lines[longLine].length.toLocaleString('en')} characters long; the limit is ${MAX_LINE_LENGTH.toLocaleString('en')} (has the file lost its line breaks?)`,
    })
  }
  const frontMatter = readFrontMatter(lines)
  errors.push(...frontMatter.errors)
  const warnings = [...frontMatter.warnings]
  const data = frontMatter.present ? frontMatter.data : (options.metadata ?? {})

  const classes = lines.slice(frontMatter.bodyStart).map(classifyLine)
  const fromFrontMatter = titleFromFrontMatter(data)
  let title = fromFrontMatter.title
  // Without a title in the front matter, the first `# heading` is the title (and not text).
  let titleIndex = -1
  if (title === null) {
    titleIndex = classes.findIndex((item) => item.kind === 'text' && HEADING.test(item.raw))
    if (titleIndex !== -1) title = HEADING.exec((classes[titleIndex] as TextLine).raw)?.[1] ?? null
  }
  title ??= titleFromFileName(fileName) || 'Untitled transcript'

  let turns = buildTurns(classes, frontMatter.bodyStart + 1, titleIndex, warnings, options.isMarker)
  if (source.error === null && !turns.some((turn) => RECOGNISABLE.test(turn.text))) {
    turns = []
    if (frontMatter.present) warnings.push({ line: frontMatter.bodyStart + 1, message: 'No transcript text after the front matter' })
    else errors.push({ line: 1, message: 'File has neither front matter nor any transcript text' })
  } else if (turns.length > 0 && turns.every((turn) => turn.speakerLabel === null)) {
    warnings.push({ line: turns[0].line, message: 'No speaker labels found: the whole text is one unattributed turn' })
  }

  const speakers = [...new Set(turns.flatMap((turn) => (turn.speakerLabel === null ? [] : [turn.speakerLabel])))]
  const permalink = asText(data.permalink)
  const episodeNumber = EPISODE_NUMBER.exec(title)?.[1]
  return {
    checksum: source.checksum,
    episodeNumber: episodeNumber === undefined ? fromFrontMatter.episodeNumber : Number(episodeNumber),
    errors,
    fileName,
    format: 'markdown',
    frontMatter: data,
    permalink,
    slug: (permalink && slugFromPermalink(permalink)) || slugify(title) || slugify(titleFromFileName(fileName)) || 'transcript',
    speakers,
    status: asText(data.status),
    title,
    turns,
    type: asText(data.type),
    warnings: warnings.sort((a, b) => a.line - b.line),
    wordCount: turns.reduce((sum, turn) => sum + turn.wordCount, 0),
  }
}
