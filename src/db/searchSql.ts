import { sql } from '@payloadcms/db-postgres'

import { searchConfigs } from '../search/config.ts'

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

/**
 * The query of a search box: Postgres' websearch syntax (quoted phrases, `or`, `-exclude`), and the last
 * word, when it is a plain word of 3 characters or more outside quotes, as a prefix (search as you type).
 */
export const querySql = (config: SQL, q: string) => {
  const outsideQuotes = (q.match(/"/g)?.length ?? 0) % 2 === 0
  const last = /(?:^|\s)([\p{L}\p{N}]{3,})$/u.exec(q)
  // Not after "or" (an alternative, not more of the same) nor a "-" (an exclusion).
  const plain = last && !/(?:^|\s)(?:or|-\S*)\s+\S+$/i.test(q) && !/(?:^|\s)or\s/i.test(q)
  if (!outsideQuotes || !last || !plain) return sql`websearch_to_tsquery(${config}::regconfig, ${q})`
  const head = q.slice(0, q.length - last[1].length).trim()
  const prefix = sql`to_tsquery(${config}::regconfig, ${`${last[1]}:*`})`
  return head ? sql`(websearch_to_tsquery(${config}::regconfig, ${head}) && ${prefix})` : prefix
}
