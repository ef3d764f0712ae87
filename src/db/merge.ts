import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { arrayTable, collectionTable, getDrizzle, relationshipColumn, relationshipsTable, versionRelationshipsTable } from './adapter.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'

type Id = number | string
type SQL = ReturnType<typeof sql> | ReturnType<typeof sql.identifier>
type Db = Awaited<ReturnType<typeof getDrizzle>>

export type Moved = { aliases: number; episodes: number; speakers: number; turns: number }

const count = async (db: Db, query: SQL) => (await db.execute(query)).rowCount ?? 0

/**
 * Points a relationship of one row (`from`) at another (`into`), in a relationships table: where the
 * parent already links `into` on that path, `from`'s link is dropped instead. Returns the parents touched.
 */
const moveLinks = async (db: Db, table: SQL, column: SQL, path: string, from: Id, into: Id): Promise<Id[]> => {
  // Two statements: one statement's CTEs would see (and touch) the same rows.
  const { rows: dropped } = await db.execute<{ parent_id: Id }>(sql`
    DELETE FROM ${table} r
    WHERE r.path = ${path} AND r.${column} = ${from}
      AND EXISTS (SELECT 1 FROM ${table} o WHERE o.parent_id = r.parent_id AND o.path = ${path} AND o.${column} = ${into})
    RETURNING r.parent_id`)
  const { rows: moved } = await db.execute<{ parent_id: Id }>(sql`
    UPDATE ${table} SET ${column} = ${into} WHERE path = ${path} AND ${column} = ${from} RETURNING parent_id`)
  return [...new Set([...dropped, ...moved].map((row) => row.parent_id))]
}

/**
 * Merges speaker `from` into `into`, in the caller's transaction: its turns in every revision, its
 * aliases (one the target already has is dropped), its host links on episodes, their versions and
 * shows, and its guest profile when the target has none; then deletes it. The target's profile stays.
 */
export const mergeSpeakerRows = async (payload: Payload, req: PayloadRequest, from: Id, into: Id): Promise<Moved> => {
  const { slugs } = getPodcastOptions(payload)
  const db = await getDrizzle(payload, req)
  const speakers = collectionTable(payload, slugs.speakers)
  const aliases = arrayTable(payload, slugs.speakers, 'aliases')
  const column = relationshipColumn(payload, slugs.speakers)
  // Both rows, in id order: two merges of the same pair in opposite directions cannot deadlock.
  await db.execute(sql`SELECT id FROM ${speakers} WHERE id IN (${from}, ${into}) ORDER BY id FOR UPDATE`)
  const { rows: touched } = await db.execute<{ episode_id: Id }>(sql`
    UPDATE ${collectionTable(payload, slugs.transcriptTurns)} SET speaker_id = ${into} WHERE speaker_id = ${from} RETURNING episode_id`)
  await db.execute(sql`
    DELETE FROM ${aliases} a WHERE a._parent_id = ${from} AND a.normalized IN (SELECT normalized FROM ${aliases} WHERE _parent_id = ${into})`)
  const movedAliases = await count(db, sql`UPDATE ${aliases} SET _parent_id = ${into}, _order = _order + 1000 WHERE _parent_id = ${from}`)
  const episodes = await moveLinks(db, relationshipsTable(payload, slugs.episodes), column, 'hosts', from, into)
  await moveLinks(db, versionRelationshipsTable(payload, slugs.episodes), column, 'version.hosts', from, into)
  await moveLinks(db, relationshipsTable(payload, slugs.shows), column, 'hosts', from, into)
  // The target keeps its own guest profile; it takes the merged one's when it has none. Touched: kept
  // transcript files and feeds name speakers, and check their updated_at (renditions/cache, db/feed).
  await db.execute(sql`
    UPDATE ${speakers} SET guest_id = coalesce(guest_id, (SELECT guest_id FROM ${speakers} WHERE id = ${from})), updated_at = now()
    WHERE id = ${into}`)
  await db.execute(sql`DELETE FROM ${speakers} WHERE id = ${from}`)
  return {
    aliases: movedAliases,
    episodes: new Set([...touched.map((row) => String(row.episode_id)), ...episodes.map(String)]).size,
    speakers: 0,
    turns: touched.length,
  }
}

/**
 * Merges guest `from` into `into`, in the caller's transaction: the speakers that are this person,
 * its links on episodes and their versions; then deletes it. The target's profile stays.
 */
export const mergeGuestRows = async (payload: Payload, req: PayloadRequest, from: Id, into: Id): Promise<Moved> => {
  const { slugs } = getPodcastOptions(payload)
  const db = await getDrizzle(payload, req)
  const guests = collectionTable(payload, slugs.guests)
  const column = relationshipColumn(payload, slugs.guests)
  await db.execute(sql`SELECT id FROM ${guests} WHERE id IN (${from}, ${into}) ORDER BY id FOR UPDATE`)
  const speakers = await count(db, sql`UPDATE ${collectionTable(payload, slugs.speakers)} SET guest_id = ${into}, updated_at = now() WHERE guest_id = ${from}`)
  const episodes = await moveLinks(db, relationshipsTable(payload, slugs.episodes), column, 'guests', from, into)
  await moveLinks(db, versionRelationshipsTable(payload, slugs.episodes), column, 'version.guests', from, into)
  await db.execute(sql`UPDATE ${guests} SET updated_at = now() WHERE id = ${into}`)
  await db.execute(sql`DELETE FROM ${guests} WHERE id = ${from}`)
  return { aliases: 0, episodes: episodes.length, speakers, turns: 0 }
}
