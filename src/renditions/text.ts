import type { RenditionInput } from './types.ts'

/** Plain text for search engines and screen readers: `Name: text`, a paragraph per turn. */
export const renderText = ({ episode, turns }: RenditionInput): string =>
  `${episode.title}\n\n${turns
    .filter((turn) => turn.plain)
    .map((turn) => (turn.speaker ? `${turn.speaker}: ${turn.plain}` : turn.plain))
    .join('\n\n')}\n`
