import type { Payload, TaskConfig } from 'payload'

import { claimDueEpisode } from '../db/locks.ts'
import { withTransaction } from '../db/transaction.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'

export const PUBLISH_SCHEDULED_TASK = 'publishScheduledEpisode'

/**
 * Publishes a scheduled episode whose time has come, once, however many runners try at the
 * same moment (db/locks claimDueEpisode). Returns what happened.
 */
export const publishDueEpisode = async (payload: Payload, id: number | string): Promise<string> => {
  const collection = getPodcastOptions(payload).slugs.episodes
  return withTransaction(payload, undefined, async (req) => {
    if (!(await claimDueEpisode(payload, req, collection, id))) return 'skipped: published, rescheduled or deleted meanwhile'
    const episode = (await payload.update({
      id,
      collection,
      data: { _status: 'published', workflowStatus: 'published' },
      depth: 0,
      overrideAccess: true,
      req,
    })) as unknown as { slug: string }
    payload.logger.info({ episode: episode.slug, msg: 'Published a scheduled episode' })
    return 'published'
  })
}

/**
 * Publishes one scheduled episode when its time has come. Queued with
 * `waitUntil: publishedAt`; a stale job (the episode was rescheduled, published
 * or pulled back meanwhile) does nothing, since the new schedule queued its own.
 * A job that never ran (its runner died holding it) is made up for by the queue's
 * maintenance (jobs/maintenance).
 */
export const publishScheduledEpisodeTask: TaskConfig<{ input: { episodeId: number | string }; output: { outcome: string } }> = {
  slug: PUBLISH_SCHEDULED_TASK,
  handler: async ({ input, req }) => {
    const { payload } = req
    const collection = getPodcastOptions(payload).slugs.episodes
    const episode = (await payload
      .findByID({ id: input.episodeId, collection, depth: 0, disableErrors: true, draft: true, overrideAccess: true, req })
      .catch(() => null)) as null | { id: number | string; publishedAt: string; slug: string; workflowStatus: string }
    if (!episode) return { output: { outcome: 'missing' } }
    if (episode.workflowStatus !== 'scheduled') return { output: { outcome: `skipped: ${episode.workflowStatus}` } }
    if (new Date(episode.publishedAt).getTime() > Date.now()) return { output: { outcome: 'skipped: rescheduled' } }
    return { output: { outcome: await publishDueEpisode(payload, episode.id) } }
  },
  inputSchema: [{ name: 'episodeId', type: 'text', required: true }],
  outputSchema: [{ name: 'outcome', type: 'text' }],
  retries: 3,
}
