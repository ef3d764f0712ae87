import type { CollectionBeforeDeleteHook } from 'payload'

import { deleteTranscriptOf } from '../db/revisions.ts'

/** An episode's transcript revisions and turns go with it: set-based DELETEs in the same transaction. */
export const deleteEpisodeTurns: CollectionBeforeDeleteHook = async ({ id, req }) => {
  req.context.podcastDeletedTurnSpeakers = await deleteTranscriptOf(req.payload, req, id)
}
