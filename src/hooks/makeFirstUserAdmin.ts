import type { CollectionBeforeChangeHook } from 'payload'

/** The first user of an empty install is its admin, whatever roles were sent. */
export const makeFirstUserAdmin: CollectionBeforeChangeHook = async ({ collection, data, operation, req }) => {
  if (operation !== 'create') return data
  const { totalDocs } = await req.payload.count({ collection: collection.slug, overrideAccess: true, req })
  return totalDocs === 0 ? { ...data, roles: ['admin'] } : data
}
