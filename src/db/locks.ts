import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { collectionTable, getDrizzle, idArray, versionsTable } from './adapter.ts'

/**
 * Locks episodes' rows until `req`'s transaction ends, so writes to one episode
 * (workflow transitions, saves, imports) run one after another, each reading what the
 * one before it wrote. Without a transaction (none was opened) it does nothing.
 */
export const lockEpisodeRows = async (payload: Payload, req: Partial<PayloadRequest>, collection: string, ids: (number | string)[]): Promise<void> => {
  if (!req.transactionID || !ids.length) return
  const db = await getDrizzle(payload, req)
  // In id order, so that two writes locking several of the same rows cannot deadlock.
  await db.execute(sql`SELECT 1 FROM ${collectionTable(payload, collection)} WHERE id = ANY(${idArray(payload, ids)}) ORDER BY id FOR UPDATE`)
}

/** Serialises work on one episode slug, whether or not the episode exists yet (two imports of a new file). */
export const lockEpisodeSlug = async (payload: Payload, req: Partial<PayloadRequest>, slug: string): Promise<void> => {
  const db = await getDrizzle(payload, req)
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`podcast:episode:${slug}`}))`)
}

/**
 * The episode with this slug, its row locked for the rest of the transaction (see
 * lockEpisodeRows): its id, and whether it is live (its main document is published);
 * undefined when there is none.
 */
export const lockEpisodeBySlug = async (
  payload: Payload,
  req: Partial<PayloadRequest>,
  collection: string,
  slug: string,
): Promise<undefined | { id: number | string; live: boolean }> => {
  const db = await getDrizzle(payload, req)
  const { rows } = await db.execute<{ id: number | string; live: boolean }>(
    sql`SELECT id, _status = 'published' AS live FROM ${collectionTable(payload, collection)} WHERE slug = ${slug} FOR UPDATE`,
  )
  return rows[0] && { id: rows[0].id, live: Boolean(rows[0].live) }
}

/**
 * Advisory locks on names, taken in one sorted order so that two writers wanting several
 * of the same names cannot deadlock; held until `req`'s transaction ends.
 */
export const lockNames = async (payload: Payload, req: Partial<PayloadRequest>, names: string[]): Promise<void> => {
  const db = await getDrizzle(payload, req)
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(k)) FROM unnest(${sql.param([...names].sort())}::text[]) AS k ORDER BY k`)
}

/**
 * Serialises changes that could remove the last admin until `req`'s transaction ends:
 * two admins demoting each other at once each still counted the other.
 */
export const lockAdminChanges = async (payload: Payload, req: Partial<PayloadRequest>): Promise<void> => {
  if (!req.transactionID) return
  const db = await getDrizzle(payload, req)
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext('podcast:admins'))`)
}

/**
 * Claims a scheduled episode whose time has come, for `req`'s transaction: true when its row
 * is now locked by this transaction and its latest version is still scheduled and due; false
 * when it was published, rescheduled or deleted meanwhile. Two job runners that took the same
 * job (Payload's claim is find-then-update) publish it once: the second waits for the first's
 * lock, and then reads "published". (SKIP LOCKED would skip an episode an editor happened to be
 * saving, and its job would end without publishing it.)
 */
export const claimDueEpisode = async (payload: Payload, req: Partial<PayloadRequest>, collection: string, id: number | string): Promise<boolean> => {
  const db = await getDrizzle(payload, req)
  const locked = await db.execute(sql`SELECT id FROM ${collectionTable(payload, collection)} WHERE id = ${id} FOR UPDATE`)
  if (!locked.rows.length) return false
  // A statement of its own: it reads what was committed before the lock was granted.
  const { rows } = await db.execute(sql`
    SELECT 1 FROM ${versionsTable(payload, collection)}
    WHERE parent_id = ${id} AND latest AND version_workflow_status = 'scheduled' AND version_published_at <= now()`)
  return rows.length > 0
}
