import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { randomUUID } from 'node:crypto'

import type { ImportOutcome, ImportReport } from '../import/importTranscript.ts'

import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'
import { collectionTable, getDrizzle, qualifiedTable, tableName } from './adapter.ts'
import { batchFilesTableName } from './batchFilesTable.ts'
import { withTransaction } from './transaction.ts'

/**
 * An import batch's files and its counters, claimed and counted by SQL: Payload 3.90's
 * job claim is find-then-update (two runners may take one job, and a killed runner leaves
 * it `processing` for good, payload#17645), so the work itself is leased here, one file at
 * a time, with `FOR UPDATE SKIP LOCKED`. Two runners on one batch share its files; a lease
 * that expires (its runner died) is taken over.
 */
const tables = (payload: Payload) => {
  const slug = getPodcastOptions(payload).slugs.transcriptImportBatches
  return { batches: collectionTable(payload, slug), files: qualifiedTable(payload, batchFilesTableName(tableName(payload, slug))) }
}

export type BatchFile = {
  attempts: number
  content: Buffer | null
  id: number
  leaseToken: string
  name: string
  position: number
  sidecar: Buffer | null
}

export type BatchRow = {
  createdBy: null | number | string
  done: number
  dryRun: boolean
  id: number | string
  status: string
  attachTo: null | string
  show: null | string
  statusOverride: null | string
  summary: Record<ImportOutcome, number>
  total: number
}

/**
 * A batch as it is now, read on the primary (Payload's reads outside a transaction may go to a
 * lagging replica, where a batch just created or retried is missing or still "done").
 */
export const readBatch = async (payload: Payload, batchId: number | string): Promise<BatchRow | null> => {
  const { batches } = tables(payload)
  const db = await getDrizzle(payload)
  const { rows } = await db.execute<Omit<BatchRow, 'summary'> & Record<`summary_${ImportOutcome}`, number>>(sql`
    SELECT id, status, total::int, done::int, dry_run AS "dryRun", status_override AS "statusOverride", show, attach_to AS "attachTo", created_by_id AS "createdBy",
      summary_imported::int, summary_updated::int, summary_unchanged::int, summary_failed::int
    FROM ${batches} WHERE id = ${batchId}`)
  const row = rows[0]
  if (!row) return null
  const { summary_failed: failed, summary_imported: imported, summary_unchanged: unchanged, summary_updated: updated, ...batch } = row
  return { ...batch, dryRun: Boolean(batch.dryRun), summary: { failed, imported, unchanged, updated } }
}

/** Extends a file's lease while its import runs (a slow file is not taken over); false when the lease was lost. */
export const renewLease = async (payload: Payload, file: BatchFile, leaseSeconds: number): Promise<boolean> => {
  const { batches, files } = tables(payload)
  const db = await getDrizzle(payload)
  const { rows } = await db.execute(sql`
    WITH f AS (
      UPDATE ${files} SET lease_until = now() + make_interval(secs => ${leaseSeconds})
      WHERE id = ${file.id} AND lease_token = ${file.leaseToken} AND state = 'running'
      RETURNING batch_id
    )
    UPDATE ${batches} b SET heartbeat_at = now() FROM f WHERE b.id = f.batch_id RETURNING b.id`)
  return rows.length > 0
}

/** Adds a batch's files, in `req`'s transaction (the batch is created in it). */
export const insertBatchFile = async (
  payload: Payload,
  req: Partial<PayloadRequest>,
  batchId: number | string,
  file: { content: Buffer; name: string; position: number; sidecar?: Buffer },
): Promise<void> => {
  const { files } = tables(payload)
  const db = await getDrizzle(payload, req)
  await db.execute(
    sql`INSERT INTO ${files} (batch_id, position, name, content, sidecar) VALUES (${batchId}, ${file.position}, ${file.name}, ${file.content}, ${file.sidecar ?? null})`,
  )
}

/**
 * Leases the batch's next file: a queued one, or one whose runner's lease ran out. Marks the
 * batch running and notes the runner's heartbeat, all in one statement. Null when nothing
 * is left to take, or the batch was cancelled.
 */
export const claimBatchFile = async (payload: Payload, batchId: number | string, leaseSeconds: number): Promise<BatchFile | null> => {
  const { batches, files } = tables(payload)
  const db = await getDrizzle(payload)
  const token = randomUUID()
  const { rows } = await db.execute<BatchFile>(sql`
    WITH batch AS (
      UPDATE ${batches} SET status = 'running', heartbeat_at = now(), updated_at = now()
      WHERE id = ${batchId} AND status IN ('queued', 'running')
      RETURNING id
    ), next AS (
      SELECT f.id FROM ${files} f JOIN batch ON batch.id = f.batch_id
      WHERE f.state = 'queued' OR (f.state = 'running' AND f.lease_until < now())
      ORDER BY f.position
      LIMIT 1
      FOR UPDATE OF f SKIP LOCKED
    )
    UPDATE ${files} f SET state = 'running', lease_token = ${token}, lease_until = now() + make_interval(secs => ${leaseSeconds}),
      attempts = f.attempts + 1
    FROM next WHERE f.id = next.id
    RETURNING f.id, f.name, f.position, f.content, f.sidecar, f.attempts, f.lease_token AS "leaseToken"`)
  return rows[0] ?? null
}

const outcomeColumns: Record<ImportOutcome, ReturnType<typeof sql.identifier>> = {
  failed: sql.identifier('summary_failed'),
  imported: sql.identifier('summary_imported'),
  unchanged: sql.identifier('summary_unchanged'),
  updated: sql.identifier('summary_updated'),
}

/**
 * Records a file's report and counts it on its batch, once: only the runner still holding the
 * file's lease may (one that lost it to another runner counts nothing). An imported file's
 * content goes; a failed one keeps it for a retry. True when it was counted.
 */
export const finishBatchFile = async (payload: Payload, file: BatchFile, report: ImportReport): Promise<boolean> => {
  const { batches, files } = tables(payload)
  const db = await getDrizzle(payload)
  const column = outcomeColumns[report.status]
  const { rows } = await db.execute(sql`
    WITH f AS (
      UPDATE ${files} SET state = 'done', outcome = ${report.status}, report = ${JSON.stringify(report)}::jsonb,
        content = CASE WHEN ${report.status} = 'failed' THEN content END, lease_token = NULL, lease_until = NULL
      WHERE id = ${file.id} AND lease_token = ${file.leaseToken} AND state = 'running'
      RETURNING batch_id
    )
    UPDATE ${batches} b SET done = b.done + 1, ${column} = b.${column} + 1, heartbeat_at = now(), updated_at = now()
    FROM f WHERE b.id = f.batch_id
    RETURNING b.id`)
  return rows.length > 0
}

/**
 * A batch with nothing left queued or running is done (even when some files failed); returns its
 * status. The batch row is locked first and the files are checked in a statement of their own,
 * so a retry that queued files meanwhile is seen (one statement would check them as they were
 * before it waited for the lock).
 */
export const settleBatch = async (payload: Payload, batchId: number | string): Promise<null | string> => {
  const { batches, files } = tables(payload)
  return withTransaction(payload, undefined, async (req) => {
    const db = await getDrizzle(payload, req)
    await db.execute(sql`SELECT 1 FROM ${batches} WHERE id = ${batchId} FOR UPDATE`)
    const { rows } = await db.execute<{ status: string }>(sql`
      UPDATE ${batches} b SET status = CASE WHEN b.status IN ('queued', 'running') THEN 'done' ELSE b.status END,
        finished_at = coalesce(b.finished_at, now()), updated_at = now()
      WHERE b.id = ${batchId}
        AND NOT EXISTS (SELECT 1 FROM ${files} f WHERE f.batch_id = b.id AND f.state IN ('queued', 'running'))
      RETURNING b.status`)
    return rows[0]?.status ?? null
  })
}

/** Marks a batch failed (it cannot run at all), its waiting files with it. */
export const failBatch = async (payload: Payload, batchId: number | string, reason: string): Promise<void> => {
  const { batches, files } = tables(payload)
  const db = await getDrizzle(payload)
  await db.execute(sql`UPDATE ${files} SET state = 'cancelled' WHERE batch_id = ${batchId} AND state = 'queued'`)
  await db.execute(
    sql`UPDATE ${batches} SET status = 'failed', error = ${reason}, finished_at = now(), updated_at = now() WHERE id = ${batchId} AND status IN ('queued', 'running')`,
  )
}

/**
 * Cancels a queued or running batch, in one statement: its waiting files are not imported, nor is
 * a file whose runner died holding it (its lease ran out); files in flight finish. A retry takes
 * the cancelled files up again. False when the batch had ended.
 */
export const cancelBatch = async (payload: Payload, req: Partial<PayloadRequest>, batchId: number | string): Promise<boolean> => {
  const { batches, files } = tables(payload)
  const db = await getDrizzle(payload, req)
  const { rows } = await db.execute(sql`
    WITH b AS (
      UPDATE ${batches} SET status = 'cancelled', finished_at = now(), updated_at = now()
      WHERE id = ${batchId} AND status IN ('queued', 'running')
      RETURNING id
    ), f AS (
      UPDATE ${files} f SET state = 'cancelled', lease_token = NULL, lease_until = NULL
      FROM b WHERE f.batch_id = b.id AND (f.state = 'queued' OR (f.state = 'running' AND f.lease_until < now()))
      RETURNING f.id
    )
    SELECT id FROM b`)
  return rows.length > 0
}

/**
 * Queues a finished batch's failed and cancelled files again, taking them off its counters.
 * Returns how many; 0 when the batch has not finished or has nothing to retry.
 */
export const retryBatch = async (payload: Payload, req: Partial<PayloadRequest>, batchId: number | string): Promise<number> => {
  const { batches, files } = tables(payload)
  const db = await getDrizzle(payload, req)
  // One statement: the batch row is locked while its files and counters change together.
  const { rows } = await db.execute<{ retried: number }>(sql`
    WITH b AS (
      SELECT id FROM ${batches} WHERE id = ${batchId} AND status IN ('done', 'failed', 'cancelled') FOR UPDATE
    ), old AS (
      SELECT f.id, f.outcome = 'failed' AS failed FROM ${files} f JOIN b ON f.batch_id = b.id
      WHERE f.content IS NOT NULL AND (f.outcome = 'failed' OR f.state = 'cancelled')
      FOR UPDATE OF f
    ), requeued AS (
      UPDATE ${files} f SET state = 'queued', outcome = NULL, report = NULL, attempts = 0, lease_token = NULL, lease_until = NULL
      FROM old WHERE f.id = old.id
      RETURNING old.failed
    ), counted AS (
      SELECT count(*)::int AS retried, (count(*) FILTER (WHERE failed))::int AS failed FROM requeued
    )
    UPDATE ${batches} SET status = 'queued', done = done - counted.failed, summary_failed = summary_failed - counted.failed,
      error = NULL, finished_at = NULL, heartbeat_at = now(), updated_at = now()
    FROM counted WHERE ${batches}.id = ${batchId} AND counted.retried > 0
    RETURNING counted.retried`)
  return rows[0]?.retried ?? 0
}

/**
 * Batches whose runner has gone quiet for a lease (it died, or its job is stuck `processing`):
 * each is returned to one caller only, which queues a job for it (jobs/maintenance).
 */
export const takeOverStalledBatches = async (payload: Payload, leaseSeconds: number): Promise<(number | string)[]> => {
  const { batches } = tables(payload)
  const db = await getDrizzle(payload)
  const { rows } = await db.execute<{ id: number | string }>(sql`
    UPDATE ${batches} SET heartbeat_at = now()
    WHERE id IN (
      SELECT id FROM ${batches}
      WHERE status IN ('queued', 'running') AND heartbeat_at < now() - make_interval(secs => ${leaseSeconds})
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id`)
  return rows.map((row) => row.id)
}

export type BatchFileResult = Partial<ImportReport> & { file: string; position: number; status: 'cancelled' | 'queued' | 'running' | ImportOutcome }

/** A batch's files in order: the report of each finished one, the state of the others. */
export const batchResults = async (payload: Payload, req: Partial<PayloadRequest>, batchId: number | string): Promise<BatchFileResult[]> => {
  const { files } = tables(payload)
  const db = await getDrizzle(payload, req)
  const { rows } = await db.execute<{ name: string; outcome: ImportOutcome | null; position: number; report: ImportReport | null; state: string }>(
    sql`SELECT name, position, state, outcome, report FROM ${files} WHERE batch_id = ${batchId} ORDER BY position`,
  )
  return rows.map((row) =>
    row.report && row.state === 'done'
      ? { ...row.report, file: row.name, position: row.position, status: row.report.status }
      : { file: row.name, position: row.position, status: row.state as BatchFileResult['status'] },
  )
}
