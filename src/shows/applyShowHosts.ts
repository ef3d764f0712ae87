import type { CollectionAfterChangeHook } from 'payload'

import { syncPublicAppearances } from '../db/appearances.ts'
import { applyShowHosts, voicesWithoutProfile } from '../db/showHosts.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'
import { idOf } from '../utilities/idOf.ts'

const idsOf = (value: unknown): (number | string)[] =>
  (Array.isArray(value) ? value : []).map((item) => idOf(item as never)).filter((id): id is number | string => id !== null && id !== undefined)

/**
 * When staff set a show's hosts, its episodes follow in the same transaction: the show's hosts who
 * speak in an episode host it, everyone else who speaks is a guest there (a host of another show
 * too, with a guest profile made for them when they had none; profiles are never deleted), and the
 * public flags follow.
 */
export const applyShowHostsAfterChange: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  const hosts = idsOf(doc.hosts)
  const before = idsOf(previousDoc?.hosts)
  if (!hosts.length || (hosts.length === before.length && hosts.every((id, i) => String(id) === String(before[i])))) return doc
  const { slugs } = getPodcastOptions(req.payload)
  // Sequential on purpose: these writes share one transaction.
  for (const voice of await voicesWithoutProfile(req.payload, req, doc.id, hosts)) {
    const guest = await req.payload.create({ collection: slugs.guests, data: { name: voice.name } as never, depth: 0, overrideAccess: true, req })
    await req.payload.update({ collection: slugs.speakers, data: { guest: guest.id } as never, depth: 0, id: voice.id, overrideAccess: true, req })
  }
  const episodeIds = await applyShowHosts(req.payload, req, doc.id, hosts)
  // Every flag: guests gained and lost links across the show.
  if (episodeIds.length) await syncPublicAppearances(req.payload, req)
  return doc
}
