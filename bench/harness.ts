import type { Payload } from 'payload'

import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { importBatch } from '../src/import/importBatch'
import { freePort } from '../test/helpers/server'
import { generateCorpus } from './generateCorpus'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Imports a generated archive (bench/generateCorpus) of `files` episodes of `turns` turns; returns the seconds it took. */
export const seedArchive = async (payload: Payload, files: number, turns: number, options: Parameters<typeof generateCorpus>[3]): Promise<number> => {
  const corpus = await mkdtemp(path.join(os.tmpdir(), 'podcast-bench-archive-'))
  const started = performance.now()
  const paths = await generateCorpus(corpus, files, turns, options)
  let failed = 0
  for await (const result of importBatch({ payload, sources: paths.map((file) => ({ content: () => readFile(file), name: path.basename(file) })) })) {
    if (result.status === 'failed') failed++
  }
  await rm(corpus, { force: true, recursive: true })
  if (failed) throw new Error(`seeding the archive: ${failed} files failed`)
  return (performance.now() - started) / 1000
}

export type BenchServer = { base: string; server: ChildProcess; stop: () => Promise<void> }

/** The production server with the benchmark's floor routes (bench/apiServer), on `databaseUrl`, once /healthz answers. */
export const startBenchServer = async (databaseUrl: string): Promise<BenchServer> => {
  const port = await freePort()
  const server = spawn(process.execPath, ['--import', 'tsx', 'bench/apiServer.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
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
  return {
    base,
    server,
    stop: async () => {
      server.kill('SIGTERM')
      await new Promise((resolve) => server.once('exit', resolve))
    },
  }
}

/**
 * Waits until the server answers /healthz quickly three times in a row. Requests a load gave up on
 * keep the server busy after it; the next target must not pay for them.
 */
export const drain = async (base: string) => {
  const deadline = Date.now() + 120_000
  for (let quick = 0; quick < 3 && Date.now() < deadline;) {
    const started = performance.now()
    await fetch(`${base}/healthz`).catch(() => {})
    quick = performance.now() - started < 50 ? quick + 1 : 0
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}
