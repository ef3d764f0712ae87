import { customType, index, integer, jsonb, type pgTable, serial, text, timestamp, uniqueIndex, uuid } from '@payloadcms/db-postgres/drizzle/pg-core'

import type { ResolvedPodcastOptions } from '../types.ts'
import type { PostgresSchemaHook } from './schema.ts'

import { collectionTableOf } from './schemaTable.ts'

/** Files are kept byte for byte: a file that is not UTF-8 must fail its import with the parser's error, as it would in one request. */
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' })

/** The batch files table's name: the batches table's, with `_files`. */
export const batchFilesTableName = (batchesTable: string) => `${batchesTable}_files`

/**
 * The files of an import batch, one row each, with the lease a job runner claims them by
 * (db/batches). Not a collection: nothing but the plugin's SQL reads or writes a file, and a
 * batch's list in the admin must not load megabytes of transcripts. Deleting a batch deletes
 * its files (the foreign key cascades).
 */
export const addBatchFilesTable = (args: Parameters<PostgresSchemaHook>[0], options: ResolvedPodcastOptions) => {
  const { adapter, schema } = args
  const { name: batchesName, table: batches } = collectionTableOf(args, options.slugs.transcriptImportBatches)
  if (!batches) return
  const name = batchFilesTableName(batchesName)
  const batchColumn = adapter.idType === 'serial' ? integer('batch_id') : uuid('batch_id')
  // The adapter's own table builder: it qualifies the table with the adapter's `schemaName`.
  const table = (adapter as unknown as { pgSchema: { table: typeof pgTable } }).pgSchema.table
  schema.tables[name] = table(
    name,
    {
      id: serial('id').primaryKey(),
      batch: batchColumn.notNull().references(() => batches.id as never, { onDelete: 'cascade' }),
      position: integer('position').notNull(),
      name: text('name').notNull(),
      /** Dropped once the file is imported; a failed file keeps it for a retry. */
      content: bytea('content'),
      /** The file's YAML sidecar (`<stem>.yaml`), paired when the batch was queued. */
      sidecar: bytea('sidecar'),
      /** queued → running → done, or cancelled. */
      state: text('state').notNull().default('queued'),
      outcome: text('outcome'),
      report: jsonb('report'),
      attempts: integer('attempts').notNull().default(0),
      leaseToken: text('lease_token'),
      leaseUntil: timestamp('lease_until', { mode: 'string', precision: 3, withTimezone: true }),
    },
    (columns) => [
      uniqueIndex(`${name}_batch_position_idx`).on(columns.batch, columns.position),
      index(`${name}_batch_state_idx`).on(columns.batch, columns.state),
    ],
  ) as never
}
