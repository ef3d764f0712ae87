import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

type SQL = ReturnType<typeof sql>

import { turnIsPublishedSql } from './revisions.ts'
import { collectionTable, getDrizzle, idArray, relationshipColumn, relationshipsTable } from './adapter.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'

type Id = number | string

/** Which rows to recompute; everything when omitted. */
export type AppearanceScope = {
  /** Speakers with turns in these episodes. */
  episodeIds?: Id[]
  guestIds?: Id[]
  speakerIds?: Id[]
}

/**
 * Recomputes the maintained `appearsInPublished` flags: a guest appears when a
 * published episode lists them; a speaker when a published episode lists them as
 * host or its published transcript revision has a turn of theirs. Set-based UPDATEs that touch only rows in scope
 * whose flag changes, so access control can stay a plain `Where` on a column.
 *
 * The checks are scalar subqueries with LIMIT 1, not EXISTS: during a bulk import the
 * statistics lag, and Postgres then hashes an EXISTS over every published episode for
 * each file (quadratic); a correlated probe stops at the first hit.
 */
export const syncPublicAppearances = async (payload: Payload, req?: Partial<PayloadRequest>, scope?: AppearanceScope): Promise<void> => {
  const { slugs } = getPodcastOptions(payload)
  const db = await getDrizzle(payload, req)
  const episodes = collectionTable(payload, slugs.episodes)
  const rels = relationshipsTable(payload, slugs.episodes)
  const guests = collectionTable(payload, slugs.guests)
  const speakers = collectionTable(payload, slugs.speakers)
  const turns = collectionTable(payload, slugs.transcriptTurns)
  const guestColumn = relationshipColumn(payload, slugs.guests)
  const speakerColumn = relationshipColumn(payload, slugs.speakers)

  /** True when a published episode lists the row in its `field` relationship, else NULL. */
  const listedInPublished = (field: 'guests' | 'hosts', column: typeof guestColumn, id: SQL) => sql`(
    SELECT true FROM ${rels} r JOIN ${episodes} e ON e.id = r.parent_id
    WHERE r.path = ${field} AND r.${column} = ${id} AND e._status = 'published' LIMIT 1)`

  const ids = (values: Id[] | undefined) => idArray(payload, values ?? [])
  const guestScope: SQL = scope ? sql`WHERE g2.id = ANY(${ids(scope.guestIds)})` : sql``
  const speakerScope: SQL = scope
    ? sql`WHERE s2.id = ANY(${ids(scope.speakerIds)})
        OR s2.id IN (SELECT speaker_id FROM ${turns} WHERE episode_id = ANY(${ids(scope.episodeIds)}))`
    : sql``

  const updateGuests = sql`
      UPDATE ${guests} g SET appears_in_published = v.appears
      FROM (
        SELECT g2.id, COALESCE(${listedInPublished('guests', guestColumn, sql`g2.id`)}, false) AS appears
        FROM ${guests} g2 ${guestScope}
      ) v
      WHERE v.id = g.id AND g.appears_in_published IS DISTINCT FROM v.appears`
  const updateSpeakers = sql`
      UPDATE ${speakers} s SET appears_in_published = v.appears
      FROM (
        SELECT s2.id, COALESCE(${listedInPublished('hosts', speakerColumn, sql`s2.id`)}, (
          SELECT true FROM ${turns} t WHERE t.speaker_id = s2.id AND ${turnIsPublishedSql(payload)} LIMIT 1
        ), false) AS appears
        FROM ${speakers} s2 ${speakerScope}
      ) v
      WHERE v.id = s.id AND s.appears_in_published IS DISTINCT FROM v.appears`
  const guestsToo = !scope || Boolean(scope.guestIds?.length)
  const speakersToo = !scope || Boolean(scope.speakerIds?.length) || Boolean(scope.episodeIds?.length)
  // Both in one statement when both are due (each import does both): one round trip less per file.
  if (guestsToo && speakersToo) await db.execute(sql`WITH guests_synced AS (${updateGuests}) ${updateSpeakers}`)
  else if (guestsToo) await db.execute(updateGuests)
  else if (speakersToo) await db.execute(updateSpeakers)
}
