/**
 * More than one app instance on one database, each running the jobs queue, as a deployment
 * behind a load balancer runs them: a scheduled episode is published exactly once and a batch's
 * files are each imported once; a server killed mid-batch leaves its files to be taken over
 * after their lease, without redoing the finished ones; connections cut under a batch fail the
 * files in flight, never the process, and a retry imports the rest.
 */
import { createFreshDatabase, cutConnections, disagreeingTurnCounts, dropDatabase, longTranscript, queryDatabase } from './helpers/database'
import { httpClient } from './helpers/liveServer'
import { ensureBuild, type RunningServer, startServer } from './helpers/server'

const ADMIN = { email: 'admin@example.com', password: 'Instances-admin-pass-1' }
let url: string
const servers: RunningServer[] = []

const query = <T = any>(text: string, values: unknown[] = []) => queryDatabase<T>(url, text, values)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The production server on the shared database; every instance runs the queue every second, with 3-second leases. */
const start = async (env: Record<string, string> = {}) => {
  const server = await startServer({
    DATABASE_URL: url,
    IMPORT_LEASE_SECONDS: '3',
    JOBS_CRON: '* * * * * *',
    PAYLOAD_ADMIN_PASSWORD: ADMIN.password,
    PAYLOAD_SECRET: 'instances-test-secret',
    ...env,
  })
  servers.push(server)
  return server
}

const login = (server: RunningServer) => httpClient(server.baseUrl).login(ADMIN.email, ADMIN.password)
const postBatch = async (server: RunningServer, token: string, files: { content: string; name: string }[]) => {
  const res = await httpClient(server.baseUrl).json('POST', '/api/transcript-imports/bulk', { files }, { as: token })
  expect(res.status).toBe(202)
  return res.body.batch.id as number
}
const batchOf = async (id: number) =>
  (
    await query<{ done: number; status: string; summary_failed: number; summary_imported: number; summary_unchanged: number; total: number }>(
      'SELECT status, total::int, done::int, summary_imported::int, summary_unchanged::int, summary_failed::int FROM transcript_import_batches WHERE id = $1',
      [id],
    )
  )[0]
const fileRows = (id: number) =>
  query<{ attempts: number; outcome: null | string; position: number; report: any; state: string }>(
    'SELECT position, state, outcome, attempts, report FROM transcript_import_batches_files WHERE batch_id = $1 ORDER BY position',
    [id],
  )
const waitFor = async (what: string, check: () => Promise<boolean>, ms = 120_000) => {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return
    await sleep(250)
  }
  throw new Error(`timed out waiting for ${what}`)
}

beforeAll(async () => {
  ensureBuild()
  url = await createFreshDatabase()
}, 600_000)
afterAll(async () => {
  for (const server of servers) await server.stop()
  await dropDatabase(url)
})

test('two instances running the queue: each scheduled episode is published once, each batch file imported once', async () => {
  // The first migrates and seeds; the second joins the same database.
  const a = await start({ SEED_ON_START: 'true' })
  const b = await start()
  const token = await login(a)

  // Three episodes scheduled for a few seconds from now: both instances' crons find their jobs due at once.
  const when = new Date(Date.now() + 4000).toISOString()
  const scheduled = ['sched-1', 'sched-2', 'sched-3']
  const imported = await httpClient(a.baseUrl).json(
    'POST',
    '/api/transcript-imports/bulk',
    { files: scheduled.map((slug) => ({ content: longTranscript(slug, 4, `status: future\ndate: ${when}`), name: `${slug}.md` })) },
    { as: token },
  )
  expect(imported.status).toBe(200)
  expect(imported.body.results.map((r: { episode: { status: string } }) => r.episode.status)).toEqual(['scheduled', 'scheduled', 'scheduled'])

  const FILES = 40
  const batch = await postBatch(
    b,
    token,
    Array.from({ length: FILES }, (_, i) => ({ content: longTranscript(`two-${i}`, 60), name: `two-${i}.md` })),
  )

  await waitFor('the batch', async () => (await batchOf(batch)).status === 'done')
  await waitFor('the scheduled episodes', async () => {
    const rows = await query(`SELECT count(*)::int AS n FROM episodes WHERE slug = ANY($1) AND _status = 'published'`, [scheduled])
    return rows[0].n === scheduled.length
  })
  // Both instances' crons kept running meanwhile; give a straggler a second more to publish again, if it would.
  await sleep(2000)

  // Published once: one published version each, one "published" log line across both instances.
  const versions = await query<{ n: number; slug: string }>(
    `SELECT e.slug, count(v.id)::int AS n FROM episodes e LEFT JOIN _episodes_v v ON v.parent_id = e.id AND v.version__status = 'published'
     WHERE e.slug = ANY($1) GROUP BY e.slug ORDER BY e.slug`,
    [scheduled],
  )
  expect(versions).toEqual(scheduled.map((slug) => ({ n: 1, slug })))
  const publishedLogs = (a.logs() + b.logs()).match(/Published a scheduled episode/g) ?? []
  expect(publishedLogs).toHaveLength(scheduled.length)

  // Imported once: every file taken once, every episode written by one import.
  expect(await batchOf(batch)).toEqual({ done: FILES, status: 'done', summary_failed: 0, summary_imported: FILES, summary_unchanged: 0, total: FILES })
  expect((await fileRows(batch)).map((row) => [row.state, row.outcome, row.attempts])).toEqual(Array.from({ length: FILES }, () => ['done', 'imported', 1]))
  const perEpisode = await query(
    `SELECT e.slug, count(v.id)::int AS n FROM episodes e JOIN _episodes_v v ON v.parent_id = e.id WHERE e.slug LIKE 'two-%' GROUP BY e.slug`,
  )
  expect(perEpisode).toHaveLength(FILES)
  expect(perEpisode.filter((row) => row.n !== 1)).toEqual([])
  expect(await disagreeingTurnCounts(url)).toEqual([])
  for (const server of [a, b]) await server.stop()
}, 600_000)

test('a server killed mid-batch: after a restart the batch resumes, finished files are not redone; cut connections fail files, never the process', async () => {
  const first = await start()
  const token = await login(first)
  const FILES = 60
  const batch = await postBatch(
    first,
    token,
    Array.from({ length: FILES }, (_, i) => ({ content: longTranscript(`kill-${i}`, 400), name: `kill-${i}.md` })),
  )
  await waitFor('a few files', async () => (await batchOf(batch)).done >= 6)
  await first.kill()
  const before = (await fileRows(batch)).filter((row) => row.state === 'done')
  expect(before.length).toBeGreaterThanOrEqual(6)
  expect(before.length).toBeLessThan(FILES)

  // A new instance (the restarted server) finds the batch quiet for a lease and takes it over.
  const second = await start()
  await waitFor('more files after the restart', async () => (await batchOf(batch)).done >= before.length + 6)
  // Cut every connection under it, twice: the files in flight fail, the server stays up.
  expect(await cutConnections(url)).toBeGreaterThan(0)
  await sleep(300)
  await cutConnections(url)
  await waitFor('the batch', async () => ['done', 'failed'].includes((await batchOf(batch)).status))
  expect((await fetch(`${second.baseUrl}/healthz`)).status).toBe(200)
  expect(second.logs()).not.toMatch(/Unhandled 'error' event|uncaughtException/)

  const after = await fileRows(batch)
  // The files finished before the kill kept their reports: not imported again.
  for (const row of before) expect(after[row.position]).toEqual(row)
  expect(await disagreeingTurnCounts(url)).toEqual([])
  const state = await batchOf(batch)
  expect(state.status).toBe('done')
  expect(state.done).toBe(FILES)
  // A failed file says why; a retry imports the rest (a file whose commit could not be confirmed is found unchanged).
  const failed = after.filter((row) => row.outcome === 'failed')
  for (const row of failed) expect(row.report.errors.length).toBeGreaterThan(0)
  if (failed.length) {
    const freshToken = await login(second)
    const retried = await httpClient(second.baseUrl).request(`/api/transcript-import-batches/${batch}/retry`, { as: freshToken, method: 'POST' })
    expect(retried.status).toBe(200)
    await waitFor('the retried batch', async () => (await batchOf(batch)).status === 'done')
  }
  const final = await batchOf(batch)
  expect(final.summary_failed).toBe(0)
  expect(final.summary_imported + final.summary_unchanged).toBe(FILES)
  expect((await query(`SELECT count(*)::int AS n FROM episodes WHERE slug LIKE 'kill-%'`))[0].n).toBe(FILES)
  expect(await disagreeingTurnCounts(url)).toEqual([])
}, 600_000)
