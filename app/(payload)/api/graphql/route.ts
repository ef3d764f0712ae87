import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'

import { withHttpCache } from '../../../../src/http/withHttpCache'

export const POST = withHttpCache(config, GRAPHQL_POST(config))
export const OPTIONS = REST_OPTIONS(config)
