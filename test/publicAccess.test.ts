import type { Payload } from 'payload'

import { createTestPayload, type TestPayload } from './helpers/payload'
import { createRestClient, type RestClient } from './helpers/restClient'
import { createUser, PASSWORD } from './helpers/users'

/**
 * Who sees and may do what, over REST and GraphQL, for each collection and each
 * episode status, including the paths a leak would take: drafts behind published
 * episodes, joins, depth, versions, custom endpoints and GraphQL.
 */
let t: TestPayload
let payload: Payload
let rest: RestClient
type Role = 'admin' | 'anonymous' | 'author' | 'editor'
const roles: Role[] = ['anonymous', 'author', 'editor', 'admin']
const tokens: Record<Role, string | undefined> = { admin: undefined, anonymous: undefined, author: undefined, editor: undefined }

const statuses = ['draft', 'in_review', 'scheduled', 'published', 'unpublished'] as const
type Status = (typeof statuses)[number]
type Fixture = { episode: number; guest: number; speaker: number; turn: number; slug: string }
const fixtures = {} as Record<Status, Fixture>
let host: number

beforeAll(async () => {
  t = await createTestPayload()
  payload = t.payload
  rest = await createRestClient()
  for (const role of ['admin', 'editor', 'author'] as const) {
    await createUser(payload, role)
    tokens[role] = await rest.login(`${role}@example.com`, PASSWORD)
  }
  host = (await payload.create({ collection: 'speakers', data: { name: 'The Host', role: 'host' } })).id as number
  for (const status of statuses) {
    const guest = await payload.create({ collection: 'guests', data: { name: `Guest ${status}` } })
    const speaker = await payload.create({ collection: 'speakers', data: { name: `Voice ${status}`, guest: guest.id } })
    const episode = await payload.create({
      collection: 'episodes',
      data: { title: `Episode ${status}`, guests: [guest.id], hosts: [host], workflowStatus: status === 'unpublished' ? 'published' : 'draft' },
    })
    const turn = await payload.create({
      collection: 'transcript-turns',
      data: { episode: episode.id, position: 0, speaker: speaker.id, text: `Secret words of ${status}` },
    })
    await payload.create({ collection: 'transcript-turns', data: { episode: episode.id, position: 1, speaker: host, text: `Host speaks in ${status}` } })
    if (status === 'in_review') await payload.update({ collection: 'episodes', id: episode.id, data: { workflowStatus: 'in_review' } })
    if (status === 'scheduled') {
      await payload.update({
        collection: 'episodes',
        id: episode.id,
        data: { publishedAt: new Date(Date.now() + 86_400_000).toISOString(), workflowStatus: 'scheduled' },
      })
    }
    if (status === 'published') await payload.update({ collection: 'episodes', id: episode.id, data: { workflowStatus: 'published' } })
    if (status === 'unpublished') await payload.update({ collection: 'episodes', id: episode.id, data: { workflowStatus: 'unpublished' } })
    fixtures[status] = {
      episode: episode.id as number,
      guest: guest.id as number,
      slug: episode.slug as string,
      speaker: speaker.id as number,
      turn: turn.id as number,
    }
  }
})
afterAll(async () => {
  await t?.teardown()
})

const visibleTo = (role: Role, status: Status) => role !== 'anonymous' || status === 'published'

type Slug = 'episodes' | 'guests' | 'speakers' | 'transcript-turns'
/** A row as stored (drafts included, no access applied), with its versions when the collection keeps them; null once deleted. */
const stored = async (slug: Slug, id: number | string) => {
  const doc = await payload.findByID({ collection: slug, depth: 0, disableErrors: true, draft: true, id })
  if (slug !== 'episodes' || !doc) return doc
  const versions = await payload.findVersions({ collection: 'episodes', depth: 0, limit: 1, sort: '-updatedAt', where: { parent: { equals: id } } })
  return { ...doc, newestVersion: versions.docs[0], versions: versions.totalDocs }
}

describe('read matrix: role × collection × episode status, over REST and GraphQL', () => {
  const collections = [
    { gql: 'Episode', key: 'episode', slug: 'episodes' },
    { gql: 'Guest', key: 'guest', slug: 'guests' },
    { gql: 'Speaker', key: 'speaker', slug: 'speakers' },
    { gql: 'TranscriptTurn', key: 'turn', slug: 'transcript-turns' },
  ] as const
  for (const role of roles) {
    for (const { gql, key, slug } of collections) {
      test(`${role} reading ${slug}`, async () => {
        const token = tokens[role]
        const list = await rest.get(`/${slug}?limit=100&depth=0`, { token })
        expect(list.status).toBe(200)
        const listed = new Set(list.body.docs.map((doc: { id: number }) => doc.id))
        const gqlList = await rest.graphql<Record<string, { docs: { id: number }[] }>>(`{ ${gql}s(limit: 100) { docs { id } } }`, {}, token)
        const gqlListed = new Set(gqlList.body.data[`${gql}s`].docs.map((doc) => doc.id))
        for (const status of statuses) {
          const id = fixtures[status][key]
          const expected = visibleTo(role, status)
          const byId = await rest.get(`/${slug}/${id}?depth=0`, { token })
          const gqlById = await rest.graphql<Record<string, { id: number } | null>>(`query($id: Int!) { ${gql}(id: $id) { id } }`, { id }, token)
          expect({ status, list: listed.has(id), byId: byId.status, gqlList: gqlListed.has(id), gqlById: gqlById.body.data?.[gql]?.id ?? null }).toEqual({
            status,
            list: expected,
            byId: expected ? 200 : 404,
            gqlList: expected,
            gqlById: expected ? id : null,
          })
        }
      })
    }
  }
})

describe('write matrix: role × collection × operation', () => {
  const create = {
    episodes: () => ({ title: `New ${Math.random()}` }),
    guests: () => ({ name: `New guest ${Math.random()}` }),
    speakers: () => ({ name: `New voice ${Math.random()}` }),
    'transcript-turns': () => ({ episode: fixtures.draft.episode, position: Math.floor(Math.random() * 1e9) + 10, text: 'new' }),
  } as const
  // An update that changes a field each collection really has.
  const update: Record<Slug, Record<string, string>> = {
    episodes: { summary: 'edited summary' },
    guests: { headline: 'edited headline' },
    speakers: { role: 'announcer' },
    'transcript-turns': { text: 'edited text' },
  }
  // Expected status per role for [create, update, delete].
  const expected: Record<Role, Record<Slug, [number, number, number]>> = {
    admin: { episodes: [201, 200, 200], guests: [201, 200, 200], speakers: [201, 200, 200], 'transcript-turns': [201, 200, 200] },
    anonymous: { episodes: [403, 403, 403], guests: [403, 403, 403], speakers: [403, 403, 403], 'transcript-turns': [403, 403, 403] },
    author: { episodes: [201, 200, 403], guests: [201, 200, 403], speakers: [201, 200, 403], 'transcript-turns': [201, 200, 403] },
    editor: { episodes: [201, 200, 200], guests: [201, 200, 200], speakers: [201, 200, 200], 'transcript-turns': [201, 200, 200] },
  }
  for (const role of roles) {
    for (const slug of Object.keys(create) as Slug[]) {
      test(`${role} writing ${slug}`, async () => {
        const token = tokens[role]
        const [mayCreate, mayUpdate, mayDelete] = expected[role][slug].map((status) => status < 300)
        // A target every role's create/update rule is about: made by an admin.
        const target = await rest.post(`/${slug}`, { body: create[slug](), token: tokens.admin })
        expect(target.status).toBe(201)
        const id = target.body.doc.id

        const count = async () => (await payload.count({ collection: slug })).totalDocs
        const before = await count()
        const data = create[slug]()
        const created = await rest.post(`/${slug}`, { body: data, token })
        expect(await count()).toBe(before + (mayCreate ? 1 : 0))
        if (mayCreate) expect(await stored(slug, created.body.doc.id)).toMatchObject(data)

        const beforeUpdate = await stored(slug, id)
        const updated = await rest.patch(`/${slug}/${id}`, { body: update[slug], token })
        const afterUpdate = await stored(slug, id)
        // An allowed update is stored; a refused one leaves the row as it was.
        if (mayUpdate) expect(afterUpdate).toMatchObject(update[slug])
        else expect(afterUpdate).toEqual(beforeUpdate)

        const deleted = await rest.delete(`/${slug}/${id}`, { token })
        expect(await stored(slug, id)).toEqual(mayDelete ? null : afterUpdate)

        expect([created.status, updated.status, deleted.status]).toEqual(expected[role][slug])
      })
    }
  }

  test('publish and update by role and episode status', async () => {
    const outcome: Record<string, Record<Status, number>> = {}
    const writes: { cell: string; stored: unknown; expected: unknown }[] = []
    for (const role of roles) {
      outcome[role] = {} as Record<Status, number>
      for (const status of statuses) {
        // A fresh episode in this status per cell, so cells do not affect each other.
        const doc = await payload.create({ collection: 'episodes', data: { title: `Cell ${role} ${status}` } })
        if (status !== 'draft') {
          if (status === 'unpublished') await payload.update({ collection: 'episodes', id: doc.id, data: { workflowStatus: 'published' } })
          await payload.update({
            collection: 'episodes',
            id: doc.id,
            data: { workflowStatus: status, ...(status === 'scheduled' ? { publishedAt: new Date(Date.now() + 86_400_000).toISOString() } : {}) },
          })
        }
        const cell = `${role} ${status}`
        const beforeUpdate = await stored('episodes', doc.id)
        const update = await rest.patch(`/episodes/${doc.id}`, { body: { summary: 'changed' }, token: tokens[role] })
        const afterUpdate = (await stored('episodes', doc.id)) as Record<string, unknown>
        // An allowed update is stored; a refused one leaves the row, and its versions, as they were.
        writes.push({
          cell: `${cell} update`,
          expected: update.status === 200 ? 'changed' : beforeUpdate,
          stored: update.status === 200 ? afterUpdate.summary : afterUpdate,
        })
        const publish = await rest.patch(`/episodes/${doc.id}`, { body: { _status: 'published' }, token: tokens[role] })
        const afterPublish = (await stored('episodes', doc.id)) as Record<string, unknown>
        writes.push({
          cell: `${cell} publish`,
          expected: publish.status === 200 ? { _status: 'published', workflowStatus: 'published' } : afterUpdate,
          stored: publish.status === 200 ? { _status: afterPublish._status, workflowStatus: afterPublish.workflowStatus } : afterPublish,
        })
        outcome[role][status] = update.status * 1000 + publish.status
      }
    }
    // update status × 1000 + publish status: anonymous is refused everything; authors edit drafts and
    // in-review episodes but never publish; editors and admins may publish from every state.
    expect(outcome).toEqual({
      admin: { draft: 200200, in_review: 200200, published: 200200, scheduled: 200200, unpublished: 200200 },
      anonymous: { draft: 403403, in_review: 403403, published: 403403, scheduled: 403403, unpublished: 403403 },
      author: { draft: 200403, in_review: 200403, published: 403403, scheduled: 403403, unpublished: 403403 },
      editor: { draft: 200200, in_review: 200200, published: 200200, scheduled: 200200, unpublished: 200200 },
    })
    expect(writes.map(({ cell, stored }) => ({ cell, stored }))).toEqual(writes.map(({ cell, expected }) => ({ cell, stored: expected })))
  })
})

describe('the sneaky paths', () => {
  test('a draft episode’s turns stay hidden through where, GraphQL, joins and depth', async () => {
    const draft = fixtures.draft.episode
    const where = await rest.get(`/transcript-turns?where[episode][equals]=${draft}`)
    expect(where.body.docs).toEqual([])
    const gql = await rest.graphql<{ TranscriptTurns: { docs: unknown[] } }>(
      `query($e: JSON) { TranscriptTurns(where: { episode: { equals: $e } }) { docs { id text } } }`,
      { e: draft },
    )
    expect(gql.body.data.TranscriptTurns.docs).toEqual([])
    // The host is public (a published episode lists them), but their turns join shows only published ones.
    const hostRead = await rest.get(`/speakers/${host}?depth=1`)
    expect(hostRead.status).toBe(200)
    const texts = hostRead.body.turns.docs.map((turn: { text: string }) => turn.text)
    expect(texts).toEqual(['Host speaks in published'])
    const gqlHost = await rest.graphql<{ Speaker: { turns: { docs: { text: string }[] } } }>(
      `query($id: Int!) { Speaker(id: $id) { turns { docs { text } } } }`,
      { id: host },
    )
    expect(gqlHost.body.data.Speaker.turns.docs.map((turn) => turn.text)).toEqual(['Host speaks in published'])
    // Searching text does not find draft words either.
    expect((await rest.get('/transcript-turns?where[text][like]=Secret')).body.docs.map((d: { text: string }) => d.text)).toEqual(['Secret words of published'])
  })

  test('a guest who appears only in a draft is invisible, also through a published episode’s depth', async () => {
    for (const status of ['draft', 'in_review', 'scheduled', 'unpublished'] as const) {
      expect((await rest.get(`/guests/${fixtures[status].guest}`)).status).toBe(404)
      expect((await rest.get(`/guests?where[slug][equals]=guest-${status.replace('_', '-')}`)).body.totalDocs).toBe(0)
    }
    const published = await rest.get(`/episodes/${fixtures.published.episode}?depth=2`)
    expect(published.body.guests.map((g: { name: string }) => g.name)).toEqual(['Guest published'])
    expect(published.body.turns.docs.map((turn: { speaker: number }) => turn.speaker)).toEqual([fixtures.published.speaker, host])
    // The guest’s episodes join lists only published episodes.
    const sharedGuest = fixtures.published.guest
    await payload.update({ collection: 'episodes', id: fixtures.draft.episode, data: { guests: [fixtures.draft.guest, sharedGuest] } })
    const guest = await rest.get(`/guests/${sharedGuest}?depth=0`)
    expect(guest.body.episodes.docs).toEqual([fixtures.published.episode])
    expect((await rest.get(`/guests/${sharedGuest}?depth=0`, { token: tokens.author })).body.episodes.docs.sort()).toEqual(
      [fixtures.draft.episode, fixtures.published.episode].sort(),
    )
  })

  test('a published episode with a newer draft shows the public the published title everywhere', async () => {
    const { episode, slug } = fixtures.published
    await payload.update({ collection: 'episodes', id: episode, data: { title: 'Unreleased new title' }, draft: true })
    const paths = [`/episodes/${episode}`, `/episodes/${episode}?draft=true`, `/episodes?where[slug][equals]=${slug}&draft=true`]
    for (const path of paths) {
      const res = await rest.get(path)
      const titles = res.body?.docs ? res.body.docs.map((doc: { title: string }) => doc.title) : [res.body?.title]
      expect([path, res.status, titles, JSON.stringify(res.body)]).toEqual([path, 200, ['Episode published'], expect.not.stringContaining('Unreleased')])
    }
    const gql = await rest.graphql(`query($s: String) { Episodes(draft: true, where: { slug: { equals: $s } }) { docs { title } } }`, { s: slug })
    expect(gql.body.data.Episodes.docs).toEqual([{ title: 'Episode published' }])
    const transcript = await rest.get(`/episodes/${episode}/transcript?draft=true`)
    expect([transcript.status, transcript.body.episode?.slug, transcript.body.totalDocs]).toEqual([200, slug, 2])
    expect(JSON.stringify(transcript.body)).not.toContain('Unreleased')
    expect((await rest.get(`/episodes/${episode}?draft=true`, { token: tokens.editor })).body.title).toBe('Unreleased new title')
  })

  test('versions, the job queue and import records are closed to the public', async () => {
    expect((await rest.get('/episodes/versions')).status).toBe(403)
    expect((await rest.get(`/episodes/versions?where[parent][equals]=${fixtures.draft.episode}`)).status).toBe(403)
    const gql = await rest.graphql(`{ versionsEpisodes { docs { id version { title } } } }`)
    expect(gql.body.errors?.[0].message).toMatch(/not allowed/i)
    expect((await rest.get('/payload-jobs')).status).toBe(403)
    expect((await rest.get('/transcript-imports')).status).toBe(403)
    expect((await rest.get('/transcript-imports', { token: tokens.author })).status).toBe(403)
    expect((await rest.get('/users')).status).toBe(403)
  })

  test('the transcript endpoint and GraphQL query answer only for published episodes', async () => {
    for (const status of statuses) {
      const { episode, slug } = fixtures[status]
      const expected = status === 'published' ? 200 : 404
      expect([status, (await rest.get(`/episodes/${episode}/transcript`)).status]).toEqual([status, expected])
      expect([status, (await rest.get(`/episodes/${slug}/transcript?draft=true`)).status]).toEqual([status, expected])
      const gql = await rest.graphql<{ EpisodeTranscript: null | { totalDocs: number } }>(
        `query($s: String!) { EpisodeTranscript(idOrSlug: $s, draft: true) { totalDocs } }`,
        { s: slug },
      )
      expect([status, gql.body.data.EpisodeTranscript]).toEqual([status, status === 'published' ? { totalDocs: 2 } : null])
      // Staff preview any status.
      expect((await rest.get(`/episodes/${slug}/transcript?draft=true`, { token: tokens.author })).status).toBe(200)
    }
  })

  test('editorial history is not public, nor queryable', async () => {
    const res = await rest.get(`/episodes/${fixtures.published.episode}`)
    const history = await payload.findByID({ collection: 'episodes', id: fixtures.published.episode })
    expect(history.workflowHistory?.length).toBeGreaterThan(0)
    expect(res.body.workflowHistory ?? []).toEqual([])
    const probe = await rest.get('/episodes?where[workflowHistory.to][equals]=published')
    expect(probe.status).toBe(400)
    expect(probe.body.errors[0].message).toMatch(/cannot be queried/)
  })
})
