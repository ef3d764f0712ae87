import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'
import { arrayTable, collectionTable, getDrizzle } from './adapter.ts'

/** A speaker as the importer needs it; `normalized` is the alias it was found by ('' when by id or slug). */
export type SpeakerRow = { guest_id: null | number | string; id: number | string; normalized: string; role: string }

const speakersTable = (payload: Payload) => collectionTable(payload, getPodcastOptions(payload).slugs.speakers)

/** Speakers by normalised alias, in one indexed lookup (the importer's hot path). */
export const speakersByAlias = async (payload: Payload, req: PayloadRequest, keys: string[]): Promise<SpeakerRow[]> => {
  const db = await getDrizzle(payload, req)
  const { rows } = await db.execute<SpeakerRow>(sql`
    SELECT a.normalized, s.id, s.role, s.guest_id
    FROM ${arrayTable(payload, getPodcastOptions(payload).slugs.speakers, 'aliases')} a
    JOIN ${speakersTable(payload)} s ON s.id = a._parent_id
    WHERE a.normalized = ANY(${sql.param(keys)})`)
  return rows
}

export const speakerBySlug = async (payload: Payload, req: PayloadRequest, slug: string): Promise<SpeakerRow | undefined> => {
  const db = await getDrizzle(payload, req)
  const { rows } = await db.execute<SpeakerRow>(sql`SELECT id, role, guest_id, '' AS normalized FROM ${speakersTable(payload)} WHERE slug = ${slug}`)
  return rows[0]
}

export const speakerById = async (payload: Payload, req: PayloadRequest, id: number | string): Promise<SpeakerRow | undefined> => {
  const db = await getDrizzle(payload, req)
  const { rows } = await db.execute<SpeakerRow>(sql`SELECT id, role, guest_id, '' AS normalized FROM ${speakersTable(payload)} WHERE id = ${id}`)
  return rows[0]
}

/** The first host or co-host made, for unattributed turns when no host is configured. */
export const firstHostId = async (payload: Payload, req: PayloadRequest): Promise<number | string | undefined> => {
  const db = await getDrizzle(payload, req)
  const { rows } = await db.execute<{ id: number | string }>(
    sql`SELECT id FROM ${speakersTable(payload)} WHERE role IN ('host', 'co-host') ORDER BY created_at LIMIT 1`,
  )
  return rows[0]?.id
}

export const guestIdBySlug = async (payload: Payload, req: PayloadRequest, slug: string): Promise<number | string | undefined> => {
  const db = await getDrizzle(payload, req)
  const { rows } = await db.execute<{ id: number | string }>(
    sql`SELECT id FROM ${collectionTable(payload, getPodcastOptions(payload).slugs.guests)} WHERE slug = ${slug}`,
  )
  return rows[0]?.id
}
