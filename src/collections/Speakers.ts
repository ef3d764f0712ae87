import type { CollectionConfig } from 'payload'

import type { ResolvedPodcastOptions } from '../types.ts'

import { staffOnly, editorsOnly, staffOrPublic } from '../access/index.ts'
import { publicVisibilityFields, publicVisibilityWhere } from '../fields/publicVisibility.ts'
import { mergeField } from '../admin/components.ts'
import { slugField } from '../fields/slugField.ts'
import { leanLists } from '../hooks/leanLists.ts'
import { normalizeSpeakerAliases } from '../hooks/normalizeSpeakerAliases.ts'
import { followRevisionInJoins } from '../revisions/readRule.ts'
import { mergeSpeakerEndpoint } from '../endpoints/merge.ts'

export const speakerRoles = [
  { label: 'Host', value: 'host' },
  { label: 'Co-host', value: 'co-host' },
  { label: 'Guest', value: 'guest' },
  { label: 'Announcer', value: 'announcer' },
  { label: 'Other', value: 'other' },
]

export const createSpeakersCollection = (options: ResolvedPodcastOptions): CollectionConfig => ({
  slug: options.slugs.speakers,
  access: {
    create: staffOnly,
    delete: editorsOnly,
    read: staffOrPublic(publicVisibilityWhere),
    update: staffOnly,
    ...options.access.speakers,
  },
  endpoints: options.disabled ? [] : [mergeSpeakerEndpoint],
  // What an episode's hosts and a turn's speaker bring at depth 1.
  defaultPopulate: { guest: true, name: true, role: true, slug: true },
  admin: {
    defaultColumns: ['name', 'role', 'guest', 'updatedAt'],
    description: 'Voices in transcripts. Aliases are the labels a speaker appears under.',
    group: options.group,
    useAsTitle: 'name',
  },
  fields: [
    { name: 'name', type: 'text', required: true },
    slugField('name'),
    ...(options.disabled ? [] : [mergeField]),
    {
      name: 'role',
      type: 'select',
      defaultValue: 'guest',
      index: true,
      options: speakerRoles,
    },
    {
      name: 'aliases',
      type: 'array',
      admin: {
        description: 'Labels as written in transcripts, e.g. "Dr. Michaela". Matching ignores case, punctuation and titles.',
        initCollapsed: true,
      },
      fields: [
        { name: 'label', type: 'text', required: true },
        {
          // Indexed exact-match key for alias lookup; unique across all speakers.
          name: 'normalized',
          type: 'text',
          admin: { readOnly: true },
          index: true,
          unique: true,
        },
      ],
    },
    {
      name: 'guest',
      type: 'relationship',
      admin: { position: 'sidebar', description: 'The public guest profile of this voice.' },
      index: true,
      relationTo: options.slugs.guests,
    },
    {
      // What this voice said, across episodes; the turns' own access applies (published revisions only, for the
      // public), and staff get the turns of the episodes' current revisions (revisions/readRule).
      name: 'turns',
      type: 'join',
      collection: options.slugs.transcriptTurns,
      defaultLimit: 20,
      defaultSort: 'episode',
      on: 'speaker',
    },
    ...publicVisibilityFields,
  ],
  hooks: options.disabled
    ? {}
    : { beforeChange: [normalizeSpeakerAliases], beforeOperation: [leanLists({ joins: ['turns'] }), followRevisionInJoins('turns')] },
  labels: { plural: 'Speakers', singular: 'Speaker' },
})
