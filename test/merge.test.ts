/**
 * One person, one record: editors merge a duplicate speaker or guest into the one that stays,
 * over REST; everything moves in one transaction, the duplicate is gone, a record says what moved,
 * a repeated merge moves nothing, and nobody else may merge.
 */
import type { Payload } from 'payload'

import { importTranscript } from '../src/import/importTranscript'
import { createTestPayload, type TestPayload } from './helpers/payload'
import { createRestClient, type RestClient } from './helpers/restClient'
import { createUser, PASSWORD } from './helpers/users'

let t: TestPayload
let payload: Payload
let rest: RestClient
let editor: string
let author: string

const file = (slug: string, label: string, title: string, extra = '') =>
  `---\nepisode: "${title}"\npermalink: /${slug}\nstatus: publish\n---\n\n**Michaela:** [00:00:01] Welcome.\n\n**${label}:** [00:00:05] Hello from ${slug}.${extra}\n\n**${label}:** [00:00:09] More.\n`

const speakerNamed = async (name: string) => (await payload.find({ collection: 'speakers', depth: 0, where: { name: { equals: name } } })).docs[0]
const guestNamed = async (name: string) => (await payload.find({ collection: 'guests', depth: 0, where: { name: { equals: name } } })).docs[0]

beforeAll(async () => {
  t = await createTestPayload()
  payload = t.payload
  rest = await createRestClient()
  await createUser(payload, 'editor')
  await createUser(payload, 'author')
  editor = await rest.login('editor@example.com', PASSWORD)
  author = await rest.login('author@example.com', PASSWORD)
  for (const [slug, label, title] of [
    ['first', 'Sandeep', 'Episode 1: Sandeep on testing'],
    ['second', 'Sandeep Panda', 'Episode 2: More testing'],
  ]) {
    const report = await importTranscript({ content: file(slug, label, title), fileName: `${slug}.md`, payload })
    expect(report.errors).toEqual([])
  }
}, 120_000)
afterAll(async () => {
  await t?.teardown()
})

test('nobody but editors merges: anonymous 401, an author 403, and nothing moves', async () => {
  const duplicate = await speakerNamed('Sandeep')
  const keeper = await speakerNamed('Sandeep Panda')
  expect((await rest.post(`/speakers/${duplicate.id}/merge`, { body: { into: keeper.id } })).status).toBe(401)
  expect((await rest.post(`/speakers/${duplicate.id}/merge`, { body: { into: keeper.id }, token: author })).status).toBe(403)
  expect(await speakerNamed('Sandeep')).toEqual(duplicate)
  expect((await payload.count({ collection: 'merges' })).totalDocs).toBe(0)
  expect((await rest.post(`/speakers/${duplicate.id}/merge`, { body: { into: duplicate.id }, token: editor })).status).toBe(400)
  expect((await rest.post(`/speakers/${duplicate.id}/merge`, { body: { into: 999999 }, token: editor })).status).toBe(404)
  expect((await rest.post(`/speakers/${duplicate.id}/merge`, { body: {}, token: editor })).status).toBe(400)
})

test('a speaker merge moves turns, aliases and host links, deletes the duplicate, and records it', async () => {
  const duplicate = await speakerNamed('Sandeep')
  const keeper = await speakerNamed('Sandeep Panda')
  const res = await rest.post(`/speakers/${duplicate.id}/merge`, { body: { into: keeper.id }, token: editor })
  expect(res.status).toBe(200)
  expect(res.body.moved).toEqual({ aliases: 1, episodes: 1, speakers: 0, turns: 2 })
  expect(res.body.doc).toMatchObject({ id: keeper.id, name: 'Sandeep Panda' })
  expect((await rest.get(`/speakers/${duplicate.id}`, { token: editor })).status).toBe(404)
  const turns = await payload.find({ collection: 'transcript-turns', depth: 0, where: { speakerLabel: { equals: 'Sandeep' } } })
  expect(turns.docs.map((turn) => turn.speaker)).toEqual([keeper.id, keeper.id])
  const after = await payload.findByID({ collection: 'speakers', depth: 0, id: keeper.id })
  expect(after.aliases?.map((alias) => alias.label).sort()).toEqual(['Sandeep', 'Sandeep Panda'])
  const [record] = (await payload.find({ collection: 'merges' })).docs
  expect(record).toMatchObject({
    fromId: String(duplicate.id),
    fromName: 'Sandeep',
    intoId: String(keeper.id),
    kind: 'speaker',
    moved: { aliases: 1, episodes: 1, turns: 2 },
  })
  // Anonymous readers never see merge records.
  expect((await rest.get('/merges')).status).toBe(403)

  // Again: nothing moves, and it says so.
  const again = await rest.post(`/speakers/${duplicate.id}/merge`, { body: { into: keeper.id }, token: editor })
  expect([again.status, again.body.moved]).toEqual([200, { aliases: 0, episodes: 0, speakers: 0, turns: 0 }])
  expect((await payload.count({ collection: 'merges' })).totalDocs).toBe(1)

  // A re-import keeps the merge: "Sandeep" is the kept speaker now.
  const report = await importTranscript({ content: file('first', 'Sandeep', 'Episode 1: Sandeep on testing', ' Changed.'), fileName: 'first.md', payload })
  expect([report.status, report.createdSpeakers]).toEqual(['updated', 0])
  expect(await speakerNamed('Sandeep')).toBeUndefined()
})

test('a guest merge moves the episodes and speakers of the duplicate, which is gone; the keeper is public', async () => {
  const duplicate = await guestNamed('Sandeep')
  const keeper = await guestNamed('Sandeep Panda')
  const res = await rest.post(`/guests/${duplicate.id}/merge`, { body: { into: keeper.id }, token: editor })
  expect(res.status).toBe(200)
  expect(res.body.moved).toEqual({ aliases: 0, episodes: 1, speakers: 0, turns: 0 })
  expect((await rest.get(`/guests/${duplicate.id}`, { token: editor })).status).toBe(404)
  const first = (await payload.find({ collection: 'episodes', depth: 0, where: { slug: { equals: 'first' } } })).docs[0]
  expect(first.guests).toEqual([keeper.id])
  const anonymous = await rest.get(`/guests?where[slug][equals]=sandeep-panda`)
  expect(anonymous.body.docs.map((guest: { name: string }) => guest.name)).toEqual(['Sandeep Panda'])
  expect((await rest.post(`/guests/${keeper.id}/merge`, { body: { into: duplicate.id }, token: editor })).status).toBe(404)
})
