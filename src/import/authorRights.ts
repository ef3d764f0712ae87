import type { PayloadRequest } from 'payload'

import type { WorkflowStatus } from '../workflow/fields.ts'
import type { ImportStatusOverride, MappedStatus } from './mapStatus.ts'

import { isEditor } from '../access/roles.ts'
import { forbidden } from '../errors.ts'
import { authorEditable } from '../workflow/transitions.ts'

/**
 * The importer writes as a trusted caller, but the importing user's workflow rights
 * still apply: an author's import makes or changes drafts and reviews only. A front
 * matter `status` beyond that (WordPress exports say `publish`) becomes a draft, with
 * a warning; an explicit status beyond it, or an episode the author may no longer
 * edit, fails the file. Editors, admins and userless callers (the CLI) may set any.
 */
export const withinAuthorRights = ({
  existingStatus,
  mapped,
  statusOverride,
  user,
}: {
  existingStatus?: WorkflowStatus
  mapped: MappedStatus
  statusOverride?: ImportStatusOverride
  user: PayloadRequest['user'] | undefined
}): { mapped: MappedStatus; warning?: string } => {
  if (!user || isEditor(user)) return { mapped }
  if (existingStatus && !authorEditable.has(existingStatus)) {
    throw forbidden(`Authors cannot change an episode that is ${existingStatus.replace('_', ' ')}; ask an editor to import it.`)
  }
  if (authorEditable.has(mapped.workflowStatus) && !mapped.publish) return { mapped }
  if (statusOverride) throw forbidden(`Authors import drafts and episodes for review, not "${statusOverride.replace('_', ' ')}".`)
  return {
    mapped: { publish: false, publishAt: null, workflowStatus: 'draft' },
    warning: `The file's status (${mapped.workflowStatus.replace('_', ' ')}) is an editor's to set: imported as a draft.`,
  }
}
