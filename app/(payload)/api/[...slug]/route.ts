import config from '@payload-config'

import { createApiHandlers } from '../../../../server/apiHandlers'

const { rest } = createApiHandlers(config)

export const GET = rest.GET
export const POST = rest.POST
export const DELETE = rest.DELETE
export const PATCH = rest.PATCH
export const OPTIONS = rest.OPTIONS
