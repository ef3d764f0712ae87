import type { CollectionConfig, Field } from 'payload'

import type { ResolvedPodcastOptions } from '../types.ts'

import { editorsOnly, staffOnly, staffOrPublic } from '../access/index.ts'
import { publicVisibilityFields, publicVisibilityWhere } from '../fields/publicVisibility.ts'
import { mergeField } from '../admin/components.ts'
import { slugField } from '../fields/slugField.ts'
import { leanLists } from '../hooks/leanLists.ts'
import { mergeGuestEndpoint } from '../endpoints/merge.ts'

export const createGuestsCollection = (options: ResolvedPodcastOptions): CollectionConfig => {
  const photo: Field[] = options.guestPhotoCollection ? [{ name: 'photo', type: 'upload', relationTo: options.guestPhotoCollection }] : []
  return {
    slug: options.slugs.guests,
    access: {
      create: staffOnly,
      delete: editorsOnly,
      read: staffOrPublic(publicVisibilityWhere),
      update: staffOnly,
      ...options.access.guests,
    },
    endpoints: options.disabled ? [] : [mergeGuestEndpoint],
    // What an episode's guests bring at depth 1: a card, not the bio, links and episodes.
    defaultPopulate: { headline: true, name: true, slug: true, ...(options.guestPhotoCollection ? { photo: true } : {}) },
    admin: {
      defaultColumns: ['name', 'headline', 'updatedAt'],
      description: 'Public profiles of the people who appear on the show.',
      group: options.group,
      useAsTitle: 'name',
    },
    fields: [
      { name: 'name', type: 'text', required: true },
      slugField('name'),
      ...(options.disabled ? [] : [mergeField]),
      { name: 'headline', type: 'text', admin: { description: 'Role and company, e.g. "Staff Engineer at Acme".' } },
      { name: 'bio', type: 'richText' },
      {
        name: 'links',
        type: 'array',
        fields: [
          { name: 'label', type: 'text', required: true },
          { name: 'url', type: 'text', required: true },
        ],
      },
      ...photo,
      {
        name: 'episodes',
        type: 'join',
        collection: options.slugs.episodes,
        defaultSort: '-publishedAt',
        on: 'guests',
      },
      ...publicVisibilityFields,
    ],
    hooks: options.disabled ? {} : { beforeOperation: [leanLists({ joins: ['episodes'] })] },
    labels: { plural: 'Guests', singular: 'Guest' },
  }
}
