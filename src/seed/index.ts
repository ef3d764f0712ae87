import type { Payload } from 'payload'

import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { importTranscript } from '../import/importTranscript'
import { getPodcastOptions } from '../utilities/getPodcastOptions'
import { normalizeAlias } from '../utilities/normalizeAlias'

const transcriptsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'transcripts')

export const DEV_ADMIN_EMAIL = 'admin@example.com'
export const DEV_ADMIN_PASSWORD = 'admin-password'

export type SeedSummary = { adminCreated: boolean; episodes: Record<string, string>; hostsCreated: number }

/**
 * Idempotent demo data: an admin user, the configured hosts as Speakers, and a
 * few demo episodes imported from the transcripts beside this file.
 */
export const seed = async (payload: Payload): Promise<SeedSummary> => {
  const options = getPodcastOptions(payload)
  const summary: SeedSummary = { adminCreated: false, episodes: {}, hostsCreated: 0 }

  const email = process.env.PAYLOAD_ADMIN_EMAIL || DEV_ADMIN_EMAIL
  const { totalDocs: adminExists } = await payload.count({ collection: options.usersCollection, where: { email: { equals: email } } })
  if (!adminExists) {
    const password = process.env.PAYLOAD_ADMIN_PASSWORD || DEV_ADMIN_PASSWORD
    if (process.env.NODE_ENV === 'production' && password === DEV_ADMIN_PASSWORD) {
      throw new Error('seed: refusing to create an admin with the default password in production; set PAYLOAD_ADMIN_PASSWORD.')
    }
    await payload.create({ collection: options.usersCollection, data: { email, name: 'Admin', password, roles: ['admin'] } })
    summary.adminCreated = true
    payload.logger.info(
      process.env.PAYLOAD_ADMIN_PASSWORD
        ? `seed: created admin ${email}`
        : `seed: created admin ${email} with the dev default password "${password}" (set PAYLOAD_ADMIN_PASSWORD to choose one)`,
    )
  }

  for (const host of options.hosts) {
    const { totalDocs } = await payload.count({
      collection: options.slugs.speakers,
      where: { 'aliases.normalized': { equals: normalizeAlias(host.name) } },
    })
    if (totalDocs) continue
    await payload.create({
      collection: options.slugs.speakers,
      data: { name: host.name, aliases: [host.name, ...host.aliases].map((label) => ({ label })), isPublic: true, role: host.role },
    })
    summary.hostsCreated++
  }

  const files = (await readdir(transcriptsDir)).filter((file) => file.endsWith('.md')).sort()
  for (const file of files) {
    const report = await importTranscript({ content: await readFile(path.join(transcriptsDir, file)), fileName: file, payload })
    if (report.status === 'failed') throw new Error(`seed: ${file} failed: ${report.errors.map((e) => e.message).join('; ')}`)
    summary.episodes[file] = report.status
  }
  payload.logger.info({ admin: summary.adminCreated ? 'created' : 'kept', episodes: summary.episodes, hostsCreated: summary.hostsCreated, msg: 'seed: done' })
  return summary
}
