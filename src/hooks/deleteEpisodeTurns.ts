import type { CollectionBeforeDeleteHook } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { getDrizzle, tableName } from '../utilities/getDrizzle'
import { getPodcastOptions } from '../utilities/getPodcastOptions'

/** An episode's turns go with it: one set-based DELETE in the same transaction. */
export const deleteEpisodeTurns: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { payload } = req
  const turns = tableName(payload, getPodcastOptions(payload).slugs.transcriptTurns)
  const db = await getDrizzle(payload, req)
  await db.execute(sql`DELETE FROM ${sql.identifier(turns)} WHERE episode_id = ${id}`)
}
