import type { PostgresSchemaHook } from './schema.ts'

import toSnakeCase from 'to-snake-case'

/** A collection's table in the schema a schema hook builds, by the adapter's name for it (none when the app lacks it). */
export const collectionTableOf = ({ adapter, schema }: Parameters<PostgresSchemaHook>[0], collectionSlug: string) => {
  const snake = toSnakeCase(collectionSlug)
  const name = adapter.tableNameMap.get(snake) ?? snake
  return { name, table: schema.tables[name] }
}
