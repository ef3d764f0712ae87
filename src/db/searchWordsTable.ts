import { sql } from '@payloadcms/db-postgres'
import { index, integer, type pgTable, text } from '@payloadcms/db-postgres/drizzle/pg-core'

import type { PostgresSchemaHook } from './schema.ts'

/** The vocabulary table's name (not a collection's: only the plugin's SQL reads it). */
export const SEARCH_WORDS_TABLE = 'podcast_search_words'

/**
 * The archive's published vocabulary, for spelling suggestions (db/suggest): each word as written
 * (lower case, not stemmed) and in how many published turns and episodes it is, with a trigram
 * index (`pg_trgm`, which the plugin has the adapter create on connect) to find the nearest words.
 */
export const addSearchWordsTable = ({ adapter, schema }: Parameters<PostgresSchemaHook>[0]) => {
  // The adapter's own table builder: it qualifies the table with the adapter's `schemaName`.
  const table = (adapter as unknown as { pgSchema: { table: typeof pgTable } }).pgSchema.table
  schema.tables[SEARCH_WORDS_TABLE] = table(
    SEARCH_WORDS_TABLE,
    {
      word: text('word').primaryKey(),
      documents: integer('documents').notNull().default(0),
    },
    (columns) => [index(`${SEARCH_WORDS_TABLE}_trgm_idx`).using('gin', sql`${columns.word} gin_trgm_ops`)],
  )
}
