import type { CollectionConfig } from 'payload'

import type { ResolvedPodcastOptions } from '../types.ts'

import { staffOnly } from '../access/index.ts'

/**
 * What each merge of two speakers or two guests moved, so staff can see it (and undo it by
 * hand), and a repeated merge is recognised. Written by the merge endpoints only.
 */
export const createMergesCollection = (options: ResolvedPodcastOptions): CollectionConfig => ({
  slug: options.slugs.merges,
  access: { create: () => false, delete: () => false, read: staffOnly, update: () => false, ...options.access.merges },
  admin: {
    defaultColumns: ['kind', 'fromName', 'intoName', 'createdAt'],
    description: 'Speakers and guests merged into another: what moved.',
    group: options.group,
    useAsTitle: 'fromName',
  },
  fields: [
    {
      name: 'kind',
      type: 'select',
      index: true,
      options: [
        { label: 'Speaker', value: 'speaker' },
        { label: 'Guest', value: 'guest' },
      ],
      required: true,
    },
    { name: 'fromId', type: 'text', admin: { description: 'The merged record’s id (it no longer exists).' }, index: true, required: true },
    { name: 'fromName', type: 'text' },
    { name: 'intoId', type: 'text', index: true, required: true },
    { name: 'intoName', type: 'text' },
    {
      name: 'moved',
      type: 'group',
      fields: [
        { name: 'turns', type: 'number', defaultValue: 0 },
        { name: 'aliases', type: 'number', defaultValue: 0 },
        { name: 'episodes', type: 'number', defaultValue: 0 },
        { name: 'speakers', type: 'number', defaultValue: 0 },
      ],
    },
    { name: 'mergedBy', type: 'relationship', relationTo: options.usersCollection },
  ],
  timestamps: true,
})
