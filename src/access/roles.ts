import type { PayloadRequest } from 'payload'

import type { UserRole } from '../types.ts'

type MaybeUser = PayloadRequest['user'] | null | undefined

export const userRoles = (user: MaybeUser): UserRole[] => {
  const roles = (user as { roles?: unknown } | null | undefined)?.roles
  return Array.isArray(roles) ? (roles as UserRole[]) : []
}

export const hasRole = (user: MaybeUser, ...roles: UserRole[]): boolean => userRoles(user).some((role) => roles.includes(role))

/** Editors and admins run the editorial workflow. */
export const isEditor = (user: MaybeUser): boolean => hasRole(user, 'admin', 'editor')

/** Anyone with a staff role; a logged-in user of another collection is not staff. */
export const isStaff = (user: MaybeUser): boolean => hasRole(user, 'admin', 'editor', 'author')

/**
 * For hooks that run before Payload's access check (`beforeOperation`): staff, or trusted code
 * (the Local API without a user, which overrides access explicitly). An anonymous REST or
 * GraphQL request has no user and no `overrideAccess`: such hooks leave it to access control,
 * doing no work and taking no lock for it.
 */
export const isStaffOrTrusted = (req: { user?: MaybeUser }, args: { overrideAccess?: boolean }): boolean =>
  req.user ? isStaff(req.user) : args.overrideAccess === true
