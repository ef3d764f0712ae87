import type { CollectionBeforeChangeHook, CollectionBeforeOperationHook } from 'payload'

import { badRequest, forbidden } from '../errors.ts'
import type { WorkflowStatus } from './fields.ts'

import { isEditor, isStaff } from '../access/index.ts'
import { isStaffOrTrusted } from '../access/roles.ts'
import { authorEditable, authorTransitions, editorInitial, editorTransitions } from './transitions.ts'

/**
 * Payload does not tell change hooks whether a write is a draft save, and a draft
 * save looks like an unpublish (`_status: 'draft'`) from inside one; note it here.
 * For reads, the public never sees drafts, whatever `?draft=true` says.
 */
export const noteDraftArg: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  const draft = (args as { draft?: boolean }).draft
  if (operation === 'create' || operation === 'update' || operation === 'updateByID') {
    req.context.podcastEpisodeDraftSave = Boolean(draft)
  }
  // Trusted code (the Local API overriding access, the CLI's imports among it) reads drafts as staff do.
  if ((operation === 'read' || operation === 'readDistinct') && draft && !isStaffOrTrusted(req, args as { overrideAccess?: boolean })) {
    return { ...args, draft: false }
  }
  return args
}

type HistoryEntry = { at: string; by?: null | number | string; comment?: null | string; from?: null | string; to: string }

/**
 * The editorial workflow, enforced on every write (REST, GraphQL, Local API with a
 * user): who may move an episode where, `_status` kept in step (only `published`
 * is public), `publishedAt` stamped, and each transition recorded with who, when
 * and the optional comment. Writes without a user (imports, jobs) are trusted.
 */
export const enforceWorkflow: CollectionBeforeChangeHook = ({ data, operation, originalDoc, req }) => {
  const user = req.user
  const draftSave = Boolean(req.context.podcastEpisodeDraftSave) && data._status !== 'published'
  const from: null | WorkflowStatus = operation === 'create' ? null : (originalDoc?.workflowStatus ?? 'draft')
  const requested = data.workflowStatus as undefined | WorkflowStatus
  let to: WorkflowStatus = requested ?? from ?? 'draft'

  // Payload's own Publish / Unpublish (the admin buttons) change `_status`; map them onto the workflow.
  // `data` carries the stored `_status` too, so only a change of it is an intent.
  const statusChanged = data._status !== undefined && data._status !== originalDoc?._status
  if (!draftSave && statusChanged) {
    if (data._status === 'published' && to !== 'published') {
      // On create, `draft` is only the field's default.
      const explicit = requested && requested !== from && !(operation === 'create' && requested === 'draft')
      if (explicit) throw badRequest(`Cannot publish and set the status to "${requested}" at once.`)
      to = 'published'
    } else if (data._status === 'draft' && from === 'published' && to === 'published') {
      to = 'unpublished'
    }
  }

  if (user && !req.context.podcastTrustedWrite) {
    if (!isStaff(user)) throw forbidden('Only staff may change episodes.')
    if (!isEditor(user)) {
      if (from === null) {
        if (to !== 'draft' && to !== 'in_review') throw forbidden('Authors create drafts; an editor publishes.')
      } else {
        if (!authorEditable.has(from)) throw forbidden(`Authors cannot change an episode that is ${from.replace('_', ' ')}.`)
        if (to !== from && !authorTransitions[from]?.includes(to)) throw forbidden(`Authors cannot move an episode to ${to.replace('_', ' ')}.`)
      }
    } else if (from === null ? !editorInitial.has(to) : to !== from && !editorTransitions[from].includes(to)) {
      throw badRequest(`An episode cannot go from ${from ?? 'new'} to ${to}.`)
    }
  }

  if (to === 'scheduled' && to !== from) {
    const when = new Date((data.publishedAt ?? originalDoc?.publishedAt) as string)
    if (Number.isNaN(when.getTime()) || when.getTime() <= Date.now()) {
      throw badRequest('To schedule an episode, set publishedAt to a time in the future.')
    }
  }
  if (draftSave && to !== from && (to === 'published' || from === 'published')) {
    throw badRequest('Publishing and unpublishing take effect on save, not on a draft save.')
  }

  const next: Record<string, unknown> = { ...data, workflowStatus: to }
  if (!draftSave) next._status = to === 'published' ? 'published' : 'draft'
  if (to === 'published' && from !== 'published' && !next.publishedAt && !originalDoc?.publishedAt) {
    next.publishedAt = new Date().toISOString()
  }
  // History is rebuilt from what is stored: clients cannot rewrite it.
  const history: HistoryEntry[] = ((originalDoc?.workflowHistory ?? []) as HistoryEntry[]).map(({ at, by, comment, from: f, to: t }) => ({
    at,
    by: by && typeof by === 'object' ? (by as { id: number | string }).id : by,
    comment,
    from: f,
    to: t,
  }))
  if (to !== from) {
    const comment = typeof data.workflowComment === 'string' && data.workflowComment.trim() ? data.workflowComment.trim() : null
    history.push({ at: new Date().toISOString(), by: user?.id ?? null, comment, from, to })
  }
  next.workflowHistory = history
  delete next.workflowComment
  return next
}
