import type { Endpoint, PayloadHandler, PayloadRequest } from 'payload'

import { cancelBatch, readBatch, retryBatch } from '../db/batches.ts'
import { withTransaction } from '../db/transaction.ts'
import { conflict, RequestRefused } from '../errors.ts'
import { IMPORT_BATCH_TASK } from '../import/batchTask.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'
import { isRowId } from '../utilities/isRowId.ts'

type Batch = { id: number | string; status: string }

/**
 * The batch the user may read (its creator, editors and admins): 404 for anyone else, as for a
 * read. Read in a transaction, so on the primary: a replica may not have a batch just created.
 */
const readableBatch = async (req: PayloadRequest): Promise<Batch> => {
  if (!req.user) throw new RequestRefused('Log in to manage import batches.', 401)
  const id = req.routeParams?.id as string | undefined
  const { payload } = req
  const batch =
    id && isRowId(payload, id)
      ? await withTransaction(
          payload,
          req.user,
          async (txReq) =>
            (await payload.findByID({
              id,
              collection: getPodcastOptions(payload).slugs.transcriptImportBatches,
              depth: 0,
              disableErrors: true,
              overrideAccess: false,
              req: txReq,
              select: { status: true },
            })) as Batch | null,
        )
      : null
  if (!batch) throw new RequestRefused('No such import batch.', 404)
  return batch
}

/** The batch as it is after the change, from the primary. */
const answer = async (req: PayloadRequest, id: number | string) =>
  Response.json({ batch: await readBatch(req.payload, id) }, { headers: { 'Cache-Control': 'no-store' } })

/** `POST /api/transcript-import-batches/:id/cancel`: its waiting files are not imported; those in flight finish. */
const cancelHandler: PayloadHandler = async (req) => {
  const batch = await readableBatch(req)
  if (!(await cancelBatch(req.payload, req, batch.id))) throw conflict(`The batch has ended (${batch.status}); there is nothing to cancel.`)
  req.payload.logger.info({ batch: batch.id, msg: 'Import batch cancelled', user: req.user?.id })
  return answer(req, batch.id)
}

/** `POST /api/transcript-import-batches/:id/retry`: a finished batch's failed and cancelled files are queued again. */
const retryHandler: PayloadHandler = async (req) => {
  const batch = await readableBatch(req)
  const retried = await retryBatch(req.payload, req, batch.id)
  if (!retried) {
    throw conflict(
      batch.status === 'queued' || batch.status === 'running'
        ? 'The batch is still running; retry it when it has finished.'
        : 'The batch has no failed or cancelled files to retry.',
    )
  }
  await req.payload.jobs.queue({ input: { batchId: String(batch.id) }, req, task: IMPORT_BATCH_TASK })
  req.payload.logger.info({ batch: batch.id, files: retried, msg: 'Import batch retried', user: req.user?.id })
  return answer(req, batch.id)
}

export const cancelBatchEndpoint: Endpoint = { handler: cancelHandler, method: 'post', path: '/:id/cancel' }
export const retryBatchEndpoint: Endpoint = { handler: retryHandler, method: 'post', path: '/:id/retry' }
