import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import toSnakeCase from 'to-snake-case'

/** The drizzle handle of `req`'s transaction, or the pool's when there is none. */
export const getDrizzle = async (payload: Payload, req?: Partial<PayloadRequest>) => {
  const adapter = payload.db as unknown as PostgresAdapter
  const id = req?.transactionID ? await req.transactionID : undefined
  return (id && adapter.sessions[id]?.db) || adapter.drizzle
}

/** The SQL table of a collection: keyed as the Postgres adapter keys it (snake case), which may shorten it. */
export const tableName = (payload: Payload, collectionSlug: string): string => {
  const adapter = payload.db as unknown as PostgresAdapter
  const snake = toSnakeCase(collectionSlug)
  return adapter.tableNameMap.get(snake) ?? snake
}

/** The SQL table of a collection's versions. */
export const versionsTableName = (payload: Payload, collectionSlug: string): string => {
  const adapter = payload.db as unknown as PostgresAdapter
  const key = `_${toSnakeCase(collectionSlug)}${adapter.versionsSuffix ?? '_v'}`
  return adapter.tableNameMap.get(key) ?? key
}
