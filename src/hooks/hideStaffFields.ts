import type { CollectionAfterReadHook } from 'payload'

import { isStaff } from '../access/roles.ts'

/**
 * Leaves staff-only fields out of what the public reads, rather than sending them empty
 * (field read access alone still sent `workflowHistory: []`). Reads with
 * `overrideAccess` (hooks, jobs, the importer) keep them.
 */
export const hideStaffFields =
  (names: string[]): CollectionAfterReadHook =>
  ({ doc, overrideAccess, req }) => {
    if (overrideAccess || isStaff(req.user) || !doc) return doc
    for (const name of names) Reflect.deleteProperty(doc, name)
    return doc
  }
