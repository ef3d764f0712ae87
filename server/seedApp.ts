import type { Payload } from 'payload'

import { seed, type SeedSummary } from '../src/seed/index'

export const DEV_ADMIN_EMAIL = 'admin@example.com'
export const DEV_ADMIN_PASSWORD = 'admin-password'

/**
 * The app's seed: the plugin's demo data, with an admin from PAYLOAD_ADMIN_EMAIL and
 * PAYLOAD_ADMIN_PASSWORD (dev defaults outside production; refused there).
 */
export const seedApp = async (payload: Payload): Promise<SeedSummary> => {
  const email = process.env.PAYLOAD_ADMIN_EMAIL || DEV_ADMIN_EMAIL
  const password = process.env.PAYLOAD_ADMIN_PASSWORD || DEV_ADMIN_PASSWORD
  if (process.env.NODE_ENV === 'production' && password === DEV_ADMIN_PASSWORD) {
    throw new Error('seed: refusing to create an admin with the default password in production; set PAYLOAD_ADMIN_PASSWORD.')
  }
  const summary = await seed(payload, { admin: { email, password } })
  if (summary.adminCreated && !process.env.PAYLOAD_ADMIN_PASSWORD) {
    payload.logger.info(`seed: the admin ${email} has the dev default password "${password}" (set PAYLOAD_ADMIN_PASSWORD to choose one)`)
  }
  return summary
}
