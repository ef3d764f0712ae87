import type { ParseIssue, ParsedTranscript } from '../types.ts'
import type { DecodedSource } from '../decodeSource.ts'

import { timedTranscript, turnsFromCues, type TimedCue } from './timed.ts'

const TIME = String.raw`(?:(\d+):)?(\d{1,2}):(\d{2})(?:[,.](\d{1,3}))?`
const TIMING = new RegExp(String.raw`^\s*${TIME}\s*-->\s*${TIME}`)

const seconds = (h: string | undefined, m: string, s: string, ms: string | undefined) =>
  Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + (ms ? Number(ms.padEnd(3, '0')) / 1000 : 0)

// Words that sit lowercase inside names: "Ludwig van Beethoven", "Maria de la Cruz".
const PARTICLES = new Set(['al', 'bin', 'da', 'de', 'del', 'della', 'der', 'di', 'du', 'la', 'le', 'van', 'von', 'y'])

/** A speaker label: at most four words, each capitalised or a particle. "If you're using modern tools:" is prose. */
export const looksLikeLabel = (text: string): boolean => {
  const words = text.trim().split(/\s+/)
  if (!words[0] || words.length > 4 || !/^\p{Lu}/u.test(words[0])) return false
  return words.every((word) => /^\p{Lu}[\p{L}.'’-]*$/u.test(word) || PARTICLES.has(word.toLowerCase()))
}

/**
 * Where a cue's text names a new speaker: `Name: …`, `- Name: …`, `>> Name: …` (`>>` alone: someone
 * else, unnamed), or `[Name] …`; a lowercase `[music]` is a direction and stays in the text.
 */
const speakerChange = (text: string, sentenceEnded: boolean, known: Set<string>): null | { rest: string; speaker: null | string } => {
  let rest = text
  let marked = false
  if (/^>>/.test(rest)) {
    rest = rest.replace(/^>>\s*/, '')
    marked = true
  } else if (/^-\s+/.test(rest)) {
    rest = rest.replace(/^-\s+/, '')
    marked = true
  }
  // Cues split speech anywhere: "…I said to Hattie in" then "November: yes" is one sentence. A name
  // opens a cue after a finished sentence or ">>" / "-", is a voice already heard, or is a whole name.
  const plausible = (label: string) => looksLikeLabel(label) && (sentenceEnded || marked || known.has(label.trim()) || label.trim().split(/\s+/).length > 1)
  const colon = /^([^:\n]{1,60}):\s*/.exec(rest)
  if (colon && plausible(colon[1])) return { rest: rest.slice(colon[0].length), speaker: colon[1].trim() }
  const bracket = /^\[([^\]\n]{1,60})\]\s*/.exec(rest)
  if (bracket && plausible(bracket[1])) return { rest: rest.slice(bracket[0].length), speaker: bracket[1].trim() }
  return rest !== text && /^>>/.test(text) ? { rest, speaker: null } : null
}

const SENTENCE_END = /[.!?…"'”’)\]]\s*$/

/**
 * SubRip: numbered cues of `hh:mm:ss,mmm --> hh:mm:ss,mmm` (a dot, or no hours, also read) and their
 * text. A speaker is named where the speaker changes, and every cue until the next change is theirs.
 * A block without timings is skipped with a warning naming its line; cues that run backwards are
 * warnings too.
 */
export const parseSrt = (fileName: string, source: DecodedSource, metadata?: Record<string, unknown>): ParsedTranscript => {
  const errors: ParseIssue[] = []
  const warnings: ParseIssue[] = []
  const blocks: { end: number; line: number; start: number; text: string }[] = []
  if (source.error === null) {
    const lines = source.text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
    let previousStart = -1
    for (let i = 0; i < lines.length;) {
      while (i < lines.length && !lines[i].trim()) i++
      if (i >= lines.length) break
      const first = i
      const block: string[] = []
      while (i < lines.length && lines[i].trim()) block.push(lines[i++])
      const timingAt = block.findIndex((line) => TIMING.test(line))
      if (timingAt === -1 || timingAt > 1) {
        warnings.push({ line: first + 1, message: 'SubRip: a block without cue timings; it is skipped' })
        continue
      }
      const [, h1, m1, s1, ms1, h2, m2, s2, ms2] = TIMING.exec(block[timingAt]) as RegExpExecArray
      const start = seconds(h1, m1, s1, ms1)
      const end = seconds(h2, m2, s2, ms2)
      const line = first + timingAt + 1
      if (start < previousStart) warnings.push({ line, message: 'SubRip: this cue starts before the one above it' })
      if (end < start) warnings.push({ line, message: 'SubRip: this cue ends before it starts' })
      previousStart = start
      blocks.push({ end, line, start, text: block.slice(timingAt + 1).join('\n') })
    }
    if (!blocks.length && !warnings.length) errors.push({ line: 1, message: 'Not a SubRip file: no cue timings found' })
  }
  // Two passes: the voices named where no doubt is possible (after a finished sentence, ">>", "-", or a
  // whole name) are known, so that the same name is a speaker also where a sentence runs on before it.
  const known = new Set<string>()
  const opensAfterSentence = (index: number) => index === 0 || SENTENCE_END.test(blocks[index - 1].text)
  blocks.forEach((block, index) => {
    const change = speakerChange(block.text, opensAfterSentence(index), known)
    if (change?.speaker) known.add(change.speaker)
  })
  let speaker: null | string = null
  const cues: TimedCue[] = blocks.map((block, index) => {
    let text = block.text
    const change = speakerChange(text, opensAfterSentence(index), known)
    if (change) {
      speaker = change.speaker
      text = change.rest
    }
    return { end: block.end >= block.start ? block.end : null, line: block.line, speaker, start: block.start, text }
  })
  return timedTranscript('srt', fileName, source, turnsFromCues(cues), errors, warnings, metadata)
}
