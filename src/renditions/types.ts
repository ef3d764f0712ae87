import type { EpisodeFrontMatter } from './md.ts'
import type { TimedTurn } from './timing.ts'

/** Speech turns only: VTT, SRT and JSON leave markers to chapters. */
export const speechOnly = <T extends { kind?: 'marker' | 'speech' }>(turns: T[]) => turns.filter((turn) => turn.kind !== 'marker')

/** What every rendition is made from: the episode and its turns with their times. */
export type RenditionInput = {
  episode: { language: null | string; slug: string; title: string }
  /** The episode's metadata, for the Markdown file's front matter (read only for that format). */
  frontMatter?: EpisodeFrontMatter
  /** Some starts were interpolated or clamped, or most turns had none (see timing). */
  estimated: boolean
  timed: boolean
  turns: TimedTurn[]
}
