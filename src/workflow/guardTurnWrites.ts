import type { Access, CollectionBeforeChangeHook, PayloadRequest, Where } from 'payload'

import type { ResolvedPodcastOptions } from '../types'
import type { WorkflowStatus } from './fields'

import { hasRole, isEditor, isStaff } from '../access/roles'
import { badRequest, forbidden } from '../errors'
import { idOf } from '../utilities/idOf'
import { authorEditable } from './transitions'

/**
 * Which turns a user may change or delete: admins any; editors those of episodes that
 * are not live (a published transcript changes by re-import, or after unpublishing);
 * authors those of episodes they may still edit. A `Where`, so a bulk PATCH or DELETE
 * by `where` touches only those.
 */
export const turnWriteAccess =
  (forAuthors: boolean): Access =>
  ({ req }) => {
    if (hasRole(req.user, 'admin')) return true
    if (isEditor(req.user)) return { 'episode._status': { not_equals: 'published' } } as Where
    if (forAuthors && isStaff(req.user)) return { 'episode.workflowStatus': { in: [...authorEditable] } } as Where
    return false
  }

const episodeOf = async (req: PayloadRequest, collection: string, id: number | string) =>
  (await req.payload
    .findByID({ id, collection: collection as never, depth: 0, disableErrors: true, overrideAccess: true, req, select: { _status: true, workflowStatus: true } as never })
    .catch(() => null)) as { _status?: string; workflowStatus?: WorkflowStatus } | null

/**
 * Turn writes follow their episode's workflow, whichever way they come (REST, GraphQL,
 * the Local API with a user): the same rule as `turnWriteAccess` for the episode a new
 * turn joins, no turn moves to another episode, and a named speaker must exist.
 */
export const guardTurnWrites =
  (options: ResolvedPodcastOptions): CollectionBeforeChangeHook =>
  async ({ data, operation, originalDoc, req }) => {
    if (!req.user || req.context.podcastTrustedWrite) return data
    const current = idOf(originalDoc?.episode)
    if (operation === 'update' && data.episode !== undefined && String(idOf(data.episode)) !== String(current)) {
      throw badRequest('A turn cannot move to another episode.')
    }
    const episodeId = operation === 'create' ? idOf(data.episode) : current
    const episode = episodeId === null || episodeId === undefined ? null : await episodeOf(req, options.slugs.episodes, episodeId)
    if (!episode) throw badRequest('The turn’s episode does not exist.')
    if (!hasRole(req.user, 'admin')) {
      if (episode._status === 'published') {
        throw forbidden('The episode is published: change its transcript by re-importing it, or unpublish it first.')
      }
      if (!isEditor(req.user) && !authorEditable.has(episode.workflowStatus ?? 'draft')) {
        throw forbidden('Authors change transcripts only of episodes in draft or in review.')
      }
    }
    const speaker = idOf(data.speaker)
    if (speaker !== null && speaker !== undefined) {
      const found = await req.payload.findByID({ id: speaker, collection: options.slugs.speakers, depth: 0, disableErrors: true, overrideAccess: true, req, select: {} as never }).catch(() => null)
      if (!found) throw badRequest(`Speaker ${speaker} does not exist.`)
    }
    return data
  }
