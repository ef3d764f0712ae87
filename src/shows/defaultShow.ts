import type { Payload, PayloadRequest } from 'payload'

import { lockNames } from '../db/locks.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'
import { slugify } from '../utilities/slugify.ts'

type Found = { created: boolean; id: number | string }

const findBy = async (payload: Payload, req: Partial<PayloadRequest> | undefined, field: 'slug' | 'title', value: string) => {
  const { docs } = await payload.find({
    collection: getPodcastOptions(payload).slugs.shows,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    req,
    select: {},
    where: { [field]: { equals: value } },
  })
  return docs[0]?.id as number | string | undefined
}

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
  const find = async () => (await findBy(payload, req, 'slug', slugify(name))) ?? (await findBy(payload, req, 'title', name))
  const existing = await find()
  if (existing !== undefined) return { created: false, id: existing }
  // Imports running at once meet the same new show: one creates it, the others wait here and find it.
  if (req) await lockNames(payload, req, [`show:${slugify(name)}`])
  const found = await find()
  if (found !== undefined) return { created: false, id: found }
  const show = await payload.create({
    collection: getPodcastOptions(payload).slugs.shows,
    data: { slug: slugify(name), title: name, ...extra } as never,
    depth: 0,
    overrideAccess: true,
    req,
    select: {},
  })
  return { created: true, id: show.id }
}

/** The plugin's default show (option `defaultShow`), created on first need: single-show apps never name one. */
export const defaultShowId = async (payload: Payload, req?: Partial<PayloadRequest>): Promise<number | string> => {
  const { defaultShow } = getPodcastOptions(payload)
  const found = await findOrCreateShow(payload, req, defaultShow.title, {
    author: defaultShow.author || undefined,
    description: defaultShow.description || undefined,
    language: defaultShow.language,
  })
  return found.id
}
