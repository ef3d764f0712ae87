import type { CollectionBeforeOperationHook, Where } from 'payload'

import { isStaffOrTrusted } from '../access/roles.ts'
import { lockEpisodeRows } from '../db/locks.ts'
import { isRowId } from '../utilities/isRowId.ts'

/**
 * Writes to one episode run one after another: the row is locked before Payload reads
 * the document it will change, so the second of two concurrent writes sees the first's
 * result. Two editors approving and sending back the same episode at once both got 200
 * while one transition and its history entry vanished; now the second is checked
 * against the first's state and appended after it. Bulk writes by `where` lock every
 * row they may touch, in id order.
 */
export const serializeEpisodeWrites: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  // Only writers who may change episodes take locks (this runs before Payload's access check).
  if ((operation !== 'update' && operation !== 'delete') || !isStaffOrTrusted(req, args as { overrideAccess?: boolean })) return args
  const { id, where } = args as { id?: number | string; where?: Where }
  if (id !== undefined && id !== null) {
    // Only an id that can be a row: Payload answers anything else with its own 403 or 404.
    if (isRowId(req.payload, String(id))) await lockEpisodeRows(req.payload, req, collection.slug, [id])
  } else if (where) {
    // A bulk write by `where` (already checked by boundRequests): every episode it may touch. Locking a row the
    // writer may not change does no harm; missing one would.
    const { docs } = await req.payload.find({
      collection: collection.slug as never,
      depth: 0,
      limit: 0,
      overrideAccess: true,
      pagination: false,
      req,
      select: {} as never,
      where,
    })
    await lockEpisodeRows(
      req.payload,
      req,
      collection.slug,
      (docs as { id: number | string }[]).map((doc) => doc.id),
    )
  }
  return args
}
