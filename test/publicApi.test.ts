import type { Payload } from 'payload'

import { importTranscript } from '../src/import/importTranscript'
import { PUBLIC_CACHE_CONTROL } from '../src/http/withHttpCache'
import { createTestPayload, type TestPayload } from './helpers/payload'
import { createRestClient, type RestClient } from './helpers/restClient'
import { captureStatements } from './helpers/statements'
import { createUser, PASSWORD } from './helpers/users'

const ORIGIN = 'https://site.example'
let t: TestPayload
let payload: Payload
let rest: RestClient
let editorToken: string
let longEpisode: { id: number | string; slug: string }

/** A transcript with `turns` turns between two voices, 10 s apart. */
const longTranscript = (slug: string, turns: number) =>
  [
    `---\nepisode: "Episode 99: Long Talk with Bo Diddley"\npermalink: /${slug}\nstatus: publish\n---\n`,
    ...Array.from({ length: turns }, (_, i) => {
      const s = i * 10
      const stamp = `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
      return `**${i % 2 ? 'Bo' : 'Michaela'}:** [${stamp}] Turn number ${i}${i % 100 === 7 ? ' mentions the banjo' : ''}.\n`
    }),
  ].join('\n')

beforeAll(async () => {
  process.env.CORS_ORIGINS = ORIGIN
  t = await createTestPayload()
  payload = t.payload
  rest = await createRestClient()
  await createUser(payload, 'editor')
  editorToken = await rest.login('editor@example.com', PASSWORD)
  const report = await importTranscript({ content: longTranscript('long-talk', 1000), fileName: 'long.md', payload })
  expect(report.status).toBe('imported')
  longEpisode = report.episode!
  await importTranscript({ content: longTranscript('short-talk', 10), fileName: 'short.md', payload })
})
afterAll(async () => {
  delete process.env.CORS_ORIGINS
  await t?.teardown()
})

describe('GET /api/episodes/:idOrSlug/transcript', () => {
  test('returns turns in order with speaker name and role, start and end, by id or slug', async () => {
    const bySlug = await rest.get('/episodes/long-talk/transcript?limit=3')
    expect(bySlug.status).toBe(200)
    expect(bySlug.body).toMatchObject({ episode: { slug: 'long-talk' }, hasNextPage: true, limit: 3, page: 1, totalDocs: 1000, totalPages: 334 })
    expect(bySlug.body.docs[0]).toMatchObject({
      end: 10,
      position: 0,
      speaker: { name: 'Michaela Greiler', role: 'host' },
      speakerLabel: 'Michaela',
      start: 0,
      text: 'Turn number 0.',
      timestamp: '00:00:00',
    })
    expect(bySlug.body.docs[1]).toMatchObject({ end: 20, speaker: { name: 'Bo Diddley', role: 'guest' }, start: 10 })
    const byId = await rest.get(`/episodes/${longEpisode.id}/transcript?limit=3`)
    expect(byId.body.docs).toEqual(bySlug.body.docs)
  })

  test('an imported guest voice is public once its episode is, through its turns', async () => {
    const speakers = await rest.get('/speakers?where[slug][equals]=bo-diddley')
    expect(speakers.body.docs.map((s: { name: string }) => s.name)).toEqual(['Bo Diddley'])
    const guests = await rest.get('/guests?where[slug][equals]=bo-diddley')
    expect(guests.body.totalDocs).toBe(1)
  })

  test('filters by speaker, time range and text, and paginates', async () => {
    const bo = await rest.get('/episodes/long-talk/transcript?speaker=bo-diddley&limit=1000')
    expect(bo.body.totalDocs).toBe(500)
    expect(bo.body.docs.every((turn: { speakerLabel: string }) => turn.speakerLabel === 'Bo')).toBe(true)
    const byId = await rest.get(`/episodes/long-talk/transcript?speaker=${bo.body.docs[0].speaker.id}&limit=1`)
    expect([byId.body.totalDocs, byId.body.docs[0].speaker.slug]).toEqual([500, 'bo-diddley'])
    expect((await rest.get('/episodes/long-talk/transcript?speaker=nobody')).body.totalDocs).toBe(0)
    expect((await rest.get('/episodes/long-talk/transcript?speaker=99999999999999')).body.totalDocs).toBe(0)
    const range = await rest.get('/episodes/long-talk/transcript?from=100&to=150')
    expect(range.body.docs.map((turn: { start: number }) => turn.start)).toEqual([100, 110, 120, 130, 140, 150])
    const search = await rest.get('/episodes/long-talk/transcript?q=BANJO')
    expect(search.body.docs.map((turn: { position: number }) => turn.position)).toEqual([7, 107, 207, 307, 407, 507, 607, 707, 807, 907])
    const wildcard = await rest.get('/episodes/long-talk/transcript?q=%25')
    expect(wildcard.body.totalDocs).toBe(0)
    const page2 = await rest.get('/episodes/long-talk/transcript?limit=100&page=2')
    expect(page2.body.docs[0].position).toBe(100)
    expect(page2.body).toMatchObject({ hasNextPage: true, hasPrevPage: true, page: 2 })
    // Past the end: no turns, and still the real totals.
    const beyond = await rest.get('/episodes/long-talk/transcript?limit=100&page=11')
    expect(beyond.body).toMatchObject({ docs: [], hasNextPage: false, hasPrevPage: true, page: 11, totalDocs: 1000, totalPages: 10 })
    expect((await rest.get('/episodes/long-talk/transcript?limit=99999')).status).toBe(400)
    expect((await rest.get('/episodes/long-talk/transcript?from=abc')).status).toBe(400)
    expect((await rest.get('/episodes/no-such-episode/transcript')).status).toBe(404)
    expect((await rest.get('/episodes/99999999999999/transcript')).status).toBe(404)
  })

  test('a 1,000-turn transcript takes the same number of queries as a 10-turn one (no N+1)', async () => {
    const count = async (path: string) => {
      const { result: res, statements } = await captureStatements(t.url, () => rest.get(path))
      expect(res.status).toBe(200)
      return { statements, turns: res.body.docs.length }
    }
    const long = await count('/episodes/long-talk/transcript?limit=1000')
    const short = await count('/episodes/short-talk/transcript?limit=1000')
    expect(long.turns).toBe(1000)
    expect(short.turns).toBe(10)
    // The counter does see the endpoint's queries: the episode lookup and the turns with their speakers.
    for (const { statements } of [long, short]) {
      expect(statements.filter((text) => /\bfrom "episodes"/i.test(text))).toHaveLength(1)
      expect(statements.filter((text) => /FROM "transcript_turns" t/.test(text) && /FROM "speakers" s/.test(text))).toHaveLength(1)
    }
    expect(long.statements.length).toBe(short.statements.length)
    // One access-checked episode lookup, one query for the turns with their speakers.
    expect(long.statements.length).toBe(2)
  })
})

describe('the same through GraphQL', () => {
  // Pages past the first of a join are off in Payload itself (3.90), so paging is tested on EpisodeTranscript.
  test('Episode → turns with speaker, by slug', async () => {
    const res = await rest.graphql<{
      Episodes: { docs: { title: string; turns: { docs: { position: number; text: string; speaker: { name: string } }[]; hasNextPage: boolean } }[] }
    }>(
      `query($slug: String) { Episodes(where: { slug: { equals: $slug } }) { docs { title turns(limit: 2) { docs { position text speaker { name } } hasNextPage } } } }`,
      { slug: 'long-talk' },
    )
    expect(res.body.errors).toBeUndefined()
    const [episode] = res.body.data.Episodes.docs
    expect(episode.title).toBe('Episode 99: Long Talk with Bo Diddley')
    expect(episode.turns.hasNextPage).toBe(true)
    expect(episode.turns.docs.map((turn) => [turn.position, turn.speaker.name])).toEqual([
      [0, 'Michaela Greiler'],
      [1, 'Bo Diddley'],
    ])
  })

  test('EpisodeTranscript mirrors the REST endpoint', async () => {
    const res = await rest.graphql<{ EpisodeTranscript: { totalDocs: number; docs: { position: number; start: number; speaker: { role: string } }[] } }>(
      `{ EpisodeTranscript(idOrSlug: "long-talk", speaker: "bo-diddley", from: 0, to: 100, limit: 3, page: 2) { totalDocs docs { position start speaker { role } } } }`,
    )
    expect(res.body.errors).toBeUndefined()
    expect(res.body.data.EpisodeTranscript.totalDocs).toBe(5)
    expect(res.body.data.EpisodeTranscript.docs).toEqual([
      { position: 7, speaker: { role: 'guest' }, start: 70 },
      { position: 9, speaker: { role: 'guest' }, start: 90 },
    ])
  })
})

describe('for websites: caching and CORS', () => {
  test('anonymous GETs of published content carry Cache-Control and an ETag, and a matching If-None-Match gets 304', async () => {
    for (const path of [
      '/episodes/long-talk/transcript',
      '/episodes?limit=5',
      `/episodes/${longEpisode.id}`,
      '/transcript-turns?limit=5',
      '/guests',
      '/speakers',
    ]) {
      const first = await rest.get(path)
      expect([path, first.status, first.headers.get('cache-control')]).toEqual([path, 200, PUBLIC_CACHE_CONTROL])
      const etag = first.headers.get('etag')
      expect(etag).toMatch(/^".+"$/)
      const again = await rest.get(path, { headers: { 'If-None-Match': etag! } })
      expect([path, again.status, again.headers.get('etag')]).toEqual([path, 304, etag])
      const stale = await rest.get(path, { headers: { 'If-None-Match': '"something-else"' } })
      expect(stale.status).toBe(200)
    }
  })

  test('the ETag changes when the content does', async () => {
    const before = (await rest.get(`/episodes/${longEpisode.id}`)).headers.get('etag')
    await payload.update({ collection: 'episodes', id: longEpisode.id, data: { summary: 'New summary' } })
    const after = await rest.get(`/episodes/${longEpisode.id}`, { headers: { 'If-None-Match': before! } })
    expect(after.status).toBe(200)
    expect(after.headers.get('etag')).not.toBe(before)
  })

  test('authenticated responses are never cached', async () => {
    const res = await rest.get('/episodes/long-talk/transcript', { token: editorToken })
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(res.headers.get('etag')).toBeNull()
    const withCookie = await rest.get('/episodes', { headers: { Cookie: `payload-token=${editorToken}` } })
    expect(withCookie.headers.get('cache-control')).toBe('private, no-store')
    const gql = await rest.graphql('{ Episodes { totalDocs } }', {}, editorToken)
    expect(gql.headers.get('cache-control')).toBe('private, no-store')
  })

  test('CORS allows the configured origin only', async () => {
    const allowed = await rest.get('/episodes', { headers: { Origin: ORIGIN } })
    expect(allowed.status).toBe(200)
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN)
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true')
    // Another origin gets no CORS grant at all: no Access-Control-Allow-Origin (neither its own nor `*`).
    const other = await rest.get('/episodes', { headers: { Origin: 'https://evil.example' } })
    expect(other.status).toBe(200)
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
    expect(other.headers.get('access-control-allow-credentials')).toBeNull()
    const none = await rest.get('/episodes')
    expect(none.headers.get('access-control-allow-origin')).toBeNull()
  })
})
