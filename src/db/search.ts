import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { collectionTable, getDrizzle, idArray } from './adapter.ts'
import { lexicalTextSql } from './episodeSearch.ts'
import { episodeFiltersSql, episodeGuestsSql, episodeSourceSql, type SearchScope } from './searchScope.ts'
import { configOfLanguageSql, querySql, searchVectorSql } from './searchSql.ts'
import { lexemeStats } from './searchStats.ts'
import { scanIsCheaper } from '../search/density.ts'
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

/**
 * Matches are counted to this many, and the best page is ranked among these, the newest. A common word
 * matches half the archive: ranking and counting every match took seconds, and counting to 10,000 took a
 * phrase 90–140 ms where 1,000 take 14 ms (300,000 turns). Past it, `totalDocsCapped` says "or more", as
 * Elasticsearch's `track_total_hits` does.
 */
export const COUNT_CAP = 1000
/** A turn of an episode whose title or guest names the query matches ranks this much higher. */
const EPISODE_BOOST = 2

export type SearchFilters = SearchScope & {
  limit: number
  page: number
  /** What to find: websearch syntax, the last word a prefix. */
  q: string
  speaker?: string
}

/** How the turn matches are found (search/density): by the GIN index, or reading newest first. */
export type Scan = 'byIndex' | 'inOrder'

/** One hit of a page: a turn (`turn_id`), or an episode's title, summary or notes (`turn_id` null). */
export type RankedHit = { episode_id: Id; score: number; turn_id: Id | null }

/**
 * The statements every search shares, as CTEs:
 * - `ep`: the episodes the reader may search, filtered (db/searchScope);
 * - `turn_matches`: matching turns of the revisions the reader gets, of those episodes, counted to COUNT_CAP;
 * - `episode_matches`: episodes whose title, summary or notes match (none with a speaker filter: a turn's);
 * - `hits`: those turn matches and every episode match, ranked (`ts_rank_cd`), a turn boosted when its
 *   episode's title or guests' names match.
 * Each configuration present in the archive is one `@@` of its own. `settings`: the transaction's planner
 * settings, which say how the turn matches are found (search/density).
 */
const searchCtes = async (
  payload: Payload,
  db: Awaited<ReturnType<typeof getDrizzle>>,
  filters: SearchFilters,
  cap = COUNT_CAP,
  req?: Partial<PayloadRequest>,
  how?: Scan,
): Promise<null | { ctes: SQL; settings: SQL }> => {
  const { slugs } = getPodcastOptions(payload)
  const turns = collectionTable(payload, slugs.transcriptTurns)
  const episodes = collectionTable(payload, slugs.episodes)
  const revisions = collectionTable(payload, slugs.transcriptRevisions)
  const speakers = collectionTable(payload, slugs.speakers)
  const guests = collectionTable(payload, slugs.guests)
  // Each configuration in the archive, with the query as it reads it (for the choice of scan, below).
  const { rows: configs } = await db.execute<{ config: string; query: string }>(
    sql`SELECT c.config, (${querySql(sql`c.config`, filters.q)})::text AS query
        FROM (SELECT DISTINCT ${configOfLanguageSql(sql`transcript_language`)} AS config FROM ${episodes}) c`,
  )
  if (!configs.length) return null
  // `ts_match_vq` is `@@` by its function's name, which Postgres does not match to an index: how a search
  // that reads the turns newest first keeps it from the GIN index.
  const matching = (alias: string, byIndex = true) =>
    sql.join(
      configs.map(({ config }) => {
        const vector = sql`${sql.identifier(alias)}.search`
        const query = querySql(sql`${config}`, filters.q)
        return sql`(${sql.identifier(alias)}.search_config = ${config} AND ${byIndex ? sql`${vector} @@ ${query}` : sql`ts_match_vq(${vector}, ${query})`})`
      }),
      sql` OR `,
    )
  // The public rule: the turns' own copy of their revision's `isPublished` (db/revisions), so the public's
  // search needs no join to the revisions (by the index, the partial GIN index of public turns); the
  // episodes in scope only when filtered.
  // Staff: the latest revisions, as a set computed once (a correlated check per row made Postgres probe
  // the GIN index once per episode).
  const filtered = Boolean(filters.show || filters.guest || filters.season !== undefined || filters.type || filters.after || filters.before)
  const readable = filters.draft
    ? sql`t.revision_id IN (SELECT r.id FROM ${revisions} r JOIN ep ON ep.id = r.episode_id WHERE r.is_latest)`
    : filtered
      ? sql`t.is_public AND t.episode_id IN (SELECT id FROM ep)`
      : sql`t.is_public`
  // One id (an id before a slug that reads the same), so that Postgres can read the speaker's turns by its
  // index: an `OR` of id and slug made it filter every match of the word (160 ms for a common one).
  const speaker = filters.speaker
    ? sql`AND t.speaker_id = (SELECT id FROM ${speakers} WHERE id::text = ${filters.speaker} OR slug = ${filters.speaker}
                              ORDER BY id::text = ${filters.speaker} DESC LIMIT 1)`
    : sql``
  // A common word is found sooner by reading the turns newest first until there are enough than by the
  // index, a rare one the other way round (search/density). Within a show, a guest's episodes, a season or
  // dates, always by the index: reading newest first until a small show's turns match enough could read
  // most of the archive, where the index costs at most the word's postings.
  const picked = async (): Promise<Scan> => {
    if (filtered) return 'byIndex'
    const cheaper = scanIsCheaper(
      configs.map((row) => row.query),
      await lexemeStats(payload, req),
      cap,
    )
    return cheaper ? 'inOrder' : 'byIndex'
  }
  const scan = how ?? (await picked())
  const q = (config: SQL) => querySql(config, filters.q)
  const source = episodeSourceSql(payload, filters.draft)
  const ctes = sql`
    ep AS MATERIALIZED (
      -- The episodes in scope, without their vectors: those are read by index, where they match. Unfiltered,
      -- read only for a guest's name that matches (all published episodes: a few ms a search otherwise).
      SELECT ep.id, ep.rels_id, ep.search_config FROM ${source} ep WHERE ${episodeFiltersSql(payload, filters)}
    ), episode_text_matches AS MATERIALIZED (
      SELECT e.id AS episode_id, e.search, e.search_config FROM ${source} e WHERE (${matching('e')}) ${filtered ? sql`AND e.id IN (SELECT id FROM ep)` : sql``}
    ), turn_matches AS MATERIALIZED (
      -- The latest written first: a common word's candidates are the newest episodes' turns, not the oldest.
      SELECT t.id, t.episode_id, t.search, t.search_config FROM ${turns} t
      WHERE ${readable} AND (${matching('t', scan === 'byIndex')}) ${speaker}
      ORDER BY t.id DESC LIMIT ${cap}
    ), episode_matches AS (
      -- A speaker filter asks for turns.
      SELECT * FROM episode_text_matches WHERE ${filters.speaker ? sql`false` : sql`true`}
    ), matching_guests AS MATERIALIZED (
      SELECT g.id, c.config FROM ${guests} g CROSS JOIN (VALUES ${sql.join(
        configs.map(({ config }) => sql`(${config})`),
        sql`, `,
      )}) c(config)
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
      FROM turn_matches m
      UNION ALL
      SELECT NULL, em.episode_id, ts_rank_cd(em.search, ${q(sql`em.search_config`)})::float8 FROM episode_matches em
    )`
  return { ctes, settings: settingsOf(scan, Boolean(filters.speaker)) }
}

/**
 * The planner settings of a search's transaction (SET LOCAL). Nested loops off: with them Postgres probed
 * the GIN index once per published revision (1.7 s for a common word, 170 ms for none). JIT off: nested
 * loops off makes every plan cost billions, so Postgres compiled each search with LLVM, 1.1 s of CPU for a
 * query that runs in 60 ms.
 */
const settingsOf = (scan: Scan, bySpeaker: boolean) => {
  const settings = [
    sql`set_config('enable_nestloop', 'off', true)`,
    sql`set_config('jit', 'off', true)`,
    // Under load parallel workers only add their start to each search: 50 at once keep every core busy.
    sql`set_config('max_parallel_workers_per_gather', '0', true)`,
  ]
  // By the GIN index (and, with a speaker, its index too), or the speaker's turns by theirs, newest picked by
  // a sort: 10 ms for 10,000 turns, where reading newest first until the speaker has said a word 1,000
  // times read 50,000 (23 ms). Else newest first, by the primary key's index backwards. (Postgres guesses
  // 1 in 50 turns hold a prefix: left to itself, it read that index through for a word found nowhere.)
  if (scan === 'byIndex' || bySpeaker) settings.push(sql`set_config('enable_indexscan', 'off', true)`)
  return sql`SELECT ${sql.join(settings, sql`, `)}`
}

/**
 * Turns and episodes matching `q` across the archive, ranked, one page, with the total. The public reads
 * turns of published episodes' published revisions and published episodes' titles, summaries and notes
 * only (the rule of the transcript endpoint and the feed); staff with `draft` the latest ones. `how`
 * forces the way matches are found (the tests check both find the same).
 */
export const searchHits = async (
  payload: Payload,
  filters: SearchFilters,
  req?: Partial<PayloadRequest>,
  how?: Scan,
): Promise<{ hits: RankedHit[]; total: number }> => {
  const db = await getDrizzle(payload, req)
  const found = await searchCtes(payload, db, filters, COUNT_CAP, req, how)
  if (!found) return { hits: [], total: 0 }
  const { ctes, settings } = found
  const rows = await db.transaction(async (tx) => {
    await tx.execute(settings)
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
  const found = await searchCtes(payload, db, filters, 1, req)
  if (!found) return false
  const { ctes, settings } = found
  return db.transaction(async (tx) => {
    await tx.execute(settings)
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
 * among the ranked candidates gets its best turn ranked on the page. `capped`: the turns reached COUNT_CAP,
 * so there may be more episodes, and more hits in each, than counted.
 */
export const searchEpisodeGroups = async (
  payload: Payload,
  filters: SearchFilters,
  req?: Partial<PayloadRequest>,
  how?: Scan,
): Promise<{ capped: boolean; groups: EpisodeGroup[]; total: number }> => {
  const db = await getDrizzle(payload, req)
  const found = await searchCtes(payload, db, filters, COUNT_CAP, req, how)
  if (!found) return { capped: false, groups: [], total: 0 }
  const { ctes, settings } = found
  const rows = await db.transaction(async (tx) => {
    await tx.execute(settings)
    const { rows: ranked } = await tx.execute<{ capped: boolean; episode_id: Id; hits: string; score: number; total: string; turn_id: Id | null }>(sql`
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
      SELECT b.episode_id, b.hits, b.turn_id, b.score, c.total, c.capped
      FROM (SELECT count(*) AS total, (SELECT count(*) FROM turn_matches) >= ${COUNT_CAP} AS capped FROM per_episode) c
      LEFT JOIN page_best b ON true
      ORDER BY b.rank DESC, b.hits DESC, b.episode_id DESC`)
    return ranked
  })
  const total = Number(rows[0]?.total ?? 0)
  const capped = Boolean(rows[0]?.capped)
  const groups = rows
    .filter((row) => row.episode_id !== null)
    .map((row) => ({ best: { episode_id: row.episode_id, score: row.score, turn_id: row.turn_id }, episode_id: row.episode_id, hits: Number(row.hits) }))
  return { capped, groups, total }
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
