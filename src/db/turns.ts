import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { collectionTable, enumType, getDrizzle, idSqlType } from './adapter.ts'
import { searchVectorSql } from './search.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'

export type TurnRow = {
  end: null | number
  kind: 'marker' | 'speech'
  position: number
  speakerId: null | number | string
  speakerLabel: null | string
  start: null | number
  text: string
  timestamp: null | string
  wordCount: number
}

/**
 * Writes a new revision's turns in one statement: INSERT … SELECT FROM unnest(arrays).
 * Payload has no bulk create, and one `payload.create` per turn is 30–100× slower.
 * Revisions are never rewritten in place by an import, so there is nothing to delete.
 */
export const insertTurns = async ({
  episodeId,
  payload,
  req,
  revisionId,
  searchConfig,
  turns,
}: {
  episodeId: number | string
  payload: Payload
  req: PayloadRequest
  revisionId: number | string
  /** The text-search configuration of the transcript's language (search/config). */
  searchConfig: string
  turns: TurnRow[]
}): Promise<void> => {
  if (!turns.length) return
  const db = await getDrizzle(payload, req)
  const table = collectionTable(payload, getPodcastOptions(payload).slugs.transcriptTurns)
  const column = <K extends keyof TurnRow>(key: K) => sql.param(turns.map((turn) => turn[key]))
  await db.execute(sql`
    INSERT INTO ${table} (episode_id, revision_id, position, speaker_id, speaker_label, start, "end", timestamp, text, word_count, kind, search_config, search, is_public)
    SELECT ${episodeId}, ${revisionId}, position, speaker_id, speaker_label, start, "end", timestamp, text, word_count,
           kind::text::${enumType(payload, getPodcastOptions(payload).slugs.transcriptTurns, 'kind')}, ${searchConfig},
           ${searchVectorSql(sql`${searchConfig}`, sql`kind`, sql`text`)},
           -- A publishing import has published the revision before its turns are written.
           coalesce((SELECT is_published FROM ${collectionTable(payload, getPodcastOptions(payload).slugs.transcriptRevisions)} WHERE id = ${revisionId}), false)
    FROM unnest(
      ${column('position')}::numeric[], ${column('speakerId')}::${idSqlType(payload)}[], ${column('speakerLabel')}::varchar[],
      ${column('start')}::numeric[], ${column('end')}::numeric[], ${column('timestamp')}::varchar[],
      ${column('text')}::varchar[], ${column('wordCount')}::numeric[], ${column('kind')}::varchar[]
    ) AS t(position, speaker_id, speaker_label, start, "end", timestamp, text, word_count, kind)`)
}

/**
 * For each label, the speaker it named in a revision, where it named only one: a
 * re-import keeps the speakers staff assigned by hand.
 */
export const speakersByLabel = async (payload: Payload, req: PayloadRequest, revisionId: number | string): Promise<Map<string, number | string>> => {
  const db = await getDrizzle(payload, req)
  const table = collectionTable(payload, getPodcastOptions(payload).slugs.transcriptTurns)
  const { rows } = await db.execute<{ speaker_id: number | string; speaker_label: string }>(sql`
    SELECT speaker_label, (array_agg(speaker_id))[1] AS speaker_id
    FROM ${table}
    WHERE revision_id = ${revisionId} AND speaker_label IS NOT NULL AND speaker_id IS NOT NULL
    GROUP BY speaker_label
    HAVING count(DISTINCT speaker_id) = 1`)
  return new Map(rows.map((row) => [row.speaker_label, row.speaker_id]))
}
