import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { collectionTable, getDrizzle, qualifiedTable } from './adapter.ts'
import { lexicalTextSql } from './episodeSearch.ts'
import { hasHits, type SearchFilters } from './search.ts'
import { SEARCH_WORDS_TABLE } from './searchWordsTable.ts'
import { forgetSearchAnswers } from '../search/resultCache.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'

/** The nearest word must be this similar (pg_trgm's `similarity`, 0–1) to replace a query's word. */
const WORD_SIMILARITY = 0.3
/** The whole query must be this similar to a public speaker's name to suggest the name. */
const NAME_SIMILARITY = 0.45

/**
 * Rebuilds the vocabulary (db/searchWordsTable) from what the public reads: the speech turns of published
 * revisions of published episodes, and published episodes' titles, summaries and notes. Words as
 * written (`simple`: lower case, not stemmed, so a suggestion is a word people wrote), letters only, 3 to
 * 40 of them. Run by the maintenance (when that changed) and after the migration; a suggestion is checked
 * against the live search before it is made, so words unpublished since the last rebuild are never suggested.
 */
export const rebuildSearchWords = async (payload: Payload): Promise<number> => {
  const { slugs } = getPodcastOptions(payload)
  const db = await getDrizzle(payload)
  const words = qualifiedTable(payload, SEARCH_WORDS_TABLE)
  const episodes = collectionTable(payload, slugs.episodes)
  // Suggestions are part of the kept answers.
  forgetSearchAnswers()
  return db.transaction(async (tx) => {
    await tx.execute(sql`DELETE FROM ${words}`)
    const { rows } = await tx.execute<{ n: string }>(sql`
      WITH inserted AS (
        INSERT INTO ${words} (word, documents)
        SELECT u.lexeme, count(*) FROM (
          SELECT to_tsvector('simple', translate(t.text, '<>', '  ')) AS v FROM ${collectionTable(payload, slugs.transcriptTurns)} t
          WHERE t.kind IS DISTINCT FROM 'marker' AND t.revision_id IN (
            SELECT r.id FROM ${collectionTable(payload, slugs.transcriptRevisions)} r JOIN ${episodes} e ON e.id = r.episode_id
            WHERE r.is_published AND e._status = 'published')
          UNION ALL
          SELECT to_tsvector('simple', translate(coalesce(e.title, '') || ' ' || coalesce(e.summary, '') || ' ' || ${lexicalTextSql(sql`e.show_notes`)}, '<>', '  '))
          FROM ${episodes} e WHERE e._status = 'published'
        ) d, unnest(d.v) u
        WHERE u.lexeme ~ '^[[:alpha:]]{3,40}$'
        GROUP BY u.lexeme
        -- Two runners rebuilding at once: the later one's counts win.
        ON CONFLICT (word) DO UPDATE SET documents = EXCLUDED.documents
        RETURNING 1)
      SELECT count(*) AS n FROM inserted`)
    return Number(rows[0]?.n ?? 0)
  })
}

/**
 * What the public's words depend on, as one string that changes when they may have: any episode write
 * (Payload stamps `updatedAt`) or delete, which revisions are published, and any turn written. Three index
 * or small-table reads, where the rebuild reads every published turn (about 7 s of CPU for 300,000).
 */
const publicWordsFingerprint = async (payload: Payload): Promise<string> => {
  const { slugs } = getPodcastOptions(payload)
  const db = await getDrizzle(payload)
  const { rows } = await db.execute<{ fingerprint: string }>(sql`
    SELECT concat_ws('|',
      (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM ${collectionTable(payload, slugs.episodes)}),
      (SELECT md5(coalesce(string_agg(id::text, ',' ORDER BY id), '')) FROM ${collectionTable(payload, slugs.transcriptRevisions)} WHERE is_published),
      (SELECT coalesce(max(updated_at)::text, '') FROM ${collectionTable(payload, slugs.transcriptTurns)})) AS fingerprint`)
  return rows[0]?.fingerprint ?? ''
}

const builtFrom = new WeakMap<Payload, string>()

/**
 * The maintenance's rebuild: only when what the public reads has changed since this process last rebuilt
 * (the first time always). Returns the number of words, or null when nothing changed.
 */
export const rebuildSearchWordsIfChanged = async (payload: Payload): Promise<null | number> => {
  const fingerprint = await publicWordsFingerprint(payload)
  if (builtFrom.get(payload) === fingerprint) return null
  const words = await rebuildSearchWords(payload)
  // As read before the rebuild: a change during it is seen at the next run.
  builtFrom.set(payload, fingerprint)
  return words
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * For a query that found nothing: the query with each word the vocabulary lacks replaced by its nearest
 * published word (trigram similarity, then the most used), when that query finds something for this
 * reader in this scope; else a public speaker's name close to the whole query; else null.
 */
export const suggestionFor = async (payload: Payload, filters: SearchFilters, req?: Partial<PayloadRequest>): Promise<null | string> => {
  const tokens = [...new Set(filters.q.toLowerCase().match(/\p{L}{3,40}/gu) ?? [])].slice(0, 8)
  if (!tokens.length) return null
  const db = await getDrizzle(payload, req)
  const words = qualifiedTable(payload, SEARCH_WORDS_TABLE)
  const { rows } = await db.execute<{ known: boolean; nearest: null | string; token: string }>(sql`
    SELECT t.token, EXISTS (SELECT 1 FROM ${words} w WHERE w.word = t.token) AS known,
           (SELECT w.word FROM ${words} w WHERE w.word % t.token AND similarity(w.word, t.token) >= ${WORD_SIMILARITY}
            ORDER BY similarity(w.word, t.token) DESC, w.documents DESC, w.word LIMIT 1) AS nearest
    FROM unnest(${sql.param(tokens)}::text[]) AS t(token)`)
  let suggestion = filters.q
  for (const row of rows) {
    if (row.known || !row.nearest) continue
    suggestion = suggestion.replace(new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(row.token)}(?=$|[^\\p{L}\\p{N}])`, 'giu'), `$1${row.nearest}`)
  }
  if (suggestion !== filters.q && (await hasHits(payload, { ...filters, q: suggestion }, req))) return suggestion
  // A name misspelt: public speakers only (the guests' and speakers' rule, db/appearances).
  const { rows: names } = await db.execute<{ name: string }>(sql`
    SELECT s.name FROM ${collectionTable(payload, getPodcastOptions(payload).slugs.speakers)} s
    WHERE (s.is_public OR s.appears_in_published) AND similarity(s.name, ${filters.q}) >= ${NAME_SIMILARITY}
    ORDER BY similarity(s.name, ${filters.q}) DESC, s.name LIMIT 1`)
  return names[0]?.name ?? null
}
