import type { CollectionBeforeOperationHook } from 'payload'

import { isStaff } from '../access/roles'
import { lockEpisodeRow } from '../db/locks'
import { isRowId } from '../utilities/isRowId'

/**
 * Writes to one episode run one after another: the row is locked before Payload reads
 * the document it will change, so the second of two concurrent writes sees the first's
 * result. Two editors approving and sending back the same episode at once both got 200
 * while one transition and its history entry vanished; now the second is checked
 * against the first's state and appended after it.
 */
export const serializeEpisodeWrites: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  const id = (args as { id?: number | string }).id
  // Only writers who may change episodes take the lock (it runs before Payload's access check), and only on
  // an id that can be a row: Payload answers anything else with its own 403 or 404.
  const writer = !req.user || isStaff(req.user)
  if ((operation === 'update' || operation === 'delete') && writer && id !== undefined && id !== null && isRowId(String(id))) {
    await lockEpisodeRow(req.payload, req, collection.slug, id)
  }
  return args
}
