import type { CollectionBeforeOperationHook } from 'payload'

import { lockEpisodeRow } from '../db/locks'

/**
 * Writes to one episode run one after another: the row is locked before Payload reads
 * the document it will change, so the second of two concurrent writes sees the first's
 * result. Two editors approving and sending back the same episode at once both got 200
 * while one transition and its history entry vanished; now the second is checked
 * against the first's state and appended after it.
 */
export const serializeEpisodeWrites: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  const id = (args as { id?: number | string }).id
  if ((operation === 'update' || operation === 'delete') && id !== undefined && id !== null) {
    await lockEpisodeRow(req.payload, req, collection.slug, id)
  }
  return args
}
