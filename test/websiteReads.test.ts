/**
 * What a website asks for first, lean by default: an episode list carries no transcript, a
 * populated guest or speaker is a card, joins come when asked for, and the statements a list
 * takes do not grow with the archive (no N+1), over REST and GraphQL.
 */
import type { Payload } from 'payload'

import { importTranscript } from '../src/import/importTranscript'
import { longTranscript } from './helpers/database'
import { createTestPayload, type TestPayload } from './helpers/payload'
import { createRestClient, type RestClient } from './helpers/restClient'
import { captureStatements } from './helpers/statements'
import { createUser, PASSWORD } from './helpers/users'

let t: TestPayload
let payload: Payload
let rest: RestClient

/**
 * A guest name of letters only (a title's name keeps no digits): 3 → "Guest Ado". It ends in "o":
 * "Guest Ad" would end with a marker word ("ad"), and be a marker, not a person.
 */
const guestName = (i: number) => `Guest A${String.fromCharCode(97 + (i % 26))}${i >= 26 ? String.fromCharCode(97 + Math.floor(i / 26)) : ''}o`
const slugOf = (name: string) => name.toLowerCase().replace(' ', '-')

const importEpisodes = async (from: number, to: number, status = 'status: publish') => {
  for (let i = from; i < to; i++) {
    // The host and one guest: Michaela is the app's host.
    const content = longTranscript(`web-${i}`, 30, status)
      .replace(/episode: ".*"/, `episode: "Episode ${i}: ${guestName(i)}"`)
      .replace(/\*\*Ann:\*\*/g, `**${guestName(i)}:**`)
      .replace(/\*\*Bob:\*\*/g, '**Michaela:**')
    const report = await importTranscript({ content, fileName: `web-${i}.md`, payload })
    expect(report.errors).toEqual([])
  }
}

beforeAll(async () => {
  t = await createTestPayload()
  payload = t.payload
  rest = await createRestClient()
  await importEpisodes(0, 25)
  // A draft with a guest of its own: nothing of it may show.
  await importEpisodes(25, 26, 'status: draft')
  // A guest with a bio, links and episodes: what a card must not carry.
  const guest = await payload.find({ collection: 'guests', where: { slug: { equals: slugOf(guestName(3)) } } })
  await payload.update({
    collection: 'guests',
    data: { headline: 'Engineer at Acme', links: [{ label: 'Site', url: 'https://example.com' }] },
    id: guest.docs[0].id,
  })
}, 120_000)
afterAll(async () => {
  await t?.teardown()
})

const LIST = '/episodes?limit=20&depth=1&sort=-publishedAt'

describe('REST', () => {
  test('the episode list carries no turns, and its guests and hosts are cards', async () => {
    const res = await rest.get(LIST)
    expect(res.status).toBe(200)
    expect(res.body.docs).toHaveLength(20)
    for (const episode of res.body.docs) {
      expect(episode).not.toHaveProperty('turns')
      for (const guest of episode.guests) expect(Object.keys(guest).sort()).toEqual(['headline', 'id', 'name', 'photo', 'slug'])
      for (const host of episode.hosts) expect(Object.keys(host).sort()).toEqual(['guest', 'id', 'name', 'role', 'slug'])
    }
    const three = (await rest.get('/episodes?where[slug][equals]=web-3&depth=1')).body.docs[0]
    expect(three.guests).toEqual([{ headline: 'Engineer at Acme', id: three.guests[0].id, name: guestName(3), photo: null, slug: slugOf(guestName(3)) }])
    expect(res.body.docs.map((episode: { slug: string }) => episode.slug)).not.toContain('web-25')
    expect(Buffer.byteLength(JSON.stringify(res.body))).toBeLessThan(40_000)
  })

  test('a join comes when asked for, published turns only', async () => {
    const res = await rest.get('/episodes?where[slug][equals]=web-3&depth=0&joins[turns][limit]=5')
    expect(res.body.docs[0].turns.docs).toHaveLength(5)
    expect(res.body.docs[0].turns.hasNextPage).toBe(true)
    // One episode read by id keeps Payload's default: its first 100 turns.
    const one = await rest.get('/episodes/' + res.body.docs[0].id + '?depth=0')
    expect(one.body.turns.docs).toHaveLength(30)
    const withTurns = await rest.get('/episodes/' + res.body.docs[0].id + '?depth=1&joins[turns][limit]=3')
    expect(withTurns.body.turns.docs.map((turn: { position: number }) => turn.position)).toEqual([0, 1, 2])
    const draft = await rest.get('/episodes?where[slug][equals]=web-25&joins[turns][limit]=5')
    expect(draft.body.totalDocs).toBe(0)
  })

  test('a guest page: the card fields, its episodes only when asked, published ones only', async () => {
    const res = await rest.get(`/guests?where[slug][equals]=${slugOf(guestName(3))}&depth=1`)
    expect(res.body.docs).toHaveLength(1)
    expect(res.body.docs[0]).not.toHaveProperty('episodes')
    expect(res.body.docs[0]).toMatchObject({ headline: 'Engineer at Acme', links: [{ label: 'Site', url: 'https://example.com' }], name: guestName(3) })
    const withEpisodes = await rest.get(`/guests?where[slug][equals]=${slugOf(guestName(3))}&depth=0&joins[episodes][limit]=10`)
    expect(withEpisodes.body.docs[0].episodes.docs).toHaveLength(1)
    expect((await rest.get(`/guests?where[slug][equals]=${slugOf(guestName(25))}`)).body.totalDocs).toBe(0)
  })

  test('speakers carry no turns unless asked', async () => {
    const res = await rest.get('/speakers?limit=50&depth=1')
    expect(res.body.docs).toHaveLength(26)
    for (const speaker of res.body.docs) expect(speaker).not.toHaveProperty('turns')
    const host = await rest.get('/speakers?where[role][equals]=host&depth=0&joins[turns][limit]=2')
    expect(host.body.docs[0].turns.docs).toHaveLength(2)
  })

  test('the list takes the same statements for an archive twice the size (no N+1)', async () => {
    const count = async () => {
      const { result, statements } = await captureStatements(t.url, () => rest.get(LIST))
      expect(result.body.docs).toHaveLength(20)
      return statements
    }
    const before = await count()
    await importEpisodes(26, 60)
    const after = await count()
    expect(after.length).toBe(before.length)
    // The episodes, their count, then guests and hosts populated one query per collection, not per episode.
    expect(after.filter((text) => /\bfrom "guests"/i.test(text))).toHaveLength(1)
    expect(after.length).toBeLessThanOrEqual(6)
  })
})

describe('the lean list: GET /api/episodes/latest', () => {
  const LATEST = '/episodes/latest?limit=20'

  test('the same episodes, order and pages as the standard list, as cards', async () => {
    const [latest, standard] = await Promise.all([rest.get(LATEST), rest.get(LIST)])
    expect(latest.status).toBe(200)
    const { docs, ...pagination } = latest.body
    const { docs: standardDocs, ...standardPagination } = standard.body
    expect(pagination).toEqual(standardPagination)
    expect(docs.map((card: { id: number }) => card.id)).toEqual(standardDocs.map((episode: { id: number }) => episode.id))
    // Each card holds what the standard list says of the episode, in the standard list's shapes.
    for (const [i, card] of docs.entries()) {
      const episode = standardDocs[i]
      expect(card).toEqual({
        audio: episode.audio,
        duration: episode.duration,
        episodeNumber: episode.episodeNumber,
        episodeType: episode.episodeType,
        guests: episode.guests,
        hosts: episode.hosts,
        id: episode.id,
        permalink: episode.permalink,
        publishedAt: episode.publishedAt,
        season: episode.season,
        slug: episode.slug,
        summary: episode.summary,
        title: episode.title,
        transcript: { language: episode.transcript.language, turnCount: episode.transcript.turnCount, wordCount: episode.transcript.wordCount },
      })
    }
    const [second, standardSecond] = await Promise.all([
      rest.get('/episodes/latest?limit=20&page=2'),
      rest.get('/episodes?limit=20&page=2&depth=0&sort=-publishedAt'),
    ])
    expect(second.body).toMatchObject({ hasPrevPage: true, page: 2, totalDocs: standard.body.totalDocs })
    expect(second.body.docs.map((card: { slug: string }) => card.slug)).toEqual(standardSecond.body.docs.map((episode: { slug: string }) => episode.slug))
  })

  test('drafts never: not a draft episode, not the draft edit of a published one', async () => {
    const four = (await payload.find({ collection: 'episodes', where: { slug: { equals: 'web-4' } } })).docs[0]
    await payload.update({ collection: 'episodes', data: { title: 'Episode 4: Secret draft title' }, draft: true, id: four.id })
    const all = await rest.get('/episodes/latest?limit=100')
    const published = await payload.count({ collection: 'episodes', where: { _status: { equals: 'published' } } })
    expect(all.body.totalDocs).toBe(published.totalDocs)
    expect(all.body.docs).toHaveLength(published.totalDocs)
    const slugs = all.body.docs.map((card: { slug: string }) => card.slug)
    expect(slugs).not.toContain('web-25')
    expect(all.body.docs.find((card: { slug: string }) => card.slug === 'web-4').title).toBe(four.title)
    expect(JSON.stringify(all.body)).not.toContain('Secret draft title')
    expect(all.body.docs.flatMap((card: { guests: { name: string }[] }) => card.guests.map((guest) => guest.name))).not.toContain(guestName(25))
    // Staff read the website's list too: still the published state, with the private cache header.
    await createUser(payload, 'editor')
    const token = await rest.login('editor@example.com', PASSWORD)
    const staff = await rest.get('/episodes/latest?limit=100', { token })
    expect(staff.headers.get('cache-control')).toBe('private, no-store')
    expect(staff.body.totalDocs).toBe(published.totalDocs)
    expect(staff.body.docs.map((card: { slug: string }) => card.slug)).toEqual(slugs)
    expect(JSON.stringify(staff.body)).not.toContain('Secret draft title')
    // A guest of the draft only lists nothing.
    const draftGuest = await rest.get(`/episodes/latest?guest=${slugOf(guestName(25))}`)
    expect(draftGuest.body).toMatchObject({ docs: [], totalDocs: 0 })
  })

  test('a guest page lists that guest’s episodes, by slug or id', async () => {
    const bySlug = await rest.get(`/episodes/latest?guest=${slugOf(guestName(3))}`)
    expect(bySlug.body.docs.map((card: { slug: string }) => card.slug)).toEqual(['web-3'])
    const id = bySlug.body.docs[0].guests[0].id
    expect((await rest.get(`/episodes/latest?guest=${id}`)).body.docs.map((card: { slug: string }) => card.slug)).toEqual(['web-3'])
  })

  test('bounded: limit, page and sort are checked; the public cache headers are the API’s', async () => {
    for (const query of ['limit=0', 'limit=101', 'limit=2.5', 'page=0', 'page=abc', 'sort=title', 'guest=a%00b']) {
      const res = await rest.get(`/episodes/latest?${query}`)
      expect([query, res.status]).toEqual([query, 400])
    }
    const res = await rest.get(LATEST)
    expect(res.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300')
    const etag = res.headers.get('etag')
    expect(etag).toMatch(/^"[\w-]{32}"$/)
    expect((await rest.get(LATEST, { headers: { 'If-None-Match': etag! } })).status).toBe(304)
    const oldest = await rest.get('/episodes/latest?limit=1&sort=publishedAt')
    expect(oldest.body.docs[0].slug).toBe((await rest.get('/episodes?limit=1&sort=publishedAt&depth=0')).body.docs[0].slug)
  })

  test('three statements, whatever the archive size', async () => {
    const { result, statements } = await captureStatements(t.url, () => rest.get(LATEST))
    expect(result.body.docs).toHaveLength(20)
    expect(statements).toHaveLength(3)
  })
})

describe('GraphQL', () => {
  const QUERY = '{ Episodes(limit: 20, sort: "-publishedAt") { docs { title slug guests { name slug } } } }'

  test('the list of titles and guests: published only, and a bounded number of statements', async () => {
    const { result, statements } = await captureStatements(t.url, () =>
      rest.graphql<{ Episodes: { docs: { guests: { name: string }[]; slug: string }[] } }>(QUERY),
    )
    expect(result.body.errors).toBeUndefined()
    const docs = result.body.data.Episodes.docs
    expect(docs).toHaveLength(20)
    expect(docs.every((episode) => episode.guests.length === 1)).toBe(true)
    expect(docs.map((episode) => episode.slug)).not.toContain('web-25')
    expect(statements.length).toBeLessThanOrEqual(6)
  })
})
