import type { Access, CollectionConfig } from 'payload'

import type { ResolvedPodcastOptions } from '../types.ts'

import { isEditor } from '../access/index.ts'
import { batchResults } from '../db/batches.ts'
import { cancelBatchEndpoint, retryBatchEndpoint } from '../endpoints/importBatchActions.ts'
import { importStatusOverrides } from '../import/mapStatus.ts'

export const batchStatuses = ['queued', 'running', 'done', 'failed', 'cancelled'] as const
export type BatchStatus = (typeof batchStatuses)[number]

/**
 * Editors and admins see every batch; anyone else whom the app lets import sees the batches they
 * started. Only users of the staff collection: an account of another auth collection whose id
 * happens to match a staff member's must not read that member's batches.
 */
const creatorOrEditors =
  (usersCollection: string): Access =>
  ({ req }) => {
    if (!req.user || req.user.collection !== usersCollection) return false
    if (isEditor(req.user)) return true
    return { createdBy: { equals: req.user.id } }
  }

const count = (name: string) => ({ name, type: 'number' as const, admin: { readOnly: true }, defaultValue: 0, required: true })

/**
 * A bulk import that runs in the background (import/batchTask): its status and progress
 * while the jobs queue works through its files, then the report of every file (`results`,
 * read from the batch's files when one batch is read). Written only by the plugin: staff
 * cancel and retry through its endpoints.
 */
export const createTranscriptImportBatchesCollection = (options: ResolvedPodcastOptions): CollectionConfig => ({
  slug: options.slugs.transcriptImportBatches,
  access: {
    create: () => false,
    delete: ({ req }) => isEditor(req.user),
    read: creatorOrEditors(options.usersCollection),
    update: () => false,
    ...options.access.transcriptImportBatches,
  },
  admin: {
    defaultColumns: ['createdAt', 'status', 'progress', 'total', 'createdBy'],
    description: 'Bulk imports running in the background: POST /api/transcript-import-batches/:id/cancel or /retry to cancel one or retry its failed files.',
    group: options.group,
    useAsTitle: 'label',
  },
  defaultSort: '-createdAt',
  endpoints: options.disabled ? [] : [cancelBatchEndpoint, retryBatchEndpoint],
  fields: [
    {
      name: 'label',
      type: 'text',
      admin: { readOnly: true },
    },
    {
      name: 'status',
      type: 'select',
      admin: { position: 'sidebar', readOnly: true },
      defaultValue: 'queued',
      index: true,
      options: batchStatuses.map((value) => ({ label: value, value })),
      required: true,
    },
    {
      name: 'progress',
      type: 'text',
      admin: { readOnly: true },
      hooks: {
        afterRead: [
          ({ data }) => {
            const summary = (data?.summary ?? {}) as Record<string, number>
            return `${data?.done ?? 0} / ${data?.total ?? 0}${summary.failed ? `, ${summary.failed} failed` : ''}`
          },
        ],
      },
      virtual: true,
    },
    { type: 'row', fields: [count('total'), count('done')] },
    {
      name: 'summary',
      type: 'group',
      fields: [{ type: 'row', fields: [count('imported'), count('updated'), count('unchanged'), count('failed')] }],
    },
    { name: 'dryRun', type: 'checkbox', admin: { position: 'sidebar', readOnly: true }, defaultValue: false },
    {
      name: 'statusOverride',
      type: 'select',
      admin: { position: 'sidebar', readOnly: true },
      options: importStatusOverrides.map((value) => ({ label: value.replace('_', ' '), value })),
    },
    { name: 'attachTo', type: 'text', admin: { description: 'The episode (id or slug) every file is attached to.', position: 'sidebar', readOnly: true } },
    { name: 'show', type: 'text', admin: { description: 'The show of files that name none.', position: 'sidebar', readOnly: true } },
    { name: 'createdBy', type: 'relationship', admin: { position: 'sidebar', readOnly: true }, index: true, relationTo: options.usersCollection },
    { name: 'error', type: 'text', admin: { readOnly: true } },
    { name: 'finishedAt', type: 'date', admin: { position: 'sidebar', readOnly: true }, index: true },
    /** When a runner last took or finished a file: a batch quiet for a lease is taken over (jobs/maintenance). */
    { name: 'heartbeatAt', type: 'date', admin: { hidden: true }, index: true },
    {
      name: 'results',
      type: 'json',
      admin: { readOnly: true },
      hooks: {
        // One batch read gets every file's report; a list of batches does not read their files.
        afterRead: [async ({ data, findMany, req }) => (findMany || !data?.id ? undefined : batchResults(req.payload, req, data.id))],
      },
      virtual: true,
    },
  ],
  labels: { plural: 'Import batches', singular: 'Import batch' },
  timestamps: true,
})
