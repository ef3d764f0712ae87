import { type RenditionInput, speechOnly } from './types.ts'

/** Podcasting 2.0 JSON transcript (`docs/examples/transcripts/transcripts.md`): a segment per turn. */
export const renderJson = ({ turns }: RenditionInput): string =>
  JSON.stringify({
    version: '1.0.0',
    segments: speechOnly(turns)
      .filter((turn) => turn.plain)
      .map((turn) => ({
        ...(turn.speaker ? { speaker: turn.speaker } : {}),
        startTime: turn.cueStart,
        endTime: turn.cueEnd,
        body: turn.plain,
      })),
  })
