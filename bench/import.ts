/**
 * `npm run bench:import [-- --files 200 --turns 500 --sample 2000 --concurrency 3]`
 *
 * In one run, on one fresh database, measures:
 *   (a) the project's import, end to end (read, parse, write), streaming over files;
 *   (b) the same kind of turn rows written with one `payload.create` each, on a sample;
 *   (c) a raw multi-row SQL INSERT of the same rows as (a), 1,000 rows a statement.
 * Prints turns/s, the ratios a/b and a/c, and peak RSS; the last line is JSON.
 */
import { readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { DEFAULT_IMPORT_CONCURRENCY, importBatch } from '../src/import/importBatch'
import { parseTranscript } from '../src/import/parseTranscript'
import { startBenchPayload, trackPeakRss } from './database'
import { generateCorpus } from './generateCorpus'

const { values } = parseArgs({
  options: {
    concurrency: { type: 'string', default: String(DEFAULT_IMPORT_CONCURRENCY) },
    files: { type: 'string', default: '200' },
    sample: { type: 'string', default: '2000' },
    turns: { type: 'string', default: '500' },
  },
})
const files = Number(values.files)
const turnsPerFile = Number(values.turns)
const sample = Number(values.sample)

const dir = path.join(os.tmpdir(), `podcast-bench-corpus-${files}x${turnsPerFile}`)
const paths = await generateCorpus(dir, files, turnsPerFile)
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
  if (report.status === 'failed') failed++
  importedTurns += report.turns
}
const secondsA = (performance.now() - startedA) / 1000
const importPeakRss = rss.peakMb()
if (failed) throw new Error(`${failed} files failed to import`)

// The rows of (a), in memory for (b) and (c); parsing is not timed there.
type Row = [number, number, null | number, null | string, null | number, null | number, null | string, string, number]
const episodeIds: number[] = []
for (let i = 0; i < files; i++) {
  const { rows } = await pool.query(`INSERT INTO episodes (title, slug, _status) VALUES ($1, $2, 'draft') RETURNING id`, [`raw ${i}`, `raw-${i}`])
  episodeIds.push(rows[0].id)
}
const rows: Row[] = []
for (const [f, file] of paths.entries()) {
  const parsed = parseTranscript(await readFile(file), { fileName: path.basename(file) })
  parsed.turns.forEach((turn, position) => {
    const end = parsed.turns[position + 1]?.start ?? null
    rows.push([episodeIds[f], position, null, turn.speakerLabel, turn.start, end, turn.timestamp, turn.text, turn.wordCount])
  })
}

// (b) One payload.create per turn, on a sample.
const sampleEpisode = await payload.create({ collection: 'episodes', data: { title: 'per-document sample' }, draft: true })
const startedB = performance.now()
for (let i = 0; i < sample; i++) {
  const [, , , speakerLabel, start, end, timestamp, text, wordCount] = rows[i]
  await payload.create({
    collection: 'transcript-turns',
    data: { end, episode: sampleEpisode.id, position: i, speakerLabel, start, text, timestamp, wordCount },
    depth: 0,
  })
}
const secondsB = (performance.now() - startedB) / 1000

// (c) Raw multi-row INSERT of the same rows as (a).
const BATCH = 1000
const startedC = performance.now()
for (let offset = 0; offset < rows.length; offset += BATCH) {
  const batch = rows.slice(offset, offset + BATCH)
  const placeholders = batch.map((_, r) => `(${Array.from({ length: 9 }, (_, c) => `$${r * 9 + c + 1}`).join(', ')})`)
  await pool.query(
    `INSERT INTO transcript_turns (episode_id, position, speaker_id, speaker_label, start, "end", timestamp, text, word_count) VALUES ${placeholders.join(', ')}`,
    batch.flat(),
  )
}
const secondsC = (performance.now() - startedC) / 1000

rss.stop()
await stop()

const importTurnsPerSec = Math.round(importedTurns / secondsA)
const payloadCreateTurnsPerSec = Math.round(sample / secondsB)
const rawInsertTurnsPerSec = Math.round(rows.length / secondsC)
const result = {
  importTurnsPerSec,
  payloadCreateTurnsPerSec,
  rawInsertTurnsPerSec,
  ratioVsPayloadCreate: Math.round((importTurnsPerSec / payloadCreateTurnsPerSec) * 100) / 100,
  ratioVsRawInsert: Math.round((importTurnsPerSec / rawInsertTurnsPerSec) * 100) / 100,
  peakRssMb: importPeakRss,
}
console.log(`corpus: ${files} files, ${importedTurns} turns (${dir})`)
console.log(`(a) import, end to end:       ${importTurnsPerSec.toLocaleString('en')} turns/s (${secondsA.toFixed(2)} s)`)
console.log(`(b) payload.create per turn:  ${payloadCreateTurnsPerSec.toLocaleString('en')} turns/s (${sample} turns, ${secondsB.toFixed(2)} s)`)
console.log(`(c) raw multi-row INSERT:     ${rawInsertTurnsPerSec.toLocaleString('en')} turns/s (${rows.length} turns, ${secondsC.toFixed(2)} s)`)
console.log(`a/b = ${result.ratioVsPayloadCreate}×, a/c = ${result.ratioVsRawInsert}×, peak RSS during import ${importPeakRss} MB`)
console.log(JSON.stringify(result))
process.exit(0)
