import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { collectionTable, getDrizzle } from './adapter.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'
import { isRowId, rowId } from '../utilities/isRowId.ts'

export type TranscriptFilters = {
  /** Turns starting at or after this many seconds. */
  from?: number
  /** Speech only, or markers only; both when unset. */
  kind?: 'marker' | 'speech'
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
  /** `marker` for structure ("Break", "Outro"): websites render it as a section heading. */
  kind: 'marker' | 'speech'
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

/** A page whose turns are JSON text built by Postgres, ready to send as is. */
export type TranscriptPageJson = Omit<TranscriptPage, 'docs'> & { docsJson: string }

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`)

/**
 * One page of a transcript revision's turns with their speakers, filtered, in one query
 * (the total from a window function): no N+1 however long the
 * transcript. Postgres builds the turns' JSON, so Node neither parses rows into
 * objects nor serialises them again. The caller checks that the episode may be read, and
 * passes the revision that its reading of the episode points to.
 */
export const queryTranscriptJson = async (
  payload: Payload,
  /** The revision the reader's version of the episode points to; none for an episode without a transcript. */
  revisionId: null | number | undefined,
  filters: TranscriptFilters,
  req?: Partial<PayloadRequest>,
): Promise<TranscriptPageJson> => {
  const { slugs } = getPodcastOptions(payload)
  const db = await getDrizzle(payload, req)
  const turns = collectionTable(payload, slugs.transcriptTurns)
  const speakers = collectionTable(payload, slugs.speakers)
  const conditions = [sql`t.revision_id = ${revisionId ?? null}`]
  if (filters.speaker) {
    const match = isRowId(payload, filters.speaker)
      ? sql`s.id = ${rowId(payload, filters.speaker)} OR s.slug = ${filters.speaker}`
      : sql`s.slug = ${filters.speaker}`
    conditions.push(sql`t.speaker_id IN (SELECT s.id FROM ${speakers} s WHERE ${match})`)
  }
  if (filters.kind) conditions.push(sql`t.kind = ${filters.kind}`)
  if (filters.from !== undefined) conditions.push(sql`t.start >= ${filters.from}`)
  if (filters.to !== undefined) conditions.push(sql`t.start <= ${filters.to}`)
  if (filters.q) conditions.push(sql`t.text ILIKE ${`%${escapeLike(filters.q)}%`}`)
  const where = sql.join(conditions, sql` AND `)

  // json_agg over whole rows: json_build_object per turn cost Postgres twice as much.
  // Each speaker's object is built once, then joined to its turns.
  const { rows } = await db.execute<{ docs: string; total: null | string }>(sql`
    WITH page AS (
      SELECT t.id, t.position, t.start, t."end", t.timestamp, t.speaker_label, t.speaker_id, t.text, coalesce(t.kind::text, 'speech') AS kind,
             count(*) OVER () AS total
      FROM ${turns} t
      WHERE ${where}
      ORDER BY t.position
      LIMIT ${filters.limit} OFFSET ${(filters.page - 1) * filters.limit}
    ), speaker AS (
      SELECT s.id, json_build_object('id', s.id, 'name', coalesce(s.name, ''), 'slug', coalesce(s.slug, ''),
                                     'role', coalesce(s.role::text, '')) AS speaker
      FROM ${speakers} s WHERE s.id IN (SELECT speaker_id FROM page)
    )
    SELECT (SELECT coalesce(json_agg(doc ORDER BY doc.position), '[]')::text
            FROM (SELECT page.id, page.position, page.start, page."end", page.timestamp,
                         page.speaker_label AS "speakerLabel", page.kind, speaker.speaker, page.text
                  FROM page LEFT JOIN speaker ON speaker.id = page.speaker_id) doc) AS docs,
           -- Past the last page no row carries the total: count it then.
           coalesce((SELECT max(total) FROM page),
                    (SELECT count(*) FROM ${turns} t WHERE ${where})) AS total`)

  const totalDocs = Number(rows[0]?.total ?? 0)
  const totalPages = Math.max(1, Math.ceil(totalDocs / filters.limit))
  return {
    docsJson: rows[0]?.docs ?? '[]',
    hasNextPage: filters.page < totalPages,
    hasPrevPage: filters.page > 1,
    limit: filters.limit,
    page: filters.page,
    totalDocs,
    totalPages,
  }
}

/** {@link queryTranscriptJson}, with the turns as objects (for GraphQL). */
export const queryTranscript = async (...args: Parameters<typeof queryTranscriptJson>): Promise<TranscriptPage> => {
  const { docsJson, ...page } = await queryTranscriptJson(...args)
  return { docs: JSON.parse(docsJson) as TranscriptTurnOut[], ...page }
}

export type RevisionTurnRow = {
  end: null | number
  kind: 'marker' | 'speech'
  /** The speaker label as written in the source. */
  label: null | string
  speaker: null | string
  start: null | number
  text: string
  /** The timestamp as written in the source. */
  timestamp: null | string
  words: number
}

/**
 * Every turn of a transcript revision in order, with its speaker's name: what the transcript files
 * are rendered from. One query; the caller checks that the episode may be read, and passes the
 * revision its reading of the episode points to.
 */
export const readRevisionTurns = async (payload: Payload, revisionId: null | number | undefined, req?: Partial<PayloadRequest>): Promise<RevisionTurnRow[]> => {
  if (revisionId === null || revisionId === undefined) return []
  const { slugs } = getPodcastOptions(payload)
  const db = await getDrizzle(payload, req)
  const turns = collectionTable(payload, slugs.transcriptTurns)
  const speakers = collectionTable(payload, slugs.speakers)
  const { rows } = await db.execute<RevisionTurnRow>(sql`
    SELECT t.start::float8 AS start, t."end"::float8 AS "end", t.text, coalesce(t.word_count, 0)::int AS words, s.name AS speaker,
           t.speaker_label AS label, t.timestamp, coalesce(t.kind::text, 'speech') AS kind
    FROM ${turns} t LEFT JOIN ${speakers} s ON s.id = t.speaker_id
    WHERE t.revision_id = ${revisionId}
    ORDER BY t.position`)
  return rows
}

/**
 * What a rendered transcript file depends on beyond the episode: its revision's turns (every turn
 * write refreshes the revision's counts and `updated_at`, db/revisions) and the names of the
 * speakers in it. One small query, so a kept rendition is checked on every request.
 */
export const revisionFingerprint = async (payload: Payload, revisionId: number | string, req?: Partial<PayloadRequest>): Promise<string> => {
  const { slugs } = getPodcastOptions(payload)
  const db = await getDrizzle(payload, req)
  const { rows } = await db.execute<{ revision: null | string; speakers: null | string }>(sql`
    SELECT r.updated_at::text AS revision,
           (SELECT max(s.updated_at)::text FROM ${collectionTable(payload, slugs.speakers)} s
            WHERE s.id IN (SELECT t.speaker_id FROM ${collectionTable(payload, slugs.transcriptTurns)} t WHERE t.revision_id = r.id)) AS speakers
    FROM ${collectionTable(payload, slugs.transcriptRevisions)} r WHERE r.id = ${revisionId}`)
  return `${rows[0]?.revision ?? ''}|${rows[0]?.speakers ?? ''}`
}

export type MarkerRow = { label: null | string; next: null | string; start: number; text: string }

/** A revision's timed markers in order, each with the text of the speech after it: chapters for an episode without its own. */
export const readMarkers = async (payload: Payload, revisionId: number | string, req?: Partial<PayloadRequest>): Promise<MarkerRow[]> => {
  const { slugs } = getPodcastOptions(payload)
  const db = await getDrizzle(payload, req)
  const turns = collectionTable(payload, slugs.transcriptTurns)
  const { rows } = await db.execute<MarkerRow>(sql`
    SELECT t.start::float8 AS start, t.speaker_label AS label, t.text,
           (SELECT n.text FROM ${turns} n WHERE n.revision_id = t.revision_id AND n.position > t.position AND n.kind IS DISTINCT FROM 'marker'
            ORDER BY n.position LIMIT 1) AS next
    FROM ${turns} t
    WHERE t.revision_id = ${revisionId} AND t.kind = 'marker' AND t.start IS NOT NULL
    ORDER BY t.position`)
  return rows
}
