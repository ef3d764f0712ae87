import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { forgetSearchAnswers } from '../search/resultCache.ts'
import { rowId } from '../utilities/isRowId.ts'
import { collectionTable, getDrizzle, idArray, versionsTable } from './adapter.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'

type Id = number | string
type Req = Partial<PayloadRequest>

const tables = (payload: Payload) => {
  const { slugs } = getPodcastOptions(payload)
  return {
    episodes: collectionTable(payload, slugs.episodes),
    revisions: collectionTable(payload, slugs.transcriptRevisions),
    turns: collectionTable(payload, slugs.transcriptTurns),
    versions: versionsTable(payload, slugs.episodes),
  }
}

/**
 * The public-read rule for SQL readers (appearances, and feeds, files and search after
 * them): true for a turn alias `t` whose revision the published version points to.
 */
export const turnIsPublishedSql = (payload: Payload, turnAlias = 't') =>
  sql`EXISTS (SELECT 1 FROM ${tables(payload).revisions} pr WHERE pr.id = ${sql.identifier(turnAlias)}.revision_id AND pr.is_published)`

/**
 * Recomputes which revision of each episode its main document (`isCurrent`), its published
 * version (`isPublished`) and its latest version (`isLatest`) point to. Runs in the
 * transaction of every episode write, after Payload has saved the version, so a publish
 * switches the public transcript in the same commit. Touches only rows whose flags change.
 */
export const syncRevisionFlags = async (payload: Payload, req: Req, episodeIds: Id[]): Promise<void> => {
  if (!episodeIds.length) return
  // What the public finds may change: this process's kept search answers go.
  forgetSearchAnswers()
  const db = await getDrizzle(payload, req)
  const { episodes, revisions, turns, versions } = tables(payload)
  // Each flag is unique per episode (db/schema), and Postgres checks a unique index row by row: first clear
  // the rows that change, then set what they should be, so that no row takes a flag another still holds.
  const flags = sql`
      SELECT r2.id,
             r2.id IS NOT DISTINCT FROM e.transcript_revision_id AS is_current,
             r2.id IS NOT DISTINCT FROM e.transcript_revision_id AND e._status = 'published' AS is_published,
             r2.id IS NOT DISTINCT FROM (
               SELECT v.version_transcript_revision_id FROM ${versions} v
               WHERE v.parent_id = e.id AND v.latest ORDER BY v.id DESC LIMIT 1) AS is_latest
      FROM ${revisions} r2 JOIN ${episodes} e ON e.id = r2.episode_id
      WHERE r2.episode_id = ANY(${idArray(payload, episodeIds)})`
  await db.execute(sql`
    UPDATE ${revisions} r SET is_current = false, is_published = false, is_latest = false
    FROM (${flags}) f
    WHERE f.id = r.id AND (r.is_current, r.is_published, r.is_latest) IS DISTINCT FROM (f.is_current, f.is_published, f.is_latest)`)
  await db.execute(sql`
    UPDATE ${revisions} r SET is_current = f.is_current, is_published = f.is_published, is_latest = f.is_latest
    FROM (${flags}) f
    WHERE f.id = r.id AND (r.is_current, r.is_published, r.is_latest) IS DISTINCT FROM (f.is_current, f.is_published, f.is_latest)`)
  // The turns' copy of `isPublished`, for the public's search (db/schema): in the same transaction.
  await db.execute(sql`
    UPDATE ${turns} t SET is_public = r.is_published
    FROM ${revisions} r
    WHERE r.id = t.revision_id AND r.episode_id = ANY(${idArray(payload, episodeIds)}) AND t.is_public IS DISTINCT FROM r.is_published`)
}

/** The revision an episode's latest version points to, and whether the public reads it. */
export const latestRevisionOf = async (payload: Payload, req: Req, episodeId: Id): Promise<null | { id: Id; isPublished: boolean }> => {
  const db = await getDrizzle(payload, req)
  const { revisions } = tables(payload)
  const { rows } = await db.execute<{ id: Id; is_published: boolean }>(
    sql`SELECT id, is_published FROM ${revisions} WHERE episode_id = ${rowId(payload, episodeId)} AND is_latest LIMIT 1`,
  )
  return rows[0] ? { id: rows[0].id, isPublished: Boolean(rows[0].is_published) } : null
}

/**
 * A copy of a revision and its turns, for a write that must not touch the original (the
 * public reads it). Two set-based statements, however long the transcript.
 */
export const copyRevision = async (payload: Payload, req: Req, revisionId: Id): Promise<Id> => {
  const db = await getDrizzle(payload, req)
  const { revisions, turns } = tables(payload)
  const { rows } = await db.execute<{ id: Id }>(sql`
    INSERT INTO ${revisions} (episode_id, turn_count, word_count, source_format, source_file, source_checksum)
    SELECT episode_id, turn_count, word_count, source_format, source_file, source_checksum FROM ${revisions} WHERE id = ${rowId(payload, revisionId)}
    RETURNING id`)
  if (!rows[0]) throw new Error(`Transcript revision ${revisionId} does not exist.`)
  const copy = rows[0].id
  await db.execute(sql`
    INSERT INTO ${turns} (episode_id, revision_id, position, speaker_id, speaker_label, start, "end", timestamp, text, word_count, kind, search_config, search)
    SELECT episode_id, ${copy}, position, speaker_id, speaker_label, start, "end", timestamp, text, word_count, kind, search_config, search
    FROM ${turns} WHERE revision_id = ${rowId(payload, revisionId)}`)
  return copy
}

/** The turn at the same position in another revision (the copy a write was redirected to). */
export const turnAtPosition = async (payload: Payload, req: Req, revisionId: Id, position: number): Promise<Id | undefined> => {
  const db = await getDrizzle(payload, req)
  const { rows } = await db.execute<{ id: Id }>(
    sql`SELECT id FROM ${tables(payload).turns} WHERE revision_id = ${rowId(payload, revisionId)} AND position = ${position}`,
  )
  return rows[0]?.id
}

/**
 * After a turn write: the revision's counts (of speech turns), and those of every episode version that
 * points to it, so the metadata a reader gets always describes the turns they get.
 */
export const refreshRevisionCounts = async (payload: Payload, req: Req, revisionId: Id): Promise<{ turnCount: number; wordCount: number }> => {
  const db = await getDrizzle(payload, req)
  const { episodes, revisions, turns, versions } = tables(payload)
  const id = rowId(payload, revisionId)
  const { rows } = await db.execute<{ turn_count: string; word_count: string }>(sql`
    UPDATE ${revisions} r SET turn_count = c.turn_count, word_count = c.word_count, updated_at = now()
    -- Speech only: markers ("Break") are structure, not counted.
    FROM (SELECT count(*) AS turn_count, coalesce(sum(word_count), 0) AS word_count FROM ${turns} WHERE revision_id = ${id} AND kind IS DISTINCT FROM 'marker') c
    WHERE r.id = ${id}
    RETURNING r.turn_count, r.word_count`)
  const counts = { turnCount: Number(rows[0]?.turn_count ?? 0), wordCount: Number(rows[0]?.word_count ?? 0) }
  await db.execute(sql`
    UPDATE ${episodes} SET transcript_turn_count = ${counts.turnCount}, transcript_word_count = ${counts.wordCount}
    WHERE transcript_revision_id = ${id}`)
  await db.execute(sql`
    UPDATE ${versions} SET version_transcript_turn_count = ${counts.turnCount}, version_transcript_word_count = ${counts.wordCount}
    WHERE version_transcript_revision_id = ${id}`)
  return counts
}

/**
 * A new revision for an import (the episode is unset for a new episode's first one: attachRevision). The
 * plugin alone writes revisions and they run no hooks, so this is one INSERT, not Payload's create and
 * read-back (two statements, and about 2 ms of CPU a file on a realistic archive: bench:import).
 */
export const insertRevision = async (
  payload: Payload,
  req: Req,
  revision: { episodeId?: Id; sourceChecksum: string; sourceFile: null | string; sourceFormat: string; turnCount: number; wordCount: number },
): Promise<Id> => {
  const db = await getDrizzle(payload, req)
  const { rows } = await db.execute<{ id: Id }>(sql`
    INSERT INTO ${tables(payload).revisions}
      (episode_id, turn_count, word_count, source_format, source_file, source_checksum, is_current, is_published, is_latest, updated_at, created_at)
    VALUES (${revision.episodeId === undefined ? null : rowId(payload, revision.episodeId)}, ${revision.turnCount}, ${revision.wordCount},
      ${revision.sourceFormat}, ${revision.sourceFile}, ${revision.sourceChecksum}, false, false, false, now(), now())
    RETURNING id`)
  return rows[0].id
}

/** Sets the episode a revision made before its episode existed belongs to (a new episode's first import). */
export const attachRevision = async (payload: Payload, req: Req, revisionId: Id, episodeId: Id): Promise<void> => {
  const db = await getDrizzle(payload, req)
  await db.execute(sql`UPDATE ${tables(payload).revisions} SET episode_id = ${rowId(payload, episodeId)} WHERE id = ${rowId(payload, revisionId)}`)
}

/**
 * Deletes an episode's revisions that neither its main document nor any version kept
 * points to, with their turns: they go with the versions `versionsPerEpisode` prunes.
 */
export const pruneRevisions = async (payload: Payload, req: Req, episodeId: Id): Promise<void> => {
  const db = await getDrizzle(payload, req)
  const { episodes, revisions, turns, versions } = tables(payload)
  const id = rowId(payload, episodeId)
  const { rows } = await db.execute<{ id: Id }>(sql`
    SELECT r.id FROM ${revisions} r
    WHERE r.episode_id = ${id}
      AND NOT EXISTS (SELECT 1 FROM ${episodes} e WHERE e.id = ${id} AND e.transcript_revision_id = r.id)
      AND NOT EXISTS (SELECT 1 FROM ${versions} v WHERE v.parent_id = ${id} AND v.version_transcript_revision_id = r.id)`)
  if (!rows.length) return
  const orphans = idArray(
    payload,
    rows.map((row) => row.id),
  )
  await db.execute(sql`DELETE FROM ${turns} WHERE revision_id = ANY(${orphans})`)
  await db.execute(sql`DELETE FROM ${revisions} WHERE id = ANY(${orphans})`)
}

/** An episode's revisions and turns, for its deletion; returns the speakers the turns named. */
export const deleteTranscriptOf = async (payload: Payload, req: Req, episodeId: Id): Promise<Id[]> => {
  const db = await getDrizzle(payload, req)
  const { revisions, turns } = tables(payload)
  const { rows } = await db.execute<{ speaker_id: Id }>(sql`
    WITH deleted AS (DELETE FROM ${turns} WHERE episode_id = ${rowId(payload, episodeId)} RETURNING speaker_id)
    SELECT DISTINCT speaker_id FROM deleted WHERE speaker_id IS NOT NULL`)
  await db.execute(sql`DELETE FROM ${revisions} WHERE episode_id = ${rowId(payload, episodeId)}`)
  return rows.map((row) => row.speaker_id)
}
