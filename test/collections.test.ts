import type { Payload } from 'payload'

import { createTestPayload, type TestPayload } from './helpers/payload'
import { createRestClient, type RestClient } from './helpers/restClient'
import { createUser, PASSWORD } from './helpers/users'

let t: TestPayload
let payload: Payload
let rest: RestClient
let token: string

beforeAll(async () => {
  t = await createTestPayload()
  payload = t.payload
  rest = await createRestClient()
  await createUser(payload, 'admin')
  token = await rest.login('admin@example.com', PASSWORD)
})
afterAll(async () => {
  await t?.teardown()
})

describe('users', () => {
  test('the first user becomes admin; later users default to author and cannot raise their own roles', async () => {
    const { docs } = await payload.find({ collection: 'users', where: { email: { equals: 'admin@example.com' } } })
    expect(docs[0].roles).toEqual(['admin'])
    const author = await payload.create({ collection: 'users', data: { email: 'writer@example.com', password: PASSWORD } })
    expect(author.roles).toEqual(['author'])
    const authorToken = await rest.login('writer@example.com', PASSWORD)
    const res = await rest.patch(`/users/${author.id}`, { body: { roles: ['admin'] }, token: authorToken })
    expect(res.status).toBe(200)
    expect((await payload.findByID({ collection: 'users', id: author.id })).roles).toEqual(['author'])
  })
})

describe('CRUD through the Local API', () => {
  test('episode, guest, speaker and turn with real relations', async () => {
    const guest = await payload.create({ collection: 'guests', data: { name: 'Ada Lovelace', headline: 'Analyst', links: [{ label: 'Site', url: 'https://example.com' }] } })
    expect(guest.slug).toBe('ada-lovelace')
    const speaker = await payload.create({ collection: 'speakers', data: { name: 'Ada Lovelace', role: 'guest', guest: guest.id, aliases: [{ label: 'Ada' }, { label: 'Countess Ada' }] } })
    expect(speaker.aliases?.map((a) => a.normalized)).toEqual(['ada', 'countess ada', 'ada lovelace'])
    const host = await payload.create({ collection: 'speakers', data: { name: 'Dr. Host Person', role: 'host' } })
    const episode = await payload.create({
      collection: 'episodes',
      data: {
        title: 'Episode 1: Engines',
        permalink: '/shows/episode-1-engines/',
        episodeNumber: 1,
        guests: [guest.id],
        hosts: [host.id],
        audio: { url: 'https://cdn.example.com/1.mp3', mimeType: 'audio/mpeg', byteLength: 1234 },
        duration: 3600,
      },
      draft: true,
    })
    expect(episode.slug).toBe('episode-1-engines')
    expect(episode.episodeType).toBe('full')
    for (const [position, start] of [[2, 30], [0, 0], [1, 12]]) {
      await payload.create({ collection: 'transcript-turns', data: { episode: episode.id, position, start, speaker: speaker.id, speakerLabel: 'Ada', text: `turn ${position}` } })
    }
    // Joins are populated from the main table, not from draft versions.
    const read = await payload.findByID({ collection: 'episodes', id: episode.id, depth: 1 })
    expect((read.guests as { name: string }[])[0].name).toBe('Ada Lovelace')
    expect((read.hosts as { name: string }[])[0].name).toBe('Dr. Host Person')
    // The join lists the episode's turns in position order, whatever order they were written in.
    expect(read.turns?.docs?.map((turn) => (turn as { position: number }).position)).toEqual([0, 1, 2])
    const guestRead = await payload.findByID({ collection: 'guests', id: guest.id, depth: 0 })
    expect(guestRead.episodes?.docs).toEqual([episode.id])

    const updated = await payload.update({ collection: 'speakers', id: speaker.id, data: { role: 'co-host' } })
    expect(updated.aliases).toHaveLength(3)
    await payload.delete({ collection: 'transcript-turns', where: { episode: { equals: episode.id } } })
    await payload.delete({ collection: 'episodes', id: episode.id })
    expect((await payload.count({ collection: 'episodes' })).totalDocs).toBe(0)
  })
})

describe('unique constraints', () => {
  test('episode and guest slugs are unique', async () => {
    await payload.create({ collection: 'episodes', data: { title: 'Same', slug: 'same' }, draft: true })
    await expect(payload.create({ collection: 'episodes', data: { title: 'Other', slug: 'same' }, draft: true })).rejects.toThrow(/slug/i)
    await payload.create({ collection: 'guests', data: { name: 'Twin' } })
    await expect(payload.create({ collection: 'guests', data: { name: 'Twin' } })).rejects.toThrow(/slug/i)
  })

  test('aliases are unique after normalising, across speakers', async () => {
    await payload.create({ collection: 'speakers', data: { name: 'Michaela Greiler', role: 'host', aliases: [{ label: 'Dr. McKayla' }] } })
    // "mckayla" is taken: case, punctuation and the title do not make it new.
    await expect(payload.create({ collection: 'speakers', data: { name: 'Someone', aliases: [{ label: 'MCKAYLA!' }] } })).rejects.toThrow(/normalized|alias|unique|invalid/i)
  })

  test('an episode has one turn per position', async () => {
    const episode = await payload.create({ collection: 'episodes', data: { title: 'Positions' }, draft: true })
    await payload.create({ collection: 'transcript-turns', data: { episode: episode.id, position: 0, text: 'a' } })
    await expect(payload.create({ collection: 'transcript-turns', data: { episode: episode.id, position: 0, text: 'b' } })).rejects.toThrow()
    expect((await payload.count({ collection: 'transcript-turns', where: { episode: { equals: episode.id } } })).totalDocs).toBe(1)
  })

  test('alias lookup is an index scan on the normalised column', async () => {
    const { rows } = await payload.db.pool.query(
      `SELECT indexdef FROM pg_indexes WHERE tablename = 'speakers_aliases' AND indexdef LIKE '%(normalized)%'`,
    )
    expect(rows[0].indexdef).toMatch(/UNIQUE INDEX .* \(normalized\)/)
  })
})

describe('REST CRUD', () => {
  test('create, read, update and delete each collection', async () => {
    const guest = await rest.post('/guests', { body: { name: 'Grace Hopper' }, token })
    expect(guest.status).toBe(201)
    const speaker = await rest.post('/speakers', { body: { name: 'Grace Hopper', guest: guest.body.doc.id, aliases: [{ label: 'Grace' }] }, token })
    expect(speaker.status).toBe(201)
    const episode = await rest.post('/episodes?draft=true', { body: { title: 'REST episode', guests: [guest.body.doc.id] }, token })
    expect(episode.status).toBe(201)
    const id = episode.body.doc.id
    const turn = await rest.post('/transcript-turns', { body: { episode: id, position: 0, text: 'Hi', speaker: speaker.body.doc.id }, token })
    expect(turn.status).toBe(201)

    const read = await rest.get(`/episodes/${id}?depth=1`, { token })
    expect(read.body.title).toBe('REST episode')
    expect(read.body.guests[0].name).toBe('Grace Hopper')
    expect(read.body.turns.docs[0].text).toBe('Hi')

    const patched = await rest.patch(`/episodes/${id}?draft=true`, { body: { summary: 'Updated' }, token })
    expect(patched.status).toBe(200)
    expect(patched.body.doc.summary).toBe('Updated')
    for (const [collection, docId] of [['transcript-turns', turn.body.doc.id], ['episodes', id], ['speakers', speaker.body.doc.id], ['guests', guest.body.doc.id]]) {
      expect((await rest.delete(`/${collection}/${docId}`, { token })).status).toBe(200)
    }
    expect((await rest.get(`/episodes/${id}?draft=true`, { token })).status).toBe(404)
  })
})

describe('GraphQL CRUD', () => {
  test('mutations and queries use the collection names', async () => {
    const created = await rest.graphql<{ createGuest: { id: number; slug: string } }>(
      `mutation { createGuest(data: { name: "Katherine Johnson" }) { id slug } }`, {}, token)
    expect(created.body.errors).toBeUndefined()
    expect(created.body.data.createGuest.slug).toBe('katherine-johnson')
    const guestId = created.body.data.createGuest.id
    const speaker = await rest.graphql<{ createSpeaker: { id: number } }>(
      `mutation($guest: Int) { createSpeaker(data: { name: "Katherine Johnson", guest: $guest, aliases: [{ label: "Katherine" }] }) { id } }`, { guest: guestId }, token)
    expect(speaker.body.errors).toBeUndefined()
    const episode = await rest.graphql<{ createEpisode: { id: number } }>(
      `mutation($guest: Int) { createEpisode(data: { title: "GraphQL episode", guests: [$guest] }, draft: true) { id } }`, { guest: guestId }, token)
    expect(episode.body.errors).toBeUndefined()
    const episodeId = episode.body.data.createEpisode.id
    const turn = await rest.graphql(
      `mutation($e: Int!, $s: Int) { createTranscriptTurn(data: { episode: $e, position: 0, text: "Orbit", speaker: $s }) { id } }`,
      { e: episodeId, s: speaker.body.data.createSpeaker.id }, token)
    expect(turn.body.errors).toBeUndefined()

    const query = await rest.graphql<{ Episode: { title: string; guests: { name: string }[]; turns: { docs: { text: string }[] } } }>(
      `query($id: Int!) { Episode(id: $id) { title guests { name } turns { docs { text } } } }`, { id: episodeId }, token)
    expect(query.body.errors).toBeUndefined()
    expect(query.body.data.Episode).toEqual({ title: 'GraphQL episode', guests: [{ name: 'Katherine Johnson' }], turns: { docs: [{ text: 'Orbit' }] } })

    const updated = await rest.graphql<{ updateGuest: { headline: string } }>(
      `mutation($id: Int!) { updateGuest(id: $id, data: { headline: "Mathematician" }) { headline } }`, { id: guestId }, token)
    expect(updated.body.data.updateGuest.headline).toBe('Mathematician')
    const list = await rest.graphql<{ TranscriptTurns: { totalDocs: number } }>(`{ TranscriptTurns { totalDocs } }`, {}, token)
    expect(list.body.data.TranscriptTurns.totalDocs).toBeGreaterThanOrEqual(1)
    const deleted = await rest.graphql(`mutation($id: Int!) { deleteEpisode(id: $id) { id } }`, { id: episodeId }, token)
    expect(deleted.body.errors).toBeUndefined()
  })
})
