/** `npm run seed`: idempotent demo data on DATABASE_URL or the embedded database. */
import './env'
import { seedApp } from './seedApp'
import { startPayload } from './startPayload'

const { shutdown, payload } = await startPayload({ cron: false })
try {
  await seedApp(payload)
} finally {
  await shutdown()
}
process.exit(0)
