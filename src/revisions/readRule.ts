import type { CollectionBeforeOperationHook, Where } from 'payload'

import { isStaff } from '../access/roles.ts'

/**
 * Which transcript revision a reader gets, the one rule every reader follows:
 * - the public: the revision the episode's published version points to (`isPublished`);
 * - staff reading an episode as stored (no `draft`): the one its main document points to (`isCurrent`),
 *   which is the published one while the episode is live;
 * - staff with `draft=true`: the one its latest version points to (`isLatest`).
 *
 * The flags are maintained from the versions' pointers in the transaction that moves them
 * (db/revisions `syncRevisionFlags`), so the rule is a plain `Where` that access control,
 * joins and GraphQL apply, and one column for SQL readers (`publishedRevisionSql`).
 */
export const publishedRevisionWhere: Where = { isPublished: { equals: true } }

/** The same rule, from the turns' side. */
export const publishedTurnsWhere: Where = { 'revision.isPublished': { equals: true } }

export const revisionFlagFor = (draft: boolean | undefined): 'isCurrent' | 'isLatest' => (draft ? 'isLatest' : 'isCurrent')

/** The turns a staff reader gets by default: those of the revision their reading of the episode points to. */
export const turnsReadWhere = (draft: boolean | undefined): Where => ({ [`revision.${revisionFlagFor(draft)}`]: { equals: true } })

const mentionsRevision = (where: unknown): boolean =>
  Boolean(where && typeof where === 'object') &&
  Object.entries(where as Record<string, unknown>).some(
    ([key, value]) =>
      key === 'revision' || key.startsWith('revision.') || ((key === 'and' || key === 'or') && Array.isArray(value) && value.some(mentionsRevision)),
  )

const and = (where: undefined | Where, rule: Where): Where => (where && Object.keys(where).length ? { and: [where, rule] } : rule)

/**
 * The episodes' `turns` join lists the turns of the revision the document read points to:
 * without this, a published episode with a draft transcript listed both.
 */
export const followRevisionInJoins =
  (joinName: string): CollectionBeforeOperationHook =>
  ({ args, operation, req }) => {
    // The public's access to turns is the published revision already (and the flags above are staff's to query).
    if (operation !== 'read' || !isStaff(req.user)) return args
    const { draft, joins } = args as { draft?: boolean; joins?: false | Record<string, false | undefined | { where?: Where }> }
    if (joins === false || joins?.[joinName] === false) return args
    const join = joins?.[joinName] ?? {}
    return { ...args, joins: { ...joins, [joinName]: { ...join, where: and(join.where, turnsReadWhere(draft)) } } }
  }

/**
 * Lists of turns (REST, GraphQL, the admin, GraphQL's joins) give staff the turns of the
 * revisions their reading points to, unless they ask for a revision themselves; a turn
 * read by id is always found. The public's access already limits them to published turns.
 */
export const followRevisionInTurnReads: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if ((operation !== 'read' && operation !== 'count') || !isStaff(req.user)) return args
  const { draft, id, where } = args as { draft?: boolean; id?: unknown; where?: Where }
  if (id !== undefined || mentionsRevision(where)) return args
  return { ...args, where: and(where, turnsReadWhere(draft)) }
}
