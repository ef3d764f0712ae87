import { PUBLIC_CACHE_CONTROL } from '../../src/http/withHttpCache'
import { DEV_ADMIN_EMAIL } from '../../server/seedApp'
import { createFreshDatabase, dropDatabase } from '../helpers/database'
import { ensureBuild, type RunningServer, startServer } from '../helpers/server'

const ORIGIN = 'https://site.example'
// Production refuses to seed the dev default password.
const ADMIN_PASSWORD = 'e2e-admin-password-1'

let server: RunningServer
let databaseUrl: string

beforeAll(async () => {
  ensureBuild()
  databaseUrl = await createFreshDatabase()
  server = await startServer({
    CORS_ORIGINS: ORIGIN,
    DATABASE_URL: databaseUrl,
    PAYLOAD_ADMIN_PASSWORD: ADMIN_PASSWORD,
    PAYLOAD_SECRET: 'e2e-secret',
    SEED_ON_START: 'true',
  })
}, 600_000)

afterAll(async () => {
  await server?.stop()
  if (databaseUrl) await dropDatabase(databaseUrl)
})

/**
 * The real server: express serves Payload's REST and GraphQL itself (not through
 * Next), so headers, cookies, streamed bodies and fall-through are checked over HTTP.
 */
describe('REST and GraphQL over HTTP', () => {
  const api = (path: string, init?: RequestInit) => fetch(`${server.baseUrl}/api${path}`, init)
  const login = async () => {
    const res = await api('/users/login', {
      body: JSON.stringify({ email: DEV_ADMIN_EMAIL, password: ADMIN_PASSWORD }),
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    expect(res.status).toBe(200)
    return res
  }

  test('the feed and the transcript files: any origin may fetch them, and HEAD answers without a body', async () => {
    const feedPath = '/shows/open-source-audio/feed.xml'
    const get = await api(feedPath, { headers: { Origin: 'https://podcast-app.example' } })
    expect(get.status).toBe(200)
    expect(get.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8')
    expect(get.headers.get('access-control-allow-origin')).toBe('*')
    expect(await get.text()).toContain('<itunes:owner>')
    const head = await api(feedPath, { method: 'HEAD' })
    expect([head.status, head.headers.get('content-type'), head.headers.get('etag')]).toEqual([
      200,
      'application/rss+xml; charset=utf-8',
      get.headers.get('etag'),
    ])
    expect(await head.text()).toBe('')
    const vtt = await api('/episodes/episode-1-welcome-priya-raman/transcript.vtt', { headers: { Origin: 'https://player.example' } })
    expect([vtt.status, vtt.headers.get('content-type'), vtt.headers.get('access-control-allow-origin')]).toEqual([200, 'text/vtt; charset=utf-8', '*'])
    expect((await vtt.text()).startsWith('WEBVTT')).toBe(true)
  })

  test('an anonymous transcript read is cacheable, answers 304 to its ETag, and allows the configured origin', async () => {
    const path = '/episodes/episode-1-welcome-priya-raman/transcript'
    const first = await api(path, { headers: { Origin: ORIGIN } })
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toMatch(/application\/json/)
    expect(first.headers.get('cache-control')).toBe(PUBLIC_CACHE_CONTROL)
    expect(first.headers.get('access-control-allow-origin')).toBe(ORIGIN)
    const body = await first.json()
    expect(body.episode.slug).toBe('episode-1-welcome-priya-raman')
    expect(body.docs.length).toBe(body.totalDocs)
    expect(body.docs[0]).toMatchObject({ position: 0, speaker: { role: 'host' } })

    const again = await api(path, { headers: { 'If-None-Match': first.headers.get('etag')! } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')

    const preflight = await api(path, { headers: { 'Access-Control-Request-Method': 'GET', Origin: ORIGIN }, method: 'OPTIONS' })
    expect(preflight.status).toBe(200)
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN)
    // Another origin gets no grant at all: no Access-Control-Allow-Origin, neither its own nor `*`.
    const elsewhere = await api(path, { headers: { Origin: 'https://evil.example' } })
    expect(elsewhere.status).toBe(200)
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull()
    const elsewherePreflight = await api(path, { headers: { 'Access-Control-Request-Method': 'GET', Origin: 'https://evil.example' }, method: 'OPTIONS' })
    expect(elsewherePreflight.headers.get('access-control-allow-origin')).toBeNull()
  })

  test('anonymous readers get neither the draft episode nor its transcript', async () => {
    const list = await (await api('/episodes?draft=true&limit=10')).json()
    expect(list.docs.map((doc: { slug: string }) => doc.slug).sort()).toEqual(['episode-1-welcome-priya-raman', 'episode-2-searchable-transcripts'])
    expect((await api('/episodes/episode-3-editorial-workflows/transcript?draft=true')).status).toBe(404)
    const gql = await (
      await api('/graphql', {
        body: JSON.stringify({ query: '{ Episodes(draft: true) { docs { slug } } }' }),
        headers: { 'Content-Type': 'application/json' },
        method: 'POST',
      })
    ).json()
    expect(gql.data.Episodes.docs.map((doc: { slug: string }) => doc.slug)).not.toContain('episode-3-editorial-workflows')
  })

  test('login sets the session cookie, and that session is neither cached nor refused', async () => {
    const res = await login()
    const cookie = res.headers.getSetCookie().find((value) => value.startsWith('payload-token='))
    expect(cookie).toMatch(/HttpOnly/i)
    const me = await api('/users/me', { headers: { Cookie: cookie!.split(';')[0] } })
    expect(me.headers.get('cache-control')).toBe('private, no-store')
    expect((await me.json()).user.email).toBe(DEV_ADMIN_EMAIL)
    const draft = await api('/episodes/episode-3-editorial-workflows/transcript?draft=true', { headers: { Cookie: cookie!.split(';')[0] } })
    expect(draft.status).toBe(200)
  })

  test('a multipart bulk import streams through to Payload and reports per file', async () => {
    const { token } = await (await login()).json()
    const form = new FormData()
    form.append(
      'files',
      new Blob(['---\nepisode: "Episode 40: Over the Wire"\npermalink: /over-the-wire\n---\n\n**Michaela:** [00:00:01] Hello.\n'], { type: 'text/markdown' }),
      'wire.md',
    )
    form.append('files', new Blob([new Uint8Array([0xff, 0xfe, 0x00, 0x41])]), 'binary.md')
    const res = await api('/transcript-imports/bulk', { body: form, headers: { Authorization: `JWT ${token}` }, method: 'POST' })
    expect(res.status).toBe(200)
    const report = await res.json()
    expect(report.summary).toMatchObject({ failed: 1, imported: 1, total: 2 })
    expect(report.results.map((r: { file: string; status: string }) => [r.file, r.status])).toEqual([
      ['wire.md', 'imported'],
      ['binary.md', 'failed'],
    ])
    expect((await api('/transcript-imports/bulk', { body: form, method: 'POST' })).status).toBe(401)
  })

  test('unknown API routes get a JSON 404 from Payload, and the admin still comes from Next', async () => {
    const missing = await api('/no-such-collection')
    expect(missing.status).toBe(404)
    expect((await missing.json()).message).toMatch(/Route not found/)
    const admin = await fetch(`${server.baseUrl}/admin/login`)
    expect(admin.status).toBe(200)
    expect(admin.headers.get('content-type')).toMatch(/text\/html/)
  })
})
