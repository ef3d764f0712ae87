import type { CollectionBeforeDeleteHook } from 'payload'

import { deleteTurnsOf } from '../import/writeTurns'
import { getPodcastOptions } from '../utilities/getPodcastOptions'

/** An episode's turns go with it: one set-based DELETE in the same transaction. */
export const deleteEpisodeTurns: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const collection = getPodcastOptions(req.payload).slugs.transcriptTurns
  req.context.podcastDeletedTurnSpeakers = await deleteTurnsOf({ collection, episodeId: id, payload: req.payload, req })
}
