import type { Access, Where } from 'payload'

import { hasRole, isEditor, isStaff } from './roles.ts'

export const staffOnly: Access = ({ req }) => isStaff(req.user)

export const editorsOnly: Access = ({ req }) => isEditor(req.user)

export const adminsOnly: Access = ({ req }) => hasRole(req.user, 'admin')

/** Staff read everything; the public reads what matches `publicWhere`. */
export const staffOrPublic =
  (publicWhere: Where): Access =>
  ({ req }) =>
    isStaff(req.user) ? true : publicWhere

export { hasRole, isEditor, isStaff, userRoles } from './roles.ts'
