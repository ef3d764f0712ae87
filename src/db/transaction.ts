import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'

import { getDrizzle } from './adapter.ts'

/**
 * Runs `fn` in a transaction of its own, committed when it returns and rolled back when it
 * throws. Every Local API call inside must pass the given `req`.
 *
 * Payload's `commitTransaction` swallows a failed COMMIT: with the connection cut at that
 * moment, an import reported "imported" while nothing was stored (1 file in 80, in the fault
 * test). So the transaction's id is taken before the commit, and Postgres is asked afterwards,
 * on another connection, whether it committed (`txid_status`); if not, this throws.
 */
export const withTransaction = async <T>(payload: Payload, user: PayloadRequest['user'] | undefined, fn: (req: PayloadRequest) => Promise<T>): Promise<T> => {
  const req = await createLocalReq({ user: user ?? undefined }, payload)
  await initTransaction(req)
  try {
    const result = await fn(req)
    const db = await getDrizzle(payload, req)
    const { rows } = await db.execute<{ txid: string }>(sql`SELECT txid_current()::text AS txid`)
    await commitTransaction(req)
    // On a fresh connection: a second try when the first one is cut too (the pool reconnects).
    const statusOf = async () =>
      (await (await getDrizzle(payload)).execute<{ status: null | string }>(sql`SELECT txid_status(${rows[0]?.txid}::bigint) AS status`)).rows[0]?.status
    const status = await statusOf().catch(statusOf)
    if (status !== 'committed') {
      throw new Error('The transaction did not commit (the connection was lost, or a check failed at COMMIT): nothing of this file was written.')
    }
    return result
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}

/**
 * Runs `fn` inside `req`'s own transaction, in a savepoint: rolled back to it when `fn`
 * throws, while the rest of the request's transaction goes on. One connection for both: the
 * upload hook once opened a second transaction while the upload's stayed open, two pool
 * connections per uploaded file. Without a transaction on `req`, `fn` gets one of its own.
 */
export const withSavepoint = async <T>(payload: Payload, req: PayloadRequest, fn: (req: PayloadRequest) => Promise<T>): Promise<T> => {
  if (!req.transactionID) return withTransaction(payload, req.user, fn)
  // A request of its own (its context stays apart), on the caller's transaction, which it never ends:
  // Payload's operations neither commit nor kill a transaction whose id is a promise (they would
  // roll back the upload's whole transaction on the first failed write).
  const inner = await createLocalReq({ user: req.user ?? undefined }, payload)
  inner.transactionID = Promise.resolve(await req.transactionID)
  const db = await getDrizzle(payload, inner)
  await db.execute(sql`SAVEPOINT podcast_import`)
  try {
    const result = await fn(inner)
    await db.execute(sql`RELEASE SAVEPOINT podcast_import`)
    return result
  } catch (error) {
    await db.execute(sql`ROLLBACK TO SAVEPOINT podcast_import`)
    throw error
  }
}
