import type { Endpoint, PayloadHandler, PayloadRequest, Where } from 'payload'

import { APIError } from 'payload'

import { getPodcastOptions } from '../utilities/getPodcastOptions'
import { isRowId } from '../utilities/isRowId'
import { queryTranscriptJson, type TranscriptFilters } from '../utilities/queryTranscript'

export const MAX_TRANSCRIPT_LIMIT = 2000

const number = (name: string, value: null | string | undefined, { min = 0, max = Infinity } = {}) => {
  if (value === null || value === undefined || value === '') return undefined
  const parsed = Number(value)
  if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
    throw new APIError(`${name} must be a number from ${min} to ${max}.`, 400, undefined, true)
  }
  return parsed
}

/** Reads the transcript filters from query parameters, with bounds. */
export const parseTranscriptFilters = (params: URLSearchParams): TranscriptFilters => ({
  from: number('from', params.get('from')),
  limit: number('limit', params.get('limit'), { max: MAX_TRANSCRIPT_LIMIT, min: 1 }) ?? 100,
  page: number('page', params.get('page'), { min: 1 }) ?? 1,
  q: params.get('q')?.trim() || undefined,
  speaker: params.get('speaker')?.trim() || undefined,
  to: number('to', params.get('to')),
})

/**
 * Finds an episode by id or slug through the collection's access control, so the
 * public only ever reaches published episodes (and staff may ask for drafts).
 */
export const findReadableEpisode = async (req: PayloadRequest, idOrSlug: string, draft: boolean) => {
  const collection = getPodcastOptions(req.payload).slugs.episodes
  const where: Where = isRowId(idOrSlug)
    ? { or: [{ id: { equals: Number(idOrSlug) } }, { slug: { equals: idOrSlug } }] }
    : { slug: { equals: idOrSlug } }
  const { docs } = await req.payload.find({
    collection,
    depth: 0,
    draft,
    limit: 1,
    overrideAccess: false,
    pagination: false,
    req,
    select: { slug: true, title: true },
    where,
  })
  return docs[0] as undefined | { id: number; slug: string; title: string }
}

/** `GET /api/episodes/:idOrSlug/transcript?speaker=&from=&to=&q=&page=&limit=` */
export const episodeTranscriptHandler: PayloadHandler = async (req) => {
  const idOrSlug = String(req.routeParams?.idOrSlug ?? '')
  const params = new URL(req.url ?? 'http://localhost').searchParams
  const filters = parseTranscriptFilters(params)
  const episode = await findReadableEpisode(req, idOrSlug, params.get('draft') === 'true')
  if (!episode) throw new APIError('Episode not found.', 404, undefined, true)
  const { docsJson, ...page } = await queryTranscriptJson(req.payload, episode.id, filters, req)
  // The turns arrive as JSON text from Postgres; splice them in rather than parse and re-serialise.
  const head = JSON.stringify({ episode: { id: episode.id, slug: episode.slug, title: episode.title }, ...page })
  return new Response(`${head.slice(0, -1)},"docs":${docsJson}}`, { headers: { 'Content-Type': 'application/json' } })
}

export const episodeTranscriptEndpoint: Endpoint = {
  handler: episodeTranscriptHandler,
  method: 'get',
  path: '/:idOrSlug/transcript',
}
