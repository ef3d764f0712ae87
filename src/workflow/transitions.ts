import type { WorkflowStatus } from './fields.ts'

/** Where editors and admins may move an episode from each state. */
export const editorTransitions: Record<WorkflowStatus, WorkflowStatus[]> = {
  approved: ['draft', 'in_review', 'scheduled', 'published', 'archived'],
  archived: ['draft'],
  draft: ['in_review', 'approved', 'scheduled', 'published', 'archived'],
  in_review: ['draft', 'approved', 'scheduled', 'published', 'archived'],
  published: ['unpublished', 'archived'],
  scheduled: ['draft', 'approved', 'published', 'archived'],
  unpublished: ['draft', 'published', 'archived'],
}

/** Authors write drafts, submit them for review, and may withdraw them. */
export const authorTransitions: Partial<Record<WorkflowStatus, WorkflowStatus[]>> = {
  draft: ['in_review'],
  in_review: ['draft'],
}

/** States in which an author may still change an episode. */
export const authorEditable = new Set<WorkflowStatus>(['draft', 'in_review'])

/** States a new episode may start in, for editors; authors start in draft or in review. */
export const editorInitial = new Set<WorkflowStatus>(['draft', 'in_review', 'approved', 'scheduled', 'published'])
