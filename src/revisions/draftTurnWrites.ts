import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionBeforeOperationHook, PayloadRequest } from 'payload'

import type { ResolvedPodcastOptions } from '../types.ts'

import { isEditor, isStaffOrTrusted } from '../access/roles.ts'
import { lockEpisodeRows } from '../db/locks.ts'
import { copyRevision, latestRevisionOf, refreshRevisionCounts, turnAtPosition } from '../db/revisions.ts'
import { refreshTurnSearch } from '../db/search.ts'
import { conflict } from '../errors.ts'
import { idOf } from '../utilities/idOf.ts'
import { isRowId } from '../utilities/isRowId.ts'

type Id = number | string
type Turn = { episode: Id; position: number; revision: Id }

/** Editors and admins may change a live transcript (through a copy), and trusted code without a user. */
const mayCopyPublished = (req: PayloadRequest) => !req.user || isEditor(req.user)

/**
 * Points the episode's latest version at `revisionId`: a draft version while the episode
 * is live (the public keeps the published transcript), a plain save otherwise.
 */
const pointEpisodeAt = async (req: PayloadRequest, options: ResolvedPodcastOptions, episodeId: Id, revisionId: Id) => {
  const collection = options.slugs.episodes
  const main = (await req.payload.findByID({ id: episodeId, collection, depth: 0, overrideAccess: true, req, select: { _status: true } })) as {
    _status?: string
  }
  const live = main._status === 'published'
  const counts = await refreshRevisionCounts(req.payload, req, revisionId)
  await req.payload.update({
    id: episodeId,
    collection,
    data: { ...(live ? { _status: 'draft' } : {}), transcript: { revision: revisionId, ...counts } } as never,
    depth: 0,
    draft: live,
    overrideAccess: true,
    req,
    select: {},
  })
}

/** The revision a staff write to the episode's turns goes to: its latest, copied first when the public reads it. */
const draftRevisionFor = async (
  req: PayloadRequest,
  options: ResolvedPodcastOptions,
  episodeId: Id,
  /** The episode's latest revision, when the caller has read it already. */
  known?: Awaited<ReturnType<typeof latestRevisionOf>>,
): Promise<Id | undefined> => {
  const latest = known === undefined ? await latestRevisionOf(req.payload, req, episodeId) : known
  if (latest && !latest.isPublished) return latest.id
  // Authors never write to a live episode's transcript: leave the refusal to access control.
  if (latest && !mayCopyPublished(req)) return latest.id
  const revision = latest
    ? await copyRevision(req.payload, req, latest.id)
    : ((
        await req.payload.create({
          collection: options.slugs.transcriptRevisions,
          data: { episode: episodeId } as never,
          depth: 0,
          overrideAccess: true,
          req,
          select: {},
        })
      ).id as Id)
  await pointEpisodeAt(req, options, episodeId, revision)
  return revision
}

/**
 * Turn writes never change the transcript the public reads. A write to a turn of the
 * published revision (by an editor or admin: the only ones allowed) first copies that
 * revision into a draft one, points a new draft version of the episode at the copy, and
 * is redirected to the copied turn; a new turn joins the episode's latest revision. A
 * write to a published turn while the episode already has a draft transcript is refused
 * (409): it would fork a second draft beside the first.
 */
export const writeTurnsToDraftRevision =
  (options: ResolvedPodcastOptions): CollectionBeforeOperationHook =>
  async ({ args, operation, req }) => {
    // Anyone else is left to access control, untouched: no lock, no copy, no answer that tells a draft exists.
    if (!isStaffOrTrusted(req, args as { overrideAccess?: boolean }) || req.context.podcastTrustedWrite) return args
    if (operation === 'create') {
      const data = (args as { data?: Record<string, unknown> }).data
      const episodeId = idOf(data?.episode)
      if (!data || episodeId === null || episodeId === undefined || !isRowId(req.payload, String(episodeId))) return args
      // Code without a user may name the revision itself.
      if (!req.user && data.revision !== undefined && data.revision !== null) return args
      // Serialised with imports and saves of the episode, which move its pointers too.
      await lockEpisodeRows(req.payload, req, options.slugs.episodes, [episodeId])
      const revision = await draftRevisionFor(req, options, episodeId)
      return { ...args, data: { ...data, revision } }
    }
    const id = (args as { id?: number | string }).id
    if ((operation !== 'update' && operation !== 'delete') || id === undefined || !isRowId(req.payload, String(id)) || !mayCopyPublished(req)) return args
    const turn = (await req.payload
      .findByID({
        id,
        collection: options.slugs.transcriptTurns,
        depth: 0,
        disableErrors: true,
        overrideAccess: true,
        req,
        select: { episode: true, position: true, revision: true },
      })
      .catch(() => null)) as null | Turn
    if (!turn || turn.revision === null || turn.revision === undefined) return args
    await lockEpisodeRows(req.payload, req, options.slugs.episodes, [turn.episode])
    const latest = await latestRevisionOf(req.payload, req, turn.episode)
    const revision = (await req.payload.findByID({
      id: turn.revision,
      collection: options.slugs.transcriptRevisions,
      depth: 0,
      overrideAccess: true,
      req,
      select: { isPublished: true },
    })) as { isPublished?: boolean }
    if (!revision.isPublished) return args
    if (latest && String(latest.id) !== String(turn.revision)) {
      throw conflict(`This turn is in the published transcript, and the episode has a draft one (revision ${latest.id}): change that instead.`, {
        draftRevision: latest.id,
      })
    }
    const copy = await draftRevisionFor(req, options, turn.episode, latest)
    return { ...args, id: copy === undefined ? id : await turnAtPosition(req.payload, req, copy, Number(turn.position)) }
  }

/** The revision's counts, and those of the episode versions pointing to it, follow its turns. */
export const countAfterTurnChange: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  // Its words are searchable at once, in the same transaction (db/search).
  await refreshTurnSearch(req.payload, req, doc.id)
  if (req.context.podcastTrustedWrite) return doc
  for (const revision of new Set([idOf(doc.revision), idOf(previousDoc?.revision)])) {
    if (revision !== null && revision !== undefined) await refreshRevisionCounts(req.payload, req, revision)
  }
  return doc
}

export const countAfterTurnDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  const revision = idOf(doc.revision)
  if (revision !== null && revision !== undefined) await refreshRevisionCounts(req.payload, req, revision)
}
