import type { Endpoint, PayloadHandler } from 'payload'

import { RequestRefused } from '../errors.ts'
import { readMarkers } from '../db/transcript.ts'
import { markerChapters } from '../renditions/markerChapters.ts'
import { findReadableEpisode } from './episodeTranscript.ts'

type Chapter = { image?: null | string; startTime: number; title: string; url?: null | string }

/**
 * `GET /api/episodes/:idOrSlug/chapters.json`: the episode's chapters as the namespace's JSON
 * chapters format (`docs/jsonChapters.md`), which the feed's `podcast:chapters` points to: its own
 * chapters, else those its transcript's timed markers make. The public rule is the collection's, as
 * for the transcript files.
 */
export const chaptersHandler: PayloadHandler = async (req) => {
  const params = new URL(req.url ?? 'http://localhost').searchParams
  const episode = (await findReadableEpisode(req, String(req.routeParams?.idOrSlug ?? ''), params.get('draft') === 'true', { chapters: true })) as
    undefined | { chapters?: Chapter[] | null; title: string; transcript?: { revision?: null | number } }
  if (!episode) throw new RequestRefused('Episode not found.', 404)
  // The episode's own chapters are the source of truth; without them, its transcript's timed markers.
  const own = [...(episode.chapters ?? [])].sort((a, b) => a.startTime - b.startTime)
  const chapters: Chapter[] = own.length
    ? own
    : episode.transcript?.revision
      ? markerChapters(await readMarkers(req.payload, episode.transcript.revision, req))
      : []
  if (!chapters.length) throw new RequestRefused('This episode has no chapters.', 404)
  const body = chapters.map((chapter) => ({
    startTime: chapter.startTime,
    title: chapter.title,
    ...(chapter.url ? { url: chapter.url } : {}),
    ...(chapter.image ? { img: chapter.image } : {}),
  }))
  const headers: Record<string, string> = { 'Content-Type': 'application/json+chapters' }
  if (!req.user) headers['Access-Control-Allow-Origin'] = '*'
  return new Response(JSON.stringify({ version: '1.2.0', title: episode.title, chapters: body }), { headers })
}

export const chaptersEndpoint: Endpoint = { handler: chaptersHandler, method: 'get', path: '/:idOrSlug/chapters.json' }
