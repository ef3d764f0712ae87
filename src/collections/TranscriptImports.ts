import type { CollectionConfig } from 'payload'

import type { ResolvedPodcastOptions } from '../types.ts'

import { editorsOnly } from '../access/index.ts'
import { CLIENT_COMPONENTS } from '../admin/components.ts'
import { bulkImportEndpoint } from '../endpoints/bulkImport.ts'
import { importStatusOverrides } from '../import/mapStatus.ts'
import { importUploadedTranscript } from '../hooks/importUploadedTranscript.ts'

const outcomes = ['imported', 'updated', 'unchanged', 'failed'] as const

/**
 * One document per uploaded transcript file: staff drop files in (one or many,
 * through Payload's bulk upload), the import hook writes the episode, and the
 * document keeps the report.
 */
export const createTranscriptImportsCollection = (options: ResolvedPodcastOptions): CollectionConfig => ({
  slug: options.slugs.transcriptImports,
  access: {
    create: editorsOnly,
    delete: editorsOnly,
    read: editorsOnly,
    update: editorsOnly,
    ...options.access.transcriptImports,
  },
  admin: {
    defaultColumns: ['filename', 'outcome', 'episode', 'turns', 'createdAt'],
    // Many files in one request, so a transcript and its YAML sidecar travel together (admin/BulkImportFiles).
    components: options.disabled
      ? {}
      : {
          beforeListTable: [
            {
              clientProps: {
                batchesSlug: options.slugs.transcriptImportBatches,
                importsSlug: options.slugs.transcriptImports,
                statuses: [...importStatusOverrides],
              },
              path: `${CLIENT_COMPONENTS}#BulkImportFiles`,
            },
          ],
        },
    description:
      'Upload transcript files (Markdown with front matter, WebVTT, SubRip or Podcasting 2.0 JSON) to create or update episodes. Use "Import files" above the list for many, with their YAML sidecars.',
    group: options.group,
    useAsTitle: 'filename',
  },
  defaultSort: '-createdAt',
  endpoints: options.disabled ? [] : [bulkImportEndpoint],
  fields: [
    {
      name: 'statusOverride',
      type: 'select',
      admin: { description: 'Overrides the status in the files’ front matter.' },
      label: 'Set status',
      options: importStatusOverrides.map((value) => ({ label: value.replace('_', ' '), value })),
    },
    {
      name: 'attachTo',
      type: 'relationship',
      admin: { description: 'Add this transcript to an existing episode (its metadata stays; a published one gets a draft revision).' },
      label: 'Attach to episode',
      relationTo: options.slugs.episodes,
    },
    { name: 'dryRun', type: 'checkbox', admin: { description: 'Check the file without writing anything.' }, defaultValue: false },
    {
      name: 'outcome',
      type: 'select',
      admin: { position: 'sidebar', readOnly: true },
      index: true,
      options: outcomes.map((value) => ({ label: value, value })),
    },
    { name: 'episode', type: 'relationship', admin: { position: 'sidebar', readOnly: true }, relationTo: options.slugs.episodes },
    {
      type: 'row',
      fields: [
        { name: 'turns', type: 'number', admin: { readOnly: true } },
        { name: 'words', type: 'number', admin: { readOnly: true } },
        { name: 'createdSpeakers', type: 'number', admin: { readOnly: true } },
        { name: 'createdGuests', type: 'number', admin: { readOnly: true } },
      ],
    },
    { name: 'errors', type: 'json', admin: { readOnly: true } },
    { name: 'warnings', type: 'json', admin: { readOnly: true } },
    { name: 'importedBy', type: 'relationship', admin: { position: 'sidebar', readOnly: true }, relationTo: options.usersCollection },
  ],
  hooks: options.disabled ? {} : { beforeChange: [importUploadedTranscript] },
  labels: { plural: 'Transcript imports', singular: 'Transcript import' },
  upload: {
    // The import keeps what matters (episode, turns, checksum); the file itself need not be stored.
    disableLocalStorage: true,
  },
})
