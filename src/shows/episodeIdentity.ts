import type { CollectionBeforeChangeHook } from 'payload'

import { randomUUID } from 'node:crypto'

import { defaultShowId } from './defaultShow.ts'

/**
 * Every episode belongs to a show (the default one unless it names another) and has a feed
 * `guid` that never changes: given once (front matter, the admin) or generated. Podcast apps know
 * an episode by its guid, so a changed slug or permalink must not make it a new episode.
 */
export const episodeIdentity: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const previous = originalDoc as undefined | { guid?: null | string; show?: unknown }
  if (previous?.guid) data.guid = previous.guid
  else if (typeof data.guid !== 'string' || !data.guid.trim()) data.guid = randomUUID()
  else data.guid = data.guid.trim()
  if ((data.show === undefined || data.show === null) && !previous?.show) data.show = await defaultShowId(req.payload, req)
  return data
}
