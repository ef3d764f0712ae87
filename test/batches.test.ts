/**
 * Bulk imports as batches for the jobs queue: 202 and progress, the report of every file,
 * who may see and steer a batch, cancel and retry, a runner that dies holding a file, the
 * retention of finished batches, and the upload hook's one connection per file.
 */
import type { Payload } from 'payload'

import { claimBatchFile } from '../src/db/batches'
import { runImportBatch } from '../src/import/batchTask'
import { deleteExpiredBatches, runPodcastMaintenance } from '../src/jobs/maintenance'
import { queryDatabase } from './helpers/database'
import { createTestPayload, type TestPayload } from './helpers/payload'
import { createRestClient, type RestClient } from './helpers/restClient'
import { captureStatements } from './helpers/statements'
import { createUser, PASSWORD } from './helpers/users'

let t: TestPayload
let payload: Payload
let rest: RestClient
const tokens: Record<string, string> = {}
const ids: Record<string, number | string> = {}

beforeAll(async () => {
  t = await createTestPayload()
  payload = t.payload
  rest = await createRestClient()
  ids.admin = (await createUser(payload, 'admin')).id
  for (const role of ['editor', 'author'] as const) ids[role] = (await createUser(payload, role)).id
  ids.editor2 = (await createUser(payload, 'editor', 'editor2@example.com')).id
  for (const email of ['admin', 'editor', 'author', 'editor2']) tokens[email] = await rest.login(`${email}@example.com`, PASSWORD)
})
afterAll(async () => {
  await t?.teardown()
})

const transcript = (slug: string, guest = 'Ada') =>
  `---\nepisode: "${guest} on ${slug}"\npermalink: /${slug}\nstatus: draft\n---\n\n**Michaela:** [00:00:01] Welcome, ${guest}.\n\n**${guest}:** [00:00:04] Glad to be here.\n`
const broken = '**Michaela:** [00:00:01] Fine.\u0000\n'

const files = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => ({ content: transcript(`${prefix}-${i}`), name: `${prefix}-${i}.md` }))
const episodesWith = async (prefix: string) => (await payload.count({ collection: 'episodes', where: { slug: { like: `${prefix}-` } } })).totalDocs
const fileRows = (batchId: number | string) =>
  queryDatabase<{ attempts: number; content: Buffer | null; outcome: null | string; position: number; state: string }>(
    t.url,
    'SELECT position, state, outcome, attempts, content FROM transcript_import_batches_files WHERE batch_id = $1 ORDER BY position',
    [batchId],
  )

describe('POST /api/transcript-imports/bulk with more than import.syncMaxFiles files', () => {
  let batchId: number | string

  test('answers 202 with the queued batch and imports nothing in the request', async () => {
    const res = await rest.post('/transcript-imports/bulk', {
      body: { files: [...files('b1', 5), { content: broken, name: 'broken.md' }] },
      token: tokens.editor,
    })
    expect(res.status).toBe(202)
    expect(res.body.batch).toEqual({ id: res.body.batch.id, status: 'queued', total: 6 })
    batchId = res.body.batch.id
    expect(res.headers.get('location')).toBe(`/api/transcript-import-batches/${batchId}`)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(await episodesWith('b1')).toBe(0)
    const queued = await rest.get(`/transcript-import-batches/${batchId}`, { token: tokens.editor })
    expect(queued.status).toBe(200)
    expect(queued.body).toMatchObject({ done: 0, id: batchId, status: 'queued', summary: { failed: 0, imported: 0, unchanged: 0, updated: 0 }, total: 6 })
    expect(queued.body.results.map((r: { file: string; status: string }) => [r.file, r.status])).toEqual([
      ...files('b1', 5).map((f) => [f.name, 'queued']),
      ['broken.md', 'queued'],
    ])
  })

  test('the jobs queue imports every file, and the batch reports each one, in order', async () => {
    await payload.jobs.run()
    const res = await rest.get(`/transcript-import-batches/${batchId}`, { token: tokens.editor })
    expect(res.body).toMatchObject({ done: 6, status: 'done', summary: { failed: 1, imported: 5, unchanged: 0, updated: 0 }, total: 6 })
    expect(res.body.progress).toBe('6 / 6, 1 failed')
    expect(res.body.results).toHaveLength(6)
    expect(res.body.results[0]).toMatchObject({ episode: { slug: 'b1-0' }, file: 'b1-0.md', status: 'imported', turns: 2 })
    expect(res.body.results[5]).toMatchObject({ file: 'broken.md', status: 'failed' })
    expect(res.body.results[5].errors).toEqual([{ line: 1, message: 'File is binary, not text (NUL byte at offset 30)' }])
    expect(await episodesWith('b1')).toBe(5)
    // An imported file's content is dropped; the failed one keeps it for a retry.
    const rows = await fileRows(batchId)
    expect(rows.map((row) => [row.state, row.outcome, row.attempts, row.content === null])).toEqual([
      ...Array.from({ length: 5 }, () => ['done', 'imported', 1, true]),
      ['done', 'failed', 1, false],
    ])
    // The imported episodes are the editor's drafts, as in a request.
    const episode = await payload.find({ collection: 'episodes', draft: true, where: { slug: { equals: 'b1-0' } } })
    expect(episode.docs[0]).toMatchObject({ _status: 'draft', workflowStatus: 'draft' })
  })

  test('retry queues the failed file again and takes it off the counters', async () => {
    const retried = await rest.post(`/transcript-import-batches/${batchId}/retry`, { token: tokens.editor })
    expect(retried.status).toBe(200)
    expect(retried.body.batch).toMatchObject({ done: 5, status: 'queued', summary: { failed: 0, imported: 5 }, total: 6 })
    await payload.jobs.run()
    const res = await rest.get(`/transcript-import-batches/${batchId}`, { token: tokens.editor })
    // The same broken file fails again: counted once, not twice.
    expect(res.body).toMatchObject({ done: 6, status: 'done', summary: { failed: 1, imported: 5 } })
    expect((await fileRows(batchId)).map((row) => row.attempts)).toEqual([1, 1, 1, 1, 1, 1])
    // Nothing left to retry while it runs; a running batch cannot be retried.
    const again = await rest.post(`/transcript-import-batches/${batchId}/retry`, { token: tokens.editor })
    expect(again.status).toBe(200)
    await payload.jobs.run()
  })

  test('wait=true, or at most syncMaxFiles files, still import in the request (200)', async () => {
    const waited = await rest.post('/transcript-imports/bulk?wait=true', { body: { files: files('b2', 7) }, token: tokens.editor })
    expect(waited.status).toBe(200)
    expect(waited.body.summary).toMatchObject({ imported: 7, total: 7 })
    const few = await rest.post('/transcript-imports/bulk', { body: { files: files('b3', 5) }, token: tokens.editor })
    expect(few.status).toBe(200)
    expect(few.body.summary).toMatchObject({ imported: 5, total: 5 })
    expect(await episodesWith('b2')).toBe(7)
    expect(await episodesWith('b3')).toBe(5)
  })
})

describe('who may see and steer a batch', () => {
  let batchId: number | string
  beforeAll(async () => {
    const res = await rest.post('/transcript-imports/bulk', { body: { files: files('b4', 6) }, token: tokens.editor })
    batchId = res.body.batch.id
  })

  test('anonymous and authors cannot read, list, count, cancel or retry it; another editor can read it', async () => {
    expect((await rest.get(`/transcript-import-batches/${batchId}`)).status).toBe(403)
    expect((await rest.get('/transcript-import-batches')).status).toBe(403)
    expect((await rest.get(`/transcript-import-batches/${batchId}`, { token: tokens.author })).status).toBe(404)
    const authorList = await rest.get('/transcript-import-batches', { token: tokens.author })
    expect(authorList.body.totalDocs).toBe(0)
    const count = await rest.get('/transcript-import-batches/count', { token: tokens.author })
    expect(count.body.totalDocs).toBe(0)
    const gql = await rest.graphql(`{ TranscriptImportBatches { totalDocs docs { id results } } }`, {})
    expect(gql.body.data?.TranscriptImportBatches ?? null).toBeNull()
    expect(gql.body.errors?.[0]?.message).toMatch(/not allowed/)
    expect((await rest.post(`/transcript-import-batches/${batchId}/cancel`)).status).toBe(401)
    expect((await rest.post(`/transcript-import-batches/${batchId}/cancel`, { token: tokens.author })).status).toBe(404)
    expect((await rest.post(`/transcript-import-batches/${batchId}/retry`, { token: tokens.author })).status).toBe(404)
    const other = await rest.get(`/transcript-import-batches/${batchId}`, { token: tokens.editor2 })
    expect(other.body).toMatchObject({ id: batchId, status: 'queued', total: 6 })
    // Still queued, untouched.
    expect((await fileRows(batchId)).every((row) => row.state === 'queued')).toBe(true)
  })

  test('nobody creates or edits a batch through the API: only the plugin writes it', async () => {
    const created = await rest.post('/transcript-import-batches', { body: { status: 'done', total: 1 }, token: tokens.admin })
    expect(created.status).toBe(403)
    const patched = await rest.patch(`/transcript-import-batches/${batchId}`, { body: { done: 6, status: 'done' }, token: tokens.admin })
    expect(patched.status).toBe(403)
    const row = await payload.findByID({ collection: 'transcript-import-batches', id: batchId })
    expect(row).toMatchObject({ done: 0, status: 'queued' })
  })

  test('cancel stops the waiting files; retry queues them again', async () => {
    const cancelled = await rest.post(`/transcript-import-batches/${batchId}/cancel`, { token: tokens.editor2 })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.batch).toMatchObject({ done: 0, status: 'cancelled' })
    await payload.jobs.run()
    expect(await episodesWith('b4')).toBe(0)
    const res = await rest.get(`/transcript-import-batches/${batchId}`, { token: tokens.editor })
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(Array(6).fill('cancelled'))
    expect((await rest.post(`/transcript-import-batches/${batchId}/cancel`, { token: tokens.editor })).status).toBe(409)

    const retried = await rest.post(`/transcript-import-batches/${batchId}/retry`, { token: tokens.editor })
    expect(retried.body.batch).toMatchObject({ done: 0, status: 'queued' })
    expect((await rest.post(`/transcript-import-batches/${batchId}/retry`, { token: tokens.editor })).status).toBe(409)
    await payload.jobs.run()
    expect((await rest.get(`/transcript-import-batches/${batchId}`, { token: tokens.editor })).body).toMatchObject({
      done: 6,
      status: 'done',
      summary: { imported: 6 },
    })
    expect(await episodesWith('b4')).toBe(6)
  })
})

test('a runner that died holding a file: the batch is taken over after its lease, and finished files are not redone', async () => {
  const res = await rest.post('/transcript-imports/bulk', { body: { files: files('b5', 6) }, token: tokens.editor })
  const batchId = res.body.batch.id
  // A runner takes the first file and dies: its lease (1 s here) runs out, its job is never finished.
  const held = await claimBatchFile(payload, batchId, 1)
  expect(held).toMatchObject({ attempts: 1, name: 'b5-0.md', position: 0 })
  // Another runner's job imports the rest meanwhile: the held file is not its to take.
  await payload.jobs.run()
  let rows = await fileRows(batchId)
  expect(rows.map((row) => row.state)).toEqual(['running', 'done', 'done', 'done', 'done', 'done'])
  expect((await payload.findByID({ collection: 'transcript-import-batches', id: batchId })).status).toBe('running')
  const before = await queryDatabase(
    t.url,
    'SELECT position, report FROM transcript_import_batches_files WHERE batch_id = $1 AND position > 0 ORDER BY position',
    [batchId],
  )

  // The lease runs out and the batch goes quiet: a runner's maintenance queues it again, once.
  await new Promise((resolve) => setTimeout(resolve, 1100))
  await queryDatabase(t.url, `UPDATE transcript_import_batches SET heartbeat_at = now() - interval '1 hour' WHERE id = $1`, [batchId])
  await runPodcastMaintenance(payload)
  await runPodcastMaintenance(payload)
  const jobs = await payload.find({
    collection: 'payload-jobs',
    where: { and: [{ taskSlug: { equals: 'importTranscriptBatch' } }, { processing: { equals: false } }, { completedAt: { exists: false } }] },
  })
  expect(jobs.docs.filter((job) => String((job.input as { batchId: string }).batchId) === String(batchId))).toHaveLength(1)
  await payload.jobs.run()

  rows = await fileRows(batchId)
  expect(rows.map((row) => [row.state, row.attempts])).toEqual([['done', 2], ...Array.from({ length: 5 }, () => ['done', 1])])
  const after = await queryDatabase(
    t.url,
    'SELECT position, report FROM transcript_import_batches_files WHERE batch_id = $1 AND position > 0 ORDER BY position',
    [batchId],
  )
  expect(after).toEqual(before)
  const batch = await payload.findByID({ collection: 'transcript-import-batches', id: batchId })
  expect(batch).toMatchObject({ done: 6, status: 'done', summary: { failed: 0, imported: 6 } })
  expect(await episodesWith('b5')).toBe(6)
})

test('finished batches older than batchRetentionDays are deleted with their files; newer and running ones stay', async () => {
  const old = await rest.post('/transcript-imports/bulk', { body: { files: files('b6', 6) }, token: tokens.editor })
  await payload.jobs.run()
  const running = await rest.post('/transcript-imports/bulk', { body: { files: files('b7', 6) }, token: tokens.editor })
  await queryDatabase(
    t.url,
    `UPDATE transcript_import_batches SET finished_at = now() - interval '31 days', created_at = now() - interval '31 days' WHERE id = $1`,
    [old.body.batch.id],
  )
  await queryDatabase(t.url, `UPDATE transcript_import_batches SET created_at = now() - interval '40 days' WHERE id = $1`, [running.body.batch.id])
  const before = (await payload.count({ collection: 'transcript-import-batches' })).totalDocs
  expect(await deleteExpiredBatches(payload)).toBe(1)
  expect(await payload.findByID({ collection: 'transcript-import-batches', disableErrors: true, id: old.body.batch.id })).toBeNull()
  expect(await fileRows(old.body.batch.id)).toEqual([])
  expect((await payload.findByID({ collection: 'transcript-import-batches', id: running.body.batch.id })).status).toBe('queued')
  expect((await payload.count({ collection: 'transcript-import-batches' })).totalDocs).toBe(before - 1)
  // The episodes it imported stay.
  expect(await episodesWith('b6')).toBe(6)
  await payload.jobs.run()
})

describe('the upload hook imports on the upload’s own connection', () => {
  const upload = (slug: string, content = transcript(slug)) => {
    const form = new FormData()
    form.append('file', new Blob([content], { type: 'text/markdown' }), `${slug}.md`)
    form.append('_payload', JSON.stringify({}))
    return rest.post('/transcript-imports', { body: form, token: tokens.editor })
  }
  /** Every statement this test's database gets while `fn` runs, with the backend (connection) it ran on. */
  const statementsOf = async (fn: () => Promise<unknown>) => {
    const { backends, statements } = await captureStatements(t.url, fn)
    return statements.map((text, i) => ({ backend: backends[i], text }))
  }
  const isWrite = (text: string) =>
    /^\s*(insert into|update|delete from)\s+"(episodes|_episodes_v|transcript_turns|transcript_revisions|transcript_imports)"/i.test(text)

  test('50 uploads one after another: each is one transaction, and the import writes on its connection', async () => {
    for (let i = 0; i < 50; i++) {
      const statements = await statementsOf(async () => expect((await upload(`up-${i}`)).status).toBe(201))
      const begins = statements.filter((s) => /^\s*begin/i.test(s.text))
      // One transaction (the upload's), the import in a savepoint of it: before, the import opened a second one.
      expect(begins).toHaveLength(1)
      expect(statements.filter((s) => /^\s*savepoint/i.test(s.text))).toHaveLength(1)
      const writes = statements.filter((s) => isWrite(s.text))
      // The episode, its version and revision, the turns and the upload's own record.
      expect(writes.length).toBeGreaterThanOrEqual(5)
      expect(new Set(writes.map((s) => s.backend))).toEqual(new Set([begins[0].backend]))
    }
    expect(await episodesWith('up')).toBe(50)
  })

  test('5 uploads at once: five transactions, and every write on one of their connections', async () => {
    let replies: { status: number }[] = []
    const statements = await statementsOf(async () => {
      replies = await Promise.all(Array.from({ length: 5 }, (_, i) => upload(`upc-${i}`)))
    })
    expect(replies.map((reply) => reply.status)).toEqual(Array(5).fill(201))
    const begins = statements.filter((s) => /^\s*begin/i.test(s.text))
    expect(begins).toHaveLength(5)
    // Every write ran on a connection that began one of the five transactions: none on a sixth.
    const transactional = new Set(begins.map((s) => s.backend))
    expect(statements.filter((s) => isWrite(s.text) && !transactional.has(s.backend))).toEqual([])
    expect(await episodesWith('upc')).toBe(5)
  })

  test('a failed import is rolled back to its savepoint: the upload still records why, and no episode is written', async () => {
    // A write Postgres refuses after the importer has begun writing (a trigger stands in for any such failure).
    await queryDatabase(
      t.url,
      `CREATE FUNCTION refuse_episode() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'episode % refused', NEW.slug; END $$;
       CREATE TRIGGER refuse_episode BEFORE INSERT ON episodes FOR EACH ROW WHEN (NEW.slug = 'up-refused') EXECUTE FUNCTION refuse_episode();`,
    )
    try {
      const episodes = (await payload.count({ collection: 'episodes' })).totalDocs
      const res = await upload('up-refused')
      expect(res.status).toBe(201)
      expect(res.body.doc).toMatchObject({ episode: null, outcome: 'failed' })
      expect(res.body.doc.errors[0].message).toMatch(/episode up-refused refused/)
      const stored = await payload.findByID({ collection: 'transcript-imports', id: res.body.doc.id })
      expect(stored).toMatchObject({ episode: null, outcome: 'failed' })
      expect((await payload.count({ collection: 'episodes' })).totalDocs).toBe(episodes)
    } finally {
      await queryDatabase(t.url, 'DROP TRIGGER refuse_episode ON episodes; DROP FUNCTION refuse_episode()')
    }
  })
})

describe('what the review found', () => {
  test('a cancelled batch takes along a file its dead runner held; a retry imports it', async () => {
    const res = await rest.post('/transcript-imports/bulk', { body: { files: files('b8', 6) }, token: tokens.editor })
    const batchId = res.body.batch.id
    expect(await claimBatchFile(payload, batchId, 1)).toMatchObject({ name: 'b8-0.md' })
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const cancelled = await rest.post(`/transcript-import-batches/${batchId}/cancel`, { token: tokens.editor })
    expect(cancelled.body.batch).toMatchObject({ done: 0, status: 'cancelled' })
    expect((await fileRows(batchId)).map((row) => row.state)).toEqual(Array(6).fill('cancelled'))
    const retried = await rest.post(`/transcript-import-batches/${batchId}/retry`, { token: tokens.editor })
    expect(retried.body.batch).toMatchObject({ status: 'queued' })
    await payload.jobs.run()
    expect(await payload.findByID({ collection: 'transcript-import-batches', id: batchId })).toMatchObject({
      done: 6,
      status: 'done',
      summary: { imported: 6 },
    })
    expect(await episodesWith('b8')).toBe(6)
  })

  test('a job stops at the end of its slice and queues the rest, so its runner gets to other work', async () => {
    const res = await rest.post('/transcript-imports/bulk', { body: { files: files('b9', 6) }, token: tokens.editor })
    const batchId = res.body.batch.id
    // A slice already over: no file is taken, and the batch goes on as a new job.
    expect(await runImportBatch(payload, batchId, 0)).toBe('running')
    expect(await episodesWith('b9')).toBe(0)
    const queued = await payload.count({
      collection: 'payload-jobs',
      where: { and: [{ taskSlug: { equals: 'importTranscriptBatch' } }, { 'input.batchId': { equals: String(batchId) } }, { completedAt: { exists: false } }] },
    })
    expect(queued.totalDocs).toBe(2)
    await payload.jobs.run()
    expect(await payload.findByID({ collection: 'transcript-import-batches', id: batchId })).toMatchObject({ done: 6, status: 'done' })
  })

  test('an app whose shouldAutoRun holds a runner back: no maintenance runs there', async () => {
    const { podcastPlugin } = await import('../src/index')
    const base = { db: payload.config.db, secret: 'x' } as never
    const heldBack = podcastPlugin()({ ...(base as object), jobs: { shouldAutoRun: () => false } } as never).jobs!.shouldAutoRun!
    const free = podcastPlugin()(base).jobs!.shouldAutoRun!
    // A batch quiet for an hour: maintenance would queue a job for it.
    const res = await rest.post('/transcript-imports/bulk', { body: { files: files('b10', 6) }, token: tokens.editor })
    await queryDatabase(t.url, `UPDATE transcript_import_batches SET heartbeat_at = now() - interval '1 hour' WHERE id = $1`, [res.body.batch.id])
    const jobsFor = async () =>
      (
        await payload.count({
          collection: 'payload-jobs',
          where: { and: [{ 'input.batchId': { equals: String(res.body.batch.id) } }, { completedAt: { exists: false } }] },
        })
      ).totalDocs
    expect(await jobsFor()).toBe(1)
    expect(await heldBack(payload)).toBe(false)
    expect(await jobsFor()).toBe(1)
    expect(await free(payload)).toBe(true)
    expect(await jobsFor()).toBe(2)
    await payload.jobs.run()
  })

  test('cancel and retry of an id that is not one: 404', async () => {
    expect((await rest.post('/transcript-import-batches/not-an-id/cancel', { token: tokens.editor })).status).toBe(404)
    expect((await rest.post('/transcript-import-batches/99999999/retry', { token: tokens.editor })).status).toBe(404)
  })

  test('a file name with a NUL byte is refused with 400, and nothing is stored', async () => {
    const before = (await payload.count({ collection: 'transcript-import-batches' })).totalDocs
    const res = await rest.post('/transcript-imports/bulk', {
      body: { files: [...files('b11', 5), { content: transcript('b11-x'), name: 'a\u0000.md' }] },
      token: tokens.editor,
    })
    expect(res.status).toBe(400)
    expect((await payload.count({ collection: 'transcript-import-batches' })).totalDocs).toBe(before)
  })
})
