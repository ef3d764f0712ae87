import type { GraphQLExtension, PayloadRequest } from 'payload'

import { runSearch, type RawSearch } from '../endpoints/search.ts'

/**
 * `SearchTranscripts(q, page, limit, show, speaker, draft)`: the search endpoint over GraphQL, with the
 * same checks, rule and answer.
 */
export const searchTranscriptsQuery =
  (idType: 'number' | 'text'): GraphQLExtension =>
  (GraphQL) => {
    const { GraphQLBoolean, GraphQLFloat, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString } = GraphQL
    const ID = idType === 'text' ? GraphQLString : GraphQLInt
    const Show = new GraphQLObjectType({ name: 'SearchShow', fields: { id: { type: ID }, slug: { type: GraphQLString }, title: { type: GraphQLString } } })
    const Episode = new GraphQLObjectType({
      name: 'SearchEpisode',
      fields: { id: { type: ID }, publishedAt: { type: GraphQLString }, show: { type: Show }, slug: { type: GraphQLString }, title: { type: GraphQLString } },
    })
    const Turn = new GraphQLObjectType({
      name: 'SearchTurn',
      fields: {
        end: { type: GraphQLFloat },
        id: { type: ID },
        position: { type: GraphQLInt },
        start: { type: GraphQLFloat },
        timestamp: { type: GraphQLString },
      },
    })
    const Speaker = new GraphQLObjectType({ name: 'SearchSpeaker', fields: { id: { type: ID }, name: { type: GraphQLString }, role: { type: GraphQLString } } })
    const Hit = new GraphQLObjectType({
      name: 'SearchHit',
      fields: {
        episode: { type: Episode },
        score: { type: GraphQLFloat },
        snippet: { type: GraphQLString },
        speaker: { type: Speaker },
        turn: { type: Turn },
        url: { type: GraphQLString },
      },
    })
    const Result = new GraphQLObjectType({
      name: 'SearchTranscriptsResult',
      fields: {
        docs: { type: new GraphQLList(Hit) },
        hasNextPage: { type: GraphQLBoolean },
        hasPrevPage: { type: GraphQLBoolean },
        limit: { type: GraphQLInt },
        page: { type: GraphQLInt },
        suggestion: { type: GraphQLString },
        totalDocs: { type: GraphQLInt },
        totalDocsCapped: { type: GraphQLBoolean },
        totalPages: { type: GraphQLInt },
      },
    })
    return {
      SearchTranscripts: {
        type: Result,
        args: {
          draft: { type: GraphQLBoolean },
          limit: { type: GraphQLInt },
          page: { type: GraphQLInt },
          q: { type: new GraphQLNonNull(GraphQLString) },
          show: { type: GraphQLString },
          speaker: { type: GraphQLString },
        },
        resolve: (_source: unknown, args: RawSearch, context: { req: PayloadRequest }) => runSearch(context.req, args),
      },
    }
  }
