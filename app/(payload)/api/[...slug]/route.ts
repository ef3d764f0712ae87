import config from '@payload-config'
import { REST_DELETE, REST_GET, REST_OPTIONS, REST_PATCH, REST_POST } from '@payloadcms/next/routes'

import { withHttpCache } from '../../../../src/http/withHttpCache'

export const GET = withHttpCache(config, REST_GET(config))
export const POST = withHttpCache(config, REST_POST(config))
export const DELETE = withHttpCache(config, REST_DELETE(config))
export const PATCH = withHttpCache(config, REST_PATCH(config))
export const OPTIONS = REST_OPTIONS(config)
