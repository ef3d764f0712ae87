import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { arrayTable, collectionTable, getDrizzle, idArray, relationshipColumn, relationshipsTable } from './adapter.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'

export type FeedPerson = { href: null | string; name: string; photo: null | string }

export type FeedItemRow = {
  audioBytes: null | number
  audioType: null | string
  audioUrl: string
  duration: null | number
  episodeNumber: null | number
  episodeType: null | string
  explicit: boolean | null
  guests: FeedPerson[]
  guid: null | string
  hasChapters: boolean
  hosts: { name: string }[]
  id: number | string
  image: null | string
  language: null | string
  publishedAt: null | string
  season: null | number
  showNotes: unknown
  slug: string
  summary: null | string
  /** At least 90% of the published transcript's turns carry their own time (renditions/timing). */
  timed: boolean
  title: string
  transcriptRevision: null | number | string
}

/**
 * What a feed says of each episode, for episodes the caller found readable, in the given order:
 * one query for the whole feed (2,000 episodes), never one per episode. Guests are left out of
 * `podcast:person` unless the public may read them (fields/publicVisibility).
 */
export const queryFeedItems = async (payload: Payload, ids: (number | string)[], req?: Partial<PayloadRequest>): Promise<FeedItemRow[]> => {
  if (!ids.length) return []
  const { guestPhotoCollection, slugs } = getPodcastOptions(payload)
  const db = await getDrizzle(payload, req)
  const episodes = collectionTable(payload, slugs.episodes)
  const rels = relationshipsTable(payload, slugs.episodes)
  const guests = collectionTable(payload, slugs.guests)
  const guestLinks = arrayTable(payload, slugs.guests, 'links')
  const speakers = collectionTable(payload, slugs.speakers)
  const chapters = arrayTable(payload, slugs.episodes, 'chapters')
  const turns = collectionTable(payload, slugs.transcriptTurns)
  const photo = guestPhotoCollection ? sql`(SELECT m.filename FROM ${collectionTable(payload, guestPhotoCollection)} m WHERE m.id = g.photo_id)` : sql`NULL`
  const { rows } = await db.execute<FeedItemRow>(sql`
    SELECT e.id, e.slug, e.title, e.summary, e.show_notes AS "showNotes", e.guid,
           to_char(e.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "publishedAt",
           e.audio_url AS "audioUrl", e.audio_mime_type AS "audioType", e.audio_byte_length::float8 AS "audioBytes",
           e.duration::float8 AS duration, e.episode_number::float8 AS "episodeNumber", e.season::float8 AS season,
           e.episode_type AS "episodeType", e.explicit, e.image, e.transcript_language AS language,
           e.transcript_revision_id AS "transcriptRevision",
           (EXISTS (SELECT 1 FROM ${chapters} c WHERE c._parent_id = e.id)
            OR EXISTS (SELECT 1 FROM ${turns} m WHERE m.revision_id = e.transcript_revision_id AND m.kind = 'marker' AND m.start IS NOT NULL)) AS "hasChapters",
           coalesce((SELECT count(t.start) >= 0.9 * count(*) AND count(*) > 0 FROM ${turns} t WHERE t.revision_id = e.transcript_revision_id), false) AS timed,
           (SELECT coalesce(json_agg(json_build_object('name', g.name, 'photo', ${photo},
                     'href', (SELECT l.url FROM ${guestLinks} l WHERE l._parent_id = g.id ORDER BY l._order LIMIT 1)) ORDER BY r."order"), '[]')
            FROM ${rels} r JOIN ${guests} g ON g.id = r.${relationshipColumn(payload, slugs.guests)}
            WHERE r.parent_id = e.id AND r.path = 'guests' AND (g.is_public OR g.appears_in_published)) AS guests,
           (SELECT coalesce(json_agg(json_build_object('name', s.name) ORDER BY r."order"), '[]')
            FROM ${rels} r JOIN ${speakers} s ON s.id = r.${relationshipColumn(payload, slugs.speakers)}
            WHERE r.parent_id = e.id AND r.path = 'hosts' AND (s.is_public OR s.appears_in_published)) AS hosts
    FROM ${episodes} e
    WHERE e.id = ANY(${idArray(payload, ids)})
    ORDER BY array_position(${idArray(payload, ids)}, e.id)`)
  return rows
}

/**
 * What a show's feed is made of changes when this does: the show, its published episodes
 * (every publish, edit and scheduled publish touches `updated_at`; the count catches a deletion),
 * and the guests and speakers it names. One small query, so every request can check that a
 * rendered feed is still current, on whichever instance rendered it.
 */
export const feedFingerprint = async (payload: Payload, showId: number | string, req?: Partial<PayloadRequest>) => {
  const { slugs } = getPodcastOptions(payload)
  const db = await getDrizzle(payload, req)
  const { rows } = await db.execute<{ count: string; modified: Date | string }>(sql`
    SELECT (SELECT count(*) FROM ${collectionTable(payload, slugs.episodes)} e WHERE e.show_id = ${showId} AND e._status = 'published') AS count,
           greatest(
             (SELECT s.updated_at FROM ${collectionTable(payload, slugs.shows)} s WHERE s.id = ${showId}),
             (SELECT max(e.updated_at) FROM ${collectionTable(payload, slugs.episodes)} e WHERE e.show_id = ${showId}),
             (SELECT max(updated_at) FROM ${collectionTable(payload, slugs.guests)}),
             (SELECT max(updated_at) FROM ${collectionTable(payload, slugs.speakers)})
           ) AS modified`)
  const modified = new Date(rows[0]?.modified ?? 0)
  return { key: `${rows[0]?.count ?? 0}:${modified.getTime()}`, modified }
}
