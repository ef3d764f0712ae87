/** `npm run seed`: idempotent demo data on DATABASE_URL or the embedded database. */
import './env'
import { seed } from '../src/seed/index'
import { startPayload } from './startPayload'

const { shutdown, payload } = await startPayload({ cron: false })
try {
  await seed(payload)
} finally {
  await shutdown()
}
process.exit(0)
