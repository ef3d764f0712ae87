import type { Endpoint, PayloadHandler, PayloadRequest } from 'payload'

import { RequestRefused } from '../errors.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'
import { readRevisionTurns, revisionFingerprint } from '../db/transcript.ts'
import { keepRendition, keptRendition } from '../renditions/cache.ts'
import { type EpisodeFrontMatter, isRenditionFormat, isTimed, plainText, renditions, timeTurns } from '../renditions/index.ts'
import { findReadableEpisode } from './episodeTranscript.ts'

/** What the Markdown file's front matter says of the episode, beside what every file reads. */
const MD_FIELDS = {
  audio: true,
  chapters: true,
  episodeNumber: true,
  episodeType: true,
  explicit: true,
  guid: true,
  image: true,
  permalink: true,
  publishedAt: true,
  season: true,
  show: true,
  summary: true,
  workflowStatus: true,
} as const

const showSlugOf = async (req: PayloadRequest, id: null | number | string | undefined) => {
  if (id === null || id === undefined) return null
  const show = (await req.payload.findByID({
    collection: getPodcastOptions(req.payload).slugs.shows,
    depth: 0,
    disableErrors: true,
    id,
    overrideAccess: false,
    req,
    select: { slug: true },
  })) as null | { slug?: null | string }
  return show?.slug ?? null
}

/**
 * `GET /api/episodes/:idOrSlug/transcript.{vtt,srt,json,html,txt,md}`: the transcript as the files
 * podcast apps and players read, and that the feed's `podcast:transcript` tags point to. The
 * episode is found through the collection's access (the public reads published episodes, and
 * their published transcript revision; staff read the draft one with `?draft=true`). HTTP caching
 * is the API's (http/withHttpCache); anonymous reads may be fetched from any origin.
 */
export const transcriptFileHandler: PayloadHandler = async (req) => {
  const format = String(req.routeParams?.format ?? '')
  if (!isRenditionFormat(format)) throw new RequestRefused(`No transcript format "${format}": vtt, srt, json, html, txt or md.`, 404)
  const params = new URL(req.url ?? 'http://localhost').searchParams
  const episode = (await findReadableEpisode(
    req,
    String(req.routeParams?.idOrSlug ?? ''),
    params.get('draft') === 'true',
    format === 'md' ? MD_FIELDS : {},
  )) as (Awaited<ReturnType<typeof findReadableEpisode>> & Omit<EpisodeFrontMatter, 'show'> & { show?: null | number | string }) | undefined
  if (!episode?.transcript?.revision) throw new RequestRefused('Episode not found, or it has no transcript.', 404)
  const revision = episode.transcript.revision
  const frontMatter: EpisodeFrontMatter | undefined = format === 'md' ? { ...episode, show: await showSlugOf(req, episode.show) } : undefined
  const key = JSON.stringify([
    format,
    revision,
    episode.duration ?? null,
    episode.title,
    episode.slug,
    episode.transcript.language ?? null,
    frontMatter ?? null,
  ])
  const fingerprint = await revisionFingerprint(req.payload, revision, req)
  let body = keptRendition(key, fingerprint)
  if (body === undefined) {
    const rows = await readRevisionTurns(req.payload, revision, req)
    const turns = rows.map((row) => ({ ...row, plain: plainText(row.text) }))
    const timed = isTimed(turns)
    const withTimes = timeTurns(turns, episode.duration)
    body = renditions[format].render({
      episode: { language: episode.transcript.language ?? null, slug: episode.slug, title: episode.title },
      frontMatter,
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
