import type { CollectionConfig, FieldAccess } from 'payload'

import type { ResolvedPodcastOptions } from '../types.ts'

import { episodeTypes } from './episodeTypes.ts'
import { editorsOnly, isStaff, staffOnly, staffOrPublic } from '../access/index.ts'
import { chaptersEndpoint } from '../endpoints/chapters.ts'
import { episodeTranscriptEndpoint } from '../endpoints/episodeTranscript.ts'
import { latestEpisodesEndpoint } from '../endpoints/latestEpisodes.ts'
import { transcriptFileEndpoint } from '../endpoints/transcriptFile.ts'
import { slugField } from '../fields/slugField.ts'
import { turnsJoin } from '../fields/turnsJoin.ts'
import { deleteEpisodeTurns } from '../hooks/deleteEpisodeTurns.ts'
import { hideStaffFields } from '../hooks/hideStaffFields.ts'
import { leanLists } from '../hooks/leanLists.ts'
import { pruneEpisodeVersions } from '../hooks/pruneEpisodeVersions.ts'
import { afterEpisodeChange, afterEpisodeDelete } from '../workflow/afterEpisodeChange.ts'
import { enforceWorkflow, noteDraftArg } from '../workflow/enforceWorkflow.ts'
import { followRevisionInJoins } from '../revisions/readRule.ts'
import { nameHistoryAuthors } from '../workflow/historyNames.ts'
import { episodeIdentity } from '../shows/episodeIdentity.ts'
import { feedStatusOf } from '../shows/feedStatus.ts'
import { webUrl } from '../fields/webUrl.ts'
import { serializeEpisodeWrites } from '../workflow/serializeEpisodeWrites.ts'
import { workflowFields } from '../workflow/fields.ts'

/** Import bookkeeping (file names from staff's disks, checksums) is not for the public. */
const staffRead: FieldAccess = ({ req }) => isStaff(req.user)

/**
 * The transcript's metadata describes the turns of the revision the version points to, so only the importer
 * (a trusted write) sets it: a save from a form loaded before an import would otherwise
 * put the old file's counts and checksum back beside the new turns.
 */
const importerOnly = { create: () => false, update: () => false }

export { episodeTypes } from './episodeTypes.ts'

export const createEpisodesCollection = (options: ResolvedPodcastOptions): CollectionConfig => ({
  slug: options.slugs.episodes,
  access: {
    create: staffOnly,
    delete: editorsOnly,
    read: staffOrPublic({ _status: { equals: 'published' } }),
    readVersions: staffOnly,
    update: staffOnly,
    ...options.access.episodes,
  },
  admin: {
    defaultColumns: ['title', 'episodeNumber', 'workflowStatus', 'publishedAt', 'updatedAt'],
    group: options.group,
    listSearchableFields: ['title', 'slug', 'summary'],
    livePreview: { url: ({ data }) => options.previewUrl(data) },
    preview: (doc) => options.previewUrl(doc),
    useAsTitle: 'title',
  },
  defaultSort: '-publishedAt',
  endpoints: options.disabled ? [] : [latestEpisodesEndpoint, episodeTranscriptEndpoint, transcriptFileEndpoint, chaptersEndpoint],
  fields: [
    {
      type: 'tabs',
      tabs: [
        {
          label: 'Episode',
          fields: [
            { name: 'title', type: 'text', required: true },
            {
              type: 'row',
              fields: [
                { name: 'episodeNumber', type: 'number', admin: { step: 1 }, index: true, min: 0 },
                { name: 'season', type: 'number', admin: { step: 1 }, min: 0 },
                {
                  name: 'episodeType',
                  type: 'select',
                  defaultValue: 'full',
                  options: episodeTypes,
                },
              ],
            },
            { name: 'summary', type: 'textarea' },
            { name: 'showNotes', type: 'richText' },
            {
              type: 'row',
              fields: [
                { name: 'explicit', type: 'checkbox', defaultValue: false },
                {
                  name: 'image',
                  type: 'text',
                  admin: { description: 'The episode’s own artwork (URL), for itunes:image.' },
                  validate: webUrl,
                },
              ],
            },
            {
              name: 'guests',
              type: 'relationship',
              hasMany: true,
              relationTo: options.slugs.guests,
            },
            {
              name: 'hosts',
              type: 'relationship',
              hasMany: true,
              relationTo: options.slugs.speakers,
            },
          ],
        },
        {
          label: 'Audio',
          fields: [
            {
              name: 'audio',
              type: 'group',
              fields: [
                { name: 'url', type: 'text', label: 'Audio URL' },
                {
                  type: 'row',
                  fields: [
                    { name: 'mimeType', type: 'text', defaultValue: 'audio/mpeg' },
                    { name: 'byteLength', type: 'number', admin: { step: 1 }, min: 0 },
                  ],
                },
              ],
            },
            { name: 'duration', type: 'number', admin: { description: 'Seconds' }, min: 0 },
          ],
        },
        {
          label: 'Chapters',
          fields: [
            {
              name: 'chapters',
              type: 'array',
              admin: { description: 'Served as /api/episodes/<slug>/chapters.json and linked from the feed.' },
              fields: [
                {
                  type: 'row',
                  fields: [
                    { name: 'startTime', type: 'number', admin: { description: 'Seconds' }, min: 0, required: true },
                    { name: 'title', type: 'text', required: true },
                  ],
                },
                {
                  type: 'row',
                  fields: [
                    { name: 'url', type: 'text', validate: webUrl },
                    { name: 'image', type: 'text', validate: webUrl },
                  ],
                },
              ],
            },
          ],
        },
        {
          label: 'Transcript',
          fields: [
            {
              name: 'transcript',
              type: 'group',
              admin: { description: 'Filled in by the transcript import.' },
              fields: [
                {
                  type: 'row',
                  fields: [
                    { name: 'language', type: 'text', defaultValue: 'en' },
                    { name: 'sourceFormat', type: 'text', access: importerOnly, admin: { readOnly: true } },
                    { name: 'sourceFile', type: 'text', access: { ...importerOnly, read: staffRead }, admin: { readOnly: true } },
                  ],
                },
                { name: 'sourceChecksum', type: 'text', access: { ...importerOnly, read: staffRead }, admin: { readOnly: true }, index: true },
                {
                  // Versioned like every field: the published version and a draft can point to different revisions.
                  name: 'revision',
                  type: 'relationship',
                  access: importerOnly,
                  admin: { description: 'The transcript this version of the episode carries.', readOnly: true },
                  relationTo: options.slugs.transcriptRevisions,
                },
                {
                  type: 'row',
                  fields: [
                    { name: 'importedAt', type: 'date', access: importerOnly, admin: { readOnly: true } },
                    { name: 'turnCount', type: 'number', access: importerOnly, admin: { readOnly: true }, defaultValue: 0 },
                    { name: 'wordCount', type: 'number', access: importerOnly, admin: { readOnly: true }, defaultValue: 0 },
                  ],
                },
              ],
            },
            // Lists the turns of the revision the version read points to (revisions/readRule).
            turnsJoin(options, 'episode'),
          ],
        },
      ],
    },
    slugField('title'),
    { name: 'show', type: 'relationship', admin: { position: 'sidebar' }, index: true, relationTo: options.slugs.shows },
    {
      name: 'guid',
      type: 'text',
      admin: { description: 'The feed item’s guid: given once or generated, then never changed.', position: 'sidebar' },
      index: true,
      unique: true,
    },
    {
      name: 'feedStatus',
      type: 'text',
      admin: { description: 'Whether podcast apps get this episode, and if not, why.', position: 'sidebar', readOnly: true },
      hooks: { afterRead: [({ data }) => (data ? feedStatusOf(data) : null)], beforeChange: [() => undefined] },
      virtual: true,
    },
    { name: 'permalink', type: 'text', admin: { position: 'sidebar', description: 'As written in the source.' } },
    {
      name: 'publishedAt',
      type: 'date',
      admin: { date: { pickerAppearance: 'dayAndTime' }, position: 'sidebar' },
      index: true,
    },
    ...workflowFields(options),
  ],
  hooks: options.disabled
    ? {}
    : {
        afterChange: [afterEpisodeChange, pruneEpisodeVersions],
        afterDelete: [afterEpisodeDelete],
        afterRead: [hideStaffFields(['workflowHistory']), nameHistoryAuthors(options)],
        beforeChange: [enforceWorkflow, episodeIdentity],
        beforeDelete: [deleteEpisodeTurns],
        beforeOperation: [
          leanLists({
            joins: ['turns'],
            populate: { [options.slugs.transcriptRevisions]: { isPublished: true, sourceFormat: true, turnCount: true, wordCount: true } },
            staffOnly: ['workflowHistory'],
          }),
          noteDraftArg,
          serializeEpisodeWrites,
          followRevisionInJoins('turns'),
        ],
      },
  labels: { plural: 'Episodes', singular: 'Episode' },
  // The plugin prunes versions itself (pruneEpisodeVersions), more cheaply; disabled, Payload does.
  versions: { drafts: true, maxPerDoc: options.disabled ? options.versionsPerEpisode : 0 },
})
