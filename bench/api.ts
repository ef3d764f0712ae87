/**
 * `npm run bench:api [-- --duration 20 --connections 50 --episodes 2000]`
 *
 * Seeds an archive (`--episodes` published episodes of 150 turns, each with its guest) and an
 * episode with 1,000 turns, starts the real production server (with the benchmark's floor
 * routes), and loads it from this separate process with autocannon on 127.0.0.1:
 * - the transcript endpoint, Payload's generic find of turns with depth=1, a GraphQL query for
 *   the first 300 of those turns (the most its cost limit allows with these fields), and their
 *   floor (one raw SQL query);
 * - a website's first calls: the latest 20 episodes at depth 1 (Payload's list, and the plugin's
 *   lean list of cards), a guest page, the GraphQL list of titles and guests, and their floor
 *   (one raw SQL query for the same list).
 * Prints p50/p99 latency and requests/s with ratios; the last line is JSON.
 * Errors count failed requests (autocannon's `errors`, which already includes its 10 s timeouts)
 * and non-2xx responses.
 */
import autocannon from 'autocannon'
import { parseArgs } from 'node:util'

import { importTranscript } from '../src/import/importTranscript'
import { closePayload } from '../server/closePayload'
import { ensureBuild } from '../test/helpers/server'
import { startBenchPayload } from './database'
import { drain, seedArchive, startBenchServer } from './harness'

const { values } = parseArgs({
  options: { connections: { type: 'string', default: '50' }, duration: { type: 'string', default: '20' }, episodes: { type: 'string', default: '2000' } },
})
const connections = Number(values.connections)
const duration = Number(values.duration)
const archiveSize = Number(values.episodes)

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

// The archive a website reads: published, dated a day apart, a guest each (guests recur, as on a real show).
const seconds = await seedArchive(bench.payload, archiveSize, 150, { datedFrom: new Date('2015-01-01T09:00:00Z') })
console.log(`seeded ${archiveSize} episodes of 150 turns in ${seconds.toFixed(0)} s`)
const guestSlug = (await bench.payload.find({ collection: 'guests', limit: 1, sort: 'name' })).docs[0]?.slug
if (!guestSlug) throw new Error('no guest was seeded')
await closePayload(bench.payload)

const { base, stop } = await startBenchServer(bench.url)

// 300 turns: 1,000 with these fields would cost 13,001, over GraphQL's ceiling of 5,000 (the security limits).
const GRAPHQL_TURNS = 300
const gqlQuery = JSON.stringify({
  query: `query($e: JSON) { TranscriptTurns(where: { episode: { equals: $e } }, limit: ${GRAPHQL_TURNS}, sort: "position") { docs { position start end timestamp text speakerLabel speaker { id name slug role } } } }`,
  variables: { e: episodeId },
})
const GRAPHQL_LIST = JSON.stringify({ query: '{ Episodes(limit: 20, sort: "-publishedAt") { docs { title slug guests { name slug } } } }' })
const targets = {
  floor: { method: 'GET' as const, path: `/bench/floor/${episodeId}` },
  transcript: { method: 'GET' as const, path: `/api/episodes/${episodeId}/transcript?limit=1000` },
  generic: { method: 'GET' as const, path: `/api/transcript-turns?where[episode][equals]=${episodeId}&limit=1000&depth=1&sort=position` },
  graphql: { body: gqlQuery, headers: { 'content-type': 'application/json' }, method: 'POST' as const, path: '/api/graphql' },
  listFloor: { method: 'GET' as const, path: '/bench/list-floor' },
  list: { method: 'GET' as const, path: '/api/episodes?limit=20&depth=1&sort=-publishedAt' },
  leanList: { method: 'GET' as const, path: '/api/episodes/latest?limit=20' },
  guest: { method: 'GET' as const, path: `/api/guests?where[slug][equals]=${guestSlug}&depth=1` },
  graphqlList: { body: GRAPHQL_LIST, headers: { 'content-type': 'application/json' }, method: 'POST' as const, path: '/api/graphql' },
}

// The answer sizes, checked once before loading: 1,000 turns on REST, GRAPHQL_TURNS on GraphQL, 20 episodes
// in a list, one guest.
const expectedDocs: Record<keyof typeof targets, number> = {
  floor: 1000,
  generic: 1000,
  graphql: GRAPHQL_TURNS,
  graphqlList: 20,
  guest: 1,
  leanList: 20,
  list: 20,
  listFloor: 20,
  transcript: 1000,
}
const bytes: Partial<Record<keyof typeof targets, number>> = {}
for (const [name, target] of Object.entries(targets) as [keyof typeof targets, (typeof targets)[keyof typeof targets]][]) {
  const res = await fetch(`${base}${target.path}`, {
    body: 'body' in target ? target.body : undefined,
    headers: 'headers' in target ? target.headers : undefined,
    method: target.method,
  })
  const text = await res.text()
  bytes[name] = Buffer.byteLength(text)
  const json = JSON.parse(text)
  const docs = json.docs ?? json.data?.TranscriptTurns?.docs ?? json.data?.Episodes?.docs
  if (res.status !== 200 || docs?.length !== expectedDocs[name]) throw new Error(`${name}: ${res.status}, ${docs?.length} docs`)
}

type Result = { errors: number; p50: number; p99: number; rps: number }
const results: Record<string, Result> = {}
for (const [name, target] of Object.entries(targets)) {
  // An idle server, a short warm-up, then the measured run.
  await drain(base)
  await autocannon({ ...target, connections: 10, duration: 2, url: `${base}${target.path}` })
  const run = await autocannon({ ...target, connections, duration, url: `${base}${target.path}` })
  results[name] = { errors: run.errors + run.non2xx, p50: run.latency.p50, p99: run.latency.p99, rps: Math.round(run.requests.average) }
  console.log(
    `${name.padEnd(10)} p50 ${String(run.latency.p50).padStart(5)} ms  p99 ${String(run.latency.p99).padStart(5)} ms  ${String(results[name].rps).padStart(6)} req/s  errors ${results[name].errors}`,
  )
}

await stop()
await bench.stop()

const { floor, generic, graphql, graphqlList, guest, leanList, list, listFloor, transcript } = results
console.log(
  `transcript p50 / floor p50 = ${(transcript.p50 / floor.p50).toFixed(2)}× (goal ≤ 2); transcript rps / generic rps = ${(transcript.rps / generic.rps).toFixed(2)}× (goal ≥ 2)`,
)
console.log(
  `list ${bytes.list} bytes (goal ≤ 40,960); list rps / list floor rps = ${(list.rps / listFloor.rps).toFixed(2)}× (goal ≥ 0.3); GraphQL list p50 / list p50 = ${(graphqlList.p50 / list.p50).toFixed(2)}× (goal ≤ 2)`,
)
console.log(
  `lean list (/api/episodes/latest) ${bytes.leanList} bytes; lean list rps / list floor rps = ${(leanList.rps / listFloor.rps).toFixed(2)}× (goal ≥ 0.3)`,
)
console.log(
  JSON.stringify({
    // The goals are about the transcript endpoint and the website's reads; Payload's generic paths are reported beside them.
    errors: transcript.errors + list.errors + leanList.errors + guest.errors + graphqlList.errors,
    errorsByTarget: Object.fromEntries(Object.entries(results).map(([name, r]) => [name, r.errors])),
    graphqlListP50Ms: graphqlList.p50,
    guestP50Ms: guest.p50,
    leanListBytes: bytes.leanList,
    leanListP50Ms: leanList.p50,
    leanListRps: leanList.rps,
    listBytes: bytes.list,
    listFloorRps: listFloor.rps,
    listP50Ms: list.p50,
    listRps: list.rps,
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
