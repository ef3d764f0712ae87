import type { Payload, Where } from 'payload'

const SERIAL = /^\d{1,9}$/
const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i

/** Whether the adapter's ids are text (uuid) rather than serial numbers. */
export const usesUuids = (payload: Payload): boolean => payload.db.defaultIDType === 'text'

/**
 * Whether an id-or-slug parameter can be a row id: a uuid where the adapter uses them, else a
 * number that fits int4 (a longer one can only be a slug).
 */
export const isRowId = (payload: Payload, value: string): boolean => (usesUuids(payload) ? UUID : SERIAL).test(value)

/** A row id as the adapter's driver takes it: a number for serial ids, the text of a uuid. */
export const rowId = (payload: Payload, value: unknown): number | string => (usesUuids(payload) ? String(value) : Number(value))

/** A `where` for an id-or-slug parameter: the row with that id or that slug; a slug only when it cannot be an id. */
export const idOrSlugWhere = (payload: Payload, value: string, slugField = 'slug'): Where =>
  isRowId(payload, value) ? { or: [{ id: { equals: rowId(payload, value) } }, { [slugField]: { equals: value } }] } : { [slugField]: { equals: value } }
