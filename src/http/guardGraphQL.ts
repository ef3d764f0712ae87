import { parse } from 'graphql'

import { findFragmentCycle, QUERY_REFUSED_HEADER } from '../graphql/queryLimits'

type Handler = (request: Request) => Promise<Response>

/** Tokens one query may have: the README's largest example has about 60. */
const MAX_TOKENS = 5_000

const refuse = (message: string, code: string) =>
  Response.json({ errors: [{ extensions: { code }, message }] }, { headers: { 'Cache-Control': 'no-store' }, status: 400 })

/**
 * In front of Payload's GraphQL handler: a query that cannot be parsed within
 * MAX_TOKENS, or whose fragments spread themselves (Payload's complexity rule
 * recursed on those until the stack overflowed: a 500), gets 400 before Payload reads
 * it; and a query the depth and cost rule refused gets 400, where graphql-http would
 * answer validation errors with 200 to `application/json` clients.
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
    let cycle: string | undefined
    try {
      cycle = findFragmentCycle(parse(query, { maxTokens: MAX_TOKENS, noLocation: true }))
    } catch (error) {
      return refuse(error instanceof Error ? error.message : 'The query cannot be parsed.', 'GRAPHQL_PARSE_FAILED')
    }
    if (cycle) return refuse(`Fragment "${cycle}" spreads itself.`, 'GRAPHQL_VALIDATION_FAILED')

    const response = await handler(request)
    if (!response.headers.has(QUERY_REFUSED_HEADER)) return response
    const headers = new Headers(response.headers)
    headers.delete(QUERY_REFUSED_HEADER)
    return new Response(response.body, { headers, status: 400 })
  }
