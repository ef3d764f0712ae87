import type { CollectionBeforeDeleteHook } from 'payload'

import { deleteTurnsOf } from '../import/writeTurns'
import { getPodcastOptions } from '../utilities/getPodcastOptions'

/** Where the speakers of an episode's deleted turns wait for the afterDelete sync. */
export const DELETED_TURN_SPEAKERS = 'podcastDeletedTurnSpeakers'

/** An episode's turns go with it: one set-based DELETE in the same transaction. */
export const deleteEpisodeTurns: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const collection = getPodcastOptions(req.payload).slugs.transcriptTurns
  req.context[DELETED_TURN_SPEAKERS] = await deleteTurnsOf({ collection, episodeId: id, payload: req.payload, req })
}
