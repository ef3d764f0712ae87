import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { getDrizzle, tableName } from './getDrizzle'
import { getPodcastOptions } from './getPodcastOptions'

export type TranscriptFilters = {
  /** Turns starting at or after this many seconds. */
  from?: number
  limit: number
  page: number
  /** Case-insensitive text search. */
  q?: string
  /** A speaker's id or slug. */
  speaker?: string
  /** Turns starting at or before this many seconds. */
  to?: number
}

export type TranscriptTurnOut = {
  end: null | number
  id: number
  position: number
  speaker: null | { id: number; name: string; role: string; slug: string }
  speakerLabel: null | string
  start: null | number
  text: string
  timestamp: null | string
}

export type TranscriptPage = {
  docs: TranscriptTurnOut[]
  hasNextPage: boolean
  hasPrevPage: boolean
  limit: number
  page: number
  totalDocs: number
  totalPages: number
}

type Row = {
  end: null | string
  id: number
  position: string
  speaker_id: null | number
  speaker_label: null | string
  speaker_name: null | string
  speaker_role: null | string
  speaker_slug: null | string
  start: null | string
  text: string
  timestamp: null | string
  total: string
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`)

/**
 * One page of an episode's turns with their speakers, filtered, in one query
 * (a join, and the total from a window function): no N+1 however long the
 * transcript. The caller checks that the episode may be read.
 */
export const queryTranscript = async (
  payload: Payload,
  episodeId: number | string,
  filters: TranscriptFilters,
  req?: Partial<PayloadRequest>,
): Promise<TranscriptPage> => {
  const { slugs } = getPodcastOptions(payload)
  const db = await getDrizzle(payload, req)
  const turns = sql.identifier(tableName(payload, slugs.transcriptTurns))
  const speakers = sql.identifier(tableName(payload, slugs.speakers))
  const conditions = [sql`t.episode_id = ${episodeId}`]
  if (filters.speaker) {
    conditions.push(
      /^\d+$/.test(filters.speaker)
        ? sql`(s.id = ${Number(filters.speaker)} OR s.slug = ${filters.speaker})`
        : sql`s.slug = ${filters.speaker}`,
    )
  }
  if (filters.from !== undefined) conditions.push(sql`t.start >= ${filters.from}`)
  if (filters.to !== undefined) conditions.push(sql`t.start <= ${filters.to}`)
  if (filters.q) conditions.push(sql`t.text ILIKE ${`%${escapeLike(filters.q)}%`}`)

  const { rows } = await db.execute<Row>(sql`
    SELECT t.id, t.position, t.start, t."end", t.timestamp, t.text, t.speaker_label,
           s.id AS speaker_id, s.name AS speaker_name, s.slug AS speaker_slug, s.role AS speaker_role,
           count(*) OVER () AS total
    FROM ${turns} t
    LEFT JOIN ${speakers} s ON s.id = t.speaker_id
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY t.position
    LIMIT ${filters.limit} OFFSET ${(filters.page - 1) * filters.limit}`)

  const toNumber = (value: null | string) => (value === null ? null : Number(value))
  const totalDocs = rows.length ? Number(rows[0].total) : 0
  const totalPages = Math.max(1, Math.ceil(totalDocs / filters.limit))
  return {
    docs: rows.map((row) => ({
      end: toNumber(row.end),
      id: row.id,
      position: Number(row.position),
      speaker:
        row.speaker_id === null
          ? null
          : { id: row.speaker_id, name: row.speaker_name ?? '', role: row.speaker_role ?? '', slug: row.speaker_slug ?? '' },
      speakerLabel: row.speaker_label,
      start: toNumber(row.start),
      text: row.text,
      timestamp: row.timestamp,
    })),
    hasNextPage: filters.page < totalPages,
    hasPrevPage: filters.page > 1,
    limit: filters.limit,
    page: filters.page,
    totalDocs,
    totalPages,
  }
}
