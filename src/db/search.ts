import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { collectionTable, getDrizzle, idArray } from './adapter.ts'
import { searchConfigs } from '../search/config.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'

type SQL = ReturnType<typeof sql>

/** The text-search configuration of a language column, in SQL (search/config's map). */
export const configOfLanguageSql = (language: SQL) =>
  sql`(CASE lower(split_part(coalesce(${language}, ''), '-', 1)) ${sql.join(
    Object.entries(searchConfigs).map(([code, config]) => sql`WHEN ${code} THEN ${config}`),
    sql` `,
  )} ELSE 'simple' END)`

/**
 * A turn's search vector: its words in its configuration; none for a marker (structure, not speech).
 * Angle brackets are read as spaces: Postgres' parser takes `<script>…</script>` for markup and drops
 * what is inside, where a transcript means the words.
 */
export const searchVectorSql = (config: SQL, kind: SQL, text: SQL) =>
  sql`(CASE WHEN ${kind}::text = 'marker' THEN NULL ELSE to_tsvector(${config}::regconfig, translate(${text}, '<>', '  ')) END)`

/** After a turn is written through Payload (an edit, a new turn): its search columns, in the same transaction. */
export const refreshTurnSearch = async (payload: Payload, req: Partial<PayloadRequest>, turnId: number | string) => {
  const { slugs } = getPodcastOptions(payload)
  const db = await getDrizzle(payload, req)
  const turns = collectionTable(payload, slugs.transcriptTurns)
  const config = configOfLanguageSql(sql`e.transcript_language`)
  await db.execute(sql`
    UPDATE ${turns} t SET search_config = ${config}, search = ${searchVectorSql(config, sql`t.kind`, sql`t.text`)}
    FROM ${collectionTable(payload, slugs.episodes)} e WHERE e.id = t.episode_id AND t.id = ${turnId}`)
}

const CANDIDATES = 2000
export const COUNT_CAP = 10_000

export type SearchFilters = {
  /** Staff: the latest (draft) revisions instead of the published ones. */
  draft: boolean
  limit: number
  page: number
  /** What to find: websearch syntax, the last word a prefix. */
  q: string
  show?: string
  speaker?: string
}

export type SearchRow = {
  end: null | number
  episode_id: number | string
  position: number
  published_at: null | string
  score: number
  show_id: null | number | string
  show_slug: null | string
  show_title: null | string
  slug: string
  speaker_id: null | number | string
  speaker_name: null | string
  speaker_role: null | string
  start: null | number
  text: string
  timestamp: null | string
  title: string
  turn_id: number | string
  config: string
}

/**
 * The query of a search box: Postgres' websearch syntax (quoted phrases, `or`, `-exclude`), and the last
 * word, when it is a plain word of 3 characters or more outside quotes, as a prefix (search as you type).
 */
const querySql = (config: SQL, q: string) => {
  const outsideQuotes = (q.match(/"/g)?.length ?? 0) % 2 === 0
  const last = /(?:^|\s)([\p{L}\p{N}]{3,})$/u.exec(q)
  // Not after "or" (an alternative, not more of the same) nor a "-" (an exclusion).
  const plain = last && !/(?:^|\s)(?:or|-\S*)\s+\S+$/i.test(q) && !/(?:^|\s)or\s/i.test(q)
  if (!outsideQuotes || !last || !plain) return sql`websearch_to_tsquery(${config}::regconfig, ${q})`
  const head = q.slice(0, q.length - last[1].length).trim()
  const prefix = sql`to_tsquery(${config}::regconfig, ${`${last[1]}:*`})`
  return head ? sql`(websearch_to_tsquery(${config}::regconfig, ${head}) && ${prefix})` : prefix
}

/**
 * Transcript turns matching `q` across the archive, ranked (`ts_rank_cd`), one page, with the total.
 * The public reads turns of published episodes' published revisions only (the same rule as the
 * transcript endpoint's and the feed's); staff with `draft` the latest revisions. By the GIN index:
 * each configuration present in the archive is one `@@` of its own.
 */
export const searchTurns = async (payload: Payload, filters: SearchFilters, req?: Partial<PayloadRequest>): Promise<{ rows: SearchRow[]; total: number }> => {
  const { slugs } = getPodcastOptions(payload)
  const db = await getDrizzle(payload, req)
  const turns = collectionTable(payload, slugs.transcriptTurns)
  const episodes = collectionTable(payload, slugs.episodes)
  const revisions = collectionTable(payload, slugs.transcriptRevisions)
  const speakers = collectionTable(payload, slugs.speakers)
  const shows = collectionTable(payload, slugs.shows)
  const { rows: configs } = await db.execute<{ config: string }>(
    sql`SELECT DISTINCT ${configOfLanguageSql(sql`transcript_language`)} AS config FROM ${episodes}`,
  )
  if (!configs.length) return { rows: [], total: 0 }
  const matches = sql.join(
    configs.map(({ config }) => sql`(t.search_config = ${config} AND t.search @@ ${querySql(sql`${config}`, filters.q)})`),
    sql` OR `,
  )
  // The public rule, as sets computed once (ARRAY(…)): a correlated check per row made Postgres probe
  // the GIN index once per published episode (1.7 s for a common word; 30 ms this way).
  const readable = filters.draft
    ? sql`t.revision_id IN (SELECT r.id FROM ${revisions} r WHERE r.is_latest)`
    : sql`t.revision_id IN (SELECT r.id FROM ${revisions} r JOIN ${episodes} e ON e.id = r.episode_id WHERE r.is_published AND e._status = 'published')`
  const conditions = [sql`(${matches})`, readable]
  if (filters.show) {
    conditions.push(
      sql`t.episode_id IN (SELECT e.id FROM ${episodes} e WHERE e.show_id::text = ${filters.show} OR e.show_id IN (SELECT id FROM ${shows} WHERE slug = ${filters.show}))`,
    )
  }
  if (filters.speaker) {
    conditions.push(sql`(t.speaker_id::text = ${filters.speaker} OR t.speaker_id IN (SELECT id FROM ${speakers} WHERE slug = ${filters.speaker}))`)
  }
  const where = sql.join(conditions, sql` AND `)
  // A common word matches half the archive: ranking and counting every match took seconds. The matches
  // are counted to COUNT_CAP, and the best page is picked from the first `candidates` the index yields.
  const candidates = Math.max(CANDIDATES, filters.page * filters.limit)
  // Nested loops off, in this transaction only: with them Postgres probed the GIN index once per published
  // revision (1.7 s for a common word, 170 ms for none); hashing the published revisions takes 2-25 ms.
  const page = await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_nestloop = off`)
    const { rows: ranked } = await tx.execute<{ id: number | string; score: number; total: string }>(sql`
      WITH matches AS MATERIALIZED (
        SELECT t.id, t.search, t.search_config FROM ${turns} t WHERE ${where} LIMIT ${COUNT_CAP}
      ), ranked AS (
        SELECT m.id, ts_rank_cd(m.search, ${querySql(sql`m.search_config`, filters.q)})::float8 AS score
        FROM (SELECT * FROM matches LIMIT ${candidates}) m
      )
      SELECT id, score, (SELECT count(*) FROM matches) AS total FROM ranked
      ORDER BY score DESC, id DESC
      LIMIT ${filters.limit} OFFSET ${(filters.page - 1) * filters.limit}`)
    return ranked
  })
  let total = Number(page[0]?.total ?? 0)
  // Past the last page no row carries the total: count it then.
  if (!page.length && filters.page > 1) {
    const { rows: counted } = await db.execute<{ n: string }>(sql`
      SELECT count(*) AS n FROM (SELECT 1 FROM ${turns} t WHERE ${where} LIMIT ${COUNT_CAP}) capped`)
    total = Number(counted[0]?.n ?? 0)
  }
  if (!page.length) return { rows: [], total }
  const { rows: found } = await db.execute<SearchRow>(sql`
    SELECT t.id AS turn_id, t.position::int, t.start::float8, t."end"::float8 AS "end", t.timestamp, t.text, t.search_config AS config,
           e.id AS episode_id, e.slug, e.title, to_char(e.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS published_at,
           sh.id AS show_id, sh.slug AS show_slug, sh.title AS show_title,
           s.id AS speaker_id, s.name AS speaker_name, s.role::text AS speaker_role
    FROM ${turns} t
    JOIN ${episodes} e ON e.id = t.episode_id
    LEFT JOIN ${shows} sh ON sh.id = e.show_id
    LEFT JOIN ${speakers} s ON s.id = t.speaker_id
    WHERE t.id = ANY(${idArray(
      payload,
      page.map((hit) => hit.id),
    )})`)
  const byId = new Map(found.map((row) => [String(row.turn_id), row]))
  const rows = page.flatMap((hit) => {
    const row = byId.get(String(hit.id))
    return row ? [{ ...row, score: hit.score }] : []
  })
  return { rows, total }
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
