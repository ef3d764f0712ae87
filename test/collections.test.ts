import type { Payload } from 'payload'

import { ValidationError } from 'payload'

import { createTestPayload, type TestPayload } from './helpers/payload'
import { createRestClient, type RestClient } from './helpers/restClient'
import { PASSWORD } from './helpers/users'

let t: TestPayload
let payload: Payload
let rest: RestClient
let token: string
let firstUser: { id: number | string; roles?: null | string[] }

beforeAll(async () => {
  t = await createTestPayload()
  payload = t.payload
  rest = await createRestClient()
  // The first user of the empty install, created with no roles at all: the plugin's hook makes it admin.
  firstUser = await payload.create({ collection: 'users', data: { email: 'admin@example.com', password: PASSWORD } })
  token = await rest.login('admin@example.com', PASSWORD)
})
afterAll(async () => {
  await t?.teardown()
})

describe('users', () => {
  test('the first user becomes admin; later users default to author and cannot raise their own roles', async () => {
    expect(firstUser.roles).toEqual(['admin'])
    expect((await payload.findByID({ collection: 'users', id: firstUser.id })).roles).toEqual(['admin'])
    // The admin it became can do what only admins may: list every user.
    expect((await rest.get('/users', { token })).body.totalDocs).toBe(1)
    const author = await payload.create({ collection: 'users', data: { email: 'writer@example.com', password: PASSWORD } })
    expect(author.roles).toEqual(['author'])
    const authorToken = await rest.login('writer@example.com', PASSWORD)
    const before = await payload.findByID({ collection: 'users', id: author.id })
    const res = await rest.patch(`/users/${author.id}`, { body: { roles: ['admin'] }, token: authorToken })
    expect(res.status).toBe(200)
    expect(res.body.doc.roles).toEqual(['author'])
    expect(await payload.findByID({ collection: 'users', id: author.id })).toEqual({ ...before, updatedAt: expect.any(String) })
  })
})

describe('CRUD through the Local API', () => {
  test('episode, guest, speaker and turn with real relations', async () => {
    const guest = await payload.create({
      collection: 'guests',
      data: { name: 'Ada Lovelace', headline: 'Analyst', links: [{ label: 'Site', url: 'https://example.com' }] },
    })
    expect(guest.slug).toBe('ada-lovelace')
    const speaker = await payload.create({
      collection: 'speakers',
      data: { name: 'Ada Lovelace', role: 'guest', guest: guest.id, aliases: [{ label: 'Ada' }, { label: 'Countess Ada' }] },
    })
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
    for (const [position, start] of [
      [2, 30],
      [0, 0],
      [1, 12],
    ]) {
      await payload.create({
        collection: 'transcript-turns',
        data: { episode: episode.id, position, start, speaker: speaker.id, speakerLabel: 'Ada', text: `turn ${position}` },
      })
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
    const rejected = payload.create({ collection: 'speakers', data: { name: 'Someone', aliases: [{ label: 'MCKAYLA!' }] } })
    await expect(rejected).rejects.toThrow(ValidationError)
    await expect(rejected).rejects.toMatchObject({
      data: { collection: 'speakers', errors: [{ message: 'Value must be unique', path: 'normalized' }] },
      message: 'The following field is invalid: normalized',
      status: 400,
    })
    expect((await payload.count({ collection: 'speakers', where: { name: { equals: 'Someone' } } })).totalDocs).toBe(0)
  })

  test('a transcript revision has one turn per position', async () => {
    const episode = await payload.create({ collection: 'episodes', data: { title: 'Positions' }, draft: true })
    await payload.create({ collection: 'transcript-turns', data: { episode: episode.id, position: 0, text: 'a' } })
    const rejected = payload.create({ collection: 'transcript-turns', data: { episode: episode.id, position: 0, text: 'b' } })
    await expect(rejected).rejects.toThrow(ValidationError)
    // Payload names a compound unique index by its columns.
    await expect(rejected).rejects.toMatchObject({
      data: { collection: 'transcript-turns', errors: [{ message: 'Value must be unique', path: 'revision_id, "position"' }] },
      status: 400,
    })
    const { docs } = await payload.find({ collection: 'transcript-turns', where: { episode: { equals: episode.id } } })
    expect(docs.map((turn) => [turn.position, turn.text])).toEqual([[0, 'a']])
    // Another position in the same episode is fine.
    await payload.create({ collection: 'transcript-turns', data: { episode: episode.id, position: 1, text: 'b' } })
    expect((await payload.count({ collection: 'transcript-turns', where: { episode: { equals: episode.id } } })).totalDocs).toBe(2)
  })

  test('alias lookup is an index scan on the normalised column', async () => {
    const { importTranscript } = await import('../src/import/importTranscript')
    // Catch the SQL the importer really runs to look speakers up by alias (every client of the pool).
    const { Client } = (await import('pg')).default
    const original = Client.prototype.query
    const seen: { text: string; values?: unknown[] }[] = []
    Client.prototype.query = function (this: unknown, ...args: unknown[]) {
      const [query, values] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined]
      if (typeof query === 'string') seen.push({ text: query, values: Array.isArray(values) ? values : undefined })
      else if (query && typeof query.text === 'string') seen.push({ text: query.text, values: query.values ?? values })
      return (original as (...a: unknown[]) => unknown).apply(this, args)
    } as typeof Client.prototype.query
    try {
      const report = await importTranscript({
        content: '---\nepisode: "Episode 77: Index Talk"\npermalink: /index-talk\n---\n\n**Dr. McKayla:** [00:00:01] Hello.\n\n**Zora:** [00:00:02] Hi.\n',
        fileName: 'index-talk.md',
        payload,
      })
      expect([report.status, report.errors]).toEqual(['imported', []])
    } finally {
      Client.prototype.query = original
    }
    const lookups = seen.filter(({ text }) => /FROM "speakers_aliases" a\b/.test(text) && /= ANY\(/.test(text))
    expect(lookups.length).toBeGreaterThanOrEqual(1)
    const [lookup] = lookups

    const client = await payload.db.pool.connect()
    try {
      await client.query('BEGIN')
      // The test tables hold a handful of rows, where a sequential scan is cheaper and Postgres rightly
      // prefers it. With seq scans priced out (for this transaction only), the planner takes an index
      // whenever one can serve the condition; if none can, it still seq-scans, and the test fails.
      await client.query('SET LOCAL enable_seqscan = off')
      const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${lookup.text}`, lookup.values)
      type Plan = { 'Index Cond'?: string; 'Index Name'?: string; 'Node Type': string; Plans?: Plan[]; 'Relation Name'?: string }
      const nodes = (plan: Plan): Plan[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)]
      const plan = nodes(rows[0]['QUERY PLAN'][0].Plan)
      // The alias table is read, and never whole ...
      const aliasReads = plan.filter((node) => node['Relation Name'] === 'speakers_aliases').map((node) => node['Node Type'])
      expect(aliasReads).toEqual([expect.stringMatching(/^(Index Scan|Index Only Scan|Bitmap Heap Scan)$/)])
      // ... but through the unique index on the normalised alias, searched by the lookup's condition.
      const indexReads = plan.filter((node) => node['Index Name'] === 'speakers_aliases_normalized_idx').map((node) => [node['Node Type'], node['Index Cond']])
      expect(indexReads).toEqual([
        [expect.stringMatching(/^(Index Scan|Index Only Scan|Bitmap Index Scan)$/), expect.stringMatching(/^\(\(normalized\)::text = ANY \(/)],
      ])
    } finally {
      await client.query('ROLLBACK')
      client.release()
    }
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
    for (const [collection, docId] of [
      ['transcript-turns', turn.body.doc.id],
      ['episodes', id],
      ['speakers', speaker.body.doc.id],
      ['guests', guest.body.doc.id],
    ]) {
      expect((await rest.delete(`/${collection}/${docId}`, { token })).status).toBe(200)
    }
    expect((await rest.get(`/episodes/${id}?draft=true`, { token })).status).toBe(404)
  })
})

describe('GraphQL CRUD', () => {
  test('mutations and queries use the collection names', async () => {
    const created = await rest.graphql<{ createGuest: { id: number; slug: string } }>(
      `mutation { createGuest(data: { name: "Katherine Johnson" }) { id slug } }`,
      {},
      token,
    )
    expect(created.body.errors).toBeUndefined()
    expect(created.body.data.createGuest.slug).toBe('katherine-johnson')
    const guestId = created.body.data.createGuest.id
    const speaker = await rest.graphql<{ createSpeaker: { id: number } }>(
      `mutation($guest: Int) { createSpeaker(data: { name: "Katherine Johnson", guest: $guest, aliases: [{ label: "Katherine" }] }) { id } }`,
      { guest: guestId },
      token,
    )
    expect(speaker.body.errors).toBeUndefined()
    const episode = await rest.graphql<{ createEpisode: { id: number } }>(
      `mutation($guest: Int) { createEpisode(data: { title: "GraphQL episode", guests: [$guest] }, draft: true) { id } }`,
      { guest: guestId },
      token,
    )
    expect(episode.body.errors).toBeUndefined()
    const episodeId = episode.body.data.createEpisode.id
    const turn = await rest.graphql(
      `mutation($e: Int!, $s: Int) { createTranscriptTurn(data: { episode: $e, position: 0, text: "Orbit", speaker: $s }) { id } }`,
      { e: episodeId, s: speaker.body.data.createSpeaker.id },
      token,
    )
    expect(turn.body.errors).toBeUndefined()

    const query = await rest.graphql<{ Episode: { title: string; guests: { name: string }[]; turns: { docs: { text: string }[] } } }>(
      `query($id: Int!) { Episode(id: $id) { title guests { name } turns { docs { text } } } }`,
      { id: episodeId },
      token,
    )
    expect(query.body.errors).toBeUndefined()
    expect(query.body.data.Episode).toEqual({ title: 'GraphQL episode', guests: [{ name: 'Katherine Johnson' }], turns: { docs: [{ text: 'Orbit' }] } })

    const updated = await rest.graphql<{ updateGuest: { headline: string } }>(
      `mutation($id: Int!) { updateGuest(id: $id, data: { headline: "Mathematician" }) { headline } }`,
      { id: guestId },
      token,
    )
    expect(updated.body.errors).toBeUndefined()
    expect(updated.body.data.updateGuest.headline).toBe('Mathematician')
    expect((await payload.findByID({ collection: 'guests', id: guestId })).headline).toBe('Mathematician')
    const list = await rest.graphql<{ TranscriptTurns: { totalDocs: number } }>(
      `query($e: JSON) { TranscriptTurns(where: { episode: { equals: $e } }) { totalDocs } }`,
      { e: episodeId },
      token,
    )
    expect(list.body.errors).toBeUndefined()
    expect(list.body.data.TranscriptTurns.totalDocs).toBe(1)
    const deleted = await rest.graphql<{ deleteEpisode: { id: number } }>(`mutation($id: Int!) { deleteEpisode(id: $id) { id } }`, { id: episodeId }, token)
    expect(deleted.body.errors).toBeUndefined()
    expect(deleted.body.data.deleteEpisode.id).toBe(episodeId)
    // Gone, for GraphQL and in the database, with its turns.
    const reread = await rest.graphql<{ Episode: null | { id: number } }>(`query($id: Int!) { Episode(id: $id, draft: true) { id } }`, { id: episodeId }, token)
    expect(reread.body.data.Episode).toBeNull()
    expect((await payload.count({ collection: 'episodes', where: { id: { equals: episodeId } } })).totalDocs).toBe(0)
    expect((await payload.count({ collection: 'transcript-turns', where: { episode: { equals: episodeId } } })).totalDocs).toBe(0)
  })
})
