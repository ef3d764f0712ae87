import type { Payload } from 'payload'

import { getPayload } from 'payload'

import { createTestPayload, type TestPayload } from './helpers/payload'
import { type ApiResponse, createRestClient, type RestClient } from './helpers/restClient'
import { createUser, PASSWORD } from './helpers/users'

let t: TestPayload
let payload: Payload
let rest: RestClient
const token: Record<'admin' | 'author' | 'editor', string> = { admin: '', author: '', editor: '' }
const userId: Record<string, number> = {}

beforeAll(async () => {
  t = await createTestPayload({ runJobs: true })
  payload = t.payload
  rest = await createRestClient()
  for (const role of ['admin', 'editor', 'author'] as const) {
    userId[role] = (await createUser(payload, role)).id as number
    token[role] = await rest.login(`${role}@example.com`, PASSWORD)
  }
})
afterAll(async () => {
  await t?.teardown()
})

const anonymousTitle = async (id: number) => {
  const res = await rest.get(`/episodes/${id}`)
  return res.status === 200 ? res.body.title : res.status
}

/** The episode as stored: the document (drafts included), its newest version and how many versions it has. */
const stored = async (id: number) => {
  const versions = await payload.findVersions({ collection: 'episodes', depth: 0, limit: 1, sort: '-updatedAt', where: { parent: { equals: id } } })
  return { doc: await payload.findByID({ collection: 'episodes', depth: 0, draft: true, id }), newest: versions.docs[0], versions: versions.totalDocs }
}

/** A refused write: the expected status, and a re-read that proves nothing was written. */
const expectRefused = async (id: number, status: number, attempt: () => Promise<ApiResponse>) => {
  const before = await stored(id)
  const res = await attempt()
  expect(res.status).toBe(status)
  expect(await stored(id)).toEqual(before)
  return res
}

describe('the editorial workflow over REST', () => {
  let id: number

  test('an author writes a draft and submits it for review, and is recorded doing so', async () => {
    const created = await rest.post('/episodes', { body: { title: 'Workflow episode' }, token: token.author })
    expect(created.status).toBe(201)
    id = created.body.doc.id
    expect(created.body.doc).toMatchObject({ _status: 'draft', workflowStatus: 'draft' })

    const submitted = await rest.patch(`/episodes/${id}`, { body: { workflowStatus: 'in_review', workflowComment: 'Ready for a look' }, token: token.author })
    expect(submitted.status).toBe(200)
    expect(submitted.body.doc.workflowStatus).toBe('in_review')
    const history = submitted.body.doc.workflowHistory
    expect(history.at(-1)).toMatchObject({ comment: 'Ready for a look', from: 'draft', to: 'in_review' })
    expect(history.at(-1).by.id ?? history.at(-1).by).toBe(userId.author)
  })

  test('an author edits an episode in review, but cannot approve or publish it', async () => {
    // The rule (README): authors edit drafts and episodes in review; only editors approve and publish.
    const edited = await rest.patch(`/episodes/${id}`, { body: { summary: 'Tightened by the author' }, token: token.author })
    expect(edited.status).toBe(200)
    expect(edited.body.doc).toMatchObject({ summary: 'Tightened by the author', workflowStatus: 'in_review' })
    expect((await stored(id)).doc).toMatchObject({ _status: 'draft', summary: 'Tightened by the author', workflowStatus: 'in_review' })

    for (const body of [
      { workflowStatus: 'approved' },
      { workflowStatus: 'published' },
      { _status: 'published' },
      { summary: 'and publish', workflowStatus: 'published' },
    ]) {
      const res = await expectRefused(id, 403, () => rest.patch(`/episodes/${id}`, { body, token: token.author }))
      expect([JSON.stringify(body), res.body.errors?.[0]?.message]).toEqual([
        JSON.stringify(body),
        `Authors cannot move an episode to ${body.workflowStatus ?? 'published'}.`,
      ])
    }
    const episodes = (await payload.count({ collection: 'episodes' })).totalDocs
    const published = await rest.post('/episodes', { body: { title: 'Sneaky', _status: 'published' }, token: token.author })
    expect(published.status).toBe(403)
    expect((await payload.count({ collection: 'episodes' })).totalDocs).toBe(episodes)
    expect((await payload.count({ collection: 'episodes', where: { title: { equals: 'Sneaky' } } })).totalDocs).toBe(0)
    await expect(anonymousTitle(id)).resolves.toBe(404)
  })

  test('an editor sends it back with a comment, then approves and publishes it', async () => {
    const back = await rest.patch(`/episodes/${id}`, { body: { workflowStatus: 'draft', workflowComment: 'Fix the intro' }, token: token.editor })
    expect(back.status).toBe(200)
    expect(back.body.doc.workflowHistory.at(-1)).toMatchObject({ comment: 'Fix the intro', from: 'in_review', to: 'draft' })

    expect((await rest.patch(`/episodes/${id}`, { body: { summary: 'Fixed intro' }, token: token.author })).status).toBe(200)
    expect((await rest.patch(`/episodes/${id}`, { body: { workflowStatus: 'in_review' }, token: token.author })).status).toBe(200)
    expect((await rest.patch(`/episodes/${id}`, { body: { workflowStatus: 'approved' }, token: token.editor })).status).toBe(200)
    const published = await rest.patch(`/episodes/${id}`, { body: { workflowStatus: 'published' }, token: token.editor })
    expect(published.status).toBe(200)
    expect(published.body.doc).toMatchObject({ _status: 'published', workflowStatus: 'published' })
    expect(published.body.doc.publishedAt).toBeTruthy()
    expect(published.body.doc.workflowHistory.map((h: { to: string }) => h.to)).toEqual(['draft', 'in_review', 'draft', 'in_review', 'approved', 'published'])
    expect(await anonymousTitle(id)).toBe('Workflow episode')
  })

  test('editing a published episode makes a draft; the public keeps the published version until it is published', async () => {
    const draft = await rest.patch(`/episodes/${id}?draft=true`, { body: { title: 'Workflow episode (new cut)' }, token: token.editor })
    expect(draft.status).toBe(200)
    expect(await anonymousTitle(id)).toBe('Workflow episode')
    expect((await rest.get(`/episodes?where[slug][equals]=workflow-episode`)).body.docs.map((d: { title: string }) => d.title)).toEqual(['Workflow episode'])
    // Asking for drafts changes nothing for the public.
    expect((await rest.get(`/episodes/${id}?draft=true`)).body.title).toBe('Workflow episode')
    const gql = await rest.graphql<{ Episode: { title: string } }>(`query($id: Int!) { Episode(id: $id, draft: true) { title } }`, { id })
    expect(gql.body.data.Episode.title).toBe('Workflow episode')
    // Staff preview the draft with their token.
    expect((await rest.get(`/episodes/${id}?draft=true`, { token: token.editor })).body.title).toBe('Workflow episode (new cut)')
    // An author may not touch a published episode, even as a draft.
    await expectRefused(id, 403, () => rest.patch(`/episodes/${id}?draft=true`, { body: { title: 'x' }, token: token.author }))

    expect((await rest.patch(`/episodes/${id}`, { body: { _status: 'published' }, token: token.editor })).status).toBe(200)
    expect(await anonymousTitle(id)).toBe('Workflow episode (new cut)')
  })

  test('unpublishing hides the episode from the public at once', async () => {
    const res = await rest.patch(`/episodes/${id}`, { body: { workflowStatus: 'unpublished', workflowComment: 'Legal hold' }, token: token.editor })
    expect([res.status, res.body.errors]).toEqual([200, undefined])
    expect(res.body.doc._status).toBe('draft')
    expect(await anonymousTitle(id)).toBe(404)
    expect((await rest.get('/episodes')).body.totalDocs).toBe(0)
    // Back live, then Payload's own Unpublish (what the admin button sends) lands in the workflow too.
    expect((await rest.patch(`/episodes/${id}`, { body: { workflowStatus: 'published' }, token: token.editor })).status).toBe(200)
    expect(await anonymousTitle(id)).toBe('Workflow episode (new cut)')
    const adminUnpublish = await rest.patch(`/episodes/${id}`, { body: { _status: 'draft' }, token: token.admin })
    expect(adminUnpublish.body.doc.workflowStatus).toBe('unpublished')
    expect(await anonymousTitle(id)).toBe(404)
  })

  test('impossible transitions and bad schedules are refused with 400', async () => {
    const live = await rest.post('/episodes', { body: { title: 'Live one', workflowStatus: 'published' }, token: token.editor })
    expect(live.status).toBe(201)
    expect(live.body.doc._status).toBe('published')
    const impossible = await expectRefused(live.body.doc.id, 400, () =>
      rest.patch(`/episodes/${live.body.doc.id}`, {
        body: { workflowStatus: 'scheduled', publishedAt: new Date(Date.now() + 60_000).toISOString() },
        token: token.editor,
      }),
    )
    expect(impossible.body.errors[0].message).toBe('An episode cannot go from published to scheduled.')
    const draft = await rest.post('/episodes', { body: { title: 'Later one' }, token: token.editor })
    const past = await expectRefused(draft.body.doc.id, 400, () =>
      rest.patch(`/episodes/${draft.body.doc.id}`, { body: { workflowStatus: 'scheduled', publishedAt: '2020-01-01T00:00:00.000Z' }, token: token.editor }),
    )
    expect(past.body.errors[0].message).toBe('To schedule an episode, set publishedAt to a time in the future.')
  })

  test('the history cannot be rewritten by a client', async () => {
    type Entry = { at: string; by: number | { id: number } | null; comment: null | string; from: null | string; to: string }
    // The entries as the server wrote them; each save re-creates the rows, so their row ids are left out.
    const entries = (history: Entry[]) =>
      history.map(({ at, by, comment, from, to }) => ({ at, by: by && typeof by === 'object' ? by.id : by, comment, from, to }))
    const own = entries((await stored(id)).doc.workflowHistory as Entry[])
    expect(own.map((entry) => entry.to)).toEqual([
      'draft',
      'in_review',
      'draft',
      'in_review',
      'approved',
      'published',
      'unpublished',
      'published',
      'unpublished',
    ])
    const forged = (entry: Entry, i: number) => ({
      ...entry,
      at: '2001-01-01T00:00:00.000Z',
      by: userId.author,
      comment: `forged ${i}`,
      to: i % 2 ? 'archived' : 'draft',
    })
    const attempts = [
      [],
      // Same length, every entry altered.
      own.map(forged),
      // Same length, one entry altered: the publish credited to the author.
      own.map((entry, i) => (i === 5 ? { ...entry, by: userId.author, comment: 'I published this' } : entry)),
      // One entry more, as if it had happened.
      [...own, { at: new Date().toISOString(), by: userId.admin, comment: 'never happened', from: 'unpublished', to: 'archived' }],
    ]
    for (const workflowHistory of attempts) {
      const res = await rest.patch(`/episodes/${id}`, { body: { workflowHistory }, token: token.admin })
      expect(res.status).toBe(200)
      expect(entries(res.body.doc.workflowHistory)).toEqual(own)
      expect(entries((await stored(id)).doc.workflowHistory as Entry[])).toEqual(own)
    }
    // Alongside a real transition, the server appends its own entry to its own history, and nothing else.
    const moved = await rest.patch(`/episodes/${id}`, {
      body: { workflowComment: 'Back to work', workflowHistory: own.map(forged), workflowStatus: 'draft' },
      token: token.admin,
    })
    expect(moved.status).toBe(200)
    const after = entries((await stored(id)).doc.workflowHistory as Entry[])
    expect(after.slice(0, -1)).toEqual(own)
    expect(after.at(-1)).toMatchObject({ by: userId.admin, comment: 'Back to work', from: 'unpublished', to: 'draft' })
    expect(Date.now() - new Date(after.at(-1)!.at).getTime()).toBeLessThan(60_000)
  })

  test('only editors and admins delete episodes', async () => {
    const doc = await rest.post('/episodes', { body: { title: 'Doomed' }, token: token.author })
    await expectRefused(doc.body.doc.id, 403, () => rest.delete(`/episodes/${doc.body.doc.id}`, { token: token.author }))
    expect((await rest.delete(`/episodes/${doc.body.doc.id}`, { token: token.editor })).status).toBe(200)
    expect((await payload.count({ collection: 'episodes', where: { id: { equals: doc.body.doc.id } } })).totalDocs).toBe(0)
  })
})

describe('the same rules through GraphQL and the Local API', () => {
  test('an author cannot publish through GraphQL', async () => {
    const created = await rest.graphql<{ createEpisode: { id: number } }>(`mutation { createEpisode(data: { title: "GQL draft" }) { id } }`, {}, token.author)
    expect(created.body.errors).toBeUndefined()
    const id = created.body.data.createEpisode.id
    const before = await stored(id)
    const publish = await rest.graphql(`mutation($id: Int!) { updateEpisode(id: $id, data: { workflowStatus: published }) { id } }`, { id }, token.author)
    expect(publish.body.errors?.[0].message).toBe('Authors cannot move an episode to published.')
    expect(await stored(id)).toEqual(before)
    expect(await anonymousTitle(id)).toBe(404)
  })

  test('the Local API with overrideAccess: false applies the rules to its user', async () => {
    const author = { ...(await payload.findByID({ collection: 'users', id: userId.author })), collection: 'users' as const }
    const doc = await payload.create({ collection: 'episodes', data: { title: 'Local draft' }, overrideAccess: false, user: author })
    const before = await stored(doc.id as number)
    await expect(
      payload.update({ collection: 'episodes', id: doc.id, data: { workflowStatus: 'published' }, overrideAccess: false, user: author }),
    ).rejects.toThrow('Authors cannot move an episode to published.')
    expect(await stored(doc.id as number)).toEqual(before)
  })
})

describe('scheduled publishing', () => {
  test('a scheduled episode goes live through the job queue at its time', async () => {
    const created = await rest.post('/episodes', { body: { title: 'Scheduled one' }, token: token.editor })
    const id = created.body.doc.id
    // Far enough ahead that a loaded machine still runs the first check before the time.
    const at = new Date(Date.now() + 4_000)
    const scheduled = await rest.patch(`/episodes/${id}`, { body: { publishedAt: at.toISOString(), workflowStatus: 'scheduled' }, token: token.editor })
    expect(scheduled.status).toBe(200)
    expect(scheduled.body.doc._status).toBe('draft')

    await payload.jobs.run()
    expect(await anonymousTitle(id)).toBe(404)
    expect(Date.now()).toBeLessThan(at.getTime())

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, at.getTime() - Date.now()) + 200))
    await payload.jobs.run()
    expect(await anonymousTitle(id)).toBe('Scheduled one')
    const doc = await payload.findByID({ collection: 'episodes', id })
    expect(doc.workflowStatus).toBe('published')
    expect(doc.workflowHistory?.at(-1)).toMatchObject({ from: 'scheduled', to: 'published' })
  })

  test('a rescheduled episode waits for its new time', async () => {
    const created = await rest.post('/episodes', { body: { title: 'Moved one' }, token: token.editor })
    const id = created.body.doc.id
    await rest.patch(`/episodes/${id}`, { body: { publishedAt: new Date(Date.now() + 1_000).toISOString(), workflowStatus: 'scheduled' }, token: token.editor })
    await rest.patch(`/episodes/${id}`, { body: { publishedAt: new Date(Date.now() + 3_600_000).toISOString() }, token: token.editor })
    await new Promise((resolve) => setTimeout(resolve, 1_300))
    await payload.jobs.run()
    expect(await anonymousTitle(id)).toBe(404)
    expect((await payload.findByID({ collection: 'episodes', id })).workflowStatus).toBe('scheduled')
  })
})

describe('scheduled publishing with the cron production runs', () => {
  test('getPayload with cron: true publishes a scheduled episode on its own, soon after its time', async () => {
    // The app's own autoRun entry (the plugin's jobsCron), as server/startPayload.ts starts it; no jobs.run() by hand.
    const autoRun = t.config.jobs.autoRun as { cron: string; queue: string }[]
    expect(autoRun).toEqual([expect.objectContaining({ cron: '*/10 * * * * *', queue: 'default' })])
    const created = await rest.post('/episodes', { body: { title: 'Cron one' }, token: token.editor })
    const id = created.body.doc.id
    const at = new Date(Date.now() + 2_000)
    expect((await rest.patch(`/episodes/${id}`, { body: { publishedAt: at.toISOString(), workflowStatus: 'scheduled' }, token: token.editor })).status).toBe(
      200,
    )
    // The cached instance every route handler uses; this starts its crons, as production's getPayload does.
    expect(await getPayload({ config: t.config, cron: true })).toBe(payload)
    try {
      // One cron tick after the time at most (10 s), with room for a loaded machine.
      const deadline = at.getTime() + 25_000
      let title: number | string = await anonymousTitle(id)
      while (title === 404 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250))
        title = await anonymousTitle(id)
      }
      expect(title).toBe('Cron one')
      expect(Date.now()).toBeGreaterThanOrEqual(at.getTime())
      const doc = await payload.findByID({ collection: 'episodes', id })
      expect(doc).toMatchObject({ _status: 'published', workflowStatus: 'published' })
      expect(doc.workflowHistory?.at(-1)).toMatchObject({ by: null, from: 'scheduled', to: 'published' })
    } finally {
      // Later tests run the queue by hand again.
      await Promise.all(payload.crons.splice(0).map((cron) => cron.stop()))
    }
  }, 60_000)
})

describe('versions', () => {
  test('an episode keeps its newest 50 versions, and the public keeps the published one', async () => {
    const episode = await payload.create({
      collection: 'episodes',
      data: { _status: 'published', title: 'Edit 0', workflowStatus: 'published' },
      overrideAccess: true,
    })
    for (let edit = 1; edit <= 55; edit++) {
      await payload.update({ id: episode.id, collection: 'episodes', data: { title: `Edit ${edit}` }, draft: true, overrideAccess: true })
    }
    const { docs, totalDocs } = await payload.findVersions({
      collection: 'episodes',
      limit: 100,
      sort: '-updatedAt',
      where: { parent: { equals: episode.id } },
    })
    expect(totalDocs).toBe(50)
    expect(docs.map((doc) => doc.version.title)).toEqual(Array.from({ length: 50 }, (_, i) => `Edit ${55 - i}`))
    expect(docs[0].latest).toBe(true)
    // The drafts above never touched what the public reads.
    expect(await anonymousTitle(episode.id as number)).toBe('Edit 0')
    // Each episode is pruned on its own: saving another touches neither count.
    const other = await payload.create({ collection: 'episodes', data: { title: 'Other' }, draft: true, overrideAccess: true })
    await payload.update({ id: other.id, collection: 'episodes', data: { title: 'Other, edited' }, draft: true, overrideAccess: true })
    expect((await payload.countVersions({ collection: 'episodes', where: { parent: { equals: other.id } } })).totalDocs).toBe(2)
    expect((await payload.countVersions({ collection: 'episodes', where: { parent: { equals: episode.id } } })).totalDocs).toBe(50)
    // Payload's own per-save pruning is off; the plugin's does the job.
    expect(payload.collections.episodes.config.versions).toMatchObject({ maxPerDoc: 0 })
  })
})
