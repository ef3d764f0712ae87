import type { CollectionAfterOperationHook, CollectionBeforeOperationHook } from 'payload'

import { lockAdminChanges } from '../db/locks.ts'
import { badRequest } from '../errors.ts'

const WRITES = new Set(['delete', 'deleteByID', 'update', 'updateByID'])

/**
 * An install always keeps one admin. Every user write through the API takes one lock
 * first, so writes that could remove admins run one after another; after the write,
 * still inside its transaction, the admins left are counted and none left undoes it.
 * Counting after the write, once per operation, also covers bulk writes by `where`,
 * whose documents Payload changes all at once. Writes without a user (the Local API's
 * trusted code, seeding) are not checked.
 */
export const lockBeforeUserWrites: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (req.user && (operation === 'update' || operation === 'delete')) await lockAdminChanges(req.payload, req)
  return args
}

export const keepLastAdmin: CollectionAfterOperationHook = async ({ collection, operation, req, result }) => {
  if (!req.user || !WRITES.has(operation)) return result
  const { totalDocs } = await req.payload.count({ collection: collection.slug as never, overrideAccess: true, req, where: { roles: { in: ['admin'] } } })
  if (totalDocs === 0) {
    throw badRequest(`The last admin cannot be ${operation.startsWith('delete') ? 'deleted' : 'demoted'}: make another user an admin first.`)
  }
  return result
}
