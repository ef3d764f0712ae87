/**
 * Concurrent writes to one episode, over HTTP against the production server: two
 * requests at once, for several rounds and in both orders. No write that answered 2xx
 * may be lost, the history stays one chain, and the transcript's metadata always
 * describes the turns that are stored.
 */
import { type LiveServer, startLiveServer } from './helpers/liveServer'

const ROUNDS = 6
let s: LiveServer
let editors: [string, string]

beforeAll(async () => {
  s = await startLiveServer()
  editors = [(await s.createStaff('editor', 'editor-1@example.com')).token, (await s.createStaff('editor', 'editor-2@example.com')).token]
}, 300_000)
afterAll(async () => {
  await s?.stop()
})

type HistoryEntry = { from: null | string; to: string }
const stored = async (id: number) => (await s.request(`/api/episodes/${id}?depth=0&draft=true&joins=false`, { as: s.admin })).body
const episodeIn = async (title: string, status: string) => {
  const { id } = (await s.json('POST', '/api/episodes', { title }, { as: s.admin })).body.doc
  for (const step of status === 'approved' ? ['in_review', 'approved'] : [status]) {
    expect((await s.json('PATCH', `/api/episodes/${id}`, { workflowStatus: step }, { as: s.admin })).status).toBe(200)
  }
  return id as number
}
/** Both requests in flight at once; `first` leaves a moment earlier. */
const race = async <T>(first: () => Promise<T>, second: () => Promise<T>) => Promise.all([first(), second()])

/** Every transition that answered 2xx is in the history, which is one unbroken chain ending in the stored status. */
const expectNothingLost = async (id: number, sent: { ok: boolean; to: string }[], before: number) => {
  const doc = await stored(id)
  const history = doc.workflowHistory as HistoryEntry[]
  for (const [index, entry] of history.entries()) if (index) expect([index, entry.from]).toEqual([index, history[index - 1].to])
  expect(history.at(-1)!.to).toBe(doc.workflowStatus)
  const added = history.slice(before).map((entry) => entry.to)
  expect(added.sort()).toEqual(
    sent
      .filter((write) => write.ok)
      .map((write) => write.to)
      .sort(),
  )
  return doc
}

test('approve and send back at once: both apply, in order, and both are in the history', async () => {
  for (let round = 0; round < ROUNDS; round++) {
    const id = await episodeIn(`Approve or send back ${round}`, 'in_review')
    const before = (await stored(id)).workflowHistory.length
    const approve = () => s.json('PATCH', `/api/episodes/${id}`, { workflowStatus: 'approved' }, { as: editors[0] })
    const sendBack = () => s.json('PATCH', `/api/episodes/${id}`, { workflowComment: 'Not yet', workflowStatus: 'draft' }, { as: editors[1] })
    const [a, b] = round % 2 ? await race(approve, sendBack) : (await race(sendBack, approve)).reverse()
    // Whichever ran second is checked against the first's result: approved → draft and draft → approved are both allowed.
    expect([round, a.status, b.status]).toEqual([round, 200, 200])
    await expectNothingLost(
      id,
      [
        { ok: true, to: 'approved' },
        { ok: true, to: 'draft' },
      ],
      before,
    )
  }
})

test('a bulk write by where and a single save at once: both apply, in order, and both are in the history', async () => {
  for (let round = 0; round < ROUNDS; round++) {
    const id = await episodeIn(`Bulk or single ${round}`, 'in_review')
    const before = (await stored(id)).workflowHistory.length
    const bulk = () => s.json('PATCH', `/api/episodes?where[id][equals]=${id}`, { workflowStatus: 'approved' }, { as: editors[0] })
    const single = () => s.json('PATCH', `/api/episodes/${id}`, { workflowStatus: 'draft' }, { as: editors[1] })
    const [b, one] = round % 2 ? await race(bulk, single) : (await race(single, bulk)).reverse()
    expect([round, b.status, b.body.docs?.length, b.body.errors, one.status]).toEqual([round, 200, 1, [], 200])
    await expectNothingLost(
      id,
      [
        { ok: true, to: 'approved' },
        { ok: true, to: 'draft' },
      ],
      before,
    )
  }
})

test('publish and archive at once: whatever answered 2xx happened, and the public sees the final state', async () => {
  for (let round = 0; round < ROUNDS; round++) {
    const id = await episodeIn(`Publish or archive ${round}`, 'approved')
    const before = (await stored(id)).workflowHistory.length
    const publish = () => s.json('PATCH', `/api/episodes/${id}`, { workflowStatus: 'published' }, { as: editors[0] })
    const archive = () => s.json('PATCH', `/api/episodes/${id}`, { workflowStatus: 'archived' }, { as: editors[1] })
    const [p, a] = round % 2 ? await race(publish, archive) : (await race(archive, publish)).reverse()
    // Archived first, publishing is refused (archived → published is not a move); published first, archiving applies.
    expect([
      [200, 200],
      [400, 200],
    ]).toContainEqual([p.status, a.status])
    const doc = await expectNothingLost(
      id,
      [
        { ok: p.status === 200, to: 'published' },
        { ok: a.status === 200, to: 'archived' },
      ],
      before,
    )
    expect(doc.workflowStatus).toBe('archived')
    expect((await s.request(`/api/episodes/${id}`)).status).toBe(404)
  }
})

const transcript = (slug: string, turns: number, tag: string) =>
  `---\nepisode: "Race ${slug}"\npermalink: /${slug}\n---\n` +
  Array.from({ length: turns }, (_, index) => `**Ann:** [00:00:${String(index % 60).padStart(2, '0')}] ${tag} line ${index}.`).join('\n\n')
const importFile = (slug: string, turns: number, tag: string, token: string) =>
  s.json(
    'POST',
    '/api/transcript-imports/bulk',
    { files: [{ content: transcript(slug, turns, tag), name: `${slug}-${tag}.md` }], status: 'published' },
    { as: token },
  )
const storedTurns = async (id: number) =>
  (await s.request(`/api/transcript-turns?where[episode][equals]=${id}&limit=2000&depth=0&sort=position`, { as: s.admin })).body.docs.map(
    (turn: { text: string }) => turn.text,
  )

test('an import and an editor’s save at once: the save keeps its edit, the metadata describes the stored turns', async () => {
  for (let round = 0; round < ROUNDS; round++) {
    const slug = `import-vs-save-${round}`
    const first = await importFile(slug, 20, 'old', s.admin)
    const id = first.body.results[0].episode.id
    // The editor's form was loaded before the import: it carries the old file's metadata.
    const form = await stored(id)
    const save = () =>
      s.json('PATCH', `/api/episodes/${id}`, { summary: `Edited ${round}`, title: form.title, transcript: form.transcript }, { as: editors[0] })
    const reimport = () => importFile(slug, 45, 'new', editors[1])
    const [saved, imported] = round % 2 ? await race(save, reimport) : (await race(reimport, save)).reverse()
    expect([saved.status, imported.body.summary]).toEqual([200, expect.objectContaining({ updated: 1 })])

    const doc = await stored(id)
    const turns = await storedTurns(id)
    expect(doc.summary).toBe(`Edited ${round}`)
    expect(turns).toHaveLength(45)
    expect(turns.every((text: string) => text.startsWith('new line'))).toBe(true)
    expect(doc.transcript).toMatchObject({ sourceFile: `${slug}-new.md`, turnCount: 45 })
    // The stored checksum is the new file's: importing it again changes nothing, the old one does.
    expect((await importFile(slug, 45, 'new', s.admin)).body.summary).toMatchObject({ unchanged: 1 })
  }
})

test('two imports of different files for one episode: one wins whole, with its own metadata', async () => {
  for (let round = 0; round < ROUNDS; round++) {
    const slug = `two-imports-${round}`
    await importFile(slug, 3, 'seed', s.admin)
    const a = () => importFile(slug, 10, 'alpha', editors[0])
    const b = () => importFile(slug, 25, 'beta', editors[1])
    const results = round % 2 ? await race(a, b) : await race(b, a)
    for (const result of results) expect(result.body.summary).toMatchObject({ failed: 0, updated: 1 })
    const { id } = results[0].body.results[0].episode
    const turns = await storedTurns(id)
    const winner = turns[0].split(' ')[0]
    expect(['alpha', 'beta']).toContain(winner)
    expect(turns).toHaveLength(winner === 'alpha' ? 10 : 25)
    expect(turns.every((text: string) => text.startsWith(`${winner} line`))).toBe(true)
    expect((await stored(id)).transcript).toMatchObject({ sourceFile: `${slug}-${winner}.md`, turnCount: turns.length })
  }
})

test('an unchanged file with a different explicit status applies the status', async () => {
  const slug = 'status-only'
  const content = transcript(slug, 4, 'same')
  const send = (status: string) => s.json('POST', '/api/transcript-imports/bulk', { files: [{ content, name: `${slug}.md` }], status }, { as: s.admin })
  const first = await send('draft')
  const id = first.body.results[0].episode.id
  expect((await s.request(`/api/episodes/${id}`)).status).toBe(404)
  const again = await send('draft')
  expect(again.body.results[0].status).toBe('unchanged')
  const published = await send('published')
  expect(published.body.results[0]).toMatchObject({ episode: { status: 'published' }, status: 'updated' })
  expect((await stored(id)).workflowStatus).toBe('published')
  expect((await s.request(`/api/episodes/${id}`)).status).toBe(200)
})
