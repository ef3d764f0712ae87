import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { collectionTable, getDrizzle, idArray, relationshipColumn, relationshipsTable } from './adapter.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'

/**
 * The cards of a website's episode list, for episodes the caller already found readable, in the
 * given order: title, numbers, dates, audio, transcript counts, and guests and hosts with their
 * default-populate fields. One query; Postgres builds the JSON. Guests and hosts that the public
 * may not read are left out unless `publicOnly` is false (staff).
 */
export const queryEpisodeCardsJson = async (
  payload: Payload,
  ids: (number | string)[],
  { publicOnly }: { publicOnly: boolean },
  req?: Partial<PayloadRequest>,
): Promise<string> => {
  if (!ids.length) return '[]'
  const { guestPhotoCollection, slugs } = getPodcastOptions(payload)
  const db = await getDrizzle(payload, req)
  const episodes = collectionTable(payload, slugs.episodes)
  const rels = relationshipsTable(payload, slugs.episodes)
  const guests = collectionTable(payload, slugs.guests)
  const speakers = collectionTable(payload, slugs.speakers)
  const guestId = relationshipColumn(payload, slugs.guests)
  const speakerId = relationshipColumn(payload, slugs.speakers)
  // The public rule of guests and speakers (fields/publicVisibility), as their read access applies it.
  const visible = (alias: string) => (publicOnly ? sql.raw(`AND (${alias}.is_public OR ${alias}.appears_in_published)`) : sql``)
  const photo = guestPhotoCollection ? sql`, 'photo', g.photo_id` : sql``
  const { rows } = await db.execute<{ docs: string }>(sql`
    SELECT coalesce(json_agg(card ORDER BY array_position(${idArray(payload, ids)}, card.id)), '[]')::text AS docs
    FROM (
      SELECT e.id, e.title, e.slug, e.permalink, e.episode_number AS "episodeNumber", e.season,
             e.episode_type AS "episodeType", e.summary, to_char(e.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "publishedAt", e.duration,
             json_build_object('url', e.audio_url, 'mimeType', e.audio_mime_type, 'byteLength', e.audio_byte_length) AS audio,
             json_build_object('language', e.transcript_language, 'turnCount', e.transcript_turn_count,
                               'wordCount', e.transcript_word_count) AS transcript,
             (SELECT coalesce(json_agg(json_build_object('id', g.id, 'name', g.name, 'slug', g.slug, 'headline', g.headline ${photo})
                                       ORDER BY r."order"), '[]')
              FROM ${rels} r JOIN ${guests} g ON g.id = r.${guestId}
              WHERE r.parent_id = e.id AND r.path = 'guests' ${visible('g')}) AS guests,
             (SELECT coalesce(json_agg(json_build_object('id', s.id, 'name', s.name, 'slug', s.slug, 'role', s.role, 'guest', s.guest_id)
                                       ORDER BY r."order"), '[]')
              FROM ${rels} r JOIN ${speakers} s ON s.id = r.${speakerId}
              WHERE r.parent_id = e.id AND r.path = 'hosts' ${visible('s')}) AS hosts
      FROM ${episodes} e
      WHERE e.id = ANY(${idArray(payload, ids)})
    ) card`)
  return rows[0]?.docs ?? '[]'
}
