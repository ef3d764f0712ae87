import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import type { SanitizedConfig } from 'payload'

import express, { type Express } from 'express'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import { createApiHandlers } from './apiHandlers'
import { secureCookies } from './security'

export type FetchHandler = (request: Request, context: { params: Promise<{ slug: string[] }> }) => Promise<Response>

type ApiHandlers = {
  graphql: Record<'OPTIONS' | 'POST', FetchHandler>
  rest: Partial<Record<string, FetchHandler>>
}

/** The largest body a request may send, in bytes (Infinity: the handler bounds it itself). */
export type BodyLimit = (req: ExpressRequest) => number

const hasBody = (req: ExpressRequest) => req.method !== 'GET' && req.method !== 'HEAD'

/** A handler may answer without reading the whole body (a 401 or 413 on an upload): discard the rest, as Node would. */
const discardUnreadBody = (req: ExpressRequest) => {
  if (req.complete) return
  req.removeAllListeners('data')
  req.unpipe()
  req.resume()
}

const refuseTooLarge = (req: ExpressRequest, res: ExpressResponse, limit: number) =>
  res
    .once('finish', () => discardUnreadBody(req))
    .status(413)
    .set('Cache-Control', 'no-store')
    .json({ errors: [{ message: `The request body is larger than ${limit} bytes, the most this endpoint accepts.` }] })

/**
 * The body of a request without a declared length (chunked), read up to `limit`: null
 * when it passes it, and the rest is then discarded. Bodies with a length over the
 * limit never get here.
 */
const readBounded = (req: ExpressRequest, limit: number): Promise<Buffer | null> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const done = (result: Buffer | null) => {
      req.off('data', onData).off('end', onEnd).off('error', reject)
      resolve(result)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) done(null)
      else chunks.push(chunk)
    }
    const onEnd = () => done(Buffer.concat(chunks))
    req.on('data', onData).on('end', onEnd).on('error', reject)
  })

/**
 * The request body as a web stream, with backpressure. Unlike `Readable.toWeb`, a
 * handler that cancels it (stops reading at a limit, or throws) does not destroy the
 * connection: the rest of the body is discarded and the client still reads the answer.
 */
const bodyStream = (req: ExpressRequest): ReadableStream<Uint8Array> => {
  let open = true
  return new ReadableStream<Uint8Array>(
    {
      cancel() {
        open = false
        discardUnreadBody(req)
      },
      pull() {
        req.resume()
      },
      start(controller) {
        req.pause()
        req.on('data', (chunk: Buffer) => {
          if (!open) return
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length))
          if ((controller.desiredSize ?? 0) <= 0) req.pause()
        })
        req.once('end', () => open && controller.close())
        req.once('error', (error) => open && controller.error(error))
        // A client that hangs up before the end: the reader gets an error, not a wait that never ends.
        req.once('close', () => open && !req.complete && controller.error(new Error('The client closed the connection before the body ended.')))
      },
    },
    { highWaterMark: 4, size: () => 1 },
  )
}

/** An express request as a fetch `Request`; the body streams through untouched (no body parser), or is the bytes already read. */
const toWebRequest = (req: ExpressRequest, res: ExpressResponse, body?: Buffer): Request => {
  // Node's parsed headers, so repeats merge as Node merges them (one Authorization, not two glued).
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item)
    else if (value !== undefined) headers.set(name, value)
  }
  // The client address as express resolved it (following X-Forwarded-For only with TRUST_PROXY): a client
  // cannot pick its own, so the login throttle can key on it.
  headers.set('x-forwarded-for', req.ip ?? '')
  const aborted = new AbortController()
  res.once('close', () => res.writableFinished || aborted.abort())
  if (hasBody(req)) res.once('finish', () => discardUnreadBody(req))
  // protocol and host follow X-Forwarded-* only when the app trusts its proxy (TRUST_PROXY).
  return new Request(`${req.protocol}://${req.host || 'localhost'}${req.originalUrl}`, {
    body: !hasBody(req) ? undefined : (body ?? bodyStream(req)),
    duplex: 'half',
    headers,
    // HEAD is answered as GET without the body (Payload routes GET only).
    method: req.method === 'HEAD' ? 'GET' : req.method,
    signal: aborted.signal,
  } as RequestInit)
}

const sendWebResponse = async (response: Response, req: ExpressRequest, res: ExpressResponse) => {
  res.status(response.status)
  response.headers.forEach((value, name) => name === 'set-cookie' || res.setHeader(name, value))
  const cookies = secureCookies(response.headers.getSetCookie(), req.secure)
  if (cookies.length) res.setHeader('Set-Cookie', cookies)
  if (!response.body || req.method === 'HEAD') {
    await response.body?.cancel()
    return void res.end()
  }
  await pipeline(Readable.fromWeb(response.body as never), res)
}

/**
 * Serves a fetch-style handler (`Request` in, `Response` out) on an express route.
 * A body over `bodyLimit` gets 413 before the handler runs: at once when its declared
 * length says so, else as soon as the bytes pass it (never more than the limit is held).
 */
export const serveFetch =
  (handler: FetchHandler, slugOf: (req: ExpressRequest) => string[] = () => [], bodyLimit?: BodyLimit) =>
  async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      let body: Buffer | undefined
      const limit = hasBody(req) ? (bodyLimit?.(req) ?? Infinity) : Infinity
      if (limit !== Infinity) {
        const declared = req.headers['content-length']
        if (declared !== undefined && Number(declared) > limit) return void refuseTooLarge(req, res, limit)
        if (declared === undefined) {
          const read = await readBounded(req, limit)
          if (!read) return void refuseTooLarge(req, res, limit)
          body = read
        }
      }
      await sendWebResponse(await handler(toWebRequest(req, res, body), { params: Promise.resolve({ slug: slugOf(req) }) }), req, res)
    } catch (error) {
      // A client that hung up mid-response is not a server error.
      if (!res.headersSent && !res.destroyed) next(error)
    }
  }

/**
 * Serves Payload's REST API and GraphQL straight from express, with the same
 * handlers as Next's API routes: Next's route adapter (routing, web streams) cost
 * the transcript endpoint about 15% of its throughput under load. Paths match
 * exactly as in Next (case and trailing slash); HEAD is GET without the body; the
 * GraphQL playground and any other method fall through to Next.
 */
export const payloadApiRouter = (
  config: Pick<SanitizedConfig, 'routes'>,
  handlers: ApiHandlers = createApiHandlers(config as SanitizedConfig),
  bodyLimit?: BodyLimit,
) => {
  const { api, graphQL, graphQLPlayground } = config.routes
  const router = express.Router({ caseSensitive: true, strict: true })
  router.post(`${api}${graphQL}`, serveFetch(handlers.graphql.POST, undefined, bodyLimit))
  router.options(`${api}${graphQL}`, serveFetch(handlers.graphql.OPTIONS))
  const slugOf = (req: ExpressRequest) => (req.params as { slug?: string[] }).slug ?? []
  const rest = new Map(
    Object.entries(handlers.rest).flatMap(([method, handler]) => (handler ? [[method, serveFetch(handler, slugOf, bodyLimit)] as const] : [])),
  )
  const get = rest.get('GET')
  if (get) rest.set('HEAD', get)
  router.all(`${api}/{*slug}`, (req, res, next) => {
    const serve = rest.get(req.method)
    if (!serve || req.path === `${api}${graphQLPlayground}`) return next()
    return serve(req, res, next)
  })
  return router
}

export const mountPayloadApi = (app: Express, config: SanitizedConfig, bodyLimit?: BodyLimit) => {
  app.use(payloadApiRouter(config, undefined, bodyLimit))
}
