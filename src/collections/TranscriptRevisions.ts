import type { CollectionConfig, FieldAccess } from 'payload'

import type { ResolvedPodcastOptions } from '../types.ts'

import { isStaff, staffOrPublic } from '../access/index.ts'
import { turnsJoin } from '../fields/turnsJoin.ts'
import { publishedRevisionWhere } from '../revisions/readRule.ts'

const maintained = { create: () => false, update: () => false }
const staffRead: FieldAccess = ({ req }) => isStaff(req.user)

/**
 * One version of an episode's transcript: the turns that point to it, and the file they
 * came from. Revisions are written by the plugin only (an import makes a new one; a turn
 * write on a published transcript copies it first), and versions of the episode point to
 * them, so a draft can carry a new transcript while the public keeps reading the one the
 * published version points to. The `is*` flags are maintained from those pointers (see
 * db/revisions) so that every reader, however it reads, can follow one rule.
 */
export const createTranscriptRevisionsCollection = (options: ResolvedPodcastOptions): CollectionConfig => ({
  slug: options.slugs.transcriptRevisions,
  access: {
    create: () => false,
    delete: () => false,
    read: staffOrPublic(publishedRevisionWhere),
    update: () => false,
    ...options.access.transcriptRevisions,
  },
  admin: {
    defaultColumns: ['episode', 'turnCount', 'isPublished', 'isLatest', 'sourceFile', 'createdAt'],
    description: 'Transcripts as imported or edited. Episode versions point to them; the plugin keeps them.',
    group: options.group,
  },
  fields: [
    { name: 'episode', type: 'relationship', admin: { readOnly: true }, index: true, relationTo: options.slugs.episodes },
    {
      type: 'row',
      fields: [
        { name: 'turnCount', type: 'number', access: maintained, admin: { readOnly: true }, defaultValue: 0 },
        { name: 'wordCount', type: 'number', access: maintained, admin: { readOnly: true }, defaultValue: 0 },
      ],
    },
    { name: 'sourceFormat', type: 'text', access: maintained, admin: { readOnly: true } },
    { name: 'sourceFile', type: 'text', access: { ...maintained, read: staffRead }, admin: { readOnly: true } },
    { name: 'sourceChecksum', type: 'text', access: { ...maintained, read: staffRead }, admin: { readOnly: true } },
    {
      type: 'row',
      fields: [
        // What the episode's main document, its published version and its latest version point to. Not indexed:
        // readers reach revisions by id (a turn's) or by episode.
        { name: 'isCurrent', type: 'checkbox', access: { ...maintained, read: staffRead }, admin: { readOnly: true }, defaultValue: false },
        { name: 'isPublished', type: 'checkbox', access: maintained, admin: { readOnly: true }, defaultValue: false },
        { name: 'isLatest', type: 'checkbox', access: { ...maintained, read: staffRead }, admin: { readOnly: true }, defaultValue: false },
      ],
    },
    turnsJoin(options, 'revision'),
  ],
  labels: { plural: 'Transcript revisions', singular: 'Transcript revision' },
})
