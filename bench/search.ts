/**
 * `npm run bench:search [-- --duration 10 --connections 50 --episodes 2000]`
 *
 * Seeds an archive (`--episodes` published episodes of 150 turns: 300,000 turns by default), starts the
 * production server with the benchmark's floor route, and loads `/api/search` (its kept answers off, then
 * on) with a fixed mix of queries
 * (a common word, a rare word, a two- and a three-word phrase, a prefix, no hit, one filtered by speaker),
 * one class at a time, then the same queries as `ILIKE '%…%'` over the published turns (what Payload's
 * `contains` does) as the baseline. Prints p50/p99 per class and the speedup; the last line is JSON.
 *
 * The archive is analysed after seeding, as autovacuum does within a minute of a bulk import: without
 * statistics Postgres planned the baseline's joins as nested loops over 2,000 episodes (47 s for one
 * common word, where it takes 0.9 s), which flattered the search by as much. The baseline runs a fixed
 * number of requests with a long timeout, so that every slow answer is measured, not dropped.
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
await db.query('ANALYZE')
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

// Two servers in turn: the search alone (kept answers off: what the goals are about) with the baseline,
// then the search as deployed, whose kept answers serve a repeated query.
process.env.SEARCH_KEEP_MS = '0'
let server = await startBenchServer(bench.url)

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
const searchUrl = (q: string, who?: string) => `/api/search?q=${encodeURIComponent(q)}&limit=20${who ? `&speaker=${who}` : ''}`

type Result = { errors: number; p50: number; p99: number; rps: number }
// The search for `duration` seconds; the baseline, three requests a connection (about a minute a class).
const load = async (path: string, amount?: number): Promise<Result> => {
  const url = `${server.base}${path}`
  await drain(server.base)
  await autocannon({ connections: 5, duration: 1, timeout: 120, url })
  await drain(server.base)
  const run = await autocannon({ connections, timeout: 120, url, ...(amount ? { amount } : { duration }) })
  const rps = amount ? run.requests.total / run.duration : run.requests.average
  return { errors: run.errors + run.timeouts + run.non2xx, p50: run.latency.p50, p99: run.latency.p99, rps: Math.round(rps * 10) / 10 }
}
const ms = (value: number) => `${String(value).padStart(6)} ms`
const results: Record<string, Result> = {}
const baseline: Record<string, Result> = {}
for (const [name, { ilike, q, speaker: who }] of Object.entries(classes)) {
  const check = await (await fetch(`${server.base}${searchUrl(q, who)}`)).json()
  if (name !== 'none' && !check.totalDocs) throw new Error(`${name}: no hits for ${q}`)
  results[name] = await load(searchUrl(q, who))
  baseline[name] = await load(`/bench/ilike?q=${encodeURIComponent(ilike)}${who ? `&speaker=${who}` : ''}`, connections * 3)
  const [r, b] = [results[name], baseline[name]]
  console.log(`${name.padEnd(8)} search p50 ${ms(r.p50)} p99 ${ms(r.p99)} ${r.rps} req/s · ILIKE p50 ${ms(b.p50)} ${b.rps} req/s, ${b.errors} errors`)
}
await server.stop()
delete process.env.SEARCH_KEEP_MS
server = await startBenchServer(bench.url)
const kept: Record<string, Result> = {}
for (const [name, { q, speaker: who }] of Object.entries(classes)) {
  kept[name] = await load(searchUrl(q, who))
  console.log(`${name.padEnd(8)} with kept answers p50 ${ms(kept[name].p50)} p99 ${ms(kept[name].p99)} ${kept[name].rps} req/s`)
}
await server.stop()
await bench.stop()

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]
const round = (value: number) => Math.round(value * 10) / 10
const searchP50Ms = median(Object.values(results).map((r) => r.p50))
const keptP50Ms = median(Object.values(kept).map((r) => r.p50))
const ilikeP50Ms = median(Object.values(baseline).map((r) => r.p50))
const indexMb = round((Number(facts.column_bytes) + Number(facts.index_bytes)) / 1024 / 1024)
const textMb = round(Number(facts.text_bytes) / 1024 / 1024)
const worstTail = Math.max(...Object.values(results).map((r) => r.p99 / r.p50))
console.log(
  `search p50 ${searchP50Ms} ms vs ILIKE ${ilikeP50Ms} ms: ${(ilikeP50Ms / searchP50Ms).toFixed(1)}× (goal ≥ 20×); worst p99/p50 ${worstTail.toFixed(1)} (goal < 10); ` +
    `index ${indexMb} MB for ${textMb} MB of text (goal < 1.5×); with kept answers ${keptP50Ms} ms: ${(ilikeP50Ms / keptP50Ms).toFixed(1)}×`,
)
const classesOf = (runs: Record<string, Result>) => Object.fromEntries(Object.entries(runs).map(([name, r]) => [name, { p50Ms: r.p50, p99Ms: r.p99 }]))
console.log(
  JSON.stringify({
    classes: classesOf(results),
    errors: Object.values(results).reduce((sum, r) => sum + r.errors, 0),
    ilikeErrors: Object.values(baseline).reduce((sum, r) => sum + r.errors, 0),
    ilikeP50Ms,
    indexMb,
    kept: {
      classes: classesOf(kept),
      errors: Object.values(kept).reduce((sum, r) => sum + r.errors, 0),
      searchP50Ms: keptP50Ms,
      speedupVsIlike: round(ilikeP50Ms / keptP50Ms),
    },
    searchP50Ms,
    searchP99Ms: median(Object.values(results).map((r) => r.p99)),
    searchRps: median(Object.values(results).map((r) => r.rps)),
    speedupVsIlike: round(ilikeP50Ms / searchP50Ms),
    textMb,
  }),
)
process.exit(0)
