import type { RenditionInput } from './types.ts'

/** Plain text for search engines and screen readers: `Name: text`, a paragraph per turn. */
export const renderText = ({ episode, turns }: RenditionInput): string =>
  `${episode.title}\n\n${turns
    .filter((turn) => turn.plain || turn.kind === 'marker')
    .map((turn) => {
      // A marker stands on a line of its own.
      if (turn.kind === 'marker') return `[${[turn.label ?? 'Section', turn.plain].filter(Boolean).join(': ')}]`
      return turn.speaker ? `${turn.speaker}: ${turn.plain}` : turn.plain
    })
    .join('\n\n')}\n`
