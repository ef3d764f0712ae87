/**
 * Faults on real Postgres: the database cuts the CLI's connections in the middle of a bulk
 * import (`pg_terminate_backend`). The files in flight fail cleanly, the process does not
 * crash and still reports, no episode's counts disagree with the turns of the revision it
 * points to, and a rerun imports the rest.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { childEnv } from './helpers/child'
import { repoRoot } from './helpers/corpora'
import { createFreshDatabase, cutConnections, disagreeingTurnCounts, dropDatabase, longTranscript, queryDatabase } from './helpers/database'

const FILES = 80
let url: string
let dir: string

const query = <T = Record<string, unknown>>(text: string, values: unknown[] = []) => queryDatabase<T>(url, text, values)

beforeAll(async () => {
  url = await createFreshDatabase()
  dir = await mkdtemp(path.join(os.tmpdir(), 'podcast-faults-'))
  for (let file = 0; file < FILES; file++) {
    await writeFile(path.join(dir, `ep-${String(file).padStart(3, '0')}.md`), longTranscript(`faults-${file}`, 400))
  }
}, 120_000)
afterAll(async () => {
  await rm(dir, { force: true, recursive: true })
  await dropDatabase(url)
})

/**
 * `npm run cli -- import --json <dir>` on the test database, with its output. Node 20's loader now and
 * then ends such a child before its entry runs (exit 0 or 13, nothing written): it is started again at
 * once, twice at most, so a run is never lost to that.
 */
const importCli = () => {
  const attempt = async (left: number): Promise<{ code: null | number; stderr: string; stdout: string }> => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'import', '--json', dir], {
      cwd: repoRoot,
      env: childEnv({ DATABASE_URL: url, NODE_ENV: 'production', PAYLOAD_SECRET: 'faults-test-secret' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (chunk) => (stdout += chunk))
    child.stderr?.on('data', (chunk) => (stderr += chunk))
    const [code] = (await once(child, 'close')) as [null | number]
    if ((code === 0 || code === 13) && !stdout.trim() && left > 0) return attempt(left - 1)
    return { code, stderr, stdout }
  }
  return { done: attempt(2) }
}

const disagreeing = () => disagreeingTurnCounts(url)

test('connections cut mid-import: files in flight fail cleanly, the CLI reports, the data agrees, a rerun imports the rest', async () => {
  const first = importCli()
  // Once the import is under way (past migrations and the first episodes), cut every connection it has.
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    const rows = await query<{ n: number }>(`SELECT count(*)::int AS n FROM episodes`).catch(() => [{ n: 0 }])
    if (rows[0].n >= 5) break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  // Several cuts, a quarter second apart: one that lands between two files only takes idle connections.
  let killed = 0
  for (let cut = 0; cut < 6; cut++) {
    killed += await cutConnections(url)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  expect(killed).toBeGreaterThan(0)

  const result = await first.done
  expect(result.stderr).not.toMatch(/Unhandled 'error' event|uncaughtException|ECONNRESET[\s\S]*at Socket/)
  const report = JSON.parse(result.stdout) as { results: { errors: { message: string }[]; file: string; status: string }[]; summary: Record<string, number> }
  expect(report.summary.total).toBe(FILES)
  expect(report.summary.failed).toBeGreaterThan(0)
  // A failed file says why (the connection), and wrote nothing.
  for (const failed of report.results.filter((entry) => entry.status === 'failed')) expect(failed.errors.length).toBeGreaterThan(0)
  expect(result.code).toBe(1)
  expect(await disagreeing()).toEqual([])
  // Every file reported imported is stored. A file whose commit could not be confirmed is reported failed even
  // if it landed (the check's own connection may be cut too): the rerun finds it unchanged.
  const stored = (await query<{ n: number }>(`SELECT count(*)::int AS n FROM episodes`))[0].n
  expect(stored).toBeGreaterThanOrEqual(FILES - report.summary.failed)

  const rerun = await importCli().done
  const again = JSON.parse(rerun.stdout) as { summary: Record<string, number> }
  expect([rerun.code, again.summary.failed, again.summary.imported, again.summary.unchanged]).toEqual([0, 0, FILES - stored, stored])
  expect((await query<{ n: number }>(`SELECT count(*)::int AS n FROM episodes`))[0].n).toBe(FILES)
  expect(await disagreeing()).toEqual([])
}, 300_000)
