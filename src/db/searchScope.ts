import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { collectionTable, relationshipColumn, relationshipsTable, versionRelationshipsTable, versionsTable } from './adapter.ts'
import { episodeVectorSql } from './episodeSearch.ts'
import { configOfLanguageSql } from './searchSql.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'

type SQL = ReturnType<typeof sql>

/** What a search looks in: whose reading, and the episode filters. */
export type SearchScope = {
  /** Publication dates (ISO timestamps): on or after `after`, before `before`. */
  after?: string
  before?: string
  /** Staff: the latest versions and revisions instead of the published ones. */
  draft: boolean
  /** An episode with this guest (id or slug). */
  guest?: string
  season?: number
  show?: string
  /** `full`, `trailer` or `bonus`. */
  type?: string
}

/**
 * The episodes a reader searches, one row each, as `(id, rels_id, title, summary, show_notes, season,
 * episode_type, published_at, show_id, slug, search, search_config)`:
 * - the public: the main documents of published episodes, which Payload writes only on a publish (a
 *   draft save goes to the versions alone), so they are the published title, summary and notes;
 * - staff with `draft`: every episode's latest version, its vector computed on the fly (staff only).
 * `rels_id` is the row the episode's relationships (guests) hang on.
 */
export const episodeSourceSql = (payload: Payload, draft: boolean): SQL => {
  const { slugs } = getPodcastOptions(payload)
  if (!draft) {
    return sql`(SELECT e.id, e.id AS rels_id, e.title, e.summary, e.show_notes, e.season, e.episode_type::text AS episode_type, e.published_at,
                       e.show_id, e.slug, e.search, e.search_config
                FROM ${collectionTable(payload, slugs.episodes)} e WHERE e._status = 'published')`
  }
  const config = configOfLanguageSql(sql`v.version_transcript_language`)
  return sql`(SELECT DISTINCT ON (v.parent_id) v.parent_id AS id, v.id AS rels_id, v.version_title AS title, v.version_summary AS summary,
                     v.version_show_notes AS show_notes, v.version_season AS season, v.version_episode_type::text AS episode_type,
                     v.version_published_at AS published_at, v.version_show_id AS show_id, v.version_slug AS slug,
                     ${episodeVectorSql(config, sql`v.version_title`, sql`v.version_summary`, sql`v.version_show_notes`)} AS search, ${config} AS search_config
              FROM ${versionsTable(payload, slugs.episodes)} v WHERE v.latest ORDER BY v.parent_id, v.id DESC)`
}

/** The guests relationship rows of the source's episodes: `(rels_id, guest_id)`. */
export const episodeGuestsSql = (payload: Payload, draft: boolean): SQL => {
  const { slugs } = getPodcastOptions(payload)
  const column = relationshipColumn(payload, slugs.guests)
  return draft
    ? sql`(SELECT parent_id AS rels_id, ${column} AS guest_id FROM ${versionRelationshipsTable(payload, slugs.episodes)} WHERE path = 'version.guests')`
    : sql`(SELECT parent_id AS rels_id, ${column} AS guest_id FROM ${relationshipsTable(payload, slugs.episodes)} WHERE path = 'guests')`
}

/** The scope's filters on a source row `ep` (true when there are none). */
export const episodeFiltersSql = (payload: Payload, scope: SearchScope): SQL => {
  const { slugs } = getPodcastOptions(payload)
  const conditions: SQL[] = [sql`true`]
  if (scope.show) {
    conditions.push(
      sql`(ep.show_id::text = ${scope.show} OR ep.show_id IN (SELECT id FROM ${collectionTable(payload, slugs.shows)} WHERE slug = ${scope.show}))`,
    )
  }
  if (scope.guest) {
    conditions.push(sql`EXISTS (SELECT 1 FROM ${episodeGuestsSql(payload, scope.draft)} eg WHERE eg.rels_id = ep.rels_id
      AND (eg.guest_id::text = ${scope.guest} OR eg.guest_id IN (SELECT id FROM ${collectionTable(payload, slugs.guests)} WHERE slug = ${scope.guest})))`)
  }
  if (scope.season !== undefined) conditions.push(sql`ep.season = ${scope.season}`)
  if (scope.type) conditions.push(sql`ep.episode_type = ${scope.type}`)
  if (scope.after) conditions.push(sql`ep.published_at >= ${scope.after}::timestamptz`)
  if (scope.before) conditions.push(sql`ep.published_at < ${scope.before}::timestamptz`)
  return sql.join(conditions, sql` AND `)
}
