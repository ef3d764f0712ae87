import config from '@payload-config'

import { createApiHandlers } from '../../../../server/apiHandlers'

const { graphql } = createApiHandlers(config)

export const POST = graphql.POST
export const OPTIONS = graphql.OPTIONS
