import type { Config } from 'payload'

import {
  type DocumentNode,
  type FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  isListType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  type ValidationRule,
  type ValueNode,
} from 'graphql'

/** Marks a response whose query these limits refused, so the HTTP layer answers 400 (graphql-http says 200). */
export const QUERY_REFUSED_HEADER = 'x-podcast-query-refused'

/** Lists that name no `limit` count as this many items. */
const UNLIMITED_LIST = 10

export type QueryLimits = {
  /** How many rows a join field returns when the query names no `limit`, by field name (joinPagesOf). */
  joinPages: Map<string, number>
  /** The largest `limit` a query may ask for; `limit: 0` (Payload's "all") counts as this. */
  maxLimit: number
  maxCost: number
  maxDepth: number
}

/**
 * How many rows each join field returns when a query names no `limit`, by field name:
 * Payload's GraphQL then asks for all (`limit: 0`), which the read bounds turn into the
 * joined collection's largest page (`pageSizeOf`).
 */
export const joinPagesOf = (config: Pick<Config, 'collections'>, pageSizeOf: (collection: string) => number): Map<string, number> => {
  const pages = new Map<string, number>()
  type AnyField = { collection?: unknown; fields?: unknown[]; name?: string; tabs?: { fields: unknown[] }[]; type?: string }
  const walk = (fields: unknown[]) => {
    for (const field of fields as AnyField[]) {
      if (field.type === 'join' && field.name) pages.set(field.name, Math.max(pages.get(field.name) ?? 0, pageSizeOf(String(field.collection))))
      if (Array.isArray(field.fields)) walk(field.fields)
      if (Array.isArray(field.tabs)) for (const tab of field.tabs) walk(tab.fields)
    }
  }
  for (const collection of config.collections ?? []) walk(collection.fields)
  return pages
}

/** A document's fragment definitions by name. */
const fragmentsOf = (document: DocumentNode): Map<string, FragmentDefinitionNode> =>
  new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((definition) => [definition.name.value, definition]),
  )

/**
 * How many fields the document has once every fragment is expanded where it is spread,
 * counted with one memoised figure per fragment (so in linear time) and capped. Fragments
 * that spread one another twice at each level double the expanded size per level: 1.2 KB
 * of query took GraphQL's validation (Payload's complexity rule, and any rule that walks
 * fields) 14 s of blocked event loop at 22 levels and about an hour at 30. Call it only on
 * a document without fragment cycles.
 */
export const expandedSize = (document: DocumentNode, cap = Number.MAX_SAFE_INTEGER): number => {
  const fragments = fragmentsOf(document)
  const memo = new Map<string, number>()
  const sizeOf = (set: SelectionSetNode | undefined): number => {
    let size = 0
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) size += 1 + sizeOf(selection.selectionSet)
      else if (selection.kind === Kind.INLINE_FRAGMENT) size += sizeOf(selection.selectionSet)
      else {
        const name = selection.name.value
        let known = memo.get(name)
        if (known === undefined) memo.set(name, (known = sizeOf(fragments.get(name)?.selectionSet)))
        size += known
      }
      if (size > cap) return cap + 1
    }
    return size
  }
  let total = 0
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) total += sizeOf(definition.selectionSet)
    if (total > cap) return cap + 1
  }
  return total
}

/** The first fragment that spreads itself, directly or through others, or undefined. */
export const findFragmentCycle = (document: DocumentNode): string | undefined => {
  const spreads = new Map<string, string[]>()
  const collect = (set: SelectionSetNode | undefined, into: string[]) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) into.push(selection.name.value)
      else if ('selectionSet' in selection) collect(selection.selectionSet, into)
    }
  }
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      const into: string[] = []
      collect(definition.selectionSet, into)
      spreads.set(definition.name.value, into)
    }
  }
  const state = new Map<string, 'done' | 'open'>()
  const visit = (name: string): boolean => {
    if (state.get(name) === 'open') return true
    const into = spreads.get(name)
    if (state.get(name) === 'done' || !into) return false
    state.set(name, 'open')
    const cyclic = into.some(visit)
    state.set(name, 'done')
    return cyclic
  }
  return [...spreads.keys()].find(visit)
}

const limitArgument = (
  field: { arguments?: readonly { name: { value: string }; value: ValueNode }[] },
  variables: Record<string, unknown>,
): number | undefined => {
  const node = field.arguments?.find((argument) => argument.name.value === 'limit')?.value
  if (!node) return undefined
  const value = node.kind === Kind.INT ? Number(node.value) : node.kind === Kind.VARIABLE ? Number(variables[node.name.value]) : NaN
  return Number.isFinite(value) ? value : undefined
}

/**
 * Refuses, before execution, queries deeper than `maxDepth` (every field level counts,
 * `docs` included) or costlier than `maxCost`. A field costs 1 plus its children's cost
 * times how many items it can return: its `limit` (from a variable, sent or default;
 * 0, Payload's "all", counts as `maxLimit`), a join's largest page when it names none,
 * 10 for any other list without a limit. Aliases count once each; fragments are expanded (cycles were
 * refused before, by the HTTP layer, since Payload's own complexity rule overflows
 * the stack on them).
 */
export const createQueryLimitRule =
  (limits: QueryLimits, sent: Record<string, unknown> = {}, onRefuse?: (reason: string) => void): ValidationRule =>
  (context) => {
    const variables = { ...sent }
    const fragments = fragmentsOf(context.getDocument())
    const schema = context.getSchema()

    const measure = (set: SelectionSetNode | undefined, parent: GraphQLNamedType | undefined, inFragments: Set<string>): { cost: number; depth: number } => {
      let cost = 0
      let depth = 0
      for (const selection of set?.selections ?? []) {
        if (selection.kind === Kind.FIELD) {
          const definition = isObjectType(parent) ? (parent.getFields()[selection.name.value] as GraphQLField<unknown, unknown> | undefined) : undefined
          const child = measure(selection.selectionSet, definition ? getNamedType(definition.type) : undefined, inFragments)
          let items = 1
          if (definition?.args.some((argument) => argument.name === 'limit')) {
            const limit = limitArgument(selection, variables)
            items = limit === undefined ? (limits.joinPages.get(selection.name.value) ?? UNLIMITED_LIST) : limit <= 0 ? limits.maxLimit : limit
          } else if (definition && isListType(getNullableType(definition.type)) && selection.name.value !== 'docs') {
            // `docs` is the page whose size its parent's limit already counted.
            items = UNLIMITED_LIST
          }
          cost += selection.name.value.startsWith('__') ? 0 : 1 + items * child.cost
          depth = Math.max(depth, 1 + child.depth)
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent
          const child = measure(selection.selectionSet, type ?? undefined, inFragments)
          cost += child.cost
          depth = Math.max(depth, child.depth)
        } else {
          const name = selection.name.value
          const fragment = fragments.get(name)
          if (!fragment || inFragments.has(name)) continue
          const child = measure(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined, new Set([...inFragments, name]))
          cost += child.cost
          depth = Math.max(depth, child.depth)
        }
        // Past the ceiling the exact figure no longer matters; stop walking a hostile query.
        if (cost > limits.maxCost * 1000) break
      }
      return { cost, depth }
    }

    return {
      OperationDefinition(operation) {
        // Variables as the operation will run with them: a default counts when none was sent.
        for (const definition of operation.variableDefinitions ?? []) {
          const name = definition.variable.name.value
          if (variables[name] === undefined && definition.defaultValue?.kind === Kind.INT) variables[name] = Number(definition.defaultValue.value)
        }
        const root =
          operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType()
        const { cost, depth } = measure(operation.selectionSet, root ?? undefined, new Set())
        if (depth > limits.maxDepth) {
          onRefuse?.('depth')
          context.reportError(
            new GraphQLError(`The query is ${depth} levels deep; at most ${limits.maxDepth} are allowed.`, {
              extensions: { code: 'QUERY_TOO_DEEP' },
              nodes: [operation],
            }),
          )
        }
        if (cost > limits.maxCost) {
          onRefuse?.('cost')
          context.reportError(
            new GraphQLError(`The query could return about ${cost} values; at most ${limits.maxCost} are allowed. Ask for smaller pages or fewer fields.`, {
              extensions: { code: 'QUERY_TOO_COSTLY' },
              nodes: [operation],
            }),
          )
        }
      },
    }
  }
