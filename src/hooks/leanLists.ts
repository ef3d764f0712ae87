import type { CollectionBeforeOperationHook } from 'payload'

import { isStaff } from '../access/roles.ts'

type LeanList = {
  /** Joins left out unless the request names them. */
  joins: string[]
  /** What documents populated in a list bring of these collections, unless the request says (`populate`). */
  populate?: Record<string, Record<string, true>>
  /** Fields the public never gets (hideStaffFields): not read for it at all, unless the request selects. */
  staffOnly?: string[]
}

/**
 * REST lists read what a website asks for, not everything. Payload fills every join of every
 * document in a list by default: a 20-episode list carried 100 turns each, 950 KB at depth 1
 * where the website wanted titles and guests. So a list leaves out the joins it did not name
 * (`?joins[turns][limit]=50` asks for one), populates only `populate`'s fields of the given
 * collections (a transcript revision's counts, not its turn ids), and does not read staff-only
 * fields for the public. One document read by id keeps Payload's defaults (an episode page shows
 * its first turns); GraphQL resolves a join only when it is selected, and the Local API (the
 * admin's edit view, with its transcript table) keeps Payload's defaults.
 */
export const leanLists =
  ({ joins: joinNames, populate, staffOnly = [] }: LeanList): CollectionBeforeOperationHook =>
  ({ args, operation, req }) => {
    const {
      id,
      joins,
      populate: asked,
      select,
    } = args as {
      id?: unknown
      joins?: false | Record<string, unknown>
      populate?: Record<string, unknown>
      select?: Record<string, unknown>
    }
    if (operation !== 'read' || req.payloadAPI !== 'REST' || id !== undefined) return args
    const next: Record<string, unknown> = { ...args }
    if (joins !== false) {
      const unasked = joinNames.filter((name) => joins?.[name] === undefined)
      if (unasked.length) next.joins = { ...joins, ...Object.fromEntries(unasked.map((name) => [name, false])) }
    }
    if (populate) next.populate = { ...populate, ...asked }
    if (staffOnly.length && !select && !isStaff(req.user)) next.select = Object.fromEntries(staffOnly.map((name) => [name, false]))
    return next as typeof args
  }
