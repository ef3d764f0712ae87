import { type RenditionInput, speechOnly } from './types.ts'

import { clock } from './timing.ts'
import { chunk, shareTime, wrapWords } from './wrap.ts'

/** At most 2 lines a cue, of at most 32 characters each, the `Name:` prefix included. */
const LINE = 32
const LINES_PER_CUE = 2

/**
 * SubRip: `Name:` opens the first cue of each speaker change (`>> Name:` after speech that runs on); a long turn is split across cues,
 * its time shared out by characters.
 */
export const renderSrt = ({ turns }: RenditionInput): string => {
  const out: string[] = []
  let index = 0
  let previousSpeaker: null | string | undefined
  let previousText: string | undefined
  for (const turn of speechOnly(turns)) {
    const speaker = turn.speaker?.replace(/\s+/g, ' ') ?? null
    // After speech that runs on without a full stop, ">>" (the captioning mark of a new speaker) says that
    // this "Name:" is one: otherwise "…I said to Hattie in" / "November: yes" reads the same.
    const runsOn = previousText !== undefined && !/[.!?…"'”’)\]]\s*$/.test(previousText)
    const prefix = speaker && speaker !== previousSpeaker ? `${runsOn ? '>> ' : ''}${speaker}:` : undefined
    previousSpeaker = speaker
    previousText = turn.plain || previousText
    const cues = chunk(wrapWords(turn.plain, LINE, prefix), LINES_PER_CUE)
    if (!cues.length) continue
    const bounds = shareTime(
      turn.cueStart,
      turn.cueEnd,
      cues.map((lines) => lines.join(' ').length),
    )
    cues.forEach((lines, k) => {
      out.push(String(++index), `${clock(bounds[k], ',')} --> ${clock(bounds[k + 1], ',')}`, ...lines, '')
    })
  }
  return out.join('\n')
}
