import type { SanitizedConfig } from 'payload'

import { GRAPHQL_POST, REST_DELETE, REST_GET, REST_OPTIONS, REST_PATCH, REST_POST } from '@payloadcms/next/routes'

import { guardGraphQL } from '../src/http/guardGraphQL'
import { withHttpCache } from '../src/http/withHttpCache'

/**
 * Payload's REST and GraphQL handlers (fetch `Request` in, `Response` out) with the
 * plugin's HTTP caching. Next's API route files export them, and the express server
 * mounts the very same handlers in front of Next, so both paths behave alike.
 */
export const createApiHandlers = (config: Promise<SanitizedConfig> | SanitizedConfig) => ({
  graphql: {
    OPTIONS: REST_OPTIONS(config),
    POST: withHttpCache(config, guardGraphQL(GRAPHQL_POST(config))),
  },
  rest: {
    DELETE: withHttpCache(config, REST_DELETE(config)),
    GET: withHttpCache(config, REST_GET(config)),
    OPTIONS: REST_OPTIONS(config),
    PATCH: withHttpCache(config, REST_PATCH(config)),
    POST: withHttpCache(config, REST_POST(config)),
  },
})
