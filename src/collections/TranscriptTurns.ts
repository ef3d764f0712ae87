import type { CollectionConfig } from 'payload'

import type { ResolvedPodcastOptions } from '../types.ts'

import { staffOnly, staffOrPublic } from '../access/index.ts'
import { syncAfterTurnChange, syncAfterTurnDelete } from '../hooks/syncAfterTurnChange.ts'
import { countAfterTurnChange, countAfterTurnDelete, writeTurnsToDraftRevision } from '../revisions/draftTurnWrites.ts'
import { followRevisionInTurnReads, publishedTurnsWhere } from '../revisions/readRule.ts'
import { guardTurnWrites, turnWriteAccess } from '../workflow/guardTurnWrites.ts'

/**
 * One speaker turn, in one transcript revision. Turns have no drafts of their own: the
 * episode's versions point to revisions, and the public reads the published one's turns.
 */
export const createTranscriptTurnsCollection = (options: ResolvedPodcastOptions): CollectionConfig => ({
  slug: options.slugs.transcriptTurns,
  access: {
    create: staffOnly,
    delete: turnWriteAccess(false),
    read: staffOrPublic(publishedTurnsWhere),
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
    {
      name: 'revision',
      type: 'relationship',
      admin: { description: 'Set by the plugin: the episode’s latest transcript.', readOnly: true },
      // Never populated: a revision document carries a join of its turns, and 1,000 turns at depth 1 each
      // populating theirs halved the generic find's throughput.
      maxDepth: 0,
      // Indexed by (revision, position) below.
      // Not `required`: Payload writes get it from the episode (revisions/draftTurnWrites), and guardTurnWrites
      // refuses a turn without one.
      relationTo: options.slugs.transcriptRevisions,
    },
    {
      name: 'position',
      type: 'number',
      admin: { step: 1 },
      min: 0,
      required: true,
      validate: (value: null | number | undefined) =>
        (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) || 'Position must be a whole number from 0.',
    },
    { name: 'speaker', type: 'relationship', index: true, relationTo: options.slugs.speakers },
    { name: 'speakerLabel', type: 'text', admin: { description: 'The label as written in the source.' } },
    {
      // Structure, not speech ("Break", "Outro"; option `markers`): no speaker, never a guest, not counted.
      name: 'kind',
      type: 'select',
      defaultValue: 'speech',
      options: [
        { label: 'Speech', value: 'speech' },
        { label: 'Marker', value: 'marker' },
      ],
    },
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
        afterChange: [countAfterTurnChange, syncAfterTurnChange],
        afterDelete: [countAfterTurnDelete, syncAfterTurnDelete],
        beforeChange: [guardTurnWrites(options)],
        beforeOperation: [followRevisionInTurnReads, writeTurnsToDraftRevision(options)],
      },
  // The public transcript is one range scan of this index.
  indexes: [{ fields: ['revision', 'position'], unique: true }],
  labels: { plural: 'Transcript turns', singular: 'Transcript turn' },
})
