import type { Field, Where } from 'payload'

/**
 * Guests and speakers are public when marked so, or while they appear in at least
 * one published episode. The second is a maintained flag (see
 * hooks/syncPublicAppearances) so that access control stays a plain `Where` that
 * every read path (REST, GraphQL, depth, joins) applies.
 */
export const publicVisibilityFields: Field[] = [
  {
    name: 'isPublic',
    type: 'checkbox',
    admin: { position: 'sidebar', description: 'Show publicly even without a published episode.' },
    defaultValue: false,
    label: 'Always public',
  },
  {
    name: 'appearsInPublished',
    type: 'checkbox',
    access: { create: () => false, update: () => false },
    admin: { position: 'sidebar', readOnly: true, description: 'Maintained: appears in a published episode.' },
    defaultValue: false,
    index: true,
  },
]

export const publicVisibilityWhere: Where = {
  or: [{ isPublic: { equals: true } }, { appearsInPublished: { equals: true } }],
}
