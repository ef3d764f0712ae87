import type { Migration, Payload } from 'payload'

import { getPayload } from 'payload'

import { migrations } from '../migrations/index'
import config from '../payload.config'
import { closePayload, surviveConnectionLoss } from './closePayload'
import { type Database, ensureDatabase } from './database'
import { seedApp } from './seedApp'

/**
 * Starts the database, Payload (with the job queue's cron) and the committed
 * migrations; seeds an empty database when asked to.
 */
export const startPayload = async ({ cron = true, seedIfEmpty = false }: { cron?: boolean; seedIfEmpty?: boolean } = {}): Promise<{
  db: Database
  payload: Payload
  shutdown: () => Promise<void>
}> => {
  // Before getPayload: the config's pool reads DATABASE_URL when it connects.
  const db = await ensureDatabase()
  const payload = await getPayload({ config, cron })
  surviveConnectionLoss(payload)
  // With PAYLOAD_DB_PUSH=true, `npm run dev` pushes schema changes instead (and migrations would prompt).
  if (process.env.PAYLOAD_DB_PUSH !== 'true') await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
  if (seedIfEmpty) {
    const { totalDocs } = await payload.count({ collection: 'users' })
    if (totalDocs === 0) await seedApp(payload)
  }
  return {
    db,
    payload,
    shutdown: async () => {
      await closePayload(payload)
      await db.stop()
    },
  }
}
