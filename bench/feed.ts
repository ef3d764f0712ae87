/**
 * `npm run bench:feed [-- --duration 20 --connections 50 --episodes 2000]`
 *
 * Seeds a show of `--episodes` published episodes, each with audio, two guests, three chapters
 * and a transcript, plus one episode of 1,000 turns; starts the real production server (with the
 * benchmark's floor route) and measures from this separate process:
 * - the feed's cold render (the first request after the show changed; median of 3), against one
 *   `payload.find` of the same episodes at depth 0 (`findAllMs`, median of 3, in-process);
 * - the warm feed (full 200 answers of the cached render, no revalidation) against a floor that
 *   serves a precomputed string of the same size;
 * - the VTT rendition of the 1,000-turn episode against the JSON transcript endpoint at limit=1000:
 *   under load (the rendition kept, as apps fetch it again and again), and single requests rendering
 *   it afresh (`vttColdMs`, its revision touched before each) beside single JSON requests.
 * The last line is JSON.
 */
import autocannon from 'autocannon'
import { parseArgs } from 'node:util'

import { importTranscript } from '../src/import/importTranscript'
import { closePayload } from '../server/closePayload'
import { ensureBuild } from '../test/helpers/server'
import { startBenchPayload } from './database'
import { seedArchive, startBenchServer } from './harness'

const { values } = parseArgs({
  options: { connections: { type: 'string', default: '50' }, duration: { type: 'string', default: '20' }, episodes: { type: 'string', default: '2000' } },
})
const connections = Number(values.connections)
const duration = Number(values.duration)
const archiveSize = Number(values.episodes)
const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]

ensureBuild()
const bench = await startBenchPayload()
const seeded = await seedArchive(bench.payload, archiveSize, 40, { datedFrom: new Date('2015-01-01T09:00:00Z'), feed: true })
const long = await importTranscript({
  content: `---\nepisode: "Episode 9999: The Long One"\npermalink: /bench-long\nstatus: publish\naudio: https://media.example.com/long.mp3\n---\n\n${Array.from(
    { length: 1000 },
    (_, i) =>
      `**${i % 2 ? 'Rosa' : 'Michaela'}:** [${new Date(i * 7000).toISOString().slice(11, 19)}] Turn ${i}: we talk about testing, *reviews* and the craft of building software together.\n`,
  ).join('\n')}`,
  fileName: 'bench-long.md',
  payload: bench.payload,
})
if (long.status !== 'imported' || long.turns !== 1000 || !long.episode) throw new Error(`seeding the long episode: ${JSON.stringify(long.errors)}`)
const longId = long.episode.id
console.log(`seeded ${archiveSize} episodes in ${seeded.toFixed(0)} s`)

const show = (await bench.payload.find({ collection: 'shows', limit: 1, sort: 'createdAt' })).docs[0]
const findAll: number[] = []
for (let i = 0; i < 3; i++) {
  const started = performance.now()
  const { docs } = await bench.payload.find({
    collection: 'episodes',
    depth: 0,
    pagination: false,
    where: { and: [{ show: { equals: show.id } }, { _status: { equals: 'published' } }] },
  })
  findAll.push(performance.now() - started)
  if (docs.length < archiveSize) throw new Error(`find returned ${docs.length} episodes`)
}
const findAllMs = Math.round(median(findAll))
await closePayload(bench.payload)

const { base, stop } = await startBenchServer(bench.url)

const feedPath = `/api/shows/${show.slug}/feed.xml`
// Cold: the first request after the show changed renders the feed again (db/feed's fingerprint).
const { Client } = (await import('pg')).default
const db = new Client({ connectionString: bench.url })
await db.connect()
const cold: number[] = []
let feedBytes = 0
for (let i = 0; i < 3; i++) {
  await db.query('UPDATE shows SET updated_at = now() WHERE id = $1', [show.id])
  const started = performance.now()
  const res = await fetch(`${base}${feedPath}`)
  const body = await res.text()
  cold.push(performance.now() - started)
  if (res.status !== 200 || !body.includes('<item>')) throw new Error(`feed: ${res.status}`)
  feedBytes = Buffer.byteLength(body)
}
const feedColdMs = Math.round(median(cold))
const items = (await (await fetch(`${base}${feedPath}`)).text()).split('<item>').length - 1
if (items !== archiveSize + 1) throw new Error(`feed has ${items} items, expected ${archiveSize + 1}`)

// Uncached renditions: the long episode's revision touched before each request, so the VTT is rendered
// again; beside it, one request of the JSON endpoint (which builds its JSON in Postgres every time).
const revisionOf = async () => (await db.query('SELECT transcript_revision_id AS id FROM episodes WHERE id = $1', [longId])).rows[0].id as number
const revision = await revisionOf()
const coldVtt: number[] = []
const json: number[] = []
for (let i = 0; i < 5; i++) {
  await db.query('UPDATE transcript_revisions SET updated_at = now() WHERE id = $1', [revision])
  let started = performance.now()
  await (await fetch(`${base}/api/episodes/${longId}/transcript.vtt`)).text()
  coldVtt.push(performance.now() - started)
  started = performance.now()
  await (await fetch(`${base}/api/episodes/${longId}/transcript?limit=1000`)).text()
  json.push(performance.now() - started)
}
await db.end()
const vttColdMs = Math.round(median(coldVtt))
const transcriptJsonMs = Math.round(median(json))

const targets = {
  feed: { path: feedPath },
  floor: { path: `/bench/bytes/${feedBytes}` },
  transcriptJson: { path: `/api/episodes/${longId}/transcript?limit=1000` },
  vtt: { path: `/api/episodes/${longId}/transcript.vtt` },
}
const floorBody = await (await fetch(`${base}${targets.floor.path}`)).text()
if (Buffer.byteLength(floorBody) !== feedBytes) throw new Error('floor size differs from the feed')

type Result = { errors: number; p50: number; rps: number }
const results: Record<string, Result> = {}
for (const [name, target] of Object.entries(targets)) {
  await autocannon({ connections: 10, duration: 2, url: `${base}${target.path}` })
  const run = await autocannon({ connections, duration, url: `${base}${target.path}` })
  results[name] = { errors: run.errors + run.non2xx, p50: run.latency.p50, rps: Math.round(run.requests.average) }
  console.log(
    `${name.padEnd(15)} p50 ${String(run.latency.p50).padStart(5)} ms  ${String(results[name].rps).padStart(6)} req/s  errors ${results[name].errors}`,
  )
}
await stop()
await bench.stop()

const { feed, floor, transcriptJson, vtt } = results
console.log(
  `feed of ${archiveSize + 1} items, ${(feedBytes / 1024 / 1024).toFixed(1)} MB: cold ${feedColdMs} ms = ${(feedColdMs / findAllMs).toFixed(1)}× find (${findAllMs} ms; goal < 10×)`,
)
console.log(
  `warm feed rps / floor rps = ${(feed.rps / floor.rps).toFixed(2)}× (goal ≥ 0.5); VTT rps / JSON transcript rps = ${(vtt.rps / transcriptJson.rps).toFixed(2)}× (goal ≥ 0.8)`,
)
console.log(
  JSON.stringify({
    errors: feed.errors + floor.errors + vtt.errors + transcriptJson.errors,
    feedBytes,
    feedColdMs,
    feedWarmRps: feed.rps,
    findAllMs,
    floorRps: floor.rps,
    transcriptJsonMs,
    transcriptJsonRps: transcriptJson.rps,
    vttColdMs,
    vttP50Ms: vtt.p50,
    vttRps: vtt.rps,
  }),
)
process.exit(0)
