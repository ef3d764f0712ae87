/**
 * `npm run bench:search [-- --duration 10 --connections 50 --episodes 2000]`
 *
 * Seeds an archive (`--episodes` published episodes of 150 turns: 300,000 turns by default), starts the
 * production server with the benchmark's floor route, and loads `/api/search` with a fixed mix of queries
 * (a common word, a rare word, a two- and a three-word phrase, a prefix, no hit, one filtered by speaker),
 * one class at a time, then the same queries as `ILIKE '%…%'` over the published turns (what Payload's
 * `contains` does) as the baseline. Prints p50/p99 per class and the speedup; the last line is JSON.
 */
import autocannon from 'autocannon'
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import { importBatch } from '../src/import/importBatch'
import { closePayload } from '../server/closePayload'
import { ensureBuild, freePort } from '../test/helpers/server'
import { startBenchPayload } from './database'
import { generateCorpus } from './generateCorpus'

const { values } = parseArgs({
  options: { connections: { type: 'string', default: '50' }, duration: { type: 'string', default: '10' }, episodes: { type: 'string', default: '2000' } },
})
const connections = Number(values.connections)
const duration = Number(values.duration)
const archiveSize = Number(values.episodes)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

ensureBuild()
const bench = await startBenchPayload()
const corpus = await mkdtemp(path.join(os.tmpdir(), 'podcast-bench-search-'))
const seeded = performance.now()
const files = await generateCorpus(corpus, archiveSize, 150, { datedFrom: new Date('2015-01-01T09:00:00Z') })
let failed = 0
for await (const result of importBatch({
  payload: bench.payload,
  sources: files.map((file) => ({ content: () => readFile(file), name: path.basename(file) })),
})) {
  if (result.status === 'failed') failed++
}
await rm(corpus, { force: true, recursive: true })
if (failed) throw new Error(`seeding: ${failed} files failed`)
const { Client } = (await import('pg')).default
const db = new Client({ connectionString: bench.url })
await db.connect()
const facts = (
  await db.query(`SELECT count(*)::int AS turns, sum(octet_length(text))::bigint AS text_bytes,
                         (pg_column_size(NULL) + sum(coalesce(pg_column_size(search), 0)) + sum(coalesce(pg_column_size(search_config), 0)))::bigint AS column_bytes,
                         pg_relation_size('transcript_turns_search_idx')::bigint AS index_bytes
                  FROM transcript_turns`)
).rows[0]
const speaker = (await db.query(`SELECT slug FROM speakers WHERE role = 'guest' ORDER BY id LIMIT 1`)).rows[0].slug as string
await db.end()
console.log(`seeded ${facts.turns} turns in ${archiveSize} episodes in ${((performance.now() - seeded) / 1000).toFixed(0)} s`)
await closePayload(bench.payload)

const port = await freePort()
const server = spawn(process.execPath, ['--import', 'tsx', 'bench/apiServer.ts'], {
  cwd: root,
  env: {
    ...process.env,
    DATABASE_URL: bench.url,
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    PAYLOAD_SECRET: 'bench-secret',
    PORT: String(port),
    RUN_JOBS: 'false',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
})
const base = `http://127.0.0.1:${port}`
for (let i = 0; ; i++) {
  if (
    await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
  )
    break
  if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`)
  if (i > 1200) throw new Error('server did not answer /healthz within 120 s')
  await new Promise((resolve) => setTimeout(resolve, 100))
}

// The generated words (bench/generateCorpus): common ones, a rarer pairing, and none at all.
const classes: Record<string, { ilike: string; q: string; speaker?: string }> = {
  common: { ilike: 'software', q: 'software' },
  rare: { ilike: 'continuation paragraph', q: 'continuation' },
  phrase2: { ilike: 'code reviews', q: '"code reviews"' },
  phrase3: { ilike: 'how teams work', q: '"how teams work"' },
  prefix: { ilike: 'revi', q: 'revi' },
  none: { ilike: 'zyzzyva', q: 'zyzzyva' },
  speaker: { ilike: 'learning', q: 'learning', speaker },
}

/** Waits until the server answers /healthz quickly three times in a row: slow queries a load left queued must not slow the next. */
const drain = async () => {
  const deadline = Date.now() + 120_000
  for (let quick = 0; quick < 3 && Date.now() < deadline;) {
    const started = performance.now()
    await fetch(`${base}/healthz`).catch(() => {})
    quick = performance.now() - started < 50 ? quick + 1 : 0
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

type Result = { errors: number; p50: number; p99: number; rps: number }
const load = async (url: string): Promise<Result> => {
  await drain()
  await autocannon({ connections: 5, duration: 1, url })
  await drain()
  const run = await autocannon({ connections, duration, url })
  return { errors: run.errors + run.non2xx, p50: run.latency.p50, p99: run.latency.p99, rps: Math.round(run.requests.average) }
}
const results: Record<string, Result> = {}
const baseline: Record<string, Result> = {}
for (const [name, { ilike, q, speaker: who }] of Object.entries(classes)) {
  const check = await (await fetch(`${base}/api/search?q=${encodeURIComponent(q)}${who ? `&speaker=${who}` : ''}`)).json()
  if (name !== 'none' && !check.totalDocs) throw new Error(`${name}: no hits for ${q}`)
  results[name] = await load(`${base}/api/search?q=${encodeURIComponent(q)}&limit=20${who ? `&speaker=${who}` : ''}`)
  baseline[name] = await load(`${base}/bench/ilike?q=${encodeURIComponent(ilike)}${who ? `&speaker=${who}` : ''}`)
  console.log(
    `${name.padEnd(8)} search p50 ${String(results[name].p50).padStart(5)} ms p99 ${String(results[name].p99).padStart(5)} ms ${String(results[name].rps).padStart(5)} req/s · ILIKE p50 ${String(baseline[name].p50).padStart(6)} ms`,
  )
}
server.kill('SIGTERM')
await new Promise((resolve) => server.once('exit', resolve))
await bench.stop()

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]
const searchP50Ms = median(Object.values(results).map((r) => r.p50))
const ilikeP50Ms = median(Object.values(baseline).map((r) => r.p50))
const indexMb = Math.round(((Number(facts.column_bytes) + Number(facts.index_bytes)) / 1024 / 1024) * 10) / 10
const textMb = Math.round((Number(facts.text_bytes) / 1024 / 1024) * 10) / 10
console.log(
  `search p50 ${searchP50Ms} ms vs ILIKE ${ilikeP50Ms} ms: ${(ilikeP50Ms / searchP50Ms).toFixed(1)}× (goal ≥ 20×); index ${indexMb} MB for ${textMb} MB of text (goal < 1.5×)`,
)
console.log(
  JSON.stringify({
    classes: Object.fromEntries(Object.entries(results).map(([name, r]) => [name, { p50Ms: r.p50, p99Ms: r.p99 }])),
    errors: Object.values(results).reduce((sum, r) => sum + r.errors, 0),
    ilikeP50Ms,
    indexMb,
    searchP50Ms,
    searchP99Ms: median(Object.values(results).map((r) => r.p99)),
    searchRps: median(Object.values(results).map((r) => r.rps)),
    speedupVsIlike: Math.round((ilikeP50Ms / searchP50Ms) * 10) / 10,
    textMb,
  }),
)
process.exit(0)
