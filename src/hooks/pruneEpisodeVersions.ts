import type { CollectionAfterChangeHook } from 'payload'

import { pruneRevisions } from '../db/revisions.ts'
import { pruneVersions } from '../db/versions.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'

/** Keeps an episode's newest `versionsPerEpisode` versions (db/versions), and the transcript revisions they point to. */
export const pruneEpisodeVersions: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  const { slugs, versionsPerEpisode } = getPodcastOptions(req.payload)
  // A new episode has one version; 0 keeps them all.
  if (operation === 'create' || versionsPerEpisode === 0) return doc
  await pruneVersions(req.payload, req, slugs.episodes, doc.id, versionsPerEpisode)
  // Transcript revisions no version points to any more go with them.
  await pruneRevisions(req.payload, req, doc.id)
  return doc
}
