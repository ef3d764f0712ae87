import type { SanitizedConfig } from 'payload'

import { createHash } from 'node:crypto'

import type { ResolvedPodcastOptions } from '../types.ts'

type RouteHandler<C> = (request: Request, context: C) => Promise<Response>

export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300'

const isAuthenticated = (request: Request) => request.headers.has('authorization') || /(?:^|;\s*)payload-token=/.test(request.headers.get('cookie') ?? '')

const withHeaders = async (response: Response, headers: Record<string, string>, body?: ArrayBuffer | null) => {
  const next = new Response(body === undefined ? response.body : body, { headers: response.headers, status: response.status, statusText: response.statusText })
  for (const [name, value] of Object.entries(headers)) next.headers.set(name, value)
  return next
}

/**
 * HTTP caching for the API routes: anonymous GETs of the podcast's public
 * collections get `Cache-Control: public` and a strong ETag (answering a matching
 * `If-None-Match` with 304); anything sent with credentials is `private, no-store`,
 * so no shared cache ever keeps a staff member's view.
 */
export const withHttpCache = <C>(configPromise: Promise<SanitizedConfig> | SanitizedConfig, handler: RouteHandler<C>): RouteHandler<C> => {
  let publicPrefixes: string[] | undefined
  return async (request, context) => {
    const response = await handler(request, context)
    if (isAuthenticated(request)) return withHeaders(response, { 'Cache-Control': 'private, no-store' })
    if (request.method !== 'GET' || response.status !== 200) return response

    if (!publicPrefixes) {
      const config = await configPromise
      const { slugs } = config.custom.podcast as ResolvedPodcastOptions
      const api = `${config.routes.api}/`
      publicPrefixes = [slugs.episodes, slugs.guests, slugs.shows, slugs.speakers, slugs.transcriptTurns, 'search'].map((slug) => `${api}${slug}`)
    }
    const { pathname } = new URL(request.url)
    if (!publicPrefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`))) return response
    // An endpoint that sets its own validator (the feed, from what it is made of) is not hashed again.
    if (response.headers.has('etag')) return response

    const body = await response.arrayBuffer()
    const etag = `"${createHash('sha256').update(Buffer.from(body)).digest('base64url').slice(0, 32)}"`
    const headers = { 'Cache-Control': PUBLIC_CACHE_CONTROL, ETag: etag, Vary: 'Authorization, Cookie, Origin' }
    const match = request.headers.get('if-none-match')
    if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      return withHeaders(new Response(null, { headers: response.headers, status: 304 }), headers, null)
    }
    return withHeaders(response, headers, body)
  }
}
