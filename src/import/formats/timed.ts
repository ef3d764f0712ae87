import type { ParsedTranscript, ParsedTurn, ParseIssue } from '../types.ts'

import type { DecodedSource } from '../decodeSource.ts'

import { countWords, EPISODE_NUMBER, titleFromFileName, titleFromFrontMatter } from '../parseTranscript.ts'
import { slugFromPermalink } from '../../utilities/slugify.ts'
import { slugify } from '../../utilities/slugify.ts'

/** A stretch of speech as a timed format gives it: a cue or a segment, with its voice. */
export type TimedCue = { end: null | number; line: number; speaker: null | string; start: null | number; text: string }

/** Stamps as the house format writes them: `h:mm:ss` with milliseconds when there are any. */
export const stampOf = (seconds: null | number): null | string => {
  if (seconds === null) return null
  const whole = Math.floor(seconds)
  const millis = Math.round((seconds - whole) * 1000)
  const clock = [Math.floor(whole / 3600), Math.floor(whole / 60) % 60, whole % 60].map((n, i) => (i ? String(n).padStart(2, '0') : String(n))).join(':')
  return millis ? `${clock}.${String(millis).padStart(3, '0')}` : clock
}

/**
 * Turns from the cues of a timed format: consecutive cues of the same voice are one turn (these
 * formats split speech by time, not by speaker), from the first cue's start to the last one's end.
 * A cue without a voice is unattributed; it inherits nothing.
 */
export const turnsFromCues = (cues: TimedCue[]): ParsedTurn[] => {
  const turns: ParsedTurn[] = []
  let previous: null | TimedCue = null
  for (const cue of cues) {
    const text = cue.text.replace(/\s+/g, ' ').trim()
    if (!text) continue
    const last = turns.at(-1)
    if (last && previous && previous.speaker === cue.speaker) {
      last.text = `${last.text} ${text}`
      last.end = cue.end ?? last.end
      last.wordCount = countWords(last.text)
    } else {
      turns.push({
        end: cue.end,
        line: cue.line,
        speakerLabel: cue.speaker,
        start: cue.start,
        text,
        timestamp: stampOf(cue.start),
        wordCount: countWords(text),
      })
    }
    previous = cue
  }
  return turns
}

/**
 * What a file without front matter says of its episode: its YAML sidecar's keys when it has one
 * (as front matter), else the title and slug from its name (`EP_54_Michaela.vtt` → "EP 54
 * Michaela") and no status (the import's default, a draft). The sidecar wins where both say.
 */
export const timedTranscript = (
  format: ParsedTranscript['format'],
  fileName: string,
  source: DecodedSource,
  turns: ParsedTurn[],
  errors: ParseIssue[],
  warnings: ParseIssue[],
  metadata: Record<string, unknown> = {},
): ParsedTranscript => {
  const fromMetadata = titleFromFrontMatter(metadata)
  const title = fromMetadata.title ?? (titleFromFileName(fileName) || 'Untitled transcript')
  const permalink = typeof metadata.permalink === 'string' && metadata.permalink.trim() ? metadata.permalink.trim() : null
  if (source.error !== null) errors.unshift({ line: 1, message: source.error })
  if (!errors.length && !turns.length) errors.push({ line: 1, message: 'The file holds no speech' })
  const number = EPISODE_NUMBER.exec(title)?.[1]
  return {
    checksum: source.checksum,
    episodeNumber: number === undefined ? fromMetadata.episodeNumber : Number(number),
    errors,
    fileName,
    format,
    frontMatter: metadata,
    permalink,
    slug: (permalink && slugFromPermalink(permalink)) || slugify(title) || 'transcript',
    speakers: [...new Set(turns.flatMap((turn) => (turn.speakerLabel === null ? [] : [turn.speakerLabel])))],
    status: typeof metadata.status === 'string' ? metadata.status : null,
    title,
    turns: errors.length ? [] : turns,
    type: null,
    warnings,
    wordCount: turns.reduce((sum, turn) => sum + turn.wordCount, 0),
  }
}
