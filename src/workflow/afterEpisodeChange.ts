import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { syncPublicAppearances } from '../utilities/syncPublicAppearances'
import { PUBLISH_SCHEDULED_TASK } from './publishScheduledEpisode'

/**
 * After an episode changes: queue its publication when it was (re)scheduled, and
 * recompute which guests and speakers the public may see.
 */
export const afterEpisodeChange: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  const rescheduled =
    doc.workflowStatus === 'scheduled' &&
    (previousDoc?.workflowStatus !== 'scheduled' || previousDoc?.publishedAt !== doc.publishedAt)
  if (rescheduled) {
    await req.payload.jobs.queue({
      input: { episodeId: String(doc.id) },
      req,
      task: PUBLISH_SCHEDULED_TASK,
      waitUntil: new Date(doc.publishedAt),
    })
  }
  await syncPublicAppearances(req.payload, req)
  return doc
}

export const afterEpisodeDelete: CollectionAfterDeleteHook = async ({ req }) => {
  await syncPublicAppearances(req.payload, req)
}
