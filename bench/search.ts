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
import { parseArgs } from 'node:util'

import { closePayload } from '../server/closePayload'
import { ensureBuild } from '../test/helpers/server'
import { startBenchPayload } from './database'
import { drain, seedArchive, startBenchServer } from './harness'

const { values } = parseArgs({
  options: { connections: { type: 'string', default: '50' }, duration: { type: 'string', default: '10' }, episodes: { type: 'string', default: '2000' } },
})
const connections = Number(values.connections)
const duration = Number(values.duration)
const archiveSize = Number(values.episodes)

ensureBuild()
const bench = await startBenchPayload()
const seeded = await seedArchive(bench.payload, archiveSize, 150, { datedFrom: new Date('2015-01-01T09:00:00Z') })
const { Client } = (await import('pg')).default
const db = new Client({ connectionString: bench.url })
await db.connect()
const facts = (
  await db.query(`SELECT count(*)::int AS turns, sum(octet_length(text))::bigint AS text_bytes,
                         (pg_column_size(NULL) + sum(coalesce(pg_column_size(search), 0)) + sum(coalesce(pg_column_size(search_config), 0)))::bigint AS column_bytes,
                         (pg_relation_size('transcript_turns_search_idx') + pg_relation_size('transcript_turns_public_search_idx'))::bigint AS index_bytes
                  FROM transcript_turns`)
).rows[0]
const speaker = (await db.query(`SELECT slug FROM speakers WHERE role = 'guest' ORDER BY id LIMIT 1`)).rows[0].slug as string
await db.end()
console.log(`seeded ${facts.turns} turns in ${archiveSize} episodes in ${seeded.toFixed(0)} s`)
await closePayload(bench.payload)

const { base, stop } = await startBenchServer(bench.url)

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

type Result = { errors: number; p50: number; p99: number; rps: number }
const load = async (url: string): Promise<Result> => {
  await drain(base)
  await autocannon({ connections: 5, duration: 1, url })
  await drain(base)
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
await stop()
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
