import matter from 'gray-matter'

import type { RenditionInput } from './types.ts'

/** What the Markdown file's front matter carries: every key the import reads. */
export type EpisodeFrontMatter = {
  audio?: null | { byteLength?: null | number; mimeType?: null | string; url?: null | string }
  chapters?: null | { image?: null | string; startTime: number; title: string; url?: null | string }[]
  duration?: null | number
  episodeNumber?: null | number
  episodeType?: null | string
  explicit?: boolean | null
  guid?: null | string
  image?: null | string
  permalink?: null | string
  publishedAt?: null | string
  season?: null | number
  show?: null | string
  summary?: null | string
  title: string
  workflowStatus?: null | string
}

// The workflow status as the import's front-matter `status` (import/mapStatus) reads it back.
const STATUS: Record<string, string> = { in_review: 'pending', published: 'publish', scheduled: 'future' }

const defined = (entries: [string, unknown][]) => Object.fromEntries(entries.filter(([, value]) => value !== null && value !== undefined && value !== ''))

/**
 * The transcript in the house format, Markdown with YAML front matter (written by gray-matter),
 * that the import reads back into the same episode: the same title and metadata, and each turn as
 * `**Label:** [timestamp] text` with its label and timestamp as they were written, so the same
 * speakers and times come back. A turn without a timestamp stays without one; continuation
 * paragraphs stay in their turn.
 */
export const renderMarkdownFile = ({ episode, turns }: RenditionInput, meta: EpisodeFrontMatter): string => {
  const data = defined([
    ['title', meta.title],
    ['permalink', meta.permalink],
    ['status', STATUS[meta.workflowStatus ?? ''] ?? 'draft'],
    ['date', meta.publishedAt],
    ['summary', meta.summary],
    ['show', meta.show],
    ['guid', meta.guid],
    ['number', meta.episodeNumber],
    ['season', meta.season],
    ['type', meta.episodeType],
    ['explicit', meta.explicit],
    ['image', meta.image],
    ['audio', meta.audio?.url],
    ['audio_bytes', meta.audio?.url ? meta.audio.byteLength : undefined],
    ['audio_type', meta.audio?.url ? meta.audio.mimeType : undefined],
    ['duration', meta.duration],
    ['language', episode.language],
    [
      'chapters',
      meta.chapters?.length
        ? meta.chapters.map((chapter) =>
            defined([
              ['start', chapter.startTime],
              ['title', chapter.title],
              ['url', chapter.url],
              ['image', chapter.image],
            ]),
          )
        : undefined,
    ],
  ])
  const body = turns
    .map((turn) => {
      const stamp = turn.timestamp ? `[${turn.timestamp}] ` : ''
      return turn.label ? `**${turn.label}:** ${stamp}${turn.text}` : `${stamp}${turn.text}`
    })
    .join('\n\n')
  return matter.stringify(`\n${body}\n`, data)
}
