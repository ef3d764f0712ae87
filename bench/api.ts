/**
 * `npm run bench:api [-- --duration 20 --connections 50]`
 *
 * Seeds an episode with 1,000 turns, starts the real production server (with the
 * benchmark's floor route), and loads it from this separate process with
 * autocannon on 127.0.0.1: the transcript endpoint, Payload's generic find with
 * depth=1, a GraphQL query for the first 300 of those turns (the most its cost limit
 * allows with these fields), and the floor (one raw SQL query).
 * Prints p50/p99 latency and requests/s with ratios; the last line is JSON.
 * Errors count failed requests (autocannon's `errors`, which already includes its 10 s timeouts)
 * and non-2xx responses.
 */
import autocannon from 'autocannon'
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import { importTranscript } from '../src/import/importTranscript'
import { closePayload } from '../server/closePayload'
import { ensureBuild, freePort } from '../test/helpers/server'
import { startBenchPayload } from './database'

const { values } = parseArgs({ options: { connections: { type: 'string', default: '50' }, duration: { type: 'string', default: '20' } } })
const connections = Number(values.connections)
const duration = Number(values.duration)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

ensureBuild()
const bench = await startBenchPayload()
const turns = Array.from({ length: 1000 }, (_, i) => {
  const s = i * 7
  const stamp = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((n) => String(n).padStart(2, '0')).join(':')
  return `**${i % 2 ? 'Rosa' : 'Michaela'}:** [${stamp}] Turn ${i}: we talk about testing, reviews and the craft of building software together.\n`
})
const report = await importTranscript({
  content: `---\nepisode: "Episode 1000: Rosa Parks and the Long Transcript"\npermalink: /bench-api\nstatus: publish\n---\n\n${turns.join('\n')}`,
  fileName: 'bench-api.md',
  payload: bench.payload,
})
if (report.status !== 'imported' || report.turns !== 1000 || !report.episode) throw new Error(`seeding failed: ${JSON.stringify(report.errors)}`)
const episodeId = report.episode.id
await closePayload(bench.payload)

const port = await freePort()
const server = spawn(process.execPath, ['--import', 'tsx', 'bench/apiServer.ts'], {
  cwd: root,
  env: { ...process.env, DATABASE_URL: bench.url, HOST: '127.0.0.1', NODE_ENV: 'production', PAYLOAD_SECRET: 'bench-secret', PORT: String(port) },
  stdio: ['ignore', 'ignore', 'inherit'],
})
const base = `http://127.0.0.1:${port}`
for (let i = 0; ; i++) {
  if (
    await fetch(`${base}/healthz`)
      .then((r) => r.ok)
      .catch(() => false)
  )
    break
  if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`)
  if (i > 1200) throw new Error('server did not answer /healthz within 120 s')
  await new Promise((resolve) => setTimeout(resolve, 100))
}

// 300 turns: 1,000 with these fields would cost 13,001, over GraphQL's ceiling of 5,000 (the security limits).
const GRAPHQL_TURNS = 300
const gqlQuery = JSON.stringify({
  query: `query($e: JSON) { TranscriptTurns(where: { episode: { equals: $e } }, limit: ${GRAPHQL_TURNS}, sort: "position") { docs { position start end timestamp text speakerLabel speaker { id name slug role } } } }`,
  variables: { e: episodeId },
})
const targets = {
  floor: { method: 'GET' as const, path: `/bench/floor/${episodeId}` },
  transcript: { method: 'GET' as const, path: `/api/episodes/${episodeId}/transcript?limit=1000` },
  generic: { method: 'GET' as const, path: `/api/transcript-turns?where[episode][equals]=${episodeId}&limit=1000&depth=1&sort=position` },
  graphql: { body: gqlQuery, headers: { 'content-type': 'application/json' }, method: 'POST' as const, path: '/api/graphql' },
}

/**
 * Waits until the server answers /healthz quickly three times in a row. Requests that
 * autocannon gave up on keep the server busy after a run; the next target must not pay for them.
 */
const drain = async () => {
  const deadline = Date.now() + 120_000
  for (let quick = 0; quick < 3 && Date.now() < deadline;) {
    const started = performance.now()
    await fetch(`${base}/healthz`).catch(() => {})
    quick = performance.now() - started < 50 ? quick + 1 : 0
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

// The answer sizes, checked once before loading: 1,000 turns on REST, GRAPHQL_TURNS on GraphQL.
for (const [name, target] of Object.entries(targets)) {
  const res = await fetch(`${base}${target.path}`, {
    body: 'body' in target ? target.body : undefined,
    headers: 'headers' in target ? target.headers : undefined,
    method: target.method,
  })
  const json = await res.json()
  const docs = json.docs ?? json.data?.TranscriptTurns?.docs
  const expected = name === 'graphql' ? GRAPHQL_TURNS : 1000
  if (res.status !== 200 || docs?.length !== expected) throw new Error(`${name}: ${res.status}, ${docs?.length} turns`)
}

type Result = { errors: number; p50: number; p99: number; rps: number }
const results: Record<string, Result> = {}
for (const [name, target] of Object.entries(targets)) {
  // An idle server, a short warm-up, then the measured run.
  await drain()
  await autocannon({ ...target, connections: 10, duration: 2, url: `${base}${target.path}` })
  const run = await autocannon({ ...target, connections, duration, url: `${base}${target.path}` })
  results[name] = { errors: run.errors + run.non2xx, p50: run.latency.p50, p99: run.latency.p99, rps: Math.round(run.requests.average) }
  console.log(
    `${name.padEnd(10)} p50 ${String(run.latency.p50).padStart(5)} ms  p99 ${String(run.latency.p99).padStart(5)} ms  ${String(results[name].rps).padStart(6)} req/s  errors ${results[name].errors}`,
  )
}

server.kill('SIGTERM')
await new Promise((resolve) => server.once('exit', resolve))
await bench.stop()

const { floor, generic, graphql, transcript } = results
console.log(
  `transcript p50 / floor p50 = ${(transcript.p50 / floor.p50).toFixed(2)}× (goal ≤ 2); transcript rps / generic rps = ${(transcript.rps / generic.rps).toFixed(2)}× (goal ≥ 2)`,
)
console.log(
  JSON.stringify({
    // The goal is about the transcript endpoint; Payload's generic paths are reported beside it.
    errors: transcript.errors,
    errorsByTarget: Object.fromEntries(Object.entries(results).map(([name, r]) => [name, r.errors])),
    floorP50Ms: floor.p50,
    genericP50Ms: generic.p50,
    genericRps: generic.rps,
    graphqlP50Ms: graphql.p50,
    transcriptP50Ms: transcript.p50,
    transcriptP99Ms: transcript.p99,
    transcriptRps: transcript.rps,
  }),
)
process.exit(0)
