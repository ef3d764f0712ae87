import type { Endpoint, PayloadHandler } from 'payload'

import { RequestRefused } from '../errors.ts'
import { findReadableEpisode } from './episodeTranscript.ts'

type Chapter = { image?: null | string; startTime: number; title: string; url?: null | string }

/**
 * `GET /api/episodes/:idOrSlug/chapters.json`: the episode's chapters as the namespace's JSON
 * chapters format (`docs/jsonChapters.md`), which the feed's `podcast:chapters` points to. The
 * public rule is the collection's, as for the transcript files.
 */
export const chaptersHandler: PayloadHandler = async (req) => {
  const params = new URL(req.url ?? 'http://localhost').searchParams
  const episode = (await findReadableEpisode(req, String(req.routeParams?.idOrSlug ?? ''), params.get('draft') === 'true', { chapters: true })) as
    undefined | { chapters?: Chapter[] | null; title: string }
  if (!episode?.chapters?.length) throw new RequestRefused('Episode not found, or it has no chapters.', 404)
  const chapters = [...episode.chapters]
    .sort((a, b) => a.startTime - b.startTime)
    .map((chapter) => ({
      startTime: chapter.startTime,
      title: chapter.title,
      ...(chapter.url ? { url: chapter.url } : {}),
      ...(chapter.image ? { img: chapter.image } : {}),
    }))
  const headers: Record<string, string> = { 'Content-Type': 'application/json+chapters' }
  if (!req.user) headers['Access-Control-Allow-Origin'] = '*'
  return new Response(JSON.stringify({ version: '1.2.0', title: episode.title, chapters }), { headers })
}

export const chaptersEndpoint: Endpoint = { handler: chaptersHandler, method: 'get', path: '/:idOrSlug/chapters.json' }
