import type { CollectionConfig, Field } from 'payload'

import type { ResolvedPodcastOptions } from '../types'

import { adminsOnly, hasRole } from '../access'
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
  access: {
    create: adminsOnly,
    delete: adminsOnly,
    read: ({ req }) => (hasRole(req.user, 'admin') ? true : req.user ? { id: { equals: req.user.id } } : false),
    update: ({ req }) => (hasRole(req.user, 'admin') ? true : req.user ? { id: { equals: req.user.id } } : false),
  },
  admin: { useAsTitle: 'email' },
  auth: true,
  fields: [{ name: 'name', type: 'text' }],
})

/** Adds `roles` to the configured auth collection, creating the collection when the app has none. */
export const withUserRoles = (
  collections: CollectionConfig[],
  options: ResolvedPodcastOptions,
): CollectionConfig[] => {
  const existing = collections.find((collection) => collection.slug === options.usersCollection)
  const users = existing ?? basicUsersCollection(options.usersCollection)
  const enhanced: CollectionConfig = {
    ...users,
    admin: { group: 'Users', ...users.admin },
    fields: [...users.fields.filter((field) => !('name' in field && field.name === 'roles')), rolesField],
    hooks: {
      ...users.hooks,
      beforeChange: [...(users.hooks?.beforeChange ?? []), ...(options.disabled ? [] : [makeFirstUserAdmin])],
    },
  }
  return existing
    ? collections.map((collection) => (collection === existing ? enhanced : collection))
    : [...collections, enhanced]
}
