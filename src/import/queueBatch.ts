import type { Payload, PayloadRequest } from 'payload'

import type { TranscriptSource } from './importBatch.ts'
import type { ImportStatusOverride } from './mapStatus.ts'

import { insertBatchFile } from '../db/batches.ts'
import { withTransaction } from '../db/transaction.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'
import { IMPORT_BATCH_TASK } from './batchTask.ts'

export type QueuedBatch = { id: number | string; status: string; total: number }

/**
 * Stores a bulk import's files as a batch and queues its job, in one transaction: a batch
 * exists with all its files, or not at all. The files are read one at a time.
 */
export const queueImportBatch = async ({
  dryRun,
  episode,
  payload,
  show,
  sources,
  status,
  user,
}: {
  dryRun: boolean
  episode?: string
  payload: Payload
  show?: string
  sources: TranscriptSource[]
  status?: ImportStatusOverride
  user: NonNullable<PayloadRequest['user']>
}): Promise<QueuedBatch> => {
  const options = getPodcastOptions(payload)
  return withTransaction(payload, user, async (req) => {
    const batch = (await payload.create({
      collection: options.slugs.transcriptImportBatches,
      data: {
        attachTo: episode ?? null,
        createdBy: user.id,
        dryRun,
        heartbeatAt: new Date().toISOString(),
        label: `${sources.length} files${sources[0] ? `, from ${sources[0].name}` : ''}`,
        show: show ?? null,
        status: 'queued',
        statusOverride: status ?? null,
        total: sources.length,
      } as never,
      depth: 0,
      overrideAccess: true,
      req,
    })) as unknown as QueuedBatch
    const bytes = (value: Buffer | string) => (Buffer.isBuffer(value) ? value : Buffer.from(value))
    for (const [position, source] of sources.entries()) {
      const content = await source.content()
      const sidecar = await source.sidecar?.()
      await insertBatchFile(payload, req, batch.id, {
        content: bytes(content),
        name: source.name,
        position,
        sidecar: sidecar === undefined ? undefined : bytes(sidecar),
      })
    }
    await payload.jobs.queue({ input: { batchId: String(batch.id) }, req, task: IMPORT_BATCH_TASK })
    payload.logger.info({ batch: batch.id, files: sources.length, msg: 'Import batch queued' })
    return { id: batch.id, status: batch.status, total: sources.length }
  })
}
