import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { collectionTable, getDrizzle, idArray } from './adapter.ts'
import { lexicalTextSql } from './episodeSearch.ts'
import { episodeFiltersSql, episodeGuestsSql, episodeSourceSql, type SearchScope } from './searchScope.ts'
import { configOfLanguageSql, querySql, searchVectorSql } from './searchSql.ts'
import { forgetSearchAnswers } from '../search/resultCache.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'

export { configOfLanguageSql, searchVectorSql } from './searchSql.ts'

type SQL = ReturnType<typeof sql>
type Id = number | string

/** After a turn is written through Payload (an edit, a new turn): its search columns and public flag, in the same transaction. */
export const refreshTurnSearch = async (payload: Payload, req: Partial<PayloadRequest>, turnId: Id) => {
  forgetSearchAnswers()
  const { slugs } = getPodcastOptions(payload)
  const db = await getDrizzle(payload, req)
  const turns = collectionTable(payload, slugs.transcriptTurns)
  const config = configOfLanguageSql(sql`e.transcript_language`)
  await db.execute(sql`
    UPDATE ${turns} t SET search_config = ${config}, search = ${searchVectorSql(config, sql`t.kind`, sql`t.text`)},
      is_public = coalesce((SELECT r.is_published FROM ${collectionTable(payload, slugs.transcriptRevisions)} r WHERE r.id = t.revision_id), false)
    FROM ${collectionTable(payload, slugs.episodes)} e WHERE e.id = t.episode_id AND t.id = ${turnId}`)
}

const CANDIDATES = 2000
export const COUNT_CAP = 10_000
/** A turn of an episode whose title or guest names the query matches ranks this much higher. */
const EPISODE_BOOST = 2

export type SearchFilters = SearchScope & {
  limit: number
  page: number
  /** What to find: websearch syntax, the last word a prefix. */
  q: string
  speaker?: string
}

/** One hit of a page: a turn (`turn_id`), or an episode's title, summary or notes (`turn_id` null). */
export type RankedHit = { episode_id: Id; score: number; turn_id: Id | null }

/**
 * The statements every search shares, as CTEs:
 * - `ep`: the episodes the reader may search, filtered (db/searchScope);
 * - `turn_matches`: matching turns of the revisions the reader gets, of those episodes, counted to COUNT_CAP;
 * - `episode_matches`: episodes whose title, summary or notes match (none with a speaker filter: a turn's);
 * - `hits`: the first `candidates` turn matches and every episode match, ranked (`ts_rank_cd`), a turn
 *   boosted when its episode's title or guests' names match.
 * By the GIN indexes: each configuration present in the archive is one `@@` of its own.
 */
const searchCtes = async (payload: Payload, db: Awaited<ReturnType<typeof getDrizzle>>, filters: SearchFilters, cap = COUNT_CAP): Promise<null | SQL> => {
  const { slugs } = getPodcastOptions(payload)
  const turns = collectionTable(payload, slugs.transcriptTurns)
  const episodes = collectionTable(payload, slugs.episodes)
  const revisions = collectionTable(payload, slugs.transcriptRevisions)
  const speakers = collectionTable(payload, slugs.speakers)
  const guests = collectionTable(payload, slugs.guests)
  const { rows: configs } = await db.execute<{ config: string }>(
    sql`SELECT DISTINCT ${configOfLanguageSql(sql`transcript_language`)} AS config FROM ${episodes}`,
  )
  if (!configs.length) return null
  const matching = (alias: string) =>
    sql.join(
      configs.map(
        ({ config }) => sql`(${sql.identifier(alias)}.search_config = ${config} AND ${sql.identifier(alias)}.search @@ ${querySql(sql`${config}`, filters.q)})`,
      ),
      sql` OR `,
    )
  // The public rule: the turns' own copy of their revision's `isPublished` (db/revisions), so the public's
  // search is one scan of the partial GIN index of public turns; the episodes in scope only when filtered.
  // Staff: the latest revisions, as a set computed once (a correlated check per row made Postgres probe
  // the GIN index once per episode).
  const filtered = Boolean(filters.show || filters.guest || filters.season !== undefined || filters.type || filters.after || filters.before)
  const readable = filters.draft
    ? sql`t.revision_id IN (SELECT r.id FROM ${revisions} r JOIN ep ON ep.id = r.episode_id WHERE r.is_latest)`
    : filtered
      ? sql`t.is_public AND t.episode_id IN (SELECT id FROM ep)`
      : sql`t.is_public`
  const speaker = filters.speaker
    ? sql`AND (t.speaker_id::text = ${filters.speaker} OR t.speaker_id IN (SELECT id FROM ${speakers} WHERE slug = ${filters.speaker}))`
    : sql``
  // A common word matches half the archive: ranking and counting every match took seconds. The matches
  // are counted to COUNT_CAP, and the best page is picked from the first `candidates` the index yields.
  const candidates = Math.max(CANDIDATES, filters.page * filters.limit)
  const q = (config: SQL) => querySql(config, filters.q)
  const source = episodeSourceSql(payload, filters.draft)
  return sql`
    ep AS MATERIALIZED (
      -- The episodes in scope, without their vectors: those are read by index, where they match.
      SELECT ep.id, ep.rels_id, ep.search_config FROM ${source} ep WHERE ${episodeFiltersSql(payload, filters)}
    ), episode_text_matches AS MATERIALIZED (
      SELECT e.id AS episode_id, e.search, e.search_config FROM ${source} e WHERE (${matching('e')}) AND e.id IN (SELECT id FROM ep)
    ), turn_matches AS MATERIALIZED (
      SELECT t.id, t.episode_id, t.search, t.search_config FROM ${turns} t
      WHERE ${readable} AND (${matching('t')}) ${speaker}
      LIMIT ${cap}
    ), episode_matches AS (
      -- A speaker filter asks for turns.
      SELECT * FROM episode_text_matches WHERE ${filters.speaker ? sql`false` : sql`true`}
    ), matching_guests AS MATERIALIZED (
      SELECT g.id, c.config FROM ${guests} g CROSS JOIN (SELECT DISTINCT search_config AS config FROM ep) c
      WHERE to_tsvector(c.config::regconfig, translate(g.name, '<>', '  ')) @@ ${q(sql`c.config`)}
    ), boosted AS MATERIALIZED (
      -- A title's words are its episode's A-weighted lexemes (db/episodeSearch).
      SELECT episode_id AS id FROM episode_text_matches WHERE ts_filter(search, '{a}') @@ ${q(sql`search_config`)}
      UNION
      SELECT ep.id FROM ep JOIN ${episodeGuestsSql(payload, filters.draft)} eg ON eg.rels_id = ep.rels_id
      JOIN matching_guests mg ON mg.id = eg.guest_id AND mg.config = ep.search_config
    ), hits AS MATERIALIZED (
      SELECT m.id AS turn_id, m.episode_id,
             ts_rank_cd(m.search, ${q(sql`m.search_config`)})::float8 * (CASE WHEN m.episode_id IN (SELECT id FROM boosted) THEN ${EPISODE_BOOST} ELSE 1 END) AS score
      FROM (SELECT * FROM turn_matches LIMIT ${candidates}) m
      UNION ALL
      SELECT NULL, em.episode_id, ts_rank_cd(em.search, ${q(sql`em.search_config`)})::float8 FROM episode_matches em
    )`
}

/**
 * The planner settings of a search's transaction (SET LOCAL). Nested loops off: with them Postgres probed
 * the GIN index once per published revision (1.7 s for a common word, 170 ms for none). JIT off: nested
 * loops off makes every plan cost billions, so Postgres compiled each search with LLVM, 1.1 s of CPU for a
 * query that runs in 60 ms.
 */
const searchSettings = (tx: { execute: (query: SQL) => Promise<unknown> }) =>
  tx.execute(sql`SELECT set_config('enable_nestloop', 'off', true), set_config('jit', 'off', true)`)

/**
 * Turns and episodes matching `q` across the archive, ranked, one page, with the total. The public reads
 * turns of published episodes' published revisions and published episodes' titles, summaries and notes
 * only (the rule of the transcript endpoint and the feed); staff with `draft` the latest ones.
 */
export const searchHits = async (payload: Payload, filters: SearchFilters, req?: Partial<PayloadRequest>): Promise<{ hits: RankedHit[]; total: number }> => {
  const db = await getDrizzle(payload, req)
  const ctes = await searchCtes(payload, db, filters)
  if (!ctes) return { hits: [], total: 0 }
  const rows = await db.transaction(async (tx) => {
    await searchSettings(tx)
    const { rows: ranked } = await tx.execute<RankedHit & { total: string }>(sql`
      WITH ${ctes}, page AS (
        SELECT * FROM hits ORDER BY score DESC, episode_id DESC, turn_id DESC NULLS FIRST
        LIMIT ${filters.limit} OFFSET ${(filters.page - 1) * filters.limit}
      )
      -- One row even past the last page, to carry the total.
      SELECT p.turn_id, p.episode_id, p.score, c.total
      FROM (SELECT (SELECT count(*) FROM turn_matches) + (SELECT count(*) FROM episode_matches) AS total) c
      LEFT JOIN page p ON true
      ORDER BY p.score DESC, p.episode_id DESC, p.turn_id DESC NULLS FIRST`)
    return ranked
  })
  const total = Number(rows[0]?.total ?? 0)
  const hits = rows.filter((row) => row.episode_id !== null).map(({ episode_id, score, turn_id }) => ({ episode_id, score, turn_id }))
  return { hits, total }
}

/** Whether `q` finds anything for this reader in this scope (a suggestion is checked so before it is made). */
export const hasHits = async (payload: Payload, filters: SearchFilters, req?: Partial<PayloadRequest>): Promise<boolean> => {
  const db = await getDrizzle(payload, req)
  const ctes = await searchCtes(payload, db, filters, 1)
  if (!ctes) return false
  return db.transaction(async (tx) => {
    await searchSettings(tx)
    const { rows } = await tx.execute<{ found: boolean }>(sql`
      WITH ${ctes} SELECT EXISTS (SELECT 1 FROM turn_matches) OR EXISTS (SELECT 1 FROM episode_matches) AS found`)
    return Boolean(rows[0]?.found)
  })
}

/** One episode of a grouped search: how many hits it has, and its best. */
export type EpisodeGroup = { best: RankedHit; episode_id: Id; hits: number }

/**
 * Episodes matching `q`, best first (by their best hit), one page, with the total: each with its hit count
 * (turns counted to COUNT_CAP across the archive) and its best hit. An episode none of whose turns were
 * among the ranked candidates gets its best turn ranked on the page.
 */
export const searchEpisodeGroups = async (
  payload: Payload,
  filters: SearchFilters,
  req?: Partial<PayloadRequest>,
): Promise<{ groups: EpisodeGroup[]; total: number }> => {
  const db = await getDrizzle(payload, req)
  const ctes = await searchCtes(payload, db, filters)
  if (!ctes) return { groups: [], total: 0 }
  const rows = await db.transaction(async (tx) => {
    await searchSettings(tx)
    const { rows: ranked } = await tx.execute<{ episode_id: Id; hits: string; score: number; total: string; turn_id: Id | null }>(sql`
      WITH ${ctes}, per_episode AS (
        SELECT episode_id, count(*) AS hits
        FROM (SELECT episode_id FROM turn_matches UNION ALL SELECT episode_id FROM episode_matches) a GROUP BY episode_id
      ), best AS (
        SELECT DISTINCT ON (episode_id) episode_id, turn_id, score FROM hits ORDER BY episode_id, score DESC, turn_id DESC NULLS FIRST
      ), page AS (
        SELECT pe.episode_id, pe.hits, b.episode_id IS NOT NULL AS ranked, b.turn_id, coalesce(b.score, 0) AS score
        FROM per_episode pe LEFT JOIN best b ON b.episode_id = pe.episode_id
        ORDER BY 5 DESC, pe.hits DESC, pe.episode_id DESC
        LIMIT ${filters.limit} OFFSET ${(filters.page - 1) * filters.limit}
      ), page_best AS (
        SELECT p.episode_id, p.hits, coalesce(x.id, p.turn_id) AS turn_id, coalesce(x.score, p.score) AS score, p.score AS rank
        FROM page p
        LEFT JOIN LATERAL (
          SELECT m.id, ts_rank_cd(m.search, ${querySql(sql`m.search_config`, filters.q)})::float8 AS score
          FROM turn_matches m WHERE NOT p.ranked AND m.episode_id = p.episode_id ORDER BY 2 DESC, m.id DESC LIMIT 1
        ) x ON true
      )
      SELECT b.episode_id, b.hits, b.turn_id, b.score, c.total
      FROM (SELECT count(*) AS total FROM per_episode) c
      LEFT JOIN page_best b ON true
      ORDER BY b.rank DESC, b.hits DESC, b.episode_id DESC`)
    return ranked
  })
  const total = Number(rows[0]?.total ?? 0)
  const groups = rows
    .filter((row) => row.episode_id !== null)
    .map((row) => ({ best: { episode_id: row.episode_id, score: row.score, turn_id: row.turn_id }, episode_id: row.episode_id, hits: Number(row.hits) }))
  return { groups, total }
}

export type HitEpisode = {
  id: Id
  notes_text: string
  notes_match: boolean
  published_at: null | string
  search_config: string
  show_id: Id | null
  show_slug: null | string
  show_title: null | string
  slug: string
  summary: null | string
  summary_match: boolean
  title: string
  title_match: boolean
}

export type HitTurn = {
  end: null | number
  config: string
  id: Id
  position: number
  speaker_id: Id | null
  speaker_name: null | string
  speaker_role: null | string
  start: null | number
  text: string
  timestamp: null | string
}

/**
 * What a page of hits shows: its episodes as the reader reads them (the published version, or the latest
 * for staff's drafts), with which of their fields match `q` alone, and its turns with their speakers.
 */
export const hitDetails = async (
  payload: Payload,
  { draft, q }: { draft: boolean; q: string },
  hits: RankedHit[],
  req?: Partial<PayloadRequest>,
): Promise<{ episodes: Map<string, HitEpisode>; turns: Map<string, HitTurn> }> => {
  const { slugs } = getPodcastOptions(payload)
  const db = await getDrizzle(payload, req)
  const episodeIds = hits.map((hit) => hit.episode_id)
  const turnIds = hits.flatMap((hit) => (hit.turn_id === null ? [] : [hit.turn_id]))
  const matches = (field: SQL) =>
    sql`(to_tsvector(ep.search_config::regconfig, translate(coalesce(${field}, ''), '<>', '  ')) @@ ${querySql(sql`ep.search_config`, q)})`
  const { rows: episodes } = episodeIds.length
    ? await db.execute<HitEpisode>(sql`
        SELECT ep.id, ep.slug, ep.title, ep.summary, ${lexicalTextSql(sql`ep.show_notes`)} AS notes_text, ep.search_config,
               to_char(ep.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS published_at,
               sh.id AS show_id, sh.slug AS show_slug, sh.title AS show_title,
               ${matches(sql`ep.title`)} AS title_match, ${matches(sql`ep.summary`)} AS summary_match,
               ${matches(lexicalTextSql(sql`ep.show_notes`))} AS notes_match
        FROM ${episodeSourceSql(payload, draft)} ep
        LEFT JOIN ${collectionTable(payload, slugs.shows)} sh ON sh.id = ep.show_id
        WHERE ep.id = ANY(${idArray(payload, episodeIds)})`)
    : { rows: [] }
  const { rows: turns } = turnIds.length
    ? await db.execute<HitTurn>(sql`
        SELECT t.id, t.position::int, t.start::float8, t."end"::float8 AS "end", t.timestamp, t.text, t.search_config AS config,
               s.id AS speaker_id, s.name AS speaker_name, s.role::text AS speaker_role
        FROM ${collectionTable(payload, slugs.transcriptTurns)} t
        LEFT JOIN ${collectionTable(payload, slugs.speakers)} s ON s.id = t.speaker_id
        WHERE t.id = ANY(${idArray(payload, turnIds)})`)
    : { rows: [] }
  return {
    episodes: new Map(episodes.map((row) => [String(row.id), row])),
    turns: new Map(turns.map((row) => [String(row.id), row])),
  }
}

/**
 * Snippets for one page of hits: `ts_headline` over the hits' text (Markdown already stripped and
 * HTML-escaped by the caller), with `<mark>` around the matched words, its only tag.
 */
export const headlines = async (payload: Payload, q: string, hits: { config: string; text: string }[], req?: Partial<PayloadRequest>): Promise<string[]> => {
  if (!hits.length) return []
  const db = await getDrizzle(payload, req)
  const { rows } = await db.execute<{ snippet: string }>(sql`
    SELECT ts_headline(h.config::regconfig, h.text, ${querySql(sql`h.config`, q)},
                       'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=15, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "') AS snippet
    FROM unnest(${sql.param(hits.map((hit) => hit.config))}::text[], ${sql.param(hits.map((hit) => hit.text))}::text[]) WITH ORDINALITY AS h(config, text, n)
    ORDER BY h.n`)
  return rows.map((row) => row.snippet)
}
