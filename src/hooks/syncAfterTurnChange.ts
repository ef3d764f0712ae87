import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { idOf } from '../utilities/idOf.ts'
import { syncPublicAppearances } from '../db/appearances.ts'

/** A turn given to another speaker can make a voice (non-)public; bulk imports sync once per file instead. */
export const syncAfterTurnChange: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  const speakerIds = [idOf(doc.speaker), idOf(previousDoc?.speaker)].filter((id): id is number | string => id !== null && id !== undefined)
  const moved = idOf(doc.speaker) !== idOf(previousDoc?.speaker) || idOf(doc.episode) !== idOf(previousDoc?.episode)
  if (moved && speakerIds.length) await syncPublicAppearances(req.payload, req, { speakerIds })
  return doc
}

export const syncAfterTurnDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  const speaker = idOf(doc.speaker)
  if (speaker !== null && speaker !== undefined) await syncPublicAppearances(req.payload, req, { speakerIds: [speaker] })
}
