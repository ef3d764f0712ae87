import config from '@payload-config'

import { createApiHandlers } from '../../../../src/http/apiHandlers'

const { graphql } = createApiHandlers(config)

export const POST = graphql.POST
export const OPTIONS = graphql.OPTIONS
