import type { Endpoint, PayloadHandler } from 'payload'

import { RequestRefused } from '../errors.ts'
import { readRevisionTurns, revisionFingerprint } from '../db/transcript.ts'
import { keepRendition, keptRendition } from '../renditions/cache.ts'
import { isRenditionFormat, isTimed, plainText, renditions, timeTurns } from '../renditions/index.ts'
import { findReadableEpisode } from './episodeTranscript.ts'

/**
 * `GET /api/episodes/:idOrSlug/transcript.{vtt,srt,json,html,txt}`: the transcript as the files
 * podcast apps and players read, and that the feed's `podcast:transcript` tags point to. The
 * episode is found through the collection's access (the public reads published episodes, and
 * their published transcript revision; staff read the draft one with `?draft=true`). HTTP caching
 * is the API's (http/withHttpCache); anonymous reads may be fetched from any origin.
 */
export const transcriptFileHandler: PayloadHandler = async (req) => {
  const format = String(req.routeParams?.format ?? '')
  if (!isRenditionFormat(format)) throw new RequestRefused(`No transcript format "${format}": vtt, srt, json, html or txt.`, 404)
  const params = new URL(req.url ?? 'http://localhost').searchParams
  const episode = await findReadableEpisode(req, String(req.routeParams?.idOrSlug ?? ''), params.get('draft') === 'true')
  if (!episode?.transcript?.revision) throw new RequestRefused('Episode not found, or it has no transcript.', 404)
  const revision = episode.transcript.revision
  const key = JSON.stringify([format, revision, episode.duration ?? null, episode.title, episode.slug, episode.transcript.language ?? null])
  const fingerprint = await revisionFingerprint(req.payload, revision, req)
  let body = keptRendition(key, fingerprint)
  if (body === undefined) {
    const rows = await readRevisionTurns(req.payload, revision, req)
    const turns = rows.map((row) => ({ ...row, plain: plainText(row.text) }))
    const timed = isTimed(turns)
    const withTimes = timeTurns(turns, episode.duration)
    body = renditions[format].render({
      episode: { language: episode.transcript.language ?? null, slug: episode.slug, title: episode.title },
      estimated: !timed || withTimes.some((turn) => turn.estimated),
      timed,
      turns: withTimes,
    })
    keepRendition(key, fingerprint, body)
  }
  const headers: Record<string, string> = { 'Content-Type': renditions[format].contentType }
  // Apple and browser players fetch transcripts cross-origin, without credentials.
  if (!req.user) headers['Access-Control-Allow-Origin'] = '*'
  return new Response(body, { headers })
}

export const transcriptFileEndpoint: Endpoint = { handler: transcriptFileHandler, method: 'get', path: '/:idOrSlug/transcript.:format' }
