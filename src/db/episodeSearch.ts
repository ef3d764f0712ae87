import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { collectionTable, getDrizzle, idArray } from './adapter.ts'
import { configOfLanguageSql, searchVectorSql } from './searchSql.ts'
import { forgetSearchAnswers } from '../search/resultCache.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'

type SQL = ReturnType<typeof sql>

/**
 * The words of a Lexical document (show notes): its text nodes' strings, space-separated. Nested
 * `text` keys that are not strings (none in Lexical today) are skipped rather than read as JSON.
 */
export const lexicalTextSql = (json: SQL) =>
  sql`coalesce((SELECT string_agg(x #>> '{}', ' ') FROM jsonb_path_query(${json}, 'strict $.**.text ? (@.type() == "string")') x), '')`

/** Angle brackets read as spaces, as in the turns' vectors: Postgres' parser drops what it takes for tags. */
const words = (text: SQL) => sql`translate(coalesce(${text}, ''), '<>', '  ')`

/**
 * An episode's search vector: its title (weight A), summary (B) and show notes (C), so a word in a
 * title outranks one in the notes, and any of them a word said in a turn (D).
 */
export const episodeVectorSql = (config: SQL, title: SQL, summary: SQL, showNotes: SQL) =>
  sql`(setweight(to_tsvector(${config}::regconfig, ${words(title)}), 'A') ||
       setweight(to_tsvector(${config}::regconfig, ${words(summary)}), 'B') ||
       setweight(to_tsvector(${config}::regconfig, ${words(lexicalTextSql(showNotes))}), 'C'))`

/**
 * After an episode write, in its transaction: the search columns of its main document, which holds
 * the published version while the episode is live (a draft save leaves it as it is), so the public's
 * episode-level hits are the published title, summary and notes. When that changed the transcript's
 * language, its turns are re-read in the new language's configuration too (only then: an index scan of
 * the episode's turns finds none to change otherwise).
 */
export const refreshEpisodeSearch = async (payload: Payload, req: Partial<PayloadRequest>, episodeIds: (number | string)[]) => {
  if (!episodeIds.length) return
  forgetSearchAnswers()
  const db = await getDrizzle(payload, req)
  const episodes = collectionTable(payload, getPodcastOptions(payload).slugs.episodes)
  const config = configOfLanguageSql(sql`e.transcript_language`)
  // One statement: the turns' update reads the episodes' new configuration from the first's RETURNING.
  await db.execute(sql`
    WITH e AS (
      UPDATE ${episodes} e SET search_config = ${config},
        search = ${episodeVectorSql(config, sql`e.title`, sql`e.summary`, sql`e.show_notes`)}
      WHERE e.id = ANY(${idArray(payload, episodeIds)})
      RETURNING e.id, e.search_config
    )
    UPDATE ${collectionTable(payload, getPodcastOptions(payload).slugs.transcriptTurns)} t
    SET search_config = e.search_config, search = ${searchVectorSql(sql`e.search_config`, sql`t.kind`, sql`t.text`)}
    FROM e WHERE t.episode_id = e.id AND t.search_config IS DISTINCT FROM e.search_config`)
}
