import type { Access, CollectionBeforeChangeHook, PayloadRequest, Where } from 'payload'

import type { ResolvedPodcastOptions } from '../types.ts'
import type { WorkflowStatus } from './fields.ts'

import { hasRole, isEditor, isStaff } from '../access/roles.ts'
import { countWords } from '../import/parseTranscript.ts'
import { badRequest, forbidden } from '../errors.ts'
import { idOf } from '../utilities/idOf.ts'
import { authorEditable } from './transitions.ts'

const notPublished: Where = { 'revision.isPublished': { not_equals: true } }

/**
 * Which turns a user may change or delete: never those the public reads (a write to one by
 * id goes to a draft copy first: revisions/draftTurnWrites); of the others, admins and
 * editors any, authors those of episodes they may still edit. A `Where`, so a bulk PATCH
 * or DELETE by `where` touches only those.
 */
export const turnWriteAccess =
  (forAuthors: boolean): Access =>
  ({ req }) => {
    if (hasRole(req.user, 'admin') || isEditor(req.user)) return notPublished
    if (forAuthors && isStaff(req.user)) return { and: [notPublished, { 'episode.workflowStatus': { in: [...authorEditable] } }] } as Where
    return false
  }

const find = async <T>(req: PayloadRequest, collection: string, id: number | string, select: Record<string, true>) =>
  (await req.payload
    .findByID({ id, collection: collection as never, depth: 0, disableErrors: true, overrideAccess: true, req, select: select as never })
    .catch(() => null)) as null | T

/**
 * Turn writes follow their episode's workflow, whichever way they come (REST, GraphQL,
 * the Local API): the same rule as `turnWriteAccess` for a new turn, no turn moves to
 * another episode or revision, a revision belongs to its turn's episode, and a named
 * speaker must exist. The word count follows the text.
 */
export const guardTurnWrites =
  (options: ResolvedPodcastOptions): CollectionBeforeChangeHook =>
  async ({ data, operation, originalDoc, req }) => {
    if (typeof data.text === 'string') data.wordCount = countWords(data.text)
    if (req.context.podcastTrustedWrite) return data
    if (operation === 'update') {
      if (data.episode !== undefined && String(idOf(data.episode)) !== String(idOf(originalDoc?.episode)))
        throw badRequest('A turn cannot move to another episode.')
      if (data.revision !== undefined && String(idOf(data.revision)) !== String(idOf(originalDoc?.revision)))
        throw badRequest('A turn cannot move to another transcript revision.')
    }
    const episodeId = idOf(operation === 'create' ? data.episode : originalDoc?.episode)
    const revisionId = idOf(operation === 'create' ? data.revision : originalDoc?.revision)
    const episode =
      episodeId === null || episodeId === undefined
        ? null
        : await find<{ workflowStatus?: WorkflowStatus }>(req, options.slugs.episodes, episodeId, { workflowStatus: true })
    if (!episode) throw badRequest('The turn’s episode does not exist.')
    const revision =
      revisionId === null || revisionId === undefined
        ? null
        : await find<{ episode?: unknown; isPublished?: boolean }>(req, options.slugs.transcriptRevisions, revisionId, { episode: true, isPublished: true })
    if (!revision || String(idOf(revision.episode)) !== String(episodeId)) throw badRequest('The turn’s transcript revision is not one of its episode’s.')
    // Even for admins and trusted code: the published transcript changes only by publishing another.
    if (revision.isPublished) throw forbidden('The turn is in the published transcript: change it in a draft (re-import, or edit it by id).')
    if (req.user && !hasRole(req.user, 'admin') && !isEditor(req.user) && !authorEditable.has(episode.workflowStatus ?? 'draft')) {
      throw forbidden('Authors change transcripts only of episodes in draft or in review.')
    }
    const speaker = idOf(data.speaker)
    if (speaker !== null && speaker !== undefined && !(await find(req, options.slugs.speakers, speaker, {}))) {
      throw badRequest(`Speaker ${speaker} does not exist.`)
    }
    return data
  }
