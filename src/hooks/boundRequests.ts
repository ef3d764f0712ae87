import type { CollectionBeforeOperationHook, CollectionConfig, CollectionSlug, FlattenedField, Payload } from 'payload'

import { badRequest } from '../errors.ts'
import type { ResolvedPodcastOptions } from '../types.ts'

import { hasRole, isStaff } from '../access/roles.ts'
import { hasNul } from '../utilities/hasNul.ts'

/** Pages past this are refused: an offset beyond it is an attack or a bug, and huge ones overflow SQL. */
export const MAX_PAGE = 100_000

const GEO_OPERATORS = new Set(['intersects', 'near', 'within'])

/**
 * Checks a `where` before it reaches SQL, for what Payload lets through but Postgres
 * answers with an error (a 500): geo operators on non-point fields, paths that filter
 * through a join field, and NUL characters, which Postgres text cannot hold.
 */
export const validateWhere = (payload: Payload, fields: FlattenedField[], where: unknown, depth = 0): void => {
  if (!where || typeof where !== 'object') return
  if (depth > 20) throw badRequest('The where clause is nested too deeply.')
  for (const [key, value] of Object.entries(where as Record<string, unknown>)) {
    if (key === 'and' || key === 'or') {
      if (Array.isArray(value)) for (const item of value) validateWhere(payload, fields, item, depth + 1)
      continue
    }
    const field = resolvePath(payload, fields, key)
    for (const [operator, operand] of Object.entries((value ?? {}) as Record<string, unknown>)) {
      if (GEO_OPERATORS.has(operator) && field && field.type !== 'point') {
        throw badRequest(`The "${operator}" operator works on point fields only, not on "${key}".`)
      }
      if (hasNul(operand)) throw badRequest(`The value for "${key}" contains a NUL character.`)
    }
  }
}

/** The field a dotted path ends on, or undefined where it can't tell (Payload then checks the path itself). */
const resolvePath = (payload: Payload, fields: FlattenedField[], path: string): FlattenedField | undefined => {
  let current: FlattenedField[] | undefined = fields
  let field: FlattenedField | undefined
  const segments = path.split('.')
  for (const [index, segment] of segments.entries()) {
    field = current?.find((candidate) => candidate.name === segment)
    if (!field) return undefined
    const last = index === segments.length - 1
    if (field.type === 'join' && !last) throw badRequest(`"${path}" filters through the join field "${segment}", which is not supported.`)
    if ((field.type === 'relationship' || field.type === 'upload') && typeof field.relationTo === 'string') {
      current = payload.collections[field.relationTo as CollectionSlug]?.config.flattenedFields
    } else if ('flattenedFields' in field) {
      current = field.flattenedFields as FlattenedField[]
    } else current = undefined
  }
  return field
}

const wholeNumber = (name: string, value: unknown): number | undefined => {
  if (value === undefined || value === null || value === '') return undefined
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 0) throw badRequest(`${name} must be a whole number.`)
  return parsed
}

const READS = new Set(['count', 'read', 'readDistinct'])

/**
 * Bounds every request that comes from outside (REST, GraphQL, the Local API with
 * `overrideAccess: false`). Reads: page size at most `maxPageSize` (the turns
 * collection `maxTurnsPageSize`), `limit=0` or `pagination=false` ("all") for admins
 * only, `depth` at most `publicDepth` for the public, join pages bounded the same way,
 * pages at most MAX_PAGE, and a `where` that SQL can answer. Writes: a body that is a
 * document. Trusted calls (`overrideAccess: true`, the Local API's default) pass untouched.
 */
export const boundRequests =
  (options: ResolvedPodcastOptions, maxPageSize = options.limits.maxPageSize): CollectionBeforeOperationHook =>
  ({ args, collection, operation, overrideAccess, req }) => {
    // REST and GraphQL leave overrideAccess unset (the operations default it to false).
    if (overrideAccess === true) return args
    if (operation === 'create' || operation === 'update' || operation === 'login') {
      const data = (args as { data?: unknown }).data
      if (!data || typeof data !== 'object' || Array.isArray(data)) {
        throw badRequest('The body must be a JSON object (Content-Type: application/json), or multipart form data.')
      }
      if (hasNul(data)) throw badRequest('The body contains a NUL character, which text fields cannot hold.')
    }
    if (operation === 'update' || operation === 'delete') validateWhere(req.payload, collection.flattenedFields, (args as { where?: unknown }).where)
    if (!READS.has(operation)) return args
    const next = { ...args } as Record<string, unknown> & {
      depth?: unknown
      joins?: unknown
      limit?: unknown
      page?: unknown
      pagination?: unknown
      where?: unknown
    }
    const admin = hasRole(req.user, 'admin')
    validateWhere(req.payload, collection.flattenedFields, next.where)

    const limit = wholeNumber('limit', next.limit)
    const unlimited = limit === 0 || (next.pagination === false && limit === undefined)
    if (unlimited && !admin && !req.context.podcastWholeList) next.limit = maxPageSize
    // One over the largest page passes: Payload's GraphQL join asks for limit + 1 rows to tell whether there is a next page.
    else if (limit !== undefined && limit > maxPageSize + 1) next.limit = maxPageSize
    const page = wholeNumber('page', next.page)
    if (page !== undefined && (page < 1 || page > MAX_PAGE)) throw badRequest(`page must be from 1 to ${MAX_PAGE}.`)

    if (!isStaff(req.user) && typeof next.depth === 'number' && next.depth > options.limits.publicDepth) next.depth = options.limits.publicDepth
    if (next.joins && typeof next.joins === 'object') {
      next.joins = Object.fromEntries(
        Object.entries(next.joins as Record<string, unknown>).map(([name, join]) => {
          if (!join || typeof join !== 'object') return [name, join]
          const { limit: rawLimit, where } = join as { limit?: unknown; where?: unknown }
          const joinLimit = wholeNumber(`joins[${name}][limit]`, rawLimit)
          const joined = joinedCollection(collection.flattenedFields, name)
          const joinMax = joined === options.slugs.transcriptTurns ? options.limits.maxTurnsPageSize : maxPageSize
          // The join's where is applied to the joined collection's fields.
          if (joined) validateWhere(req.payload, req.payload.collections[joined as CollectionSlug]?.config.flattenedFields ?? [], where)
          return [name, joinLimit !== undefined && (joinLimit === 0 ? !admin : joinLimit > joinMax) ? { ...join, limit: joinMax } : join]
        }),
      )
    }
    return next as typeof args
  }

const joinedCollection = (fields: FlattenedField[], name: string): string | undefined => {
  const join = fields.find((field) => field.name === name)
  return join?.type === 'join' && typeof join.collection === 'string' ? join.collection : undefined
}

/** Puts `boundRequests` first among the `beforeOperation` hooks of the plugin's collections and the users collection. */
export const withRequestBounds = (collections: CollectionConfig[], options: ResolvedPodcastOptions): CollectionConfig[] => {
  if (options.disabled) return collections
  const limited = new Set<string>([...Object.values(options.slugs), options.usersCollection])
  return collections.map((collection) =>
    limited.has(collection.slug)
      ? {
          ...collection,
          hooks: {
            ...collection.hooks,
            beforeOperation: [
              boundRequests(options, collection.slug === options.slugs.transcriptTurns ? options.limits.maxTurnsPageSize : options.limits.maxPageSize),
              ...(collection.hooks?.beforeOperation ?? []),
            ],
          },
        }
      : collection,
  )
}
