import type { Endpoint, PayloadHandler, PayloadRequest } from 'payload'

import { isStaff } from '../access/roles.ts'
import { COUNT_CAP, headlines, searchTurns } from '../db/search.ts'
import { badRequest, forbidden } from '../errors.ts'
import { MAX_PAGE } from '../hooks/boundRequests.ts'
import { escapeHtml } from '../renditions/escape.ts'
import { plainText } from '../renditions/markdown.ts'
import { baseUrlOf } from '../shows/urls.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'
import { hasNul } from '../utilities/hasNul.ts'
import { numberParam } from '../utilities/numberParam.ts'

const MAX_QUERY = 200

const name = (field: string, value: null | string) => {
  if (value === null || value.trim() === '') return undefined
  if (value.length > 200 || hasNul(value)) throw badRequest(`${field} must be an id or a slug.`)
  return value.trim()
}

export type RawSearch = Partial<Record<'draft' | 'limit' | 'page' | 'q' | 'show' | 'speaker', boolean | null | number | string>>

const text = (value: RawSearch[keyof RawSearch]) => (value === null || value === undefined ? null : String(value))

/**
 * The search, from query parameters or GraphQL arguments alike: checked, run, and shaped as the API
 * answers it (each hit a turn with its episode, speaker, snippet and deep link).
 */
export const runSearch = async (req: PayloadRequest, raw: RawSearch) => {
  const options = getPodcastOptions(req.payload)
  const q = (text(raw.q) ?? '').trim()
  if (!q) throw badRequest('q is needed: the words to find.')
  if (q.length > MAX_QUERY) throw badRequest(`q is longer than ${MAX_QUERY} characters.`)
  if (hasNul(q)) throw badRequest('q contains a NUL character.')
  const draft = raw.draft === true || raw.draft === 'true'
  if (draft && !isStaff(req.user)) throw forbidden('Only staff search drafts.')
  const limit = numberParam('limit', text(raw.limit), { integer: true, max: options.limits.maxPageSize, min: 1 }) ?? 20
  const page = numberParam('page', text(raw.page), { integer: true, max: MAX_PAGE, min: 1 }) ?? 1
  const { rows, total } = await searchTurns(
    req.payload,
    { draft, limit, page, q, show: name('show', text(raw.show)), speaker: name('speaker', text(raw.speaker)) },
    req,
  )
  // The snippet is escaped text with the Markdown stripped: `<mark>` is the only markup a website gets.
  const snippets = await headlines(
    req.payload,
    q,
    rows.map((row) => ({ config: row.config, text: escapeHtml(plainText(row.text)) })),
    req,
  )
  const baseUrl = baseUrlOf(req)
  const docs = rows.map((row, i) => ({
    episode: {
      id: row.episode_id,
      publishedAt: row.published_at,
      show: row.show_id === null ? null : { id: row.show_id, slug: row.show_slug, title: row.show_title },
      slug: row.slug,
      title: row.title,
    },
    score: Math.round(row.score * 10_000) / 10_000,
    snippet: snippets[i],
    speaker: row.speaker_id === null ? null : { id: row.speaker_id, name: row.speaker_name, role: row.speaker_role },
    turn: { end: row.end, id: row.turn_id, position: row.position, start: row.start, timestamp: row.timestamp },
    url: `${options.episodeUrl({ slug: row.slug }, baseUrl)}?t=${Math.floor(row.start ?? 0)}#turn-${row.position}`,
  }))
  const totalPages = Math.max(1, Math.ceil(total / limit))
  return {
    docs,
    hasNextPage: page < totalPages,
    hasPrevPage: page > 1,
    limit,
    page,
    suggestion: null,
    totalDocs: total,
    // A common word: counted to COUNT_CAP, no further.
    totalDocsCapped: total >= COUNT_CAP,
    totalPages,
  }
}

/**
 * `GET /api/search?q=&page=&limit=&show=&speaker=`: every published word of the archive, ranked
 * (db/search). Anonymous readers get published transcripts only; staff with `draft=true` the latest
 * revisions. Cached as the API is (http/withHttpCache).
 */
export const searchHandler: PayloadHandler = async (req) => {
  const params = new URL(req.url ?? 'http://localhost').searchParams
  const raw = Object.fromEntries(['draft', 'limit', 'page', 'q', 'show', 'speaker'].map((key) => [key, params.get(key)])) as RawSearch
  return Response.json(await runSearch(req, raw))
}

export const searchEndpoint: Endpoint = { handler: searchHandler, method: 'get', path: '/search' }
