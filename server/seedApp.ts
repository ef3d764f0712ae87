import type { Payload } from 'payload'

import sharp from 'sharp'

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
  await completeDemoShow(payload, email)
  if (summary.adminCreated && !process.env.PAYLOAD_ADMIN_PASSWORD) {
    payload.logger.info(`seed: the admin ${email} has the dev default password "${password}" (set PAYLOAD_ADMIN_PASSWORD to choose one)`)
  }
  return summary
}

/**
 * The demo show gets what Apple requires that the plugin cannot know: artwork (a generated square
 * PNG of 1400 px, Apple's smallest), an owner, a category and a description. Only what is missing.
 */
const completeDemoShow = async (payload: Payload, ownerEmail: string) => {
  const { docs } = await payload.find({ collection: 'shows', depth: 0, limit: 1, sort: 'createdAt' })
  const show = docs[0]
  if (!show || show.artwork) return
  const png = await sharp({ create: { background: { b: 120, g: 70, r: 40 }, channels: 3, height: 1400, width: 1400 } })
    .png()
    .toBuffer()
  const artwork = await payload.create({
    collection: 'media',
    data: { alt: `${show.title} artwork` },
    file: { data: png, mimetype: 'image/png', name: `${show.slug ?? 'show'}-artwork.png`, size: png.length },
  })
  await payload.update({
    collection: 'shows',
    data: {
      artwork: artwork.id,
      categories: show.categories?.length ? show.categories : [{ category: 'Technology' }],
      description: show.description || 'A demo show: conversations about publishing podcasts in the open.',
      owner: { email: show.owner?.email || ownerEmail, name: show.owner?.name || 'Podcast Admin' },
    },
    id: show.id,
  })
}
