import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import type { SanitizedConfig } from 'payload'

import express, { type Express } from 'express'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import { createApiHandlers } from '../src/http/apiHandlers'

export type FetchHandler = (request: Request, context: { params: Promise<{ slug: string[] }> }) => Promise<Response>

type ApiHandlers = {
  graphql: Record<'OPTIONS' | 'POST', FetchHandler>
  rest: Partial<Record<string, FetchHandler>>
}

/** An express request as a fetch `Request`; the body streams through untouched (no body parser). */
const toWebRequest = (req: ExpressRequest, res: ExpressResponse): Request => {
  // Node's parsed headers, so repeats merge as Node merges them (one Authorization, not two glued).
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item)
    else if (value !== undefined) headers.set(name, value)
  }
  const aborted = new AbortController()
  res.once('close', () => res.writableFinished || aborted.abort())
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
  if (hasBody) {
    // A handler may answer without reading the body (a 401 on an upload): discard the rest, as Node would.
    res.once('finish', () => {
      if (req.complete) return
      req.removeAllListeners('data')
      req.resume()
    })
  }
  // protocol and host follow X-Forwarded-* only when the app trusts its proxy (TRUST_PROXY).
  return new Request(`${req.protocol}://${req.host || 'localhost'}${req.originalUrl}`, {
    body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
    duplex: 'half',
    headers,
    method: req.method,
    signal: aborted.signal,
  } as RequestInit)
}

const sendWebResponse = async (response: Response, res: ExpressResponse) => {
  res.status(response.status)
  response.headers.forEach((value, name) => name === 'set-cookie' || res.setHeader(name, value))
  const cookies = response.headers.getSetCookie()
  if (cookies.length) res.setHeader('Set-Cookie', cookies)
  if (!response.body) return void res.end()
  await pipeline(Readable.fromWeb(response.body as never), res)
}

/** Serves a fetch-style handler (`Request` in, `Response` out) on an express route. */
export const serveFetch =
  (handler: FetchHandler, slugOf: (req: ExpressRequest) => string[] = () => []) =>
  async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      await sendWebResponse(await handler(toWebRequest(req, res), { params: Promise.resolve({ slug: slugOf(req) }) }), res)
    } catch (error) {
      // A client that hung up mid-response is not a server error.
      if (!res.headersSent && !res.destroyed) next(error)
    }
  }

/**
 * Serves Payload's REST API and GraphQL straight from express, with the same
 * handlers as Next's API routes: Next's route adapter (routing, web streams) cost
 * the transcript endpoint about 15% of its throughput under load. Paths match
 * exactly as in Next (case and trailing slash); the GraphQL playground, HEAD and
 * any other method fall through to Next.
 */
export const payloadApiRouter = (config: Pick<SanitizedConfig, 'routes'>, handlers: ApiHandlers = createApiHandlers(config as SanitizedConfig)) => {
  const { api, graphQL, graphQLPlayground } = config.routes
  const router = express.Router({ caseSensitive: true, strict: true })
  router.post(`${api}${graphQL}`, serveFetch(handlers.graphql.POST))
  router.options(`${api}${graphQL}`, serveFetch(handlers.graphql.OPTIONS))
  const slugOf = (req: ExpressRequest) => (req.params as { slug?: string[] }).slug ?? []
  const rest = new Map(Object.entries(handlers.rest).map(([method, handler]) => [method, serveFetch(handler!, slugOf)]))
  router.all(`${api}/{*slug}`, (req, res, next) => {
    const serve = rest.get(req.method)
    if (!serve || req.path === `${api}${graphQLPlayground}`) return next()
    return serve(req, res, next)
  })
  return router
}

export const mountPayloadApi = (app: Express, config: SanitizedConfig) => {
  app.use(payloadApiRouter(config))
}
