import type { Field } from 'payload'

import type { ResolvedPodcastOptions } from '../types.ts'

import { isStaff } from '../access/roles.ts'

export const workflowStatuses = [
  { label: 'Draft', value: 'draft' },
  { label: 'In review', value: 'in_review' },
  { label: 'Approved', value: 'approved' },
  { label: 'Scheduled', value: 'scheduled' },
  { label: 'Published', value: 'published' },
  { label: 'Unpublished', value: 'unpublished' },
  { label: 'Archived', value: 'archived' },
] as const

export type WorkflowStatus = (typeof workflowStatuses)[number]['value']

/** The editorial state beside Payload's `_status`, and the record of who moved it when. */
export const workflowFields = (options: ResolvedPodcastOptions): Field[] => [
  {
    name: 'workflowStatus',
    type: 'select',
    admin: { position: 'sidebar' },
    defaultValue: 'draft',
    index: true,
    options: [...workflowStatuses],
  },
  {
    name: 'workflowComment',
    type: 'textarea',
    admin: { position: 'sidebar', description: 'Optional note recorded with the next status change.' },
    virtual: true,
  },
  {
    name: 'workflowHistory',
    type: 'array',
    // Editorial notes are not public. Written only by the workflow hook, which rebuilds it from what is stored.
    access: { read: ({ req }) => isStaff(req.user) },
    admin: { readOnly: true, initCollapsed: true, position: 'sidebar' },
    fields: [
      { name: 'from', type: 'text' },
      { name: 'to', type: 'text', required: true },
      { name: 'at', type: 'date', required: true },
      { name: 'by', type: 'relationship', relationTo: options.usersCollection },
      // Filled on read for staff (historyNames): editors may not read other users, but need to see who acted.
      { name: 'byName', type: 'text', admin: { readOnly: true }, virtual: true },
      { name: 'comment', type: 'textarea' },
    ],
  },
]
