import type { Payload } from 'payload'

import { takeOverStalledBatches } from '../db/batches.ts'
import { rebuildSearchWordsIfChanged } from '../db/suggest.ts'
import { IMPORT_BATCH_TASK } from '../import/batchTask.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'
import { publishDueEpisode } from '../workflow/publishScheduledEpisode.ts'

/** Finished batches are looked for at most this often per process: a delete of nothing, every tick, is waste. */
const RETENTION_EVERY_MS = 10 * 60 * 1000
const lastRetention = new WeakMap<Payload, number>()
/**
 * The search's vocabulary (spelling suggestions) is checked this often per process, and rebuilt (a full
 * pass over the published turns) when what the public reads has changed.
 */
const VOCABULARY_EVERY_MS = 10 * 60 * 1000
const lastVocabulary = new WeakMap<Payload, number>()

/**
 * What the jobs queue cannot do for itself, run by every job runner before it runs the queue
 * (the plugin's `shouldAutoRun`). Payload 3.90 claims a job by find-then-update, and a runner
 * killed mid-job leaves it `processing` for good (payload#17645), so:
 * - a batch whose runner has gone quiet for a lease gets a new job (taken by one runner only);
 * - a scheduled episode whose time has passed is published (once, whoever else tries);
 * - finished batches older than `import.batchRetentionDays` are deleted, with their files;
 * - the search's vocabulary of published words is rebuilt (checked every 10 minutes, rebuilt on a change).
 * Each step is on its own: one that fails is logged, and the others still run.
 */
export const runPodcastMaintenance = async (payload: Payload): Promise<void> => {
  const options = getPodcastOptions(payload)
  const step = async (name: string, fn: () => Promise<unknown>) => {
    try {
      await fn()
    } catch (error) {
      payload.logger.error({ err: error, msg: `Podcast maintenance: ${name} failed` })
    }
  }
  await step('taking over stalled import batches', async () => {
    for (const batchId of await takeOverStalledBatches(payload, options.import.leaseSeconds)) {
      await payload.jobs.queue({ input: { batchId: String(batchId) }, task: IMPORT_BATCH_TASK })
      payload.logger.info({ batch: batchId, msg: 'Import batch taken over: its runner went quiet' })
    }
  })
  await step('publishing due episodes', async () => {
    const { docs } = await payload.find({
      collection: options.slugs.episodes,
      depth: 0,
      draft: true,
      limit: 50,
      overrideAccess: true,
      pagination: false,
      select: { workflowStatus: true },
      sort: 'publishedAt',
      where: { and: [{ workflowStatus: { equals: 'scheduled' } }, { publishedAt: { less_than_equal: new Date().toISOString() } }] },
    })
    // One that cannot be published (say, it fails validation) must not hold back the others.
    for (const episode of docs) await step(`publishing episode ${String(episode.id)}`, () => publishDueEpisode(payload, episode.id))
  })
  const now = Date.now()
  if (now - (lastRetention.get(payload) ?? 0) >= RETENTION_EVERY_MS) {
    lastRetention.set(payload, now)
    await step('deleting old import batches', () => deleteExpiredBatches(payload))
  }
  if (now - (lastVocabulary.get(payload) ?? 0) >= VOCABULARY_EVERY_MS) {
    lastVocabulary.set(payload, now)
    await step('rebuilding the search vocabulary', () => rebuildSearchWordsIfChanged(payload))
  }
}

/** Deletes finished batches older than `import.batchRetentionDays` (0 keeps them), with their files; returns how many. */
export const deleteExpiredBatches = async (payload: Payload): Promise<number> => {
  const options = getPodcastOptions(payload)
  if (options.import.batchRetentionDays <= 0) return 0
  const cutoff = new Date(Date.now() - options.import.batchRetentionDays * 24 * 60 * 60 * 1000).toISOString()
  const { docs } = await payload.delete({
    collection: options.slugs.transcriptImportBatches,
    depth: 0,
    overrideAccess: true,
    select: {},
    where: { and: [{ status: { in: ['done', 'failed', 'cancelled'] } }, { finishedAt: { less_than: cutoff } }] },
  })
  if (docs.length) payload.logger.info({ batches: docs.length, msg: 'Deleted finished import batches past their retention' })
  return docs.length
}
