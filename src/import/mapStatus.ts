import type { WorkflowStatus } from '../workflow/fields.ts'

/** Statuses an import may set explicitly (the CLI's and REST's `status` override). */
export const importStatusOverrides = ['draft', 'in_review', 'published'] as const
export type ImportStatusOverride = (typeof importStatusOverrides)[number]

export type MappedStatus = {
  /** Payload's `_status`: only `published` is public. */
  publish: boolean
  /** When the episode should go live (scheduled) or went live (published). */
  publishAt: Date | null
  workflowStatus: WorkflowStatus
}

const toDate = (value: unknown): Date | null => {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value
  if (typeof value === 'string' || typeof value === 'number') {
    const date = new Date(value)
    return Number.isNaN(date.getTime()) ? null : date
  }
  return null
}

/**
 * Maps a WordPress-style front-matter `status` onto the workflow: publish →
 * published, draft/private → draft, pending → in review, future + date →
 * scheduled. An explicit override wins.
 */
export const mapStatus = ({ date, override, status }: { date?: unknown; override?: ImportStatusOverride; status: null | string }): MappedStatus => {
  const when = toDate(date)
  const chosen = override ?? status?.trim().toLowerCase() ?? 'draft'
  switch (chosen) {
    case 'publish':
    case 'published':
      return { publish: true, publishAt: when, workflowStatus: 'published' }
    case 'pending':
    case 'in_review':
      return { publish: false, publishAt: null, workflowStatus: 'in_review' }
    case 'future':
      return when && when.getTime() > Date.now()
        ? { publish: false, publishAt: when, workflowStatus: 'scheduled' }
        : // A `future` date already past has gone live in the source system.
          { publish: Boolean(when), publishAt: when, workflowStatus: when ? 'published' : 'draft' }
    default:
      return { publish: false, publishAt: null, workflowStatus: 'draft' }
  }
}
