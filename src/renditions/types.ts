import type { EpisodeFrontMatter } from './md.ts'
import type { TimedTurn } from './timing.ts'

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
