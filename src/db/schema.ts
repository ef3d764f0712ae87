import type { PostgresAdapterArgs } from '@payloadcms/db-postgres'
import type { Config } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { uniqueIndex } from '@payloadcms/db-postgres/drizzle/pg-core'
import toSnakeCase from 'to-snake-case'

import type { ResolvedPodcastOptions } from '../types.ts'

import { addBatchFilesTable } from './batchFilesTable.ts'

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
 */
export const podcastSchemaHook =
  (options: ResolvedPodcastOptions): PostgresSchemaHook =>
  (args) => {
    const { adapter, extendTable, schema } = args
    addBatchFilesTable(args, options)
    const snake = toSnakeCase(options.slugs.transcriptRevisions)
    const name = adapter.tableNameMap.get(snake) ?? snake
    const table = schema.tables[name]
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
 * Adds the plugin's schema hook to the app's Postgres adapter. The adapter reads its hooks
 * when Payload initialises it, so its `init` is wrapped: nothing else of it changes.
 */
export const withPodcastSchema = (db: Config['db'], options: ResolvedPodcastOptions): Config['db'] => ({
  ...db,
  init: (args) => {
    const adapter = db.init(args) as ReturnType<Config['db']['init']> & { afterSchemaInit?: PostgresSchemaHook[] }
    adapter.afterSchemaInit = [...(adapter.afterSchemaInit ?? []), podcastSchemaHook(options)]
    return adapter
  },
})
