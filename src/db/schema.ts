import type { PostgresAdapterArgs } from '@payloadcms/db-postgres'
import type { Config } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { boolean, customType, index, text, uniqueIndex } from '@payloadcms/db-postgres/drizzle/pg-core'
import toSnakeCase from 'to-snake-case'

import type { ResolvedPodcastOptions } from '../types.ts'

import { addBatchFilesTable } from './batchFilesTable.ts'
import { collectionTableOf } from './schemaTable.ts'
import { addSearchWordsTable } from './searchWordsTable.ts'

export type PostgresSchemaHook = NonNullable<PostgresAdapterArgs['afterSchemaInit']>[number]
type DrizzleColumns = Record<string, Parameters<typeof sql>[1]>

/**
 * Schema the plugin needs that Payload fields cannot declare, added to the adapter's
 * drizzle schema after Payload builds it (`afterSchemaInit`). So `push` creates it in
 * development, and `payload migrate:create` writes it into the app's next migration,
 * like any other change of the schema.
 *
 * - At most one revision per episode is its main document's, its published version's and
 *   its latest version's (partial unique indexes): the rule every reader follows cannot
 *   silently find two.
 * - The files of an import batch wait in a table of their own (db/batchFilesTable).
 * - Every speech turn has its words as a `tsvector` (`search`, in its transcript's language,
 *   `search_config`) with a GIN index: search reads the whole archive by index (db/search).
 * - So has every episode, of its main document's title, summary and show notes (db/episodeSearch).
 * - The published vocabulary, with a trigram index, for spelling suggestions (db/searchWordsTable).
 */
export const podcastSchemaHook =
  (options: ResolvedPodcastOptions): PostgresSchemaHook =>
  (args) => {
    const { extendTable, schema } = args
    addBatchFilesTable(args, options)
    addSearchColumns(args, options)
    addEpisodeSearchColumns(args, options)
    addSearchWordsTable(args)
    const { name, table } = collectionTableOf(args, options.slugs.transcriptRevisions)
    if (!table) return schema
    extendTable({
      extraConfig: (columns: DrizzleColumns) =>
        Object.fromEntries(
          (['isCurrent', 'isLatest', 'isPublished'] as const).map((flag) => [
            `${name}_one_${toSnakeCase(flag)}`,
            uniqueIndex(`${name}_one_${toSnakeCase(flag)}_idx`)
              .on(columns.episode as never)
              .where(sql`${columns[flag]}`),
          ]),
        ),
      table,
    })
    return schema
  }

/**
 * Adds the plugin's schema hook to the app's Postgres adapter, and `pg_trgm` to the extensions it
 * creates on connect. The adapter reads both when Payload initialises it, so its `init` is wrapped:
 * nothing else of it changes.
 */
export const withPodcastSchema = (db: Config['db'], options: ResolvedPodcastOptions): Config['db'] => ({
  ...db,
  init: (args) => {
    const adapter = db.init(args) as ReturnType<Config['db']['init']> & { afterSchemaInit?: PostgresSchemaHook[]; extensions?: Record<string, boolean> }
    adapter.afterSchemaInit = [...(adapter.afterSchemaInit ?? []), podcastSchemaHook(options)]
    // Created on connect, before a development push: the vocabulary's trigram index needs it (migrations create it too).
    adapter.extensions = { ...adapter.extensions, pg_trgm: true }
    return adapter
  },
})

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

/**
 * The turns' search columns and their GIN index (kept by the plugin's writes: db/turns, db/revisions, hooks),
 * and `is_public`, whether the public reads the turn (its revision's `isPublished`, kept with it by
 * db/revisions syncRevisionFlags), with a GIN index of the public turns only: the public's search is one
 * scan of it, with no join to the revisions.
 */
const addSearchColumns = (args: Parameters<PostgresSchemaHook>[0], options: ResolvedPodcastOptions) => {
  const { name, table } = collectionTableOf(args, options.slugs.transcriptTurns)
  if (!table) return
  const { extendTable } = args
  extendTable({
    columns: { isPublic: boolean('is_public').notNull().default(false), search: tsvector('search'), searchConfig: text('search_config') },
    extraConfig: (columns: DrizzleColumns) => ({
      [`${name}_search`]: index(`${name}_search_idx`).using('gin', columns.search as never),
      [`${name}_public_search`]: index(`${name}_public_search_idx`)
        .using('gin', columns.search as never)
        .where(sql`${columns.isPublic}`),
    }),
    table,
  })
}

/** The episodes' search columns and their GIN index (kept by the episode hook: db/episodeSearch). */
const addEpisodeSearchColumns = (args: Parameters<PostgresSchemaHook>[0], options: ResolvedPodcastOptions) => {
  const { name, table } = collectionTableOf(args, options.slugs.episodes)
  if (!table) return
  const { extendTable } = args
  extendTable({
    columns: { search: tsvector('search'), searchConfig: text('search_config') },
    extraConfig: (columns: DrizzleColumns) => ({ [`${name}_search`]: index(`${name}_search_idx`).using('gin', columns.search as never) }),
    table,
  })
}
