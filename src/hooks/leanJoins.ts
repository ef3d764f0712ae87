import type { CollectionBeforeOperationHook } from 'payload'

/**
 * Joins a REST list did not ask for return nothing. Payload fills every join of every document
 * in a list by default: a 20-episode list carried 100 turns each, 950 KB at depth 1 where the
 * website wanted titles and guests. A client asks for a join by naming it
 * (`?joins[turns][limit]=50`). One document read by id keeps Payload's defaults (an episode
 * page shows its first turns); GraphQL resolves a join only when it is selected, and the Local
 * API (the admin's edit view, with its transcript table) keeps Payload's defaults.
 */
export const leanJoins =
  (joinNames: string[]): CollectionBeforeOperationHook =>
  ({ args, operation, req }) => {
    const { id, joins } = args as { id?: unknown; joins?: false | Record<string, unknown> }
    if (operation !== 'read' || req.payloadAPI !== 'REST' || id !== undefined) return args
    if (joins === false) return args
    const unasked = joinNames.filter((name) => joins?.[name] === undefined)
    if (!unasked.length) return args
    return { ...args, joins: { ...joins, ...Object.fromEntries(unasked.map((name) => [name, false])) } }
  }
