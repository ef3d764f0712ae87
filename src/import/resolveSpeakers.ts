import type { Payload, PayloadRequest } from 'payload'

import type { ResolvedPodcastOptions } from '../types.ts'

import { lockNames } from '../db/locks.ts'
import { insertPeople, type NewPerson, peopleInSets } from '../db/people.ts'
import { firstHostId, guestIdBySlug, speakerById, speakerBySlug, speakersByAlias, type SpeakerRow } from '../db/speakers.ts'
import { normalizeAlias } from '../utilities/normalizeAlias.ts'
import { slugify } from '../utilities/slugify.ts'
import { fullNameOf, type NameSource, type NameSources } from './fullName.ts'

export type ResolvedSpeaker = {
  guestId: null | number | string
  id: number | string
  isHost: boolean
}

export type SpeakerResolution = {
  bySpeakerLabel: Map<null | string, ResolvedSpeaker>
  createdGuests: number
  createdSpeakers: number
  /** New people whose full name came from the file rather than their label, and where from. */
  namedFrom: { label: string; name: string; source: NameSource }[]
}

const HOST_ROLES = new Set(['co-host', 'host'])

type Row = SpeakerRow

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
  names,
  req,
  showHosts,
}: {
  labels: (null | string)[]
  /**
   * The hosts of the episode's show, when its staff set them: they are this episode's hosts, and
   * anyone else (a host of another show too) is a guest here. Unset, a speaker's role decides.
   */
  showHosts?: (number | string)[]
  /** Where a first-name label's whole name may be found: front matter, title, permalink, introduction. */
  names: NameSources
  options: ResolvedPodcastOptions
  payload: Payload
  previous: Map<string, number | string>
  req: PayloadRequest
}): Promise<SpeakerResolution> => {
  const defaultHost = options.hosts[0]
  const showHostIds = showHosts?.length ? new Set(showHosts.map(String)) : undefined
  const hostHere = (row: Row) => (showHostIds ? showHostIds.has(String(row.id)) : HOST_ROLES.has(row.role))

  const hostAliases = new Map<string, (typeof options.hosts)[number]>()
  for (const host of options.hosts) {
    for (const alias of [host.name, ...host.aliases]) hostAliases.set(normalizeAlias(alias), host)
  }
  const found = new Map<string, ReturnType<typeof fullNameOf>>()
  const fullName = (label: string) => {
    if (!found.has(label)) found.set(label, fullNameOf(label, names))
    return found.get(label) ?? null
  }
  const nameOf = (label: string) => hostAliases.get(normalizeAlias(label))?.name ?? fullName(label)?.name ?? label

  const named = labels.filter((label): label is string => label !== null)
  const aliasKeys = new Set([...named, ...named.map(nameOf)].map(normalizeAlias).filter(Boolean))
  if (labels.includes(null) && defaultHost) aliasKeys.add(normalizeAlias(defaultHost.name))
  const byAlias = new Map<string, Row>()
  const lookup = async () => {
    for (const row of await speakersByAlias(payload, req, [...aliasKeys])) byAlias.set(row.normalized, row)
  }
  await lookup()

  // What this file may create (new aliases, guest slugs) is locked in one sorted
  // order, then looked up again: concurrent imports meeting the same new voice
  // create it once, known voices take no lock, and sorted locking cannot deadlock.
  const lockKeys = new Set<string>()
  for (const label of named) {
    const row = byAlias.get(normalizeAlias(label))
    if (row && (hostHere(row) || row.guest_id !== null)) continue
    if (!row) for (const key of [label, nameOf(label)]) lockKeys.add(`alias:${normalizeAlias(key)}`)
    lockKeys.add(`guest:${slugify(nameOf(label))}`)
  }
  if (labels.includes(null) && defaultHost && !byAlias.has(normalizeAlias(defaultHost.name))) {
    lockKeys.add(`alias:${normalizeAlias(defaultHost.name)}`)
  }
  if (lockKeys.size) {
    await lockNames(payload, req, [...lockKeys])
    await lookup()
  }

  const result: SpeakerResolution = { bySpeakerLabel: new Map(), createdGuests: 0, createdSpeakers: 0, namedFrom: [] }

  /** The Guest of that name, created when missing. */
  const guestFor = async (name: string): Promise<number | string> => {
    const known = await guestIdBySlug(payload, req, slugify(name))
    if (known !== undefined) return known
    const guest = await payload.create({ collection: options.slugs.guests, data: { name }, depth: 0, overrideAccess: true, req })
    result.createdGuests++
    return guest.id
  }

  const linkGuest = async (row: Row, label: string) => {
    row.guest_id = await guestFor(nameOf(label))
    await payload.update({ id: row.id, collection: options.slugs.speakers, data: { guest: row.guest_id } as never, depth: 0, overrideAccess: true, req })
  }

  const bySlug = (name: string) => speakerBySlug(payload, req, slugify(name))

  // New people are planned while the labels are walked, then written together (db/people) when the
  // collections allow it; a planned row's id is filled in then.
  const inSets = peopleInSets(payload)
  const planned = new Map<string, { person: NewPerson; row: Row }>()
  const plannedBySlug = new Map<string, { person: NewPerson; row: Row }>()

  const createSpeaker = async (label: string): Promise<Row> => {
    const host = hostAliases.get(normalizeAlias(label))
    const name = nameOf(label)
    const slug = slugify(name)
    const plan = planned.get(normalizeAlias(name)) ?? plannedBySlug.get(slug)
    if (plan) {
      // A second label of a person this file introduces ("Sandeep" beside "Sandeep Panda").
      const key = normalizeAlias(label)
      if (key && !byAlias.has(key)) plan.person.aliases.push({ label, normalized: key })
      return plan.row
    }
    // The full name may itself be a known alias (the same person, labelled by first name before), or the
    // person's slug (a speaker made by hand, without that alias yet): add the label to them.
    const known = byAlias.get(normalizeAlias(name)) ?? (await bySlug(name))
    if (known) {
      const speaker = await payload.findByID({ id: known.id, collection: options.slugs.speakers, depth: 0, overrideAccess: true, req })
      const aliases = ((speaker as { aliases?: { label: string }[] }).aliases ?? []).map(({ label: l }) => ({ label: l }))
      await payload.update({
        id: known.id,
        collection: options.slugs.speakers,
        data: { aliases: [...aliases, { label }] },
        depth: 0,
        overrideAccess: true,
        req,
      })
      return known
    }
    const role = host?.role ?? 'guest'
    // A first name another person already goes by ("Alex") stays theirs: the new person is known by their full name.
    const aliases = (host ? [host.name, ...host.aliases, label] : [label, name]).filter(
      (alias, index, all) => all.findIndex((other) => normalizeAlias(other) === normalizeAlias(alias)) === index && !byAlias.has(normalizeAlias(alias)),
    )
    const source = host ? undefined : fullName(label)
    if (source && source.name === name) result.namedFrom.push({ label, name, source: source.source })
    // A new guest voice comes with its Guest profile in the same write; so does a configured host who
    // does not host this show (resolve would link one at once).
    const withGuest = !host || showHostIds !== undefined
    if (inSets) {
      const row: Row = { guest_id: null, id: '', normalized: normalizeAlias(label), role }
      const person: NewPerson = {
        // As the Speakers' own hook keys them: normalised, once each, the name among them.
        aliases: [...aliases, name]
          .map((alias) => ({ label: alias, normalized: normalizeAlias(alias) }))
          .filter((alias, index, all) => alias.normalized && all.findIndex((other) => other.normalized === alias.normalized) === index),
        guest: withGuest ? { name, slug } : undefined,
        name,
        role,
        slug,
      }
      const plan = { person, row }
      planned.set(normalizeAlias(name), plan)
      plannedBySlug.set(slug, plan)
      for (const alias of person.aliases) byAlias.set(alias.normalized, row)
      return row
    }
    const guest = withGuest ? await guestFor(name) : null
    const speaker = await payload.create({
      collection: options.slugs.speakers,
      data: { name, aliases: aliases.map((alias) => ({ label: alias })), guest, role } as never,
      depth: 0,
      overrideAccess: true,
      req,
    })
    result.createdSpeakers++
    const row = { guest_id: guest, id: speaker.id, normalized: normalizeAlias(label), role }
    for (const alias of aliases) byAlias.set(normalizeAlias(alias), row)
    return row
  }

  const resolve = async (row: Row, label: string): Promise<ResolvedSpeaker> => {
    const isHost = hostHere(row)
    // Every non-host voice has a public Guest profile; an existing link (perhaps a manual fix) is kept.
    if (!isHost && row.guest_id === null) await linkGuest(row, label)
    return { guestId: row.guest_id, id: row.id, isHost }
  }

  // Each label's speaker first (new people only planned), then the new people in one write, then the links.
  const chosen: { label: null | string; row: Row }[] = []
  const sameRow = (a: Row, b: Row) => a === b || (a.id !== '' && a.id === b.id)
  // Sequential on purpose: these writes share one transaction.
  for (const label of labels) {
    if (label === null) {
      if (showHostIds) {
        // Unattributed speech is the show's first host's.
        const [first] = showHosts ?? []
        result.bySpeakerLabel.set(null, { guestId: null, id: first, isHost: true })
      } else if (defaultHost) {
        const key = normalizeAlias(defaultHost.name)
        chosen.push({ label: null, row: byAlias.get(key) ?? (await createSpeaker(defaultHost.name)) })
      } else {
        const host = await firstHostId(payload, req)
        if (host !== undefined) result.bySpeakerLabel.set(null, { guestId: null, id: host, isHost: true })
      }
      continue
    }
    const previousId = previous.get(label)
    if (previousId !== undefined) {
      const row = await speakerById(payload, req, previousId)
      if (row) {
        chosen.push({ label, row })
        continue
      }
    }
    // The whole name the file gives wins over a bare first name that is someone else's ("Alex"); a person
    // known only by the whole name gets the label as an alias (createSpeaker).
    const viaLabel = byAlias.get(normalizeAlias(label))
    const viaName = nameOf(label) !== label ? byAlias.get(normalizeAlias(nameOf(label))) : undefined
    const row = viaName && viaLabel && !sameRow(viaName, viaLabel) ? viaName : (viaLabel ?? (await createSpeaker(label)))
    byAlias.set(normalizeAlias(label), row)
    chosen.push({ label, row })
  }
  if (plannedBySlug.size) {
    const created = await insertPeople(
      payload,
      req,
      [...plannedBySlug.values()].map(({ person }) => person),
    )
    for (const { person, row } of plannedBySlug.values()) {
      const speaker = created.speakers.get(person.slug)
      if (!speaker) throw new Error(`The speaker “${person.name}” was not created`)
      row.id = speaker.id
      row.guest_id = speaker.guestId
    }
    result.createdSpeakers += created.speakers.size
    result.createdGuests += created.createdGuests
  }
  for (const { label, row } of chosen) {
    result.bySpeakerLabel.set(label, label === null ? { guestId: row.guest_id, id: row.id, isHost: true } : await resolve(row, label))
  }
  return result
}
