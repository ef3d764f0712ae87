/** A turn as the renditions read it: its own times (when it has them), its words and its speaker. */
export type RenditionTurn = {
  end: null | number
  /** `marker`: structure ("Break"), which VTT, SRT and JSON leave to chapters. @default 'speech' */
  kind?: 'marker' | 'speech'
  /** The speaker label as written (the Markdown file writes it back). */
  label?: null | string
  /** Plain text (Markdown stripped), for every format but HTML. */
  plain: string
  speaker: null | string
  start: null | number
  /** Markdown as written. */
  text: string
  /** The timestamp as written (the Markdown file writes it back). */
  timestamp?: null | string
  words: number
}

export type TimedTurn = RenditionTurn & { cueEnd: number; cueStart: number; estimated: boolean }

/** Speech at 150 words per minute: how long a turn without a following start lasts. */
const WORDS_PER_SECOND = 150 / 60

const spoken = (words: number) => Math.max(1, words) / WORDS_PER_SECOND

/** A transcript counts as timed when at least 90% of its turns carry their own timestamp. */
export const isTimed = (turns: RenditionTurn[]) => turns.length > 0 && turns.filter((turn) => turn.start !== null).length >= 0.9 * turns.length

const round = (seconds: number) => Math.round(seconds * 1000) / 1000

/**
 * Times for every turn that always increase, as VTT, SRT and JSON need them (a cue may not start
 * before the one above it, and a turn split into cues needs room for them):
 * - a start that runs backwards (or repeats the previous one) is not used as written: clamped to
 *   the previous start it would last no time at all, so it is placed between its neighbours like
 *   a missing one, which keeps it after the previous start;
 * - a missing start is interpolated between its neighbours' starts, in proportion to the words
 *   between them (from 0 before the first known start; after the last one, at 150 words per minute);
 * - a turn ends at its own `end` when it has one, else at the next turn's start, and never after the
 *   next turn's start; the last one at the episode's duration when known, else after its words.
 * A turn is `estimated` when its start was not used as written.
 */
export const timeTurns = (turns: RenditionTurn[], duration?: null | number): TimedTurn[] => {
  const starts: (null | number)[] = []
  // A start must be above the last one used; after an untimed first turn, above 0.
  let floor = -1
  for (const turn of turns) {
    if (turn.start !== null && Number.isFinite(turn.start) && turn.start > floor) {
      starts.push(turn.start)
      floor = turn.start
    } else {
      starts.push(null)
      floor = Math.max(floor, 0)
    }
  }
  const estimated = starts.map((start) => start === null)
  // Fill the gaps: between two used starts (or 0 at the beginning) by words; past the last, by speech rate.
  for (let i = 0; i < turns.length;) {
    if (starts[i] !== null) {
      i++
      continue
    }
    const from = i - 1
    let to = i
    while (to < turns.length && starts[to] === null) to++
    if (to < turns.length) {
      const base = from >= 0 ? (starts[from] as number) : 0
      const target = starts[to] as number
      // Words spoken from the used start (or the beginning) up to each missing one.
      const wordsBefore = (k: number) => turns.slice(Math.max(0, from), k).reduce((sum, turn) => sum + Math.max(1, turn.words), 0)
      const total = wordsBefore(to)
      for (let k = i; k < to; k++) starts[k] = base + ((target - base) * wordsBefore(k)) / total
    } else {
      for (let k = i; k < to; k++) starts[k] = k > 0 ? (starts[k - 1] as number) + spoken(turns[k - 1].words) : 0
    }
    i = to
  }
  return turns.map((turn, i) => {
    const cueStart = starts[i] as number
    const next = i + 1 < turns.length ? (starts[i + 1] as number) : undefined
    let cueEnd: number
    if (turn.end !== null && Number.isFinite(turn.end) && turn.end > cueStart) cueEnd = turn.end
    else if (next !== undefined) cueEnd = next
    else if (duration && duration > cueStart) cueEnd = duration
    else cueEnd = cueStart + spoken(turn.words)
    if (next !== undefined) cueEnd = Math.min(cueEnd, next)
    return { ...turn, cueEnd: round(cueEnd), cueStart: round(cueStart), estimated: estimated[i] }
  })
}

/** `hh:mm:ss.mmm` (VTT) or `hh:mm:ss,mmm` (SRT). */
export const clock = (seconds: number, separator: ',' | '.') => {
  const millis = Math.round(seconds * 1000)
  const h = Math.floor(millis / 3_600_000)
  const m = Math.floor(millis / 60_000) % 60
  const s = Math.floor(millis / 1000) % 60
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}${separator}${String(millis % 1000).padStart(3, '0')}`
}
