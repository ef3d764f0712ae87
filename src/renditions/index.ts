import type { RenditionInput } from './types.ts'

import { renderHtml } from './html.ts'
import { renderJson } from './json.ts'
import { renderMarkdownFile } from './md.ts'
import { renderSrt } from './srt.ts'
import { renderText } from './text.ts'
import { renderVtt } from './vtt.ts'

export type { RenditionInput } from './types.ts'
export type { EpisodeFrontMatter } from './md.ts'
export { isTimed, timeTurns, type RenditionTurn, type TimedTurn } from './timing.ts'
export { plainText } from './markdown.ts'

/** The transcript files served beside the JSON endpoint, by extension, with their content types. */
export const renditions = {
  html: { contentType: 'text/html; charset=utf-8', render: renderHtml },
  json: { contentType: 'application/json; charset=utf-8', render: renderJson },
  md: {
    contentType: 'text/markdown; charset=utf-8',
    render: (input: RenditionInput) => renderMarkdownFile(input, input.frontMatter ?? { title: input.episode.title }),
  },
  srt: { contentType: 'application/x-subrip', render: renderSrt },
  txt: { contentType: 'text/plain; charset=utf-8', render: renderText },
  vtt: { contentType: 'text/vtt; charset=utf-8', render: renderVtt },
} satisfies Record<string, { contentType: string; render: (input: RenditionInput) => string }>

export type RenditionFormat = keyof typeof renditions

export const isRenditionFormat = (format: string): format is RenditionFormat => Object.hasOwn(renditions, format)
