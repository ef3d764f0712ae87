import type { ParseIssue, ParsedTranscript } from '../types.ts'
import type { DecodedSource } from '../decodeSource.ts'

import { createRequire } from 'node:module'
import webvtt from 'webvtt-parser'

import { clock } from '../../renditions/timing.ts'
import { timedTranscript, turnsFromCues, type TimedCue } from './timed.ts'

// webvtt-parser decodes only a few entities by default, and those without their ";" ("Q&amp;A" became
// "Q&;A"); its own full table decodes them as HTML does.
const entities = createRequire(import.meta.url)('webvtt-parser/html-entities.json') as Record<string, string>

type Node = { children?: Node[]; name?: string; type: string; value?: string }
type Cue = { endTime: number; id: string; startTime: number; tree: { children: Node[] } }

const textOf = (nodes: Node[]): string => nodes.map((node) => (node.type === 'text' ? (node.value ?? '') : textOf(node.children ?? []))).join('')

/** The voices of a cue, in order, with the text each speaks (`<v Name>…</v>`); text outside a voice has none. */
const voicesOf = (cue: Cue): { speaker: null | string; text: string }[] => {
  const parts: { speaker: null | string; text: string }[] = []
  for (const node of cue.tree.children) {
    const speaker = node.type === 'object' && node.name === 'v' ? node.value?.trim() || null : null
    const text = node.type === 'text' ? (node.value ?? '') : textOf(node.children ?? [])
    const last = parts.at(-1)
    if (last && last.speaker === speaker) last.text += text
    else parts.push({ speaker, text })
  }
  return parts
}

/**
 * WebVTT through webvtt-parser (the W3C validator's parser): voice spans (`<v Name>`, `<v.loud Name>`)
 * name the speaker; NOTE and STYLE blocks, cue ids and settings are read past. A cue line is
 * reported by the line of its timings. A missing or wrong header is an error; what the parser
 * forgives (a backwards cue, a bad setting) is a warning with its line.
 */
export const parseVtt = (fileName: string, source: DecodedSource, metadata?: Record<string, unknown>): ParsedTranscript => {
  const errors: ParseIssue[] = []
  const warnings: ParseIssue[] = []
  if (source.error === null && !/^\uFEFF?WEBVTT(?:[ \t]|$)/.test(source.text.split(/\r?\n|\r/, 1)[0] ?? '')) {
    errors.push({ line: 1, message: 'Not a WebVTT file: the first line must be "WEBVTT"' })
  }
  let cues: TimedCue[] = []
  if (source.error === null && !errors.length) {
    // Some tools write timings as bare seconds ("0.860 --> 7.380"), which WebVTT does not allow and the
    // parser drops: read them as what they mean.
    let bare = 0
    const text = source.text.replace(/^[ \t]*(\d+(?:\.\d{1,3})?)[ \t]+-->[ \t]+(\d+(?:\.\d{1,3})?)(?=[ \t]|$)/gm, (_, from: string, to: string) => {
      bare++
      return `${clock(Number(from), '.')} --> ${clock(Number(to), '.')}`
    })
    if (bare) warnings.push({ line: 1, message: `${bare} cue timings were bare seconds ("0.860 --> 7.380"); they were read as seconds` })
    const parsed = new webvtt.WebVTTParser(entities).parse(text, 'metadata') as { cues: Cue[]; errors: { line: number; message: string }[] }
    for (const error of parsed.errors) warnings.push({ line: error.line, message: `WebVTT: ${error.message}` })
    // The line of each cue's timings, in order: the parser does not say.
    const timingLines = text.split(/\r\n|\r|\n/).flatMap((line, index) => (line.includes('-->') ? [index + 1] : []))
    cues = parsed.cues.flatMap((cue, index) =>
      voicesOf(cue).map((part) => ({ end: cue.endTime, line: timingLines[index] ?? 1, speaker: part.speaker, start: cue.startTime, text: part.text })),
    )
  }
  return timedTranscript('vtt', fileName, source, turnsFromCues(cues), errors, warnings, metadata)
}
