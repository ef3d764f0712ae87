import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { collectionTable, getDrizzle, idArray, idSqlType, relationshipColumn, relationshipsTable, versionRelationshipsTable, versionsTable } from './adapter.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'

type Id = number | string

/** The speakers with turns in a show's episodes (their current revisions) who are not its hosts and have no guest profile. */
export const voicesWithoutProfile = async (payload: Payload, req: PayloadRequest, showId: Id, hosts: Id[]) => {
  const { slugs } = getPodcastOptions(payload)
  const db = await getDrizzle(payload, req)
  const { rows } = await db.execute<{ id: Id; name: string }>(sql`
    SELECT DISTINCT s.id, s.name
    FROM ${collectionTable(payload, slugs.episodes)} e
    JOIN ${collectionTable(payload, slugs.transcriptTurns)} t ON t.revision_id = e.transcript_revision_id
    JOIN ${collectionTable(payload, slugs.speakers)} s ON s.id = t.speaker_id
    WHERE e.show_id = ${showId} AND s.guest_id IS NULL AND NOT (s.id = ANY(${idArray(payload, hosts)}))`)
  return rows
}

/**
 * Makes a show's hosts the hosts of its episodes, set-based, in the caller's transaction: on every
 * episode of the show (and its latest version), the show's hosts who speak in it are its hosts, and
 * everyone else who speaks is a guest, by their guest profile; a show host is no guest there.
 * Profiles are never deleted. Returns the episodes touched, for the public flags.
 */
export const applyShowHosts = async (payload: Payload, req: PayloadRequest, showId: Id, hosts: Id[]): Promise<Id[]> => {
  const { slugs } = getPodcastOptions(payload)
  const db = await getDrizzle(payload, req)
  const episodes = collectionTable(payload, slugs.episodes)
  const turns = collectionTable(payload, slugs.transcriptTurns)
  const speakers = collectionTable(payload, slugs.speakers)
  const speakerColumn = relationshipColumn(payload, slugs.speakers)
  const guestColumn = relationshipColumn(payload, slugs.guests)
  const hostIds = idArray(payload, hosts)
  const { rows } = await db.execute<{ id: Id }>(sql`SELECT id FROM ${episodes} WHERE show_id = ${showId}`)
  const ids = rows.map((row) => row.id)
  if (!ids.length) return []
  const episodeIds = idArray(payload, ids)
  // Each episode's voices, from the revision its main document carries; each version from its own.
  const targets = [
    {
      parent: sql`e.id`,
      prefix: '',
      rels: relationshipsTable(payload, slugs.episodes),
      rows: sql`SELECT e.id, e.transcript_revision_id AS revision FROM ${episodes} e WHERE e.id = ANY(${episodeIds})`,
    },
    {
      parent: sql`v.id`,
      prefix: 'version.',
      rels: versionRelationshipsTable(payload, slugs.episodes),
      rows: sql`SELECT v.id, v.version_transcript_revision_id AS revision FROM ${versionsTable(payload, slugs.episodes)} v WHERE v.parent_id = ANY(${episodeIds}) AND v.latest`,
    },
  ]
  for (const { prefix, rels, rows: parents } of targets) {
    const hostsPath = `${prefix}hosts`
    const guestsPath = `${prefix}guests`
    await db.execute(sql`
      WITH p AS (${parents})
      DELETE FROM ${rels} r USING p WHERE r.parent_id = p.id AND r.path = ${hostsPath} AND NOT (r.${speakerColumn} = ANY(${hostIds}))`)
    await db.execute(sql`
      WITH p AS (${parents})
      INSERT INTO ${rels} (parent_id, path, "order", ${speakerColumn})
      SELECT DISTINCT p.id, ${hostsPath}, 1000, t.speaker_id FROM p JOIN ${turns} t ON t.revision_id = p.revision
      WHERE t.speaker_id = ANY(${hostIds})
        AND NOT EXISTS (SELECT 1 FROM ${rels} o WHERE o.parent_id = p.id AND o.path = ${hostsPath} AND o.${speakerColumn} = t.speaker_id)`)
    await db.execute(sql`
      WITH p AS (${parents})
      DELETE FROM ${rels} r USING p WHERE r.parent_id = p.id AND r.path = ${guestsPath}
        AND r.${guestColumn} IN (SELECT guest_id FROM ${speakers} WHERE id = ANY(${hostIds}) AND guest_id IS NOT NULL)`)
    await db.execute(sql`
      WITH p AS (${parents})
      INSERT INTO ${rels} (parent_id, path, "order", ${guestColumn})
      SELECT DISTINCT p.id, ${guestsPath}, 1000, s.guest_id FROM p JOIN ${turns} t ON t.revision_id = p.revision JOIN ${speakers} s ON s.id = t.speaker_id
      WHERE s.guest_id IS NOT NULL AND NOT (s.id = ANY(${hostIds}))
        AND NOT EXISTS (SELECT 1 FROM ${rels} o WHERE o.parent_id = p.id AND o.path = ${guestsPath} AND o.${guestColumn} = s.guest_id)`)
  }
  return ids
}

/**
 * Which of `speakerIds` are heard in more than `share` of a show's episodes (linked to them as host,
 * or by their guest profile as guest): who its hosts probably are, until staff set them (the import
 * report's `suggestedHosts`). Counted over the relationship links of these speakers only, by index,
 * so an import of a 2,000-episode show does not scan its transcripts once per file.
 */
export const frequentVoices = async (
  payload: Payload,
  req: PayloadRequest,
  showId: Id,
  speakerIds: Id[],
  share: number,
): Promise<{ id: Id; name: string }[]> => {
  if (!speakerIds.length) return []
  const { slugs } = getPodcastOptions(payload)
  const db = await getDrizzle(payload, req)
  const episodes = collectionTable(payload, slugs.episodes)
  const rels = relationshipsTable(payload, slugs.episodes)
  const speakerColumn = relationshipColumn(payload, slugs.speakers)
  const guestColumn = relationshipColumn(payload, slugs.guests)
  const { rows } = await db.execute<{ id: Id; name: string }>(sql`
    WITH total AS (SELECT count(*) AS n FROM ${episodes} WHERE show_id = ${showId}),
    heard AS (
      SELECT s.id, s.name,
             (SELECT count(DISTINCT r.parent_id) FROM ${rels} r JOIN ${episodes} e ON e.id = r.parent_id AND e.show_id = ${showId}
              WHERE (r.path = 'hosts' AND r.${speakerColumn} = s.id) OR (r.path = 'guests' AND r.${guestColumn} = s.guest_id)) AS episodes
      FROM ${collectionTable(payload, slugs.speakers)} s WHERE s.id = ANY(${idArray(payload, speakerIds)})
    )
    SELECT heard.id, heard.name FROM heard, total
    WHERE total.n >= 3 AND heard.episodes > ${share}::float8 * total.n
    ORDER BY heard.episodes DESC, heard.name`)
  return rows
}

/**
 * A show by id, slug or title (in that order of preference), with its hosts in their order: the importer's
 * one lookup of a file's show, where Payload's find and findByID took two statements and about 2 ms of CPU.
 */
export const findShow = async (
  payload: Payload,
  req: Partial<PayloadRequest> | undefined,
  by: { id?: Id; slug?: string; title?: string },
): Promise<undefined | { hosts: Id[]; id: Id }> => {
  const { slugs } = getPodcastOptions(payload)
  const db = await getDrizzle(payload, req)
  const shows = collectionTable(payload, slugs.shows)
  const id = by.id === undefined ? null : sql`${by.id}::${idSqlType(payload)}`
  const { rows } = await db.execute<{ hosts: Id[]; id: Id }>(sql`
    SELECT s.id, ARRAY(
      SELECT r.${relationshipColumn(payload, slugs.speakers)} FROM ${relationshipsTable(payload, slugs.shows)} r
      WHERE r.parent_id = s.id AND r.path = 'hosts' AND r.${relationshipColumn(payload, slugs.speakers)} IS NOT NULL ORDER BY r."order") AS hosts
    FROM ${shows} s
    WHERE s.id = ${id} OR s.slug = ${by.slug ?? null} OR s.title = ${by.title ?? null}
    ORDER BY s.id = ${id} DESC NULLS LAST, s.slug = ${by.slug ?? null} DESC NULLS LAST, s.created_at DESC
    LIMIT 1`)
  return rows[0]
}
