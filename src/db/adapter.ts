import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import toSnakeCase from 'to-snake-case'

/**
 * The one place that knows how the Postgres adapter names things. Every table the plugin's
 * SQL touches is named through here, from the adapter's own map and suffixes, and qualified
 * with its `schemaName` when it has one.
 */
const adapterOf = (payload: Payload) => payload.db as unknown as PostgresAdapter

/** The drizzle handle of `req`'s transaction, or the pool's when there is none. */
export const getDrizzle = async (payload: Payload, req?: Partial<PayloadRequest>) => {
  const adapter = adapterOf(payload)
  const id = req?.transactionID ? await req.transactionID : undefined
  return (id && adapter.sessions[id]?.db) || adapter.drizzle
}

/** The SQL type of the adapter's row ids. */
export const idSqlType = (payload: Payload) => sql.raw(payload.db.defaultIDType === 'text' ? 'uuid' : 'integer')

/** A list of row ids as one SQL array parameter of the adapter's id type, duplicates dropped. */
export const idArray = (payload: Payload, ids: unknown[]) => {
  const text = payload.db.defaultIDType === 'text'
  return sql`${sql.param([...new Set(ids.map((id) => (text ? String(id) : Number(id))))])}::${idSqlType(payload)}[]`
}

/** The Postgres schema the adapter's tables are in. */
export const schemaName = (payload: Payload): string => adapterOf(payload).schemaName || 'public'

/** A table by the adapter's name for it, schema-qualified. */
export const qualifiedTable = (payload: Payload, name: string) => {
  const schema = schemaName(payload)
  return schema !== 'public' ? sql`${sql.identifier(schema)}.${sql.identifier(name)}` : sql.identifier(name)
}

const mapped = (payload: Payload, key: string) => adapterOf(payload).tableNameMap.get(key) ?? key

/** The SQL table name of a collection: keyed as the adapter keys it (snake case), which may shorten it. */
export const tableName = (payload: Payload, collectionSlug: string): string => mapped(payload, toSnakeCase(collectionSlug))

/** A collection's table, ready for a query. */
export const collectionTable = (payload: Payload, collectionSlug: string) => qualifiedTable(payload, tableName(payload, collectionSlug))

/** A collection's versions table. */
export const versionsTable = (payload: Payload, collectionSlug: string) =>
  qualifiedTable(payload, mapped(payload, `_${toSnakeCase(collectionSlug)}${adapterOf(payload).versionsSuffix ?? '_v'}`))

/** A collection's relationships table (hasMany relationships). */
export const relationshipsTable = (payload: Payload, collectionSlug: string) =>
  qualifiedTable(payload, mapped(payload, `${tableName(payload, collectionSlug)}${adapterOf(payload).relationshipsSuffix ?? '_rels'}`))

/** The table of an array field of a collection (e.g. a speaker's `aliases`). */
export const arrayTable = (payload: Payload, collectionSlug: string, field: string) =>
  qualifiedTable(payload, mapped(payload, `${tableName(payload, collectionSlug)}_${toSnakeCase(field)}`))

/** The column a relationships table points to a collection by (`<table>_id`). */
export const relationshipColumn = (payload: Payload, collectionSlug: string) => sql.identifier(`${tableName(payload, collectionSlug)}_id`)

/** The Postgres enum type of a select field (`enum_<table>_<field>`, as the adapter names it), for casts. */
export const enumType = (payload: Payload, collectionSlug: string, field: string) => {
  const name = `enum_${tableName(payload, collectionSlug)}_${toSnakeCase(field)}`
  const enums = (adapterOf(payload) as unknown as { enums?: Record<string, unknown> }).enums
  if (enums && !(name in enums)) throw new Error(`No enum ${name} in the Postgres adapter: is ${collectionSlug}.${field} a select field?`)
  return qualifiedTable(payload, name)
}

/** A collection's versions relationships table (`_<table>_v_rels`), whose paths are `version.<field>`. */
export const versionRelationshipsTable = (payload: Payload, collectionSlug: string) =>
  qualifiedTable(
    payload,
    mapped(payload, `_${toSnakeCase(collectionSlug)}${adapterOf(payload).versionsSuffix ?? '_v'}${adapterOf(payload).relationshipsSuffix ?? '_rels'}`),
  )
