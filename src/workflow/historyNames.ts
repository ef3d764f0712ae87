import type { CollectionAfterReadHook, PayloadRequest } from 'payload'

import type { ResolvedPodcastOptions } from '../types.ts'

import { isStaff } from '../access/roles.ts'
import { idOf } from '../utilities/idOf.ts'

/** Staff names by id, read once per request (staff are few; emails are not read). */
const staffNames = (req: PayloadRequest, collection: string): Promise<Map<string, string>> => {
  const cached = req.context.podcastStaffNames
  if (cached) return cached
  const loading = req.payload
    .find({ collection: collection as never, depth: 0, limit: 1000, overrideAccess: true, pagination: false, req, select: { name: true } as never })
    .then(({ docs }) => new Map((docs as { id: number | string; name?: null | string }[]).map((user) => [String(user.id), user.name || `User ${user.id}`])))
  req.context.podcastStaffNames = loading
  return loading
}

/**
 * Names who made each workflow transition, for staff: users may read only their own
 * account, so an editor reading the history would otherwise see bare ids. Names only,
 * never emails.
 */
export const nameHistoryAuthors =
  (options: ResolvedPodcastOptions): CollectionAfterReadHook =>
  async ({ doc, req }) => {
    const history = doc?.workflowHistory as { by?: unknown; byName?: null | string }[] | undefined
    if (!history?.length || !isStaff(req.user)) return doc
    const names = await staffNames(req, options.usersCollection)
    for (const entry of history) {
      const by = idOf(entry.by)
      entry.byName = by === null || by === undefined ? null : (names.get(String(by)) ?? null)
    }
    return doc
  }
