import type { Migration, Payload, SanitizedConfig } from 'payload'

import { getPayload } from 'payload'

import { closePayload } from '../../server/closePayload'
import { createFreshDatabase, dropDatabase } from './database'

export type TestPayload = {
  config: SanitizedConfig
  payload: Payload
  teardown: () => Promise<void>
  url: string
}

/**
 * The app's config on a fresh database with the committed migrations applied.
 * Call `teardown` in afterAll, or jest never exits (the pg pool stays open).
 */
export const createTestPayload = async ({
  migrationsToRun,
  runJobs = false,
}: {
  /** Only the first N committed migrations. */
  migrationsToRun?: number
  /**
   * Keep the app's jobs autoRun (RUN_JOBS). Off by default: Payload's REST handlers start the config's
   * crons on the first request, and a queue running in the background makes a test's own jobs.run() race it.
   */
  runJobs?: boolean
} = {}): Promise<TestPayload> => {
  const url = await createFreshDatabase()
  process.env.DATABASE_URL = url
  // Read when the config is evaluated, below (each test file imports it afresh).
  process.env.RUN_JOBS = runJobs ? 'true' : 'false'
  // One at a time: jest's ESM loader races on modules shared by concurrent imports.
  const { default: configPromise } = await import('../../payload.config')
  const { migrations } = await import('../../migrations/index')
  const config = await configPromise
  const payload = await getPayload({ config, cron: false })
  // Tests provoke errors on purpose; TEST_LOG_LEVEL=info shows Payload's logs again.
  payload.logger.level = process.env.TEST_LOG_LEVEL ?? 'silent'
  await payload.db.migrate({ migrations: migrations.slice(0, migrationsToRun) as unknown as Migration[] })
  return {
    config,
    payload,
    teardown: async () => {
      await closePayload(payload)
      await dropDatabase(url)
    },
    url,
  }
}

/**
 * Payload on a fresh database migrated up to (not including) the committed migration whose name ends
 * with `suffix`, and a raw SQL helper: for tests of what a migration does to data written before it.
 */
export const createPayloadBefore = async (suffix: string) => {
  const { migrations } = await import('../../migrations/index')
  const before = migrations.findIndex((migration) => migration.name.endsWith(suffix))
  if (before <= 0) throw new Error(`no migration ending with ${suffix}`)
  const t = await createTestPayload({ migrationsToRun: before })
  const pool = (t.payload.db as unknown as { pool: { query: (text: string, values?: unknown[]) => Promise<{ rows: any[] }> } }).pool
  const sqlOf = async (text: string, values?: unknown[]) => (await pool.query(text, values)).rows
  const migrateAll = () => t.payload.db.migrate({ migrations: migrations as unknown as Migration[] })
  return { migrateAll, sqlOf, t }
}

/** An episode's draft and its latest transcript (the revision the draft points to), turn by turn, as Payload reads them. */
export const latestTurnsOf = async (payload: Payload, episodeId: number | string) => {
  const episode = await payload.findByID({ collection: 'episodes', depth: 0, draft: true, id: episodeId })
  const { docs } = await payload.find({
    collection: 'transcript-turns',
    depth: 0,
    pagination: false,
    sort: 'position',
    where: { revision: { equals: episode.transcript?.revision } },
  })
  return { episode, turns: docs }
}
