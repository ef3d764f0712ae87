import type { Collection, Payload, PayloadRequest } from 'payload'

import { randomBytes } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'

import { normalizeSpeakerAliases } from '../hooks/normalizeSpeakerAliases.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'
import { arrayTable, collectionTable, enumType, getDrizzle } from './adapter.ts'

type Id = number | string

/** A new speaker, with the Guest profile it is linked to when `guest` is set (found by slug, or made). */
export type NewPerson = {
  aliases: { label: string; normalized: string }[]
  guest?: { name: string; slug: string }
  name: string
  role: string
  slug: string
}

const HOOKS = ['beforeValidate', 'beforeChange', 'afterChange', 'afterOperation'] as const

/**
 * Whether the importer may write new people in one statement: only while the Guests and Speakers
 * collections run no create hooks but the plugin's own (the slug field's and the alias keys, which
 * the statement's caller computes). An app that adds hooks gets one `payload.create` per person, so
 * its hooks run.
 */
export const peopleInSets = (payload: Payload): boolean => {
  const { slugs } = getPodcastOptions(payload)
  const own: Record<string, unknown[]> = { [slugs.guests]: [], [slugs.speakers]: [normalizeSpeakerAliases] }
  return Object.entries(own).every(([slug, expected]) => {
    const hooks = (payload.collections as Record<string, Collection | undefined>)[slug]?.config.hooks as Record<string, unknown[] | undefined> | undefined
    return HOOKS.every((name) => {
      const list = hooks?.[name] ?? []
      return name === 'beforeChange' ? list.length === expected.length && list.every((hook, i) => hook === expected[i]) : list.length === 0
    })
  })
}

/** Payload's array rows are keyed by a 24-hex-digit id it makes in JavaScript (an ObjectId's shape). */
const rowId = () => randomBytes(12).toString('hex')

/**
 * Creates speakers, their aliases and missing Guest profiles in one statement, where one
 * `payload.create` per guest and per speaker cost an import of a real archive (new people in most
 * files) about 5 ms of CPU each (bench:import, realistic shape). Returns each new speaker by slug.
 */
export const insertPeople = async (
  payload: Payload,
  req: PayloadRequest,
  people: NewPerson[],
): Promise<{ createdGuests: number; speakers: Map<string, { guestId: Id | null; id: Id }> }> => {
  if (!people.length) return { createdGuests: 0, speakers: new Map() }
  const { slugs } = getPodcastOptions(payload)
  const db = await getDrizzle(payload, req)
  const guests = collectionTable(payload, slugs.guests)
  const speakers = collectionTable(payload, slugs.speakers)
  const aliases = people.flatMap((person) => person.aliases.map((alias, order) => ({ ...alias, order: order + 1, slug: person.slug })))
  const param = <T>(values: T[]) => sql.param(values)
  const { rows } = await db.execute<{ guest_id: Id | null; id: Id; new_guest: boolean; slug: string }>(sql`
    WITH input AS (
      SELECT * FROM unnest(${param(people.map((p) => p.name))}::varchar[], ${param(people.map((p) => p.slug))}::varchar[],
        ${param(people.map((p) => p.role))}::varchar[], ${param(people.map((p) => p.guest?.name ?? null))}::varchar[],
        ${param(people.map((p) => p.guest?.slug ?? null))}::varchar[]) WITH ORDINALITY AS i(name, slug, role, guest_name, guest_slug, n)
    ),
    found_guests AS (
      SELECT g.id, g.slug FROM ${guests} g WHERE g.slug IN (SELECT guest_slug FROM input)
    ),
    new_guests AS (
      INSERT INTO ${guests} (name, slug, is_public, appears_in_published, updated_at, created_at)
      SELECT DISTINCT ON (i.guest_slug) i.guest_name, i.guest_slug, false, false, now(), now() FROM input i
      WHERE i.guest_slug IS NOT NULL AND i.guest_slug NOT IN (SELECT slug FROM found_guests)
      ORDER BY i.guest_slug, i.n
      RETURNING id, slug
    ),
    linked AS (SELECT id, slug, false AS new_guest FROM found_guests UNION ALL SELECT id, slug, true FROM new_guests),
    new_speakers AS (
      INSERT INTO ${speakers} (name, slug, role, guest_id, is_public, appears_in_published, updated_at, created_at)
      SELECT i.name, i.slug, i.role::${enumType(payload, slugs.speakers, 'role')}, g.id, false, false, now(), now()
      FROM input i LEFT JOIN linked g ON g.slug = i.guest_slug ORDER BY i.n
      RETURNING id, slug, guest_id
    ),
    new_aliases AS (
      INSERT INTO ${arrayTable(payload, slugs.speakers, 'aliases')} (_order, _parent_id, id, label, normalized)
      SELECT a.ord, s.id, a.id, a.label, a.normalized
      FROM unnest(${param(aliases.map((a) => a.slug))}::varchar[], ${param(aliases.map((a) => a.order))}::int[],
        ${param(aliases.map(() => rowId()))}::varchar[], ${param(aliases.map((a) => a.label))}::varchar[],
        ${param(aliases.map((a) => a.normalized))}::varchar[]) AS a(slug, ord, id, label, normalized)
      JOIN new_speakers s ON s.slug = a.slug
    )
    SELECT s.slug, s.id, s.guest_id, COALESCE(g.new_guest, false) AS new_guest
    FROM new_speakers s LEFT JOIN linked g ON g.id = s.guest_id`)
  return {
    createdGuests: new Set(rows.filter((row) => row.new_guest).map((row) => String(row.guest_id))).size,
    speakers: new Map(rows.map((row) => [row.slug, { guestId: row.guest_id, id: row.id }])),
  }
}
