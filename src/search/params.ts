import type { PayloadRequest } from 'payload'

import type { SearchFilters } from '../db/search.ts'

import { isStaff } from '../access/roles.ts'
import { episodeTypes } from '../collections/episodeTypes.ts'
import { badRequest, forbidden } from '../errors.ts'
import { MAX_PAGE } from '../hooks/boundRequests.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'
import { hasNul } from '../utilities/hasNul.ts'
import { numberParam } from '../utilities/numberParam.ts'

const MAX_QUERY = 200

/** The parameters of a search, from a query string or GraphQL arguments alike. */
export const SEARCH_PARAMS = ['after', 'before', 'draft', 'group', 'guest', 'limit', 'page', 'q', 'season', 'show', 'speaker', 'type'] as const
export type RawSearch = Partial<Record<(typeof SEARCH_PARAMS)[number], boolean | null | number | string>>

const text = (value: RawSearch[keyof RawSearch]) => (value === null || value === undefined ? null : String(value))

const name = (field: string, value: null | string) => {
  if (value === null || value.trim() === '') return undefined
  if (value.length > 200 || hasNul(value)) throw badRequest(`${field} must be an id or a slug.`)
  return value.trim()
}

// A calendar date, or a date and time with an optional zone: what `Date` reads the same everywhere.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/

/** A publication-date bound as an ISO timestamp (a bare date is its midnight UTC); a 400 for anything else. */
const dateParam = (field: string, value: null | string) => {
  if (value === null || value.trim() === '') return undefined
  const trimmed = value.trim()
  const bad = () => badRequest(`${field} must be an ISO date (2026-11-30) or date and time (2026-11-30T08:00:00Z).`)
  if (!ISO_DATE.test(trimmed)) throw bad()
  // `Date` rolls 2026-02-31 over to March: a day that does not come back as written does not exist.
  const [year, month, day] = trimmed.slice(0, 10).split('-').map(Number)
  const calendar = new Date(Date.UTC(year, month - 1, day))
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) throw bad()
  // Without a zone, UTC (as a bare date is), not the server's.
  const date = new Date(/T/.test(trimmed) && !/(?:Z|[+-]\d{2}:\d{2})$/.test(trimmed) ? `${trimmed}Z` : trimmed)
  if (Number.isNaN(date.getTime())) throw bad()
  return date.toISOString()
}

/**
 * A search's parameters checked: the query (1–200 characters, no NUL), `draft` for staff only, page and
 * limit in bounds, filters as ids or slugs, a season number, ISO dates and an episode type. Each bad
 * one is a 400 (a 403 for the public's `draft`) naming it.
 */
export const searchFiltersOf = (req: PayloadRequest, raw: RawSearch): SearchFilters => {
  const options = getPodcastOptions(req.payload)
  const q = (text(raw.q) ?? '').trim()
  if (!q) throw badRequest('q is needed: the words to find.')
  if (q.length > MAX_QUERY) throw badRequest(`q is longer than ${MAX_QUERY} characters.`)
  if (hasNul(q)) throw badRequest('q contains a NUL character.')
  const draft = raw.draft === true || raw.draft === 'true'
  if (draft && !isStaff(req.user)) throw forbidden('Only staff search drafts.')
  const type = name('type', text(raw.type))
  if (type !== undefined && !episodeTypes.some((option) => option.value === type)) {
    throw badRequest(`type must be one of ${episodeTypes.map((option) => option.value).join(', ')}.`)
  }
  return {
    after: dateParam('after', text(raw.after)),
    before: dateParam('before', text(raw.before)),
    draft,
    guest: name('guest', text(raw.guest)),
    limit: numberParam('limit', text(raw.limit), { integer: true, max: options.limits.maxPageSize, min: 1 }) ?? 20,
    page: numberParam('page', text(raw.page), { integer: true, max: MAX_PAGE, min: 1 }) ?? 1,
    q,
    season: numberParam('season', text(raw.season), { integer: true, max: 100_000, min: 0 }),
    show: name('show', text(raw.show)),
    speaker: name('speaker', text(raw.speaker)),
    type,
  }
}

/** `group=episode` (episodes with their best hit) or none (each hit on its own); a 400 for anything else. */
export const groupOf = (raw: RawSearch): 'episode' | undefined => {
  const group = text(raw.group)
  if (group === null || group === '') return undefined
  if (group !== 'episode') throw badRequest('group must be "episode" (or absent).')
  return 'episode'
}
