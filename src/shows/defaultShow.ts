import type { Payload, PayloadRequest } from 'payload'

import { lockNames } from '../db/locks.ts'
import { findShow } from '../db/showHosts.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'
import { slugify } from '../utilities/slugify.ts'

type Found = { created: boolean; hosts: (number | string)[]; id: number | string }

/**
 * The show named by slug or title, created with that title when there is none. Two imports naming
 * the same new show at once may both try to create it; the loser finds the winner's.
 */
export const findOrCreateShow = async (
  payload: Payload,
  req: Partial<PayloadRequest> | undefined,
  name: string,
  extra: Record<string, unknown> = {},
): Promise<Found> => {
  const find = () => findShow(payload, req, { slug: slugify(name), title: name })
  const existing = await find()
  if (existing !== undefined) return { created: false, ...existing }
  // Imports running at once meet the same new show: one creates it, the others wait here and find it.
  if (req) await lockNames(payload, req, [`show:${slugify(name)}`])
  const found = await find()
  if (found !== undefined) return { created: false, ...found }
  const show = await payload.create({
    collection: getPodcastOptions(payload).slugs.shows,
    data: { slug: slugify(name), title: name, ...extra } as never,
    depth: 0,
    overrideAccess: true,
    req,
    select: {},
  })
  return { created: true, hosts: [], id: show.id }
}

/** The plugin's default show (option `defaultShow`), created on first need: single-show apps never name one. */
export const defaultShow = async (payload: Payload, req?: Partial<PayloadRequest>): Promise<Found> => {
  const { defaultShow: show } = getPodcastOptions(payload)
  return findOrCreateShow(payload, req, show.title, {
    author: show.author || undefined,
    description: show.description || undefined,
    language: show.language,
  })
}

export const defaultShowId = async (payload: Payload, req?: Partial<PayloadRequest>): Promise<number | string> => (await defaultShow(payload, req)).id
