import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { refreshEpisodeSearch } from '../db/episodeSearch.ts'
import { syncRevisionFlags } from '../db/revisions.ts'
import { syncPublicAppearances } from '../db/appearances.ts'
import { PUBLISH_SCHEDULED_TASK } from './publishScheduledEpisode.ts'

/**
 * After an episode changes: queue its publication when it was (re)scheduled, point the
 * revision flags at what its versions now point to, re-index its main document for search, and
 * recompute which guests and speakers the public may see.
 */
export const afterEpisodeChange: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  const rescheduled = doc.workflowStatus === 'scheduled' && (previousDoc?.workflowStatus !== 'scheduled' || previousDoc?.publishedAt !== doc.publishedAt)
  if (rescheduled) {
    await req.payload.jobs.queue({
      input: { episodeId: String(doc.id) },
      req,
      task: PUBLISH_SCHEDULED_TASK,
      waitUntil: new Date(doc.publishedAt),
    })
  }
  // Payload has saved the version: the transcript the public reads switches in this transaction.
  if (!req.context.podcastDeferRevisionSync) await syncRevisionFlags(req.payload, req, [doc.id])
  // So do the episode's searchable title, summary and notes (a draft save leaves them as they are).
  await refreshEpisodeSearch(req.payload, req, [doc.id])
  if (!req.context.podcastDeferAppearanceSync) {
    await syncPublicAppearances(req.payload, req, {
      episodeIds: [doc.id],
      guestIds: [...idsOf(doc.guests), ...idsOf(previousDoc?.guests)],
      speakerIds: [...idsOf(doc.hosts), ...idsOf(previousDoc?.hosts)],
    })
  }
  return doc
}

const idsOf = (value: unknown): (number | string)[] => (Array.isArray(value) ? value.map((item) => (item && typeof item === 'object' ? item.id : item)) : [])

/** Runs before the turns go (beforeDelete), so the speakers they named are still known. */
export const afterEpisodeDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  const turnSpeakers = req.context.podcastDeletedTurnSpeakers ?? []
  await syncPublicAppearances(req.payload, req, { guestIds: idsOf(doc.guests), speakerIds: [...idsOf(doc.hosts), ...turnSpeakers] })
}
