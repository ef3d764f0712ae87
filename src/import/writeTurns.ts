import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { getDrizzle, tableName } from '../utilities/getDrizzle'

export type TurnRow = {
  end: null | number
  position: number
  speakerId: null | number
  speakerLabel: null | string
  start: null | number
  text: string
  timestamp: null | string
  wordCount: number
}

/** Deletes an episode's turns in one statement; returns the speakers they named. */
export const deleteTurnsOf = async ({
  collection,
  episodeId,
  payload,
  req,
}: {
  collection: string
  episodeId: number | string
  payload: Payload
  req: PayloadRequest
}): Promise<number[]> => {
  const db = await getDrizzle(payload, req)
  const table = sql.identifier(tableName(payload, collection))
  const { rows } = await db.execute<{ speaker_id: number }>(sql`
    WITH deleted AS (DELETE FROM ${table} WHERE episode_id = ${episodeId} RETURNING speaker_id)
    SELECT DISTINCT speaker_id FROM deleted WHERE speaker_id IS NOT NULL`)
  return rows.map((row) => Number(row.speaker_id))
}

/**
 * Replaces an episode's turns with one set-based statement per side: a DELETE and
 * an INSERT … SELECT FROM unnest(arrays). Payload has no bulk create, and one
 * `payload.create` per turn is 30–100× slower; turns have no hooks or versions.
 */
export const replaceTurns = async ({
  collection,
  episodeId,
  isNew = false,
  payload,
  req,
  turns,
}: {
  collection: string
  episodeId: number
  /** An episode created in this transaction has no turns to delete. */
  isNew?: boolean
  payload: Payload
  req: PayloadRequest
  turns: TurnRow[]
}): Promise<{ previousSpeakers: number[] }> => {
  const db = await getDrizzle(payload, req)
  const table = sql.identifier(tableName(payload, collection))
  const previousSpeakers = isNew ? [] : await deleteTurnsOf({ collection, episodeId, payload, req })
  if (!turns.length) return { previousSpeakers }
  const column = <K extends keyof TurnRow>(key: K) => sql.param(turns.map((turn) => turn[key]))
  await db.execute(sql`
    INSERT INTO ${table} (episode_id, position, speaker_id, speaker_label, start, "end", timestamp, text, word_count)
    SELECT ${episodeId}, *
    FROM unnest(
      ${column('position')}::numeric[], ${column('speakerId')}::integer[], ${column('speakerLabel')}::varchar[],
      ${column('start')}::numeric[], ${column('end')}::numeric[], ${column('timestamp')}::varchar[],
      ${column('text')}::varchar[], ${column('wordCount')}::numeric[]
    )`)
  return { previousSpeakers }
}
