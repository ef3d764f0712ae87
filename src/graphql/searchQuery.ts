import type { GraphQLExtension, PayloadRequest } from 'payload'

import { runEpisodeSearch, runSearch, type RawSearch } from '../endpoints/search.ts'

/**
 * `SearchTranscripts(q, page, limit, show, speaker, guest, season, after, before, type, draft)` and
 * `SearchEpisodes` with the same arguments: the search endpoint over GraphQL (without and with
 * `group=episode`), with the same checks, rule and answer.
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
    const hitFields = {
      field: { type: GraphQLString },
      score: { type: GraphQLFloat },
      snippet: { type: GraphQLString },
      speaker: { type: Speaker },
      turn: { type: Turn },
      url: { type: GraphQLString },
    }
    const Hit = new GraphQLObjectType({ name: 'SearchHit', fields: { episode: { type: Episode }, ...hitFields } })
    const BestHit = new GraphQLObjectType({ name: 'SearchBestHit', fields: hitFields })
    const EpisodeHits = new GraphQLObjectType({
      name: 'SearchEpisodeHits',
      fields: { best: { type: BestHit }, episode: { type: Episode }, hits: { type: GraphQLInt } },
    })
    const pageFields = {
      hasNextPage: { type: GraphQLBoolean },
      hasPrevPage: { type: GraphQLBoolean },
      limit: { type: GraphQLInt },
      page: { type: GraphQLInt },
      suggestion: { type: GraphQLString },
      totalDocs: { type: GraphQLInt },
      totalPages: { type: GraphQLInt },
    }
    const Result = new GraphQLObjectType({
      name: 'SearchTranscriptsResult',
      fields: { docs: { type: new GraphQLList(Hit) }, totalDocsCapped: { type: GraphQLBoolean }, ...pageFields },
    })
    const EpisodesResult = new GraphQLObjectType({
      name: 'SearchEpisodesResult',
      fields: { docs: { type: new GraphQLList(EpisodeHits) }, totalDocsCapped: { type: GraphQLBoolean }, ...pageFields },
    })
    const args = {
      after: { type: GraphQLString },
      before: { type: GraphQLString },
      draft: { type: GraphQLBoolean },
      guest: { type: GraphQLString },
      limit: { type: GraphQLInt },
      page: { type: GraphQLInt },
      q: { type: new GraphQLNonNull(GraphQLString) },
      season: { type: GraphQLInt },
      show: { type: GraphQLString },
      speaker: { type: GraphQLString },
      type: { type: GraphQLString },
    }
    return {
      SearchEpisodes: {
        type: EpisodesResult,
        args,
        resolve: (_source: unknown, raw: RawSearch, context: { req: PayloadRequest }) => runEpisodeSearch(context.req, raw),
      },
      SearchTranscripts: {
        type: Result,
        args,
        resolve: (_source: unknown, raw: RawSearch, context: { req: PayloadRequest }) => runSearch(context.req, raw),
      },
    }
  }
