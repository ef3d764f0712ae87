import { seedApp as seed } from '../server/seedApp'
import { createTestPayload, type TestPayload } from './helpers/payload'

let t: TestPayload
beforeAll(async () => {
  t = await createTestPayload()
})
afterAll(async () => {
  await t?.teardown()
})

const counts = async () => {
  const result: Record<string, number> = {}
  for (const collection of ['users', 'episodes', 'guests', 'speakers', 'transcript-turns'] as const) {
    result[collection] = (await t.payload.count({ collection })).totalDocs
  }
  return result
}

test('the seed creates an admin, the hosts and demo episodes, and is idempotent', async () => {
  const first = await seed(t.payload)
  expect(first.adminCreated).toBe(true)
  expect(first.hostsCreated).toBe(1)
  expect(Object.values(first.episodes)).toEqual(['imported', 'imported', 'imported'])
  const after = await counts()
  expect(after).toMatchObject({ users: 1, episodes: 3, guests: 3, speakers: 4 })
  expect(after['transcript-turns']).toBeGreaterThan(10)

  const {
    docs: [admin],
  } = await t.payload.find({ collection: 'users' })
  expect(admin.email).toBe('admin@example.com')
  expect(admin.roles).toEqual(['admin'])
  const published = await t.payload.find({ collection: 'episodes', where: { _status: { equals: 'published' } } })
  expect(published.totalDocs).toBe(2)

  const second = await seed(t.payload)
  expect(second).toEqual({
    adminCreated: false,
    episodes: { '001-welcome.md': 'unchanged', '002-transcripts.md': 'unchanged', '003-upcoming.md': 'unchanged' },
    hostsCreated: 0,
  })
  expect(await counts()).toEqual(after)
})
