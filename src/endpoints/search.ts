import type { Endpoint, PayloadHandler, PayloadRequest } from 'payload'

import { COUNT_CAP, headlines, hitDetails, searchEpisodeGroups, searchHits, type HitEpisode, type RankedHit, type SearchFilters } from '../db/search.ts'
import { suggestionFor } from '../db/suggest.ts'
import { escapeHtml } from '../renditions/escape.ts'
import { plainText } from '../renditions/markdown.ts'
import { groupOf, SEARCH_PARAMS, searchFiltersOf, type RawSearch } from '../search/params.ts'
import { keptSearchAnswer } from '../search/resultCache.ts'
import { baseUrlOf } from '../shows/urls.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'

export type { RawSearch } from '../search/params.ts'

/** Which of an episode's fields a hit is on, for its snippet: the first that matches the query alone, else all. */
const episodeField = (episode: HitEpisode): { field: string; text: string } => {
  if (episode.title_match) return { field: 'title', text: episode.title ?? '' }
  if (episode.summary_match) return { field: 'summary', text: episode.summary ?? '' }
  if (episode.notes_match) return { field: 'showNotes', text: episode.notes_text }
  // Words found only across fields (`a b` with `a` in the title, `b` in the summary).
  return { field: 'episode', text: [episode.title, episode.summary, episode.notes_text].filter(Boolean).join(' … ') }
}

/**
 * A page of hits as the API answers them: each a turn (with its speaker and a deep link to the second)
 * or an episode's title, summary or notes (`turn` and `speaker` null), with its episode and snippet.
 */
const shapeHits = async (req: PayloadRequest, filters: SearchFilters, hits: RankedHit[]) => {
  const options = getPodcastOptions(req.payload)
  const { episodes, turns } = await hitDetails(req.payload, filters, hits, req)
  const found = hits.flatMap((hit) => {
    const episode = episodes.get(String(hit.episode_id))
    const turn = hit.turn_id === null ? undefined : turns.get(String(hit.turn_id))
    if (!episode || (hit.turn_id !== null && !turn)) return []
    const source = turn ? { field: 'transcript', text: turn.text } : episodeField(episode)
    return [{ episode, field: source.field, hit, text: source.text, turn }]
  })
  // The snippet is escaped text with Markdown (and Lexical) stripped: `<mark>` is the only markup a website gets.
  const snippets = await headlines(
    req.payload,
    filters.q,
    found.map(({ episode, text, turn }) => ({ config: turn?.config ?? episode.search_config, text: escapeHtml(plainText(text)) })),
    req,
  )
  const baseUrl = baseUrlOf(req)
  return found.map(({ episode, field, hit, turn }, i) => {
    const page = options.episodeUrl({ slug: episode.slug }, baseUrl)
    return {
      episode: {
        id: episode.id,
        publishedAt: episode.published_at,
        show: episode.show_id === null ? null : { id: episode.show_id, slug: episode.show_slug, title: episode.show_title },
        slug: episode.slug,
        title: episode.title,
      },
      field,
      score: Math.round(hit.score * 10_000) / 10_000,
      snippet: snippets[i],
      speaker: turn && turn.speaker_id !== null ? { id: turn.speaker_id, name: turn.speaker_name, role: turn.speaker_role } : null,
      turn: turn ? { end: turn.end, id: turn.id, position: turn.position, start: turn.start, timestamp: turn.timestamp } : null,
      url: turn ? `${page}?t=${Math.floor(turn.start ?? 0)}#turn-${turn.position}` : page,
    }
  })
}

const pagination = (filters: SearchFilters, total: number) => {
  const totalPages = Math.max(1, Math.ceil(total / filters.limit))
  return { hasNextPage: filters.page < totalPages, hasPrevPage: filters.page > 1, limit: filters.limit, page: filters.page, totalDocs: total, totalPages }
}

/**
 * The public's answers are kept a few seconds (search/resultCache), by everything they depend on: the
 * filters, the grouping and the site's base URL (in every link). Staff's drafts are not.
 */
const kept = <T>(req: PayloadRequest, filters: SearchFilters, group: string, compute: () => Promise<T>): Promise<T> =>
  filters.draft ? compute() : keptSearchAnswer(req.payload, JSON.stringify([group, baseUrlOf(req), filters]), compute)

/**
 * The search, from query parameters or GraphQL arguments alike: checked, run, and shaped as the API
 * answers it (each hit a turn or an episode's own text, with its episode, snippet and link).
 */
export const runSearch = async (req: PayloadRequest, raw: RawSearch) => {
  const filters = searchFiltersOf(req, raw)
  return kept(req, filters, 'hits', () => searchAnswer(req, filters))
}

const searchAnswer = async (req: PayloadRequest, filters: SearchFilters) => {
  const { hits, total } = await searchHits(req.payload, filters, req)
  return {
    docs: await shapeHits(req, filters, hits),
    ...pagination(filters, total),
    // Nothing found: the nearest published words or public speaker's name, checked to find something.
    suggestion: total ? null : await suggestionFor(req.payload, filters, req),
    // A common word: counted to COUNT_CAP, no further.
    totalDocsCapped: total >= COUNT_CAP,
  }
}

/** `group=episode`: episodes instead of hits, each with its number of hits and its best one. */
export const runEpisodeSearch = async (req: PayloadRequest, raw: RawSearch) => {
  const filters = searchFiltersOf(req, raw)
  return kept(req, filters, 'episodes', () => episodeSearchAnswer(req, filters))
}

const episodeSearchAnswer = async (req: PayloadRequest, filters: SearchFilters) => {
  const { capped, groups, total } = await searchEpisodeGroups(req.payload, filters, req)
  const best = await shapeHits(
    req,
    filters,
    groups.map((group) => group.best),
  )
  const bestOf = new Map(best.map((hit) => [String(hit.episode.id), hit]))
  return {
    docs: groups.flatMap((group) => {
      const hit = bestOf.get(String(group.episode_id))
      if (!hit) return []
      const { episode, ...rest } = hit
      return [{ best: rest, episode, hits: group.hits }]
    }),
    ...pagination(filters, total),
    suggestion: total ? null : await suggestionFor(req.payload, filters, req),
    // The episodes of the newest COUNT_CAP matching turns: a common word has more.
    totalDocsCapped: capped,
  }
}

/**
 * `GET /api/search?q=&page=&limit=&show=&speaker=&guest=&season=&after=&before=&type=&group=`: every
 * published word of the archive, ranked (db/search). Anonymous readers get published episodes and
 * transcripts only; staff with `draft=true` the latest versions. Cached as the API is (http/withHttpCache).
 */
export const searchHandler: PayloadHandler = async (req) => {
  const params = new URL(req.url ?? 'http://localhost').searchParams
  const raw = Object.fromEntries(SEARCH_PARAMS.map((key) => [key, params.get(key)])) as RawSearch
  return Response.json(groupOf(raw) ? await runEpisodeSearch(req, raw) : await runSearch(req, raw))
}

export const searchEndpoint: Endpoint = { handler: searchHandler, method: 'get', path: '/search' }
