import type { CollectionConfig, Field } from 'payload'

import type { ResolvedPodcastOptions } from '../types.ts'

import { hasRole } from '../access/index.ts'
import { createLoginThrottle } from '../auth/loginThrottle.ts'
import { defaultUsersAccess } from '../access/users.ts'
import { keepLastAdmin, lockBeforeUserWrites } from '../hooks/keepLastAdmin.ts'
import { makeFirstUserAdmin } from '../hooks/makeFirstUserAdmin.ts'

export const userRoleOptions = [
  { label: 'Admin', value: 'admin' },
  { label: 'Editor', value: 'editor' },
  { label: 'Author', value: 'author' },
]

const rolesField = {
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
} satisfies Field

/**
 * The app's own `roles` field is kept when it can hold the plugin's roles (a select with
 * `hasMany` and the options admin, editor and author), completed with what the plugin
 * relies on (roles in the token, admin-only changes); any other `roles` field is an error.
 */
const mergeRolesField = (existing: Field | undefined): Field => {
  if (!existing) return rolesField
  const values = existing.type === 'select' ? existing.options.map((option) => (typeof option === 'string' ? option : option.value)) : []
  const compatible = existing.type === 'select' && existing.hasMany && userRoleOptions.every(({ value }) => values.includes(value))
  if (!compatible) {
    throw new Error(
      'The users collection has a "roles" field the podcast plugin cannot use: it needs a select with hasMany and the options admin, editor and author. Rename that field, or remove it and the plugin adds its own.',
    )
  }
  return { ...existing, access: { ...rolesField.access, ...existing.access }, saveToJWT: true } as Field
}

const isRoles = (field: Field) => 'name' in field && field.name === 'roles'

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
export const withUserRoles = (collections: CollectionConfig[], options: ResolvedPodcastOptions): CollectionConfig[] => {
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
    fields: [...users.fields.filter((field) => !isRoles(field)), mergeRolesField(users.fields.find(isRoles))],
    hooks: {
      ...users.hooks,
      afterLogin: [...(users.hooks?.afterLogin ?? []), ...(throttle ? [throttle.afterLogin] : [])],
      afterOperation: [...(users.hooks?.afterOperation ?? []), ...(options.disabled ? [] : [keepLastAdmin])],
      beforeChange: [...(users.hooks?.beforeChange ?? []), ...(options.disabled ? [] : [makeFirstUserAdmin])],
      beforeOperation: [
        ...(throttle ? [throttle.beforeOperation] : []),
        ...(options.disabled ? [] : [lockBeforeUserWrites]),
        ...(users.hooks?.beforeOperation ?? []),
      ],
    },
  }
  return existing ? collections.map((collection) => (collection === existing ? enhanced : collection)) : [...collections, enhanced]
}
