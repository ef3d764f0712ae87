import type { Payload, PayloadRequest, TaskConfig } from 'payload'

import type { ImportStatusOverride } from './mapStatus.ts'

import { type BatchFile, claimBatchFile, failBatch, finishBatchFile, readBatch, renewLease, settleBatch } from '../db/batches.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'
import { DEFAULT_IMPORT_CONCURRENCY } from './importBatch.ts'
import { type ImportReport, importTranscript } from './importTranscript.ts'
import { isSidecar } from './sidecars.ts'

export const IMPORT_BATCH_TASK = 'importTranscriptBatch'

/** A file whose import took its runner down this many times is failed, not tried again. */
const MAX_ATTEMPTS = 3

/**
 * A job works on a batch this long, then queues the rest as a job of its own: Payload's cron
 * waits for every job it runs, so one long batch would hold back its runner's other work
 * (scheduled publishes, maintenance) until the last file.
 */
export const BATCH_SLICE_MS = 60_000

const failedReport = (file: BatchFile, dryRun: boolean, message: string): ImportReport => ({
  createdGuests: 0,
  createdSpeakers: 0,
  dryRun,
  durationMs: 0,
  episode: null,
  errors: [{ line: null, message }],
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
export const runImportBatch = async (payload: Payload, batchId: number | string, sliceMs = BATCH_SLICE_MS): Promise<string> => {
  const options = getPodcastOptions(payload)
  const { leaseSeconds } = options.import
  const batch = await readBatch(payload, batchId)
  // Thrown, not returned: the task's retries apply (a batch that is not there yet, on a lagging connection).
  if (!batch) throw new Error(`Import batch ${String(batchId)} does not exist.`)
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
  const deadline = Date.now() + sliceMs
  const importFile = async (file: BatchFile): Promise<ImportReport> => {
    if (file.attempts > MAX_ATTEMPTS) {
      return failedReport(
        file,
        batch.dryRun,
        `The import of this file stopped ${MAX_ATTEMPTS} times before it finished (its job runner died or lost the database); it is not tried again.`,
      )
    }
    // Sidecars were paired with their transcripts when the batch was queued: one left alone has none.
    if (isSidecar(file.name)) {
      return failedReport(file, batch.dryRun, `A sidecar without a transcript: no file named ${file.name.replace(/\.ya?ml$/i, '')}.* beside it`)
    }
    // The lease is renewed while the file imports: a slow file (or one waiting for an editor's save) is not taken over.
    const renewal = setInterval(() => void renewLease(payload, file, leaseSeconds).catch(() => {}), (leaseSeconds * 1000) / 3)
    try {
      return await importTranscript({
        content: file.content ?? Buffer.alloc(0),
        sidecar: file.sidecar ?? undefined,
        dryRun: batch.dryRun,
        fileName: file.name,
        payload,
        episode: batch.attachTo ?? undefined,
        show: batch.show ?? undefined,
        status: (batch.statusOverride as ImportStatusOverride | null) ?? undefined,
        user: { ...user, collection: options.usersCollection } as PayloadRequest['user'],
      })
    } finally {
      clearInterval(renewal)
    }
  }
  const worker = async () => {
    while (Date.now() < deadline) {
      const file = await claimBatchFile(payload, batch.id, leaseSeconds)
      if (!file) return
      await finishBatchFile(payload, file, await importFile(file))
    }
  }
  // Every worker ends before the job does, even when one fails (a lost connection): its file's lease runs out and is taken over.
  const ended = await Promise.allSettled(Array.from({ length: DEFAULT_IMPORT_CONCURRENCY }, worker))
  const failure = ended.find((result) => result.status === 'rejected')
  if (failure) throw failure.reason
  const status = await settleBatch(payload, batch.id)
  if (!status && Date.now() >= deadline) {
    // Its slice is over: the rest is a new job, behind whatever else is queued.
    await payload.jobs.queue({ input: { batchId: String(batch.id) }, task: IMPORT_BATCH_TASK })
    return 'running'
  }
  payload.logger.info({ batch: batch.id, msg: 'Import batch worked through', status: status ?? 'running' })
  return status ?? 'running'
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
