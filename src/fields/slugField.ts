import type { TextField } from 'payload'

import { slugFromPermalink, slugify } from '../utilities/slugify.ts'

/**
 * A unique, indexed slug, filled from `permalink` (when the collection has one)
 * or from `from` when left empty.
 */
export const slugField = (from: string): TextField => ({
  name: 'slug',
  type: 'text',
  admin: { position: 'sidebar', description: 'Leave empty to derive it from the permalink or title.' },
  hooks: {
    beforeValidate: [
      ({ data, value }) => {
        if (typeof value === 'string' && value.trim()) return slugify(value)
        const permalink = data?.permalink
        if (typeof permalink === 'string' && permalink.trim()) return slugFromPermalink(permalink)
        const source = data?.[from]
        return typeof source === 'string' && source.trim() ? slugify(source) : value
      },
    ],
  },
  index: true,
  unique: true,
  // Not `required`: that would make GraphQL and REST clients send a slug the hook derives anyway.
  validate: (value: unknown) => (typeof value === 'string' && value.length > 0) || 'A slug is needed (or a title to derive it from).',
})
