/**
 * Hosts belong to shows: a show's hosts host its episodes, and anyone else who speaks is a guest
 * there, a host of another show too; setting a show's hosts reclassifies its episodes at once; until
 * they are set, the import suggests the voices heard in most of the show's episodes.
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

const file = (slug: string, show: string, voices: string[]) =>
  `---\ntitle: "${slug}"\npermalink: /${slug}\nstatus: publish\nshow: ${show}\n---\n\n${voices.map((voice, i) => `**${voice}:** [00:00:0${i}] Words of ${voice}.`).join('\n\n')}\n`

const importFile = async (slug: string, show: string, voices: string[]) => {
  const report = await importTranscript({ content: file(slug, show, voices), fileName: `${slug}.md`, payload })
  expect(report.errors).toEqual([])
  return report
}
const episodeOf = async (slug: string) => (await payload.find({ collection: 'episodes', depth: 0, where: { slug: { equals: slug } } })).docs[0]
const speakerNamed = async (name: string) => (await payload.find({ collection: 'speakers', depth: 0, where: { name: { equals: name } } })).docs[0]
const showNamed = async (slug: string) => (await payload.find({ collection: 'shows', depth: 0, where: { slug: { equals: slug } } })).docs[0]

beforeAll(async () => {
  t = await createTestPayload()
  payload = t.payload
  rest = await createRestClient()
  await createUser(payload, 'editor')
  await createUser(payload, 'author')
  editor = await rest.login('editor@example.com', PASSWORD)
  author = await rest.login('author@example.com', PASSWORD)
}, 120_000)
afterAll(async () => {
  await t?.teardown()
})

test('until a show’s hosts are set, the import suggests the voices heard in most of its episodes', async () => {
  await importFile('night-1', 'Night', ['Zed Night', 'Ann One'])
  await importFile('night-2', 'Night', ['Zed Night', 'Bo Two'])
  await importFile('night-3', 'Night', ['Zed Night', 'Michaela', 'Cy Three'])
  // Zed speaks in all four; each guest, and Michaela, in one of four (under the default 0.3).
  const fourth = await importFile('night-4', 'Night', ['Zed Night', 'Eve Five'])
  expect(fourth.suggestedHosts).toEqual(['Zed Night'])
})

test('a show’s hosts host its episodes; a host of another show who speaks there is a guest, with a profile', async () => {
  await importFile('morning-1', 'Morning', ['Michaela', 'Dee Four'])
  const zed = await speakerNamed('Zed Night')
  const michaela = await speakerNamed('Michaela Greiler')
  await payload.update({ collection: 'shows', data: { hosts: [michaela.id] }, id: (await showNamed('morning')).id })
  const res = await rest.patch(`/shows/${(await showNamed('night')).id}`, { body: { hosts: [zed.id] }, token: editor })
  expect(res.status).toBe(200)
  // Setting Night's hosts reclassified its episodes: Zed hosts, Michaela (Morning's host) is a guest on night-3.
  const night3 = await episodeOf('night-3')
  expect(night3.hosts).toEqual([zed.id])
  const michaelaProfile = (await speakerNamed('Michaela Greiler')).guest
  expect(michaelaProfile).toBeTruthy()
  expect(night3.guests).toContain(michaelaProfile)
  // A new episode of Night: the same.
  await importFile('night-5', 'Night', ['Zed Night', 'Michaela'])
  const night4 = await episodeOf('night-5')
  expect([night4.hosts, night4.guests]).toEqual([[zed.id], [michaelaProfile]])
  // On Morning she hosts, and is no guest.
  const morning = await episodeOf('morning-1')
  expect(morning.hosts).toEqual([michaela.id])
  expect(morning.guests).not.toContain(michaelaProfile)
})

test('making her a host of Night too moves her from guest to host on its episodes; her profile stays', async () => {
  const zed = await speakerNamed('Zed Night')
  const michaela = await speakerNamed('Michaela Greiler')
  const night = await showNamed('night')
  const refused = await rest.patch(`/shows/${night.id}`, { body: { hosts: [zed.id, michaela.id] }, token: author })
  expect(refused.status).toBe(403)
  expect((await showNamed('night')).hosts).toEqual([zed.id])
  const res = await rest.patch(`/shows/${night.id}`, { body: { hosts: [zed.id, michaela.id] }, token: editor })
  expect(res.status).toBe(200)
  for (const slug of ['night-3', 'night-5']) {
    const episode = await episodeOf(slug)
    expect([slug, [...(episode.hosts ?? [])].sort()]).toEqual([slug, [zed.id, michaela.id].sort()])
    expect([slug, episode.guests]).not.toEqual([slug, expect.arrayContaining([michaela.guest])])
  }
  expect(await payload.findByID({ collection: 'guests', disableErrors: true, id: michaela.guest as number })).not.toBeNull()
  // night-1 never heard her: she is not its host.
  expect((await episodeOf('night-1')).hosts).toEqual([zed.id])
})
