import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

/** The drizzle handle of `req`'s transaction, or the pool's when there is none. */
export const getDrizzle = async (payload: Payload, req?: Partial<PayloadRequest>) => {
  const adapter = payload.db as unknown as PostgresAdapter
  const id = req?.transactionID ? await req.transactionID : undefined
  return (id && adapter.sessions[id]?.db) || adapter.drizzle
}

/** The SQL table of a collection (Payload snake-cases slugs, and may shorten them). */
export const tableName = (payload: Payload, collectionSlug: string): string => {
  const adapter = payload.db as unknown as PostgresAdapter
  const snake = collectionSlug.replace(/-/g, '_')
  return adapter.tableNameMap.get(snake) ?? snake
}

/** The SQL table of a collection's versions. */
export const versionsTableName = (payload: Payload, collectionSlug: string): string => {
  const adapter = payload.db as unknown as PostgresAdapter
  const key = `_${collectionSlug.replace(/-/g, '_')}${adapter.versionsSuffix ?? '_v'}`
  return adapter.tableNameMap.get(key) ?? key
}
