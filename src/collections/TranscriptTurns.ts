import type { CollectionConfig } from 'payload'

import type { ResolvedPodcastOptions } from '../types'

import { staffOnly, staffOrPublic } from '../access'
import { syncAfterTurnChange, syncAfterTurnDelete } from '../hooks/syncAfterTurnChange'
import { guardTurnWrites, turnWriteAccess } from '../workflow/guardTurnWrites'

/** One speaker turn. Turns have no drafts: their episode's status governs who may read and write them. */
export const createTranscriptTurnsCollection = (options: ResolvedPodcastOptions): CollectionConfig => ({
  slug: options.slugs.transcriptTurns,
  access: {
    create: staffOnly,
    delete: turnWriteAccess(false),
    read: staffOrPublic({ 'episode._status': { equals: 'published' } }),
    update: turnWriteAccess(true),
    ...options.access.transcriptTurns,
  },
  admin: {
    defaultColumns: ['episode', 'position', 'speakerLabel', 'timestamp', 'text'],
    group: options.group,
    listSearchableFields: ['text', 'speakerLabel'],
    useAsTitle: 'speakerLabel',
  },
  fields: [
    {
      name: 'episode',
      type: 'relationship',
      index: true,
      relationTo: options.slugs.episodes,
      required: true,
    },
    { name: 'position', type: 'number', admin: { step: 1 }, min: 0, required: true },
    { name: 'speaker', type: 'relationship', index: true, relationTo: options.slugs.speakers },
    { name: 'speakerLabel', type: 'text', admin: { description: 'The label as written in the source.' } },
    {
      type: 'row',
      fields: [
        { name: 'start', type: 'number', admin: { description: 'Seconds' } },
        { name: 'end', type: 'number', admin: { description: 'Seconds' } },
        { name: 'timestamp', type: 'text', admin: { description: 'As written' } },
      ],
    },
    { name: 'text', type: 'textarea', admin: { description: 'Markdown as written.' }, required: true },
    { name: 'wordCount', type: 'number', defaultValue: 0 },
  ],
  hooks: options.disabled
    ? {}
    : {
        afterChange: [syncAfterTurnChange],
        afterDelete: [syncAfterTurnDelete],
        beforeChange: [guardTurnWrites(options)],
      },
  indexes: [{ fields: ['episode', 'position'], unique: true }],
  labels: { plural: 'Transcript turns', singular: 'Transcript turn' },
})
