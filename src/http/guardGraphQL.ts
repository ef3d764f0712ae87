import { type DocumentNode, Kind, type OperationDefinitionNode, parse } from 'graphql'

import { expandedSize, findFragmentCycle, QUERY_REFUSED_HEADER } from '../graphql/queryLimits.ts'

type Handler = (request: Request) => Promise<Response>

/** Tokens one query may have: the README's largest example has about 60. */
const MAX_TOKENS = 5_000

/** Fields a query may have with its fragments expanded: what the cost limit could ever allow, and then some. */
const MAX_EXPANDED_FIELDS = 10_000

/** Root mutations that check a password or send mail: one per request, or one request could run hundreds of 600,000-round hashes. */
const ONE_PER_REQUEST = /^(login|forgotPassword|resetPassword|unlock)/

const refuse = (message: string, code: string) =>
  Response.json({ errors: [{ extensions: { code }, message }] }, { headers: { 'Cache-Control': 'no-store' }, status: 400 })

/**
 * In front of Payload's GraphQL handler, 400 before Payload reads the query for one
 * that cannot be parsed within MAX_TOKENS, whose fragments spread themselves (Payload's
 * complexity rule recursed on those until the stack overflowed: a 500), that expands
 * past MAX_EXPANDED_FIELDS (validation walks the expanded query), or that logs in more
 * than once; and 400 for a query the depth and cost rule refused, where graphql-http
 * would answer validation errors with 200 to `application/json` clients.
 */
export const guardGraphQL =
  (handler: Handler): Handler =>
  async (request) => {
    let query: unknown
    try {
      query = ((await request.clone().json()) as { query?: unknown } | null)?.query
    } catch {
      return refuse('The body must be JSON: {"query": "…", "variables": {…}}.', 'BAD_REQUEST')
    }
    if (typeof query !== 'string') return refuse('The body needs a "query" string.', 'BAD_REQUEST')
    let document: DocumentNode
    try {
      document = parse(query, { maxTokens: MAX_TOKENS, noLocation: true })
    } catch (error) {
      return refuse(error instanceof Error ? error.message : 'The query cannot be parsed.', 'GRAPHQL_PARSE_FAILED')
    }
    const cycle = findFragmentCycle(document)
    if (cycle) return refuse(`Fragment "${cycle}" spreads itself.`, 'GRAPHQL_VALIDATION_FAILED')
    if (expandedSize(document, MAX_EXPANDED_FIELDS) > MAX_EXPANDED_FIELDS) {
      return refuse(`The query has more than ${MAX_EXPANDED_FIELDS} fields once its fragments are expanded.`, 'QUERY_TOO_COSTLY')
    }
    const guarded = document.definitions
      .filter((definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'mutation')
      .flatMap((definition) => (definition as OperationDefinitionNode).selectionSet.selections)
      .filter((selection) => selection.kind === Kind.FIELD && ONE_PER_REQUEST.test(selection.name.value))
    if (guarded.length > 1) return refuse('Log in, or ask for a password reset, once per request.', 'BAD_REQUEST')

    const response = await handler(request)
    if (!response.headers.has(QUERY_REFUSED_HEADER)) return response
    const headers = new Headers(response.headers)
    headers.delete(QUERY_REFUSED_HEADER)
    return new Response(response.body, { headers, status: 400 })
  }
