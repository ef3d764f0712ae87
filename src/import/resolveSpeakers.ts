import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { ResolvedPodcastOptions } from '../types'

import { getDrizzle, tableName } from '../utilities/getDrizzle'
import { normalizeAlias } from '../utilities/normalizeAlias'
import { slugify } from '../utilities/slugify'
import { fullNameFromTitle } from './fullNameFromTitle'

export type ResolvedSpeaker = {
  guestId: null | number
  id: number
  isHost: boolean
}

export type SpeakerResolution = {
  bySpeakerLabel: Map<null | string, ResolvedSpeaker>
  createdGuests: number
  createdSpeakers: number
}

const HOST_ROLES = new Set(['co-host', 'host'])

type Row = { guest_id: null | number; id: number; normalized: string; role: string }

/**
 * Maps each label of a transcript to a Speaker (by alias: an indexed exact match
 * on the normalised form), creating Speakers, and Guests for non-hosts, when
 * nothing matches. `previous` (label → speaker of the episode's last import)
 * wins over alias matching, so staff re-attributions survive a re-import.
 */
export const resolveSpeakers = async ({
  labels,
  options,
  payload,
  previous,
  req,
  title,
}: {
  labels: (null | string)[]
  options: ResolvedPodcastOptions
  payload: Payload
  previous: Map<string, number>
  req: PayloadRequest
  title: string
}): Promise<SpeakerResolution> => {
  const db = await getDrizzle(payload, req)
  const speakers = tableName(payload, options.slugs.speakers)
  // Serialise speaker creation between concurrent imports: two files that meet a
  // new voice at once must create it once.
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`podcast:${speakers}`}))`)

  const hostAliases = new Map<string, (typeof options.hosts)[number]>()
  for (const host of options.hosts) {
    for (const alias of [host.name, ...host.aliases]) hostAliases.set(normalizeAlias(alias), host)
  }

  const keys = new Map<null | string, string>()
  for (const label of labels) keys.set(label, label === null ? '' : normalizeAlias(label))
  const wanted = [...new Set([...keys.values()].filter(Boolean))]
  const byAlias = new Map<string, Row>()
  const lookup = async (aliases: string[]) => {
    if (!aliases.length) return
    const { rows } = await db.execute<Row>(sql`
      SELECT a.normalized, s.id, s.role, s.guest_id
      FROM ${sql.identifier(`${speakers}_aliases`)} a
      JOIN ${sql.identifier(speakers)} s ON s.id = a._parent_id
      WHERE a.normalized = ANY(${sql.param(aliases)})`)
    for (const row of rows) byAlias.set(row.normalized, row)
  }
  await lookup(wanted)

  const result: SpeakerResolution = { bySpeakerLabel: new Map(), createdGuests: 0, createdSpeakers: 0 }

  const ensureGuest = async (speakerId: number, name: string): Promise<number> => {
    const guests = await payload.find({
      collection: options.slugs.guests,
      depth: 0,
      limit: 1,
      overrideAccess: true,
      req,
      where: { slug: { equals: slugify(name) } },
    })
    let guestId = guests.docs[0]?.id as number | undefined
    if (guestId === undefined) {
      const guest = await payload.create({ collection: options.slugs.guests, data: { name }, overrideAccess: true, req })
      guestId = guest.id as number
      result.createdGuests++
    }
    await payload.update({
      id: speakerId,
      collection: options.slugs.speakers,
      data: { guest: guestId },
      depth: 0,
      overrideAccess: true,
      req,
    })
    return guestId
  }

  const fromRow = async (row: Row, label: string): Promise<ResolvedSpeaker> => {
    const isHost = HOST_ROLES.has(row.role)
    // Every non-host voice has a public Guest profile; an existing link (perhaps a manual fix) is kept.
    if (!isHost && row.guest_id === null) row.guest_id = await ensureGuest(row.id, fullNameFromTitle(label, title) ?? label)
    return { guestId: row.guest_id, id: row.id, isHost }
  }

  const createSpeaker = async (label: string): Promise<Row> => {
    const host = hostAliases.get(normalizeAlias(label))
    const name = host?.name ?? fullNameFromTitle(label, title) ?? label
    const aliases = host ? [host.name, ...host.aliases, label] : [label, name]
    // The full name may itself be a known alias (the same guest, labelled by first name before).
    await lookup([normalizeAlias(name)])
    const known = byAlias.get(normalizeAlias(name))
    if (known && !host) {
      await payload.update({
        id: known.id,
        collection: options.slugs.speakers,
        data: { aliases: [...(await aliasesOf(known.id)), { label }] },
        depth: 0,
        overrideAccess: true,
        req,
      })
      return known
    }
    const speaker = await payload.create({
      collection: options.slugs.speakers,
      data: { name, aliases: aliases.map((alias) => ({ label: alias })), role: host?.role ?? 'guest' },
      overrideAccess: true,
      req,
    })
    result.createdSpeakers++
    return { guest_id: null, id: speaker.id as number, normalized: normalizeAlias(label), role: host?.role ?? 'guest' }
  }

  const aliasesOf = async (id: number) => {
    const speaker = await payload.findByID({ id, collection: options.slugs.speakers, depth: 0, overrideAccess: true, req })
    const aliases = (speaker as { aliases?: { label: string }[] }).aliases ?? []
    return aliases.map(({ label }) => ({ label }))
  }

  const hostSpeaker = async (): Promise<ResolvedSpeaker | undefined> => {
    const configured = options.hosts[0]
    if (configured) {
      const key = normalizeAlias(configured.name)
      await lookup([key])
      const row = byAlias.get(key) ?? (await createSpeaker(configured.name))
      return { guestId: row.guest_id, id: row.id, isHost: true }
    }
    const { docs } = await payload.find({
      collection: options.slugs.speakers,
      depth: 0,
      limit: 1,
      overrideAccess: true,
      req,
      sort: 'createdAt',
      where: { role: { in: [...HOST_ROLES] } },
    })
    return docs[0] ? { guestId: null, id: docs[0].id as number, isHost: true } : undefined
  }

  // Sequential on purpose: these writes share one transaction.
  for (const label of labels) {
    if (label === null) {
      const host = await hostSpeaker()
      if (host) result.bySpeakerLabel.set(null, host)
      continue
    }
    const previousId = previous.get(label)
    if (previousId !== undefined) {
      const { rows } = await db.execute<Row>(
        sql`SELECT id, role, guest_id, '' AS normalized FROM ${sql.identifier(speakers)} WHERE id = ${previousId}`,
      )
      if (rows[0]) {
        result.bySpeakerLabel.set(label, await fromRow(rows[0], label))
        continue
      }
    }
    const key = keys.get(label) ?? ''
    let row = byAlias.get(key)
    if (!row) {
      row = await createSpeaker(label)
      byAlias.set(key, row)
    }
    result.bySpeakerLabel.set(label, await fromRow(row, label))
  }
  return result
}
