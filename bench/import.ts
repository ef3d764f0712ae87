/**
 * `npm run bench:import [-- --shape both|synthetic|realistic --files N --turns 500 --sample 2000 --concurrency 3]`
 *
 * Two archive shapes, each in its own process and on its own fresh database:
 *   synthetic: 200 files of 500 turns, one host and one guest (the benchmark's first shape);
 *   realistic: 600 files shaped like a real network (bench/generateArchive: ~170 turns, new guests in most
 *              files, four shows, markers and stage directions).
 * For each, in one run, it measures:
 *   (a) the project's import, end to end (read, parse, resolve people, write), streaming over files;
 *   (b) the same kind of turn rows written with one `payload.create` each, on a sample;
 *   (c) a raw multi-row SQL INSERT of the rows (a) stored, search vectors included, 1,000 rows a statement;
 *   (d) a COPY of the same rows into an identical table (`LIKE … INCLUDING ALL`: its indexes kept).
 * Prints turns/s and files/s, the ratios a/b, a/c and a/d, and peak RSS; the last line is JSON.
 */
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { parseArgs, promisify } from 'node:util'
import { from as copyFrom } from 'pg-copy-streams'

import { flushAndExit } from '../src/cli/flush'
import { DEFAULT_IMPORT_CONCURRENCY, importBatch } from '../src/import/importBatch'
import { startBenchPayload, trackPeakRss } from './database'
import { generateArchive } from './generateArchive'
import { generateCorpus } from './generateCorpus'

const { values } = parseArgs({
  options: {
    concurrency: { type: 'string', default: String(DEFAULT_IMPORT_CONCURRENCY) },
    files: { type: 'string' },
    sample: { type: 'string', default: '2000' },
    shape: { type: 'string', default: 'both' },
    turns: { type: 'string', default: '500' },
  },
})

type ShapeResult = {
  copyTurnsPerSec: number
  files: number
  importFilesPerSec: number
  importTurnsPerSec: number
  payloadCreateTurnsPerSec: number
  peakRssMb: number
  ratioVsCopy: number
  ratioVsPayloadCreate: number
  ratioVsRawInsert: number
  rawInsertTurnsPerSec: number
  turns: number
}

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100

if (values.shape === 'both') {
  // Each shape in a process of its own: a fresh Payload, database and heap for each.
  const self = fileURLToPath(import.meta.url)
  const forward = Object.entries(values).flatMap(([key, value]) => (key === 'shape' || value === undefined ? [] : [`--${key}`, String(value)]))
  const results: Record<string, ShapeResult> = {}
  for (const shape of ['synthetic', 'realistic']) {
    const { stdout } = await promisify(execFile)(process.execPath, [...process.execArgv, self, '--shape', shape, ...forward], {
      env: process.env,
      maxBuffer: 16 * 1024 * 1024,
    })
    const lines = stdout.trim().split('\n')
    console.log(lines.slice(0, -1).join('\n'))
    results[shape] = JSON.parse(lines.at(-1) ?? '{}') as ShapeResult
  }
  console.log(JSON.stringify(results))
  await flushAndExit(0)
}

const shape = values.shape
if (shape !== 'synthetic' && shape !== 'realistic') throw new Error(`--shape is both, synthetic or realistic, not ${shape}`)
const files = Number(values.files ?? (shape === 'synthetic' ? 200 : 600))
const sample = Number(values.sample)
const dir = path.join(os.tmpdir(), shape === 'synthetic' ? `podcast-bench-corpus-${files}x${values.turns}` : `podcast-bench-archive-${files}`)
const paths = shape === 'synthetic' ? await generateCorpus(dir, files, Number(values.turns)) : await generateArchive(dir, files)
const { payload, stop } = await startBenchPayload()
const rss = trackPeakRss()
const pool = payload.db.pool

// (a) The project's import.
rss.reset()
let importedTurns = 0
let failed = 0
const startedA = performance.now()
for await (const report of importBatch({
  concurrency: Number(values.concurrency),
  payload,
  sources: paths.map((file) => ({ content: () => readFile(file), name: path.basename(file) })),
})) {
  if (report.status === 'failed') {
    failed++
    console.error(report)
  }
  importedTurns += report.turns
}
const secondsA = (performance.now() - startedA) / 1000
const importPeakRss = rss.peakMb()
if (failed) throw new Error(`${failed} files failed to import`)

// The rows (a) stored (markers too), in memory for (b), (c) and (d); reading them is not timed.
const COLUMNS = ['episode_id', 'position', 'kind', 'speaker_label', 'start', '"end"', 'timestamp', 'text', 'word_count', 'search_config', 'search']
type Row = [number, number, string, null | string, null | number, null | number, null | string, string, number, null | string, null | string]
const { rows: stored } = await pool.query<{ values: Row }>(
  `SELECT json_build_array(episode_id, position, kind, speaker_label, start, "end", timestamp, text, word_count, search_config, search::text) AS values
   FROM transcript_turns ORDER BY episode_id, position`,
)
// (c) writes into the same table, so its rows hang off episodes of their own.
const rawEpisodes = new Map<number, number>()
for (const { values: row } of stored) {
  if (rawEpisodes.has(row[0])) continue
  const { rows } = await pool.query(`INSERT INTO episodes (title, slug, _status) VALUES ($1, $2, 'draft') RETURNING id`, [`raw ${row[0]}`, `raw-${row[0]}`])
  rawEpisodes.set(row[0], rows[0].id)
}
const rows = stored.map(({ values: row }) => [rawEpisodes.get(row[0]), ...row.slice(1)] as Row)

// (b) One payload.create per turn, on a sample.
const sampleEpisode = await payload.create({ collection: 'episodes', data: { title: 'per-document sample' }, draft: true })
const speech = rows.filter((row) => row[2] === 'speech')
const startedB = performance.now()
for (let i = 0; i < sample; i++) {
  const [, , , speakerLabel, start, end, timestamp, text, wordCount] = speech[i]
  await payload.create({
    collection: 'transcript-turns',
    data: { end, episode: sampleEpisode.id, position: i, speakerLabel, start, text, timestamp, wordCount },
    depth: 0,
  })
}
const secondsB = (performance.now() - startedB) / 1000

// (c) Raw multi-row INSERT of the same rows as (a) stored.
const BATCH = 1000
const startedC = performance.now()
for (let offset = 0; offset < rows.length; offset += BATCH) {
  const batch = rows.slice(offset, offset + BATCH)
  const placeholders = batch.map((_, r) => `(${COLUMNS.map((_, c) => `$${r * COLUMNS.length + c + 1}`).join(', ')})`)
  await pool.query(`INSERT INTO transcript_turns (${COLUMNS.join(', ')}) VALUES ${placeholders.join(', ')}`, batch.flat())
}
const secondsC = (performance.now() - startedC) / 1000

// (d) COPY of the same rows into an identical table, indexes kept.
await pool.query(`CREATE TABLE bench_copy_turns (LIKE transcript_turns INCLUDING ALL)`)
const field = (value: unknown) =>
  value === null || value === undefined ? '\\N' : String(value).replace(/[\\\n\r\t]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? c)
const client = await pool.connect()
const startedD = performance.now()
await pipeline(
  Readable.from(
    (function* () {
      for (let offset = 0; offset < rows.length; offset += BATCH) {
        yield rows
          .slice(offset, offset + BATCH)
          .map((row) => `${row.map(field).join('\t')}\n`)
          .join('')
      }
    })(),
  ),
  client.query(copyFrom(`COPY bench_copy_turns (${COLUMNS.join(', ')}) FROM STDIN`)),
)
const secondsD = (performance.now() - startedD) / 1000
client.release()

rss.stop()
await stop()

const importTurnsPerSec = Math.round(importedTurns / secondsA)
// The ratios compare rows written, markers included, as the floors write them.
const importRowsPerSec = rows.length / secondsA
const payloadCreateTurnsPerSec = Math.round(sample / secondsB)
const rawInsertTurnsPerSec = Math.round(rows.length / secondsC)
const copyTurnsPerSec = Math.round(rows.length / secondsD)
const result: ShapeResult = {
  copyTurnsPerSec,
  files,
  importFilesPerSec: Math.round((files / secondsA) * 10) / 10,
  importTurnsPerSec,
  payloadCreateTurnsPerSec,
  peakRssMb: importPeakRss,
  ratioVsCopy: ratio(importRowsPerSec, copyTurnsPerSec),
  ratioVsPayloadCreate: ratio(importRowsPerSec, payloadCreateTurnsPerSec),
  ratioVsRawInsert: ratio(importRowsPerSec, rawInsertTurnsPerSec),
  rawInsertTurnsPerSec,
  turns: importedTurns,
}
const n = (value: number) => value.toLocaleString('en')
console.log(`${shape}: ${files} files, ${n(speech.length)} speech turns and ${n(rows.length - speech.length)} markers (${dir})`)
console.log(`  (a) import, end to end:       ${n(importTurnsPerSec)} turns/s, ${result.importFilesPerSec} files/s (${secondsA.toFixed(2)} s)`)
console.log(`  (b) payload.create per turn:  ${n(payloadCreateTurnsPerSec)} turns/s (${sample} turns, ${secondsB.toFixed(2)} s)`)
console.log(`  (c) raw multi-row INSERT:     ${n(rawInsertTurnsPerSec)} turns/s (${secondsC.toFixed(2)} s)`)
console.log(`  (d) COPY, identical table:    ${n(copyTurnsPerSec)} turns/s (${secondsD.toFixed(2)} s)`)
console.log(
  `  a/b = ${result.ratioVsPayloadCreate}×, a/c = ${result.ratioVsRawInsert}×, a/d = ${result.ratioVsCopy}×, peak RSS during import ${importPeakRss} MB`,
)
console.log(JSON.stringify(result))
await flushAndExit(0)
