import type { ParseIssue, ParsedTranscript } from '../types.ts'
import type { DecodedSource } from '../decodeSource.ts'

import { timedTranscript, turnsFromCues, type TimedCue } from './timed.ts'

/**
 * Podcasting 2.0 JSON (`{ version, segments: [{ speaker, startTime, endTime, body }] }`): consecutive
 * segments of one speaker are one turn, word-level or sentence-level alike. Another shape is an
 * error that says what was expected; a segment that cannot be read is a warning naming its index.
 */
export const parsePodcastJson = (fileName: string, source: DecodedSource, metadata?: Record<string, unknown>): ParsedTranscript => {
  const errors: ParseIssue[] = []
  const warnings: ParseIssue[] = []
  const cues: TimedCue[] = []
  if (source.error === null) {
    let data: unknown
    try {
      data = JSON.parse(source.text)
    } catch (error) {
      errors.push({ line: 1, message: `Not valid JSON (${error instanceof Error ? error.message : String(error)})` })
    }
    const segments = (data as null | { segments?: unknown })?.segments
    if (!errors.length && !Array.isArray(segments)) errors.push({ line: 1, message: 'Not a Podcasting 2.0 transcript: expected {"segments": [...]}' })
    else if (Array.isArray(segments)) {
      segments.forEach((raw, index) => {
        const segment = (raw ?? {}) as { body?: unknown; endTime?: unknown; speaker?: unknown; startTime?: unknown }
        const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null)
        if (typeof segment.body !== 'string') {
          warnings.push({ line: 1, message: `segments[${index}] has no text ("body"); it is skipped` })
          return
        }
        const start = number(segment.startTime)
        const end = number(segment.endTime)
        cues.push({
          end: end !== null && (start === null || end >= start) ? end : null,
          // JSON has no lines: the segment's index, from 1, stands in for one.
          line: index + 1,
          speaker: typeof segment.speaker === 'string' && segment.speaker.trim() ? segment.speaker.trim() : null,
          start,
          text: segment.body,
        })
      })
    }
  }
  return timedTranscript('json', fileName, source, turnsFromCues(cues), errors, warnings, metadata)
}
