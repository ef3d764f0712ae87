import type { CollectionConfig, Field } from 'payload'

import type { ResolvedPodcastOptions } from '../types'

import { hasRole } from '../access'
import { createLoginThrottle } from '../auth/loginThrottle'
import { defaultUsersAccess } from '../access/users'
import { keepLastAdminOnChange, keepLastAdminOnDelete } from '../hooks/keepLastAdmin'
import { makeFirstUserAdmin } from '../hooks/makeFirstUserAdmin'

export const userRoleOptions = [
  { label: 'Admin', value: 'admin' },
  { label: 'Editor', value: 'editor' },
  { label: 'Author', value: 'author' },
]

const rolesField: Field = {
  name: 'roles',
  type: 'select',
  access: {
    // Only admins hand out roles; the first user becomes admin through a hook.
    create: ({ req }) => hasRole(req.user, 'admin'),
    update: ({ req }) => hasRole(req.user, 'admin'),
  },
  admin: { position: 'sidebar' },
  defaultValue: ['author'],
  hasMany: true,
  options: userRoleOptions,
  saveToJWT: true,
}

const basicUsersCollection = (slug: string): CollectionConfig => ({
  slug,
  admin: { useAsTitle: 'email' },
  auth: true,
  fields: [{ name: 'name', type: 'text' }],
})

/**
 * Adds `roles` to the configured auth collection, creating the collection when the app has none.
 * Access: the plugin's defaults for every operation the app left open, the app's own functions
 * kept, and `options.access.users` over both.
 */
export const withUserRoles = (
  collections: CollectionConfig[],
  options: ResolvedPodcastOptions,
): CollectionConfig[] => {
  const existing = collections.find((collection) => collection.slug === options.usersCollection)
  const users = existing ?? basicUsersCollection(options.usersCollection)
  const throttle = options.disabled || !options.loginThrottle ? undefined : createLoginThrottle(options.loginThrottle)
  const auth = typeof users.auth === 'object' ? users.auth : {}
  const enhanced: CollectionConfig = {
    ...users,
    access: { ...defaultUsersAccess, ...users.access, ...options.access.users },
    admin: { group: 'Users', ...users.admin },
    // The throttle replaces Payload's lockout (5 failures locked the account for everyone), unless the app set its own.
    auth: throttle && auth.maxLoginAttempts === undefined ? { ...auth, maxLoginAttempts: 0 } : users.auth,
    fields: [...users.fields.filter((field) => !('name' in field && field.name === 'roles')), rolesField],
    hooks: {
      ...users.hooks,
      beforeChange: [...(users.hooks?.beforeChange ?? []), ...(options.disabled ? [] : [makeFirstUserAdmin, keepLastAdminOnChange])],
      beforeDelete: [...(users.hooks?.beforeDelete ?? []), ...(options.disabled ? [] : [keepLastAdminOnDelete])],
      afterLogin: [...(users.hooks?.afterLogin ?? []), ...(throttle ? [throttle.afterLogin] : [])],
      beforeOperation: [...(throttle ? [throttle.beforeOperation] : []), ...(users.hooks?.beforeOperation ?? [])],
    },
  }
  return existing
    ? collections.map((collection) => (collection === existing ? enhanced : collection))
    : [...collections, enhanced]
}
