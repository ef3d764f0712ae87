import type { Express, NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import type { SanitizedConfig } from 'payload'

import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import { createApiHandlers } from '../src/http/apiHandlers'

type WebHandler = (request: Request, context: { params: Promise<{ slug: string[] }> }) => Promise<Response>

/** An express request as a fetch `Request`; the body streams through untouched (no body parser). */
const toWebRequest = (req: ExpressRequest, res: ExpressResponse): Request => {
  const headers = new Headers()
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1])
  const aborted = new AbortController()
  res.once('close', () => res.writableFinished || aborted.abort())
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
  return new Request(`${req.protocol}://${req.get('host') ?? 'localhost'}${req.originalUrl}`, {
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

const serve =
  (handler: WebHandler, slug: (req: ExpressRequest) => string[] = () => []) =>
  async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      await sendWebResponse(await handler(toWebRequest(req, res), { params: Promise.resolve({ slug: slug(req) }) }), res)
    } catch (error) {
      // A client that hung up mid-response is not a server error.
      if (!res.headersSent && !res.destroyed) next(error)
    }
  }

/**
 * Serves Payload's REST API and GraphQL straight from express, with the same
 * handlers as Next's API routes: Next's route adapter (routing, web streams) cost
 * the transcript endpoint about 15% of its throughput under load. The GraphQL
 * playground, HEAD and any other method still fall through to Next.
 */
export const mountPayloadApi = (app: Express, config: SanitizedConfig) => {
  const { graphql, rest } = createApiHandlers(config)
  const { api, graphQL, graphQLPlayground } = config.routes
  app.post(`${api}${graphQL}`, serve(graphql.POST as WebHandler))
  app.options(`${api}${graphQL}`, serve(graphql.OPTIONS as WebHandler))
  app.all(`${api}/{*slug}`, (req, res, next) => {
    const handler = rest[req.method as keyof typeof rest] as undefined | WebHandler
    if (!handler || req.path === `${api}${graphQLPlayground}`) return next()
    return serve(handler, (r) => (r.params as { slug: string[] }).slug)(req, res, next)
  })
}
