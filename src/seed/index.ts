import type { Payload } from 'payload'

import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { defaultShowId } from '../shows/defaultShow.ts'
import { importTranscript } from '../import/importTranscript.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'
import { normalizeAlias } from '../utilities/normalizeAlias.ts'

const transcriptsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'transcripts')

export type SeedSummary = { adminCreated: boolean; episodes: Record<string, string>; hostsCreated: number }

export type SeedOptions = {
  /** An admin to create unless a user with this email exists (the app chooses the credentials). */
  admin?: { email: string; name?: string; password: string }
}

/**
 * Idempotent demo data: an admin user when asked, the configured hosts as Speakers, and
 * a few demo episodes imported from the transcripts beside this file.
 */
export const seed = async (payload: Payload, { admin }: SeedOptions = {}): Promise<SeedSummary> => {
  const options = getPodcastOptions(payload)
  const summary: SeedSummary = { adminCreated: false, episodes: {}, hostsCreated: 0 }

  if (admin) {
    const { totalDocs: adminExists } = await payload.count({ collection: options.usersCollection, where: { email: { equals: admin.email } } })
    if (!adminExists) {
      await payload.create({
        collection: options.usersCollection,
        data: { email: admin.email, name: admin.name ?? 'Admin', password: admin.password, roles: ['admin'] },
      })
      summary.adminCreated = true
      payload.logger.info({ email: admin.email, msg: 'seed: created an admin' })
    }
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

  // The default show, voiced by the hosts: its feed names them (podcast:person).
  const showId = await defaultShowId(payload)
  const show = (await payload.findByID({ collection: options.slugs.shows, depth: 0, id: showId })) as unknown as { hosts?: unknown[] | null }
  if (!show.hosts?.length) {
    const { docs: hosts } = await payload.find({
      collection: options.slugs.speakers,
      depth: 0,
      limit: options.hosts.length || 1,
      pagination: false,
      select: {},
      where: { role: { in: ['host', 'co-host'] } },
    })
    if (hosts.length) await payload.update({ collection: options.slugs.shows, data: { hosts: hosts.map((host) => host.id) } as never, id: showId })
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
