import type { Migration, Payload } from 'payload'

import { mkdtemp, chmod } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { getPayload } from 'payload'

import { migrations } from '../migrations/index'
import config from '../payload.config'
import { createDatabaseIfMissing, startEmbeddedPostgres } from '../server/database'
import { closePayload } from '../server/closePayload'
import { freePort } from '../test/helpers/server'

/**
 * A fresh database for one benchmark run: on DATABASE_URL's server when set,
 * else on an embedded Postgres in a temporary folder. Payload on it, migrated.
 */
export const startBenchPayload = async () => {
  let stopServer: (() => Promise<void>) | undefined
  let url: string
  const name = `podcast_bench_${Date.now().toString(36)}`
  const external = Boolean(process.env.DATABASE_URL)
  if (process.env.DATABASE_URL) {
    const target = new URL(process.env.DATABASE_URL)
    target.pathname = `/${name}`
    url = target.toString()
    await createDatabaseIfMissing(url)
  } else {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'podcast-bench-pg-'))
    await chmod(tmp, 0o755)
    // A port the OS says is free: a taken one makes Postgres fail to bind, and the start wait forever.
    const db = await startEmbeddedPostgres({ database: name, dataDir: path.join(tmp, 'data'), persistent: false, port: await freePort() })
    url = db.url
    stopServer = db.stop
  }
  // Before getPayload: the config's pool reads DATABASE_URL when it connects.
  process.env.DATABASE_URL = url
  const payload: Payload = await getPayload({ config, cron: false })
  payload.logger.level = 'warn'
  await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
  return {
    payload,
    stop: async () => {
      await closePayload(payload)
      if (stopServer) return stopServer()
      if (external) {
        const admin = new URL(url)
        admin.pathname = '/postgres'
        const client = new pg.Client({ connectionString: admin.toString() })
        await client.connect()
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {})
        await client.end()
      }
    },
    url,
  }
}

/** Samples the process's resident set size; `peakMb()` is the highest seen. */
export const trackPeakRss = (everyMs = 20) => {
  let peak = process.memoryUsage.rss()
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }, everyMs)
  timer.unref()
  return {
    peakMb: () => Math.round((Math.max(peak, process.memoryUsage.rss()) / 1024 / 1024) * 10) / 10,
    reset: () => {
      peak = process.memoryUsage.rss()
    },
    stop: () => clearInterval(timer),
  }
}
