import type { Payload, PayloadRequest, TaskConfig } from 'payload'

import type { ImportStatusOverride } from './mapStatus.ts'

import { type BatchFile, claimBatchFile, failBatch, finishBatchFile, settleBatch } from '../db/batches.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'
import { DEFAULT_IMPORT_CONCURRENCY } from './importBatch.ts'
import { type ImportReport, importTranscript } from './importTranscript.ts'

export const IMPORT_BATCH_TASK = 'importTranscriptBatch'

/** A file whose import took its runner down this many times is failed, not tried again. */
const MAX_ATTEMPTS = 3

type BatchDoc = {
  createdBy?: null | number | string
  dryRun?: boolean | null
  id: number | string
  status: string
  statusOverride?: ImportStatusOverride | null
}

const stoppedReport = (file: BatchFile, dryRun: boolean): ImportReport => ({
  createdGuests: 0,
  createdSpeakers: 0,
  dryRun,
  durationMs: 0,
  episode: null,
  errors: [
    {
      line: null,
      message: `The import of this file stopped ${MAX_ATTEMPTS} times before it finished (its job runner died or lost the database); it is not tried again.`,
    },
  ],
  file: file.name,
  status: 'failed',
  turns: 0,
  warnings: [],
  words: 0,
})

/**
 * Works through a batch's files until none is left to lease: a few at a time, each in its
 * own transaction (as the CLI imports them). Any number of runners may work on one batch at
 * once; each file is leased to one (db/batches). Returns the batch's status.
 */
export const runImportBatch = async (payload: Payload, batchId: number | string): Promise<string> => {
  const options = getPodcastOptions(payload)
  const batch = (await payload.findByID({
    id: batchId,
    collection: options.slugs.transcriptImportBatches,
    depth: 0,
    disableErrors: true,
    overrideAccess: true,
  })) as BatchDoc | null
  if (!batch) return 'missing'
  if (batch.status !== 'queued' && batch.status !== 'running') return batch.status
  // The import runs with the rights of who started it (an author's files stay drafts).
  const user = batch.createdBy
    ? ((await payload.findByID({ id: batch.createdBy, collection: options.usersCollection, depth: 0, disableErrors: true, overrideAccess: true })) as
        null | PayloadRequest['user'])
    : null
  if (!user) {
    await failBatch(payload, batch.id, 'The account that started this batch no longer exists.')
    return 'failed'
  }
  const dryRun = Boolean(batch.dryRun)
  const worker = async () => {
    for (
      let file = await claimBatchFile(payload, batch.id, options.import.leaseSeconds);
      file;
      file = await claimBatchFile(payload, batch.id, options.import.leaseSeconds)
    ) {
      const report =
        file.attempts > MAX_ATTEMPTS
          ? stoppedReport(file, dryRun)
          : await importTranscript({
              content: file.content ?? Buffer.alloc(0),
              dryRun,
              fileName: file.name,
              payload,
              status: batch.statusOverride ?? undefined,
              user: { ...user, collection: options.usersCollection } as PayloadRequest['user'],
            })
      await finishBatchFile(payload, file, report)
    }
  }
  // Every worker ends before the job does, even when one fails (a lost connection): its file's lease runs out and is taken over.
  const ended = await Promise.allSettled(Array.from({ length: DEFAULT_IMPORT_CONCURRENCY }, worker))
  const failure = ended.find((result) => result.status === 'rejected')
  if (failure) throw failure.reason
  const status = (await settleBatch(payload, batch.id)) ?? 'running'
  payload.logger.info({ batch: batch.id, msg: 'Import batch worked through', status })
  return status
}

/**
 * The jobs queue's task for a batch. Queued when the batch is created, and again by the
 * maintenance of any runner when the batch's runner has gone quiet (jobs/maintenance).
 */
export const importBatchTask: TaskConfig<{ input: { batchId: string }; output: { status: string } }> = {
  slug: IMPORT_BATCH_TASK,
  handler: async ({ input, req }) => ({ output: { status: await runImportBatch(req.payload, input.batchId) } }),
  inputSchema: [{ name: 'batchId', type: 'text', required: true }],
  outputSchema: [{ name: 'status', type: 'text' }],
  retries: 2,
}
