import { type RenditionInput, speechOnly } from './types.ts'

import { escapeVtt } from './escape.ts'
import { clock } from './timing.ts'
import { chunk, shareTime, wrapWords } from './wrap.ts'

/** Cue lines of at most 65 characters (the voice tag not counted), two lines a cue. */
const LINE = 65
const LINES_PER_CUE = 2

/**
 * WebVTT: one or more cues per turn, the speaker's name in a voice tag (`<v Name>`), none for an
 * unattributed turn. A long turn is split across cues, its time shared out by characters.
 */
export const renderVtt = ({ estimated, turns }: RenditionInput): string => {
  const out = ['WEBVTT', '']
  if (estimated) {
    out.push('NOTE', 'Some cue times are estimated: the transcript gives no usable time for every turn.', '')
  }
  let index = 0
  for (const turn of speechOnly(turns)) {
    const cues = chunk(wrapWords(turn.plain, LINE), LINES_PER_CUE)
    if (!cues.length) continue
    const bounds = shareTime(
      turn.cueStart,
      turn.cueEnd,
      cues.map((lines) => lines.join(' ').length),
    )
    const voice = turn.speaker ? `<v ${escapeVtt(turn.speaker.replace(/\s+/g, ' '))}>` : ''
    cues.forEach((lines, k) => {
      out.push(String(++index), `${clock(bounds[k], '.')} --> ${clock(bounds[k + 1], '.')}`, `${voice}${lines.map(escapeVtt).join('\n')}`, '')
    })
  }
  return out.join('\n')
}
