import type { Endpoint, PayloadHandler, PayloadRequest, SelectType } from 'payload'

import { badRequest, RequestRefused } from '../errors.ts'
import { MAX_PAGE } from '../hooks/boundRequests.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'
import { hasNul } from '../utilities/hasNul.ts'
import { numberParam } from '../utilities/numberParam.ts'
import { idOrSlugWhere } from '../utilities/isRowId.ts'
import { queryTranscriptJson, type TranscriptFilters } from '../db/transcript.ts'

const text = (name: string, value: null | string | undefined) => {
  // Postgres text cannot hold NUL; refuse it here rather than fail in SQL.
  if (hasNul(value)) throw badRequest(`${name} contains a NUL character.`)
  return value?.trim() || undefined
}

export type RawTranscriptFilters = Partial<Record<'from' | 'limit' | 'page' | 'to', null | number | string>> &
  Partial<Record<'kind' | 'q' | 'speaker', null | string>>

const kindOf = (value: null | string | undefined): TranscriptFilters['kind'] => {
  if (value === null || value === undefined || value === '') return undefined
  if (value === 'speech' || value === 'marker') return value
  throw badRequest('kind must be speech or marker.')
}

/** The transcript filters, bounded, from query parameters or GraphQL arguments alike. */
export const parseTranscriptFilters = (raw: RawTranscriptFilters, maxLimit: number): TranscriptFilters => ({
  from: numberParam('from', raw.from),
  kind: kindOf(raw.kind),
  limit: numberParam('limit', raw.limit, { integer: true, max: maxLimit, min: 1 }) ?? 100,
  page: numberParam('page', raw.page, { integer: true, max: MAX_PAGE, min: 1 }) ?? 1,
  q: text('q', raw.q),
  speaker: text('speaker', raw.speaker),
  to: numberParam('to', raw.to),
})

const paramsOf = (params: URLSearchParams): RawTranscriptFilters =>
  Object.fromEntries(['from', 'kind', 'limit', 'page', 'q', 'speaker', 'to'].map((name) => [name, params.get(name)]))

/**
 * Finds an episode by id or slug through the collection's access control, so the
 * public only ever reaches published episodes (and staff may ask for drafts). The
 * version read names the transcript revision its reader gets (revisions/readRule).
 */
export const findReadableEpisode = async (req: PayloadRequest, idOrSlug: string, draft: boolean, extra: SelectType = {}) => {
  const collection = getPodcastOptions(req.payload).slugs.episodes
  const where = idOrSlugWhere(req.payload, idOrSlug)
  const { docs } = await req.payload.find({
    collection,
    depth: 0,
    draft,
    limit: 1,
    overrideAccess: false,
    pagination: false,
    req,
    select: { duration: true, slug: true, title: true, transcript: { language: true, revision: true }, ...extra },
    where,
  })
  return docs[0] as
    undefined | { duration?: null | number; id: number; slug: string; title: string; transcript?: { language?: null | string; revision?: null | number } }
}

/** `GET /api/episodes/:idOrSlug/transcript?speaker=&from=&to=&q=&page=&limit=` */
export const episodeTranscriptHandler: PayloadHandler = async (req) => {
  const idOrSlug = String(req.routeParams?.idOrSlug ?? '')
  const params = new URL(req.url ?? 'http://localhost').searchParams
  const filters = parseTranscriptFilters(paramsOf(params), getPodcastOptions(req.payload).limits.maxTurnsPageSize)
  const episode = await findReadableEpisode(req, idOrSlug, params.get('draft') === 'true')
  if (!episode) throw new RequestRefused('Episode not found.', 404)
  const { docsJson, ...page } = await queryTranscriptJson(req.payload, episode.transcript?.revision, filters, req)
  // The turns arrive as JSON text from Postgres; splice them in rather than parse and re-serialise.
  const head = JSON.stringify({ episode: { id: episode.id, slug: episode.slug, title: episode.title }, ...page })
  return new Response(`${head.slice(0, -1)},"docs":${docsJson}}`, { headers: { 'Content-Type': 'application/json' } })
}

export const episodeTranscriptEndpoint: Endpoint = {
  handler: episodeTranscriptHandler,
  method: 'get',
  path: '/:idOrSlug/transcript',
}
