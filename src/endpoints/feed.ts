import type { Endpoint, PayloadHandler, PayloadRequest } from 'payload'

import { createHash } from 'node:crypto'

import { RequestRefused } from '../errors.ts'
import { feedFingerprint, queryFeedItems } from '../db/feed.ts'
import { renderFeed, type FeedShow } from '../feed/renderFeed.ts'
import { podcastGuidOf } from '../feed/podcastGuid.ts'
import { PUBLIC_CACHE_CONTROL } from '../http/withHttpCache.ts'
import { baseUrlOf, episodeFileUrl, feedUrlOf } from '../shows/urls.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'
import { idOrSlugWhere } from '../utilities/isRowId.ts'

type Rendered = { etag: string; fingerprint: string; modified: Date; xml: string }

/**
 * Rendered feeds, by show and base URL, kept until the show or one of its episodes, guests or
 * speakers changes (db/feed feedFingerprint, checked on every request: so an instance never serves
 * a feed another instance's write made stale). A few shows' feeds of a few MB each at most.
 */
const rendered = new Map<string, Rendered>()
const MAX_RENDERED = 32

type ShowDoc = Omit<FeedShow, 'artworkUrl' | 'hosts'> & {
  artwork?: null | { url?: null | string }
  hosts?: null | { guest?: null | { links?: null | { url: string }[]; photo?: null | { url?: null | string } }; name: string }[]
  id: number | string
  slug: string
  updatedAt: string
}

/**
 * The show, through the collection's access. Every request needs only its id, slug and guid (to check
 * the kept feed); rendering needs it whole, with its hosts' guest profiles (`full`).
 */
const findShow = async (req: PayloadRequest, idOrSlug: string, full: boolean) => {
  const { slugs } = getPodcastOptions(req.payload)
  const where = idOrSlugWhere(req.payload, idOrSlug)
  const { docs } = await req.payload.find({
    collection: slugs.shows,
    depth: full ? 2 : 0,
    limit: 1,
    overrideAccess: false,
    pagination: false,
    req,
    ...(full ? {} : { select: { podcastGuid: true, slug: true } }),
    where,
  })
  return docs[0] as ShowDoc | undefined
}

const absolute = (baseUrl: string, url: null | string | undefined) => (url ? new URL(url, `${baseUrl}/`).toString() : null)

const render = async (req: PayloadRequest, show: ShowDoc, baseUrl: string): Promise<string> => {
  const options = getPodcastOptions(req.payload)
  // Which episodes the public may read is the collection's access, through Payload; the rest is one query.
  // Every episode of the show, however many: the page-size bound is for what clients ask (hooks/boundRequests).
  req.context.podcastWholeList = true
  const { docs } = await req.payload
    .find({
      collection: options.slugs.episodes,
      depth: 0,
      limit: 0,
      overrideAccess: false,
      pagination: false,
      req,
      select: {},
      sort: ['-publishedAt', '-createdAt'],
      where: {
        and: [{ show: { equals: show.id } }, { _status: { equals: 'published' } }, { 'audio.url': { exists: true } }, { 'audio.url': { not_equals: '' } }],
      },
    })
    .finally(() => {
      req.context.podcastWholeList = false
    })
  const items = await queryFeedItems(
    req.payload,
    docs.map((doc) => doc.id),
    req,
  )
  const mediaBase = `${baseUrl}${req.payload.config.routes.api}/${options.guestPhotoCollection ?? ''}/file/`
  for (const item of items) for (const guest of item.guests) guest.photo = guest.photo ? `${mediaBase}${encodeURIComponent(guest.photo)}` : null
  return renderFeed({
    episodeUrl: (slug) => options.episodeUrl({ slug }, baseUrl),
    feedUrl: feedUrlOf(baseUrl, req.payload, show.slug),
    fileUrl: (slug, file) => episodeFileUrl(baseUrl, req.payload, slug, file),
    items,
    show: {
      ...show,
      artworkUrl: absolute(baseUrl, show.artwork?.url),
      hosts: (show.hosts ?? []).map((host) => ({
        href: host.guest?.links?.[0]?.url ?? null,
        name: host.name,
        photo: absolute(baseUrl, host.guest?.photo?.url),
      })),
    },
    siteUrl: baseUrl,
  })
}

const notModified = (headers: Headers, etag: string, modified: Date) => {
  const match = headers.get('if-none-match')
  if (match) return match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
  const since = Date.parse(headers.get('if-modified-since') ?? '')
  return Number.isFinite(since) && Math.floor(modified.getTime() / 1000) <= Math.floor(since / 1000)
}

/**
 * `GET /api/shows/:idOrSlug/feed.xml`: the show's podcast feed (renderFeed). Anonymous and
 * cacheable by anyone (podcast apps fetch from everywhere, without credentials): ETag,
 * Last-Modified and 304, `Cache-Control: public`, `Access-Control-Allow-Origin: *`.
 */
export const feedHandler: PayloadHandler = async (req) => {
  const idOrSlug = String(req.routeParams?.idOrSlug ?? '')
  let show = await findShow(req, idOrSlug, false)
  if (!show) throw new RequestRefused('Show not found.', 404)
  const baseUrl = baseUrlOf(req)
  if (!show.podcastGuid) {
    // No PUBLIC_URL when the show was made: the guid comes from the first feed URL it is served at, once.
    const podcastGuid = podcastGuidOf(feedUrlOf(baseUrl, req.payload, show.slug))
    await req.payload.update({ collection: getPodcastOptions(req.payload).slugs.shows, data: { podcastGuid } as never, id: show.id, overrideAccess: true, req })
    show = { ...show, podcastGuid }
  }
  const { key, modified } = await feedFingerprint(req.payload, show.id, req)
  const cacheKey = `${show.id} ${baseUrl}`
  let entry = rendered.get(cacheKey)
  if (!entry || entry.fingerprint !== key) {
    const whole = await findShow(req, idOrSlug, true)
    if (!whole) throw new RequestRefused('Show not found.', 404)
    const xml = await render(req, { ...whole, podcastGuid: show.podcastGuid }, baseUrl)
    entry = { etag: `"${createHash('sha256').update(xml).digest('base64url').slice(0, 32)}"`, fingerprint: key, modified, xml }
    rendered.delete(cacheKey)
    if (rendered.size >= MAX_RENDERED) rendered.delete(rendered.keys().next().value as string)
    rendered.set(cacheKey, entry)
  }
  const headers = {
    'Access-Control-Allow-Origin': '*',
    'Cache-Control': PUBLIC_CACHE_CONTROL,
    'Content-Type': 'application/rss+xml; charset=utf-8',
    ETag: entry.etag,
    'Last-Modified': entry.modified.toUTCString(),
  }
  if (notModified(req.headers, entry.etag, entry.modified)) return new Response(null, { headers, status: 304 })
  return new Response(entry.xml, { headers })
}

export const feedEndpoint: Endpoint = { handler: feedHandler, method: 'get', path: '/:idOrSlug/feed.xml' }
