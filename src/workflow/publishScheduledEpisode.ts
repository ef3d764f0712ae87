import type { TaskConfig } from 'payload'

import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'

export const PUBLISH_SCHEDULED_TASK = 'publishScheduledEpisode'

/**
 * Publishes one scheduled episode when its time has come. Queued with
 * `waitUntil: publishedAt`; a stale job (the episode was rescheduled, published
 * or pulled back meanwhile) does nothing, since the new schedule queued its own.
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
    await payload.update({
      id: episode.id,
      collection,
      data: { _status: 'published', workflowStatus: 'published' },
      depth: 0,
      overrideAccess: true,
      req,
    })
    payload.logger.info({ episode: episode.slug, msg: 'Published a scheduled episode' })
    return { output: { outcome: 'published' } }
  },
  inputSchema: [{ name: 'episodeId', type: 'text', required: true }],
  outputSchema: [{ name: 'outcome', type: 'text' }],
  retries: 3,
}
