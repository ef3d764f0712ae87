import type { Endpoint, PayloadHandler, PayloadRequest } from 'payload'

import { isEditor } from '../access/roles.ts'
import { syncPublicAppearances } from '../db/appearances.ts'
import { mergeGuestRows, mergeSpeakerRows, type Moved } from '../db/merge.ts'
import { withTransaction } from '../db/transaction.ts'
import { badRequest, forbidden, RequestRefused } from '../errors.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'
import { isRowId, rowId } from '../utilities/isRowId.ts'

type Kind = 'guest' | 'speaker'

const NOTHING: Moved = { aliases: 0, episodes: 0, speakers: 0, turns: 0 }

const readInto = async (req: PayloadRequest): Promise<unknown> => {
  try {
    return ((await req.json?.()) as { into?: unknown } | undefined)?.into
  } catch {
    throw badRequest('The body must be JSON: {"into": <id>}.')
  }
}

/**
 * `POST /api/speakers/:id/merge` and `POST /api/guests/:id/merge` with `{ into }`: editors and admins
 * merge a duplicate into the record that stays (db/merge), in one transaction, and get
 * `{ doc, moved }`. The merged record is gone afterwards (404); a `merges` record keeps what moved.
 * Repeating a merge that happened answers 200 with nothing moved. Public flags are recomputed.
 */
const mergeHandler =
  (kind: Kind): PayloadHandler =>
  async (req) => {
    if (!req.user) throw new RequestRefused('Log in to merge.', 401)
    if (!isEditor(req.user)) throw forbidden('Only editors and admins merge speakers and guests.')
    const { slugs } = getPodcastOptions(req.payload)
    const collection = kind === 'speaker' ? slugs.speakers : slugs.guests
    const rawFrom = String(req.routeParams?.id ?? '')
    const rawInto = await readInto(req)
    if (!isRowId(req.payload, rawFrom)) throw new RequestRefused('Not found.', 404)
    if ((typeof rawInto !== 'string' && typeof rawInto !== 'number') || !isRowId(req.payload, String(rawInto))) {
      throw badRequest('into must be the id of the record to keep.')
    }
    const from = rowId(req.payload, rawFrom)
    const into = rowId(req.payload, String(rawInto))
    if (String(from) === String(into)) throw badRequest('A record cannot be merged into itself.')

    const result = await withTransaction(req.payload, req.user, async (tx) => {
      const find = (id: number | string) =>
        tx.payload.findByID({ collection, depth: 0, disableErrors: true, id, overrideAccess: true, req: tx }) as Promise<null | {
          guest?: unknown
          id: number | string
          name: string
        }>
      const target = await find(into)
      if (!target) throw new RequestRefused(`No ${kind} ${String(into)} to merge into.`, 404)
      const source = await find(from)
      if (!source) {
        // Already merged: the record of it says so, and nothing moves again.
        const { totalDocs } = await tx.payload.count({
          collection: slugs.merges,
          overrideAccess: true,
          req: tx,
          where: { and: [{ kind: { equals: kind } }, { fromId: { equals: String(from) } }, { intoId: { equals: String(into) } }] },
        })
        if (!totalDocs) throw new RequestRefused(`No ${kind} ${String(from)}.`, 404)
        return { id: target.id, moved: NOTHING }
      }
      const moved = kind === 'speaker' ? await mergeSpeakerRows(tx.payload, tx, from, into) : await mergeGuestRows(tx.payload, tx, from, into)
      await tx.payload.create({
        collection: slugs.merges,
        data: { fromId: String(from), fromName: source.name, intoId: String(into), intoName: target.name, kind, mergedBy: req.user?.id, moved } as never,
        overrideAccess: true,
        req: tx,
      })
      const guest = kind === 'guest' ? into : (((await find(into))?.guest as null | number | string | undefined) ?? undefined)
      await syncPublicAppearances(tx.payload, tx, { guestIds: guest === undefined ? [] : [guest], speakerIds: kind === 'speaker' ? [into] : [] })
      req.payload.logger.info({ from, into, kind, moved, msg: 'Merged' })
      return { id: target.id, moved }
    })
    const doc = await req.payload.findByID({ collection, depth: 0, id: result.id, overrideAccess: false, req })
    return Response.json({ doc, moved: result.moved }, { headers: { 'Cache-Control': 'no-store' } })
  }

export const mergeSpeakerEndpoint: Endpoint = { handler: mergeHandler('speaker'), method: 'post', path: '/:id/merge' }
export const mergeGuestEndpoint: Endpoint = { handler: mergeHandler('guest'), method: 'post', path: '/:id/merge' }
