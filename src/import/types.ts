/** A problem found while parsing, with the 1-based line of the source file it is about. */
export type ParseIssue = {
  line: number
  message: string
}

export type ParsedTurn = {
  /** 1-based line of the source where the turn starts. */
  line: number
  /** Start in seconds, from the turn's timestamp; null when the turn has none. */
  start: number | null
  /** End in seconds, when the format gives one (VTT, SRT, JSON); else the next turn's start is taken. */
  end?: number | null
  /** The speaker label as written, without Markdown decoration; null when unattributed. */
  speakerLabel: string | null
  /** Markdown as written (HTML entities decoded); continuation paragraphs joined with a blank line. */
  text: string
  /** The timestamp as written, e.g. `00:01:05` or `0:00:41.9`; null when the turn has none. */
  timestamp: string | null
  wordCount: number
}

export type ParsedTranscript = {
  checksum: string
  /** Fatal problems: when non-empty, nothing of this file may be written. */
  errors: ParseIssue[]
  /** `Episode N` taken from the title, when it says so. */
  episodeNumber: number | null
  fileName: string
  format: 'json' | 'markdown' | 'srt' | 'vtt'
  /** Every front-matter key, JSON-safe (dates as ISO strings). */
  frontMatter: Record<string, unknown>
  permalink: string | null
  slug: string
  /** Speaker labels in order of first appearance. */
  speakers: string[]
  /** Front-matter `status` as written (`publish`, `draft`, `pending`, `future`, `private`). */
  status: string | null
  title: string
  turns: ParsedTurn[]
  /** Front-matter `type` as written (`transcript`). */
  type: string | null
  warnings: ParseIssue[]
  wordCount: number
}
