import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { syncPublicAppearances } from '../utilities/syncPublicAppearances'

/** A turn given to another speaker can make a voice (non-)public; bulk imports sync once per file instead. */
export const syncAfterTurnChange: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  const speakerOf = (turn: Record<string, any> | undefined) => (turn?.speaker && typeof turn.speaker === 'object' ? turn.speaker.id : turn?.speaker)
  if (speakerOf(doc) !== speakerOf(previousDoc) || doc.episode !== previousDoc?.episode) {
    await syncPublicAppearances(req.payload, req)
  }
  return doc
}

export const syncAfterTurnDelete: CollectionAfterDeleteHook = async ({ req }) => {
  await syncPublicAppearances(req.payload, req)
}
