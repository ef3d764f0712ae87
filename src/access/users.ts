import type { Access, CollectionConfig } from 'payload'

import { hasRole } from './roles.ts'

/** Admins see every account; anyone else only their own (another user's id is then a 404). */
const adminOrSelf: Access = ({ req }) => (hasRole(req.user, 'admin') ? true : req.user ? { id: { equals: req.user.id } } : false)

const adminsOnly: Access = ({ req }) => hasRole(req.user, 'admin')

/**
 * The staff accounts' defaults: admins manage users; everyone else reads and edits
 * only their own account (name, email, password; `roles` has its own field access).
 * Payload's default (any logged-in user may do anything to any user) let an author
 * set the admin's password.
 */
export const defaultUsersAccess: NonNullable<CollectionConfig['access']> = {
  create: adminsOnly,
  delete: adminsOnly,
  read: adminOrSelf,
  unlock: adminsOnly,
  update: adminOrSelf,
}
