import express from 'express'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { type FetchHandler, payloadApiRouter } from '../server/mountPayloadApi'

/**
 * The express ⇄ fetch adapter in front of Payload's handlers, on a bare express app
 * with recording handlers and a stand-in for Next behind it: what reaches Payload,
 * what comes back, and what is left to Next.
 */
type Seen = { body?: string; headers: Headers; method: string; signal: AbortSignal; slug: string[]; url: string }
let seen: Seen[] = []
let respond: (request: Request) => Promise<Response> | Response = () => Response.json({ ok: true })

const record: FetchHandler = async (request, { params }) => {
  const { slug } = await params
  const entry: Seen = { headers: request.headers, method: request.method, signal: request.signal, slug, url: request.url }
  seen.push(entry)
  return respond(request)
}
const handlers = {
  graphql: { OPTIONS: record, POST: record },
  rest: { DELETE: record, GET: record, OPTIONS: record, PATCH: record, POST: record },
}
const routes = { admin: '/admin', api: '/api', graphQL: '/graphql', graphQLPlayground: '/graphql-playground' }

const LIMIT = 3_000_000
let server: http.Server
let base: string
beforeAll(async () => {
  const app = express()
  app.set('trust proxy', 'loopback')
  // A small limit for the tests; the app's limits come from bodyLimitFor.
  app.use(payloadApiRouter({ routes } as never, handlers, (req) => (req.path === '/api/unbounded' ? Infinity : LIMIT)))
  app.use((_req, res) => void res.status(299).send('next'))
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})
beforeEach(() => {
  seen = []
  respond = () => Response.json({ ok: true })
})

/** A raw request, so headers can repeat (fetch would merge them). */
const raw = (options: http.RequestOptions & { body?: Buffer | string }) =>
  new Promise<{ body: string; headers: http.IncomingHttpHeaders; status: number }>((resolve, reject) => {
    const url = new URL(base)
    const req = http.request({ host: url.hostname, port: url.port, ...options }, (res) => {
      let body = ''
      res
        .setEncoding('utf8')
        .on('data', (chunk) => (body += chunk))
        .on('end', () => resolve({ body, headers: res.headers, status: res.statusCode! }))
    })
    req.on('error', reject)
    req.end(options.body)
  })

test('passes method, URL with its query, path segments and headers; returns status, headers and every cookie', async () => {
  respond = () => {
    const headers = new Headers({ 'Content-Type': 'application/json', 'X-Test': 'yes' })
    headers.append('Set-Cookie', 'a=1; Path=/; HttpOnly')
    headers.append('Set-Cookie', 'b=2; Path=/')
    return new Response('{"made":true}', { headers, status: 201 })
  }
  const res = await raw({
    headers: [
      'Host',
      new URL(base).host,
      'Cookie',
      'one=1',
      'Cookie',
      'payload-token=abc',
      'Authorization',
      'JWT first',
      'Authorization',
      'JWT second',
      'X-Forwarded-Proto',
      'https',
    ] as never,
    method: 'GET',
    path: '/api/episodes/a%20b?where[slug][equals]=x%26y',
  })
  expect(res).toMatchObject({ body: '{"made":true}', status: 201 })
  expect(res.headers['x-test']).toBe('yes')
  // Over HTTPS (here through the trusted proxy) cookies are marked Secure.
  expect(res.headers['set-cookie']).toEqual(['a=1; Path=/; HttpOnly; Secure', 'b=2; Path=/; Secure'])
  const [request] = seen
  expect(request.method).toBe('GET')
  expect(request.slug).toEqual(['episodes', 'a b'])
  // A trusted proxy's protocol, the query as sent, and repeated headers merged the way Node merges them.
  expect(request.url).toBe(`${base.replace('http:', 'https:')}/api/episodes/a%20b?where[slug][equals]=x%26y`)
  expect(request.headers.get('cookie')).toBe('one=1; payload-token=abc')
  // As Node reads a repeated Authorization header: the first one, not both glued together.
  expect(request.headers.get('authorization')).toBe('JWT first')
})

test('over plain HTTP cookies stay as set; the client address is the one express trusts, not one the client claims', async () => {
  respond = () => {
    const headers = new Headers()
    headers.append('Set-Cookie', 'a=1; Path=/; HttpOnly')
    return new Response('{}', { headers })
  }
  const direct = await raw({ headers: { 'X-Forwarded-For': '203.0.113.9' }, method: 'GET', path: '/api/episodes' })
  expect(direct.headers['set-cookie']).toEqual(['a=1; Path=/; HttpOnly'])
  // The test app trusts loopback proxies, so the forwarded address is the client's; a second hop the client added is not.
  expect(seen[0].headers.get('x-forwarded-for')).toBe('203.0.113.9')
  await raw({ headers: { 'X-Forwarded-For': '198.51.100.7, 203.0.113.9' }, method: 'GET', path: '/api/episodes' })
  expect(seen[1].headers.get('x-forwarded-for')).toBe('203.0.113.9')
})

test('HEAD is answered by the GET handler, with its headers and without a body', async () => {
  respond = () => Response.json({ some: 'body' }, { headers: { ETag: '"abc"' } })
  const res = await raw({ method: 'HEAD', path: '/api/episodes?limit=1' })
  expect(res).toMatchObject({ body: '', status: 200 })
  expect(res.headers.etag).toBe('"abc"')
  expect(seen.map(({ method, url }) => [method, new URL(url).search])).toEqual([['GET', '?limit=1']])
})

test('a body over the limit gets 413 before the handler runs: by its declared length, or as its bytes pass the limit', async () => {
  const declared = await raw({ body: Buffer.alloc(LIMIT + 1, 1), headers: { 'Content-Type': 'application/json' }, method: 'POST', path: '/api/episodes' })
  expect(declared.status).toBe(413)
  expect(JSON.parse(declared.body)).toEqual({ errors: [{ message: `The request body is larger than ${LIMIT} bytes, the most this endpoint accepts.` }] })
  const chunked = await raw({
    body: Buffer.alloc(LIMIT + 1, 1),
    headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
    method: 'POST',
    path: '/api/episodes',
  })
  expect(chunked.status).toBe(413)
  expect(seen).toEqual([])
  // At the limit, chunked or not, the handler gets the whole body.
  respond = async (request) => Response.json({ length: (await request.arrayBuffer()).byteLength })
  const atLimit = await raw({ body: Buffer.alloc(LIMIT, 1), headers: { 'Transfer-Encoding': 'chunked' }, method: 'POST', path: '/api/episodes' })
  expect(JSON.parse(atLimit.body)).toEqual({ length: LIMIT })
  const unbounded = await raw({ body: Buffer.alloc(LIMIT + 1, 1), method: 'POST', path: '/api/unbounded' })
  expect(JSON.parse(unbounded.body)).toEqual({ length: LIMIT + 1 })
})

test('streams request bodies to the handler and responses back', async () => {
  respond = async (request) => {
    seen.at(-1)!.body = await request.text()
    return new Response(new Blob(['x'.repeat(300_000)]).stream(), { headers: { 'Content-Type': 'text/plain' } })
  }
  const payloadBody = JSON.stringify({ query: '{ Episodes { totalDocs } }', padding: 'p'.repeat(200_000) })
  const res = await fetch(`${base}/api/graphql`, { body: payloadBody, headers: { 'Content-Type': 'application/json' }, method: 'POST' })
  expect((await res.text()).length).toBe(300_000)
  expect(seen[0].body).toBe(payloadBody)
})

test('leaves to Next what is not Payload’s REST: other case, the playground, unknown methods', async () => {
  for (const [method, path] of [
    ['GET', '/API/episodes'],
    ['GET', '/api/graphql-playground'],
    ['HEAD', '/api/graphql-playground'],
    ['PUT', '/api/episodes/1'],
  ]) {
    expect([method, path, (await raw({ method, path })).status]).toEqual([method, path, 299])
  }
  expect(seen).toEqual([])
})

test('/api/ itself reaches Payload with no path segments, not an error', async () => {
  const res = await raw({ method: 'GET', path: '/api/' })
  expect(res.status).toBe(200)
  expect(seen[0].slug).toEqual([])
})

test('a body the handler never reads does not stall the connection', async () => {
  respond = (request) => (request.method === 'POST' ? Response.json({ message: 'Unauthorized' }, { status: 401 }) : Response.json({ ok: true }))
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const first = await raw({
    agent,
    body: Buffer.alloc(2_000_000, 1),
    headers: { 'Content-Type': 'application/octet-stream' },
    method: 'POST',
    path: '/api/transcript-imports/bulk',
  })
  expect(first.status).toBe(401)
  const second = await raw({ agent, method: 'GET', path: '/api/episodes' })
  expect(second.status).toBe(200)
  agent.destroy()
})

test('a client that hangs up aborts the request signal and leaves the server serving', async () => {
  let cancelled = false
  respond = () =>
    new Response(
      new ReadableStream({
        cancel: () => void (cancelled = true),
        start: (controller) => controller.enqueue(new TextEncoder().encode('first chunk')),
      }),
    )
  const controller = new AbortController()
  const res = await fetch(`${base}/api/slow`, { signal: controller.signal })
  const reader = res.body!.getReader()
  await reader.read()
  controller.abort()
  await new Promise((resolve) => setTimeout(resolve, 100))
  expect(seen[0].signal.aborted).toBe(true)
  // The response stream that would never have ended is cancelled, not left open.
  expect(cancelled).toBe(true)
  expect((await fetch(`${base}/api/after`)).status).toBe(200)
})
