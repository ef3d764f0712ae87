import type { CollectionBeforeChangeHook, CollectionBeforeDeleteHook, PayloadRequest } from 'payload'


import { badRequest } from '../errors'
import { hasRole } from '../access/roles'
import { lockAdminChanges } from '../db/locks'

/** Admins other than `id`, counted while holding the admin-changes lock, so concurrent demotions see each other. */
const otherAdmins = async (req: PayloadRequest, collection: string, id: number | string) => {
  await lockAdminChanges(req.payload, req)
  const { totalDocs } = await req.payload.count({
    collection: collection as never,
    overrideAccess: true,
    req,
    where: { and: [{ roles: { in: ['admin'] } }, { id: { not_equals: id } }] },
  })
  return totalDocs
}

const lastAdmin = (action: string) =>
  badRequest(`The last admin cannot be ${action}: make another user an admin first.`)

/**
 * An install always keeps one admin: no user can demote or delete the last one.
 * Writes without a user (the Local API's trusted code, seeding) are not checked.
 */
export const keepLastAdminOnChange: CollectionBeforeChangeHook = async ({ collection, data, operation, originalDoc, req }) => {
  if (!req.user || operation !== 'update' || !originalDoc || !hasRole(originalDoc, 'admin')) return data
  if (data.roles === undefined || hasRole(data as never, 'admin')) return data
  if ((await otherAdmins(req, collection.slug, originalDoc.id)) === 0) throw lastAdmin('demoted')
  return data
}

export const keepLastAdminOnDelete: CollectionBeforeDeleteHook = async ({ collection, id, req }) => {
  if (!req.user) return
  const doc = await req.payload.findByID({ id, collection: collection.slug as never, depth: 0, disableErrors: true, overrideAccess: true, req })
  if (doc && hasRole(doc as never, 'admin') && (await otherAdmins(req, collection.slug, id)) === 0) throw lastAdmin('deleted')
}
