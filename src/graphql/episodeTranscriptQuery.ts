import type { GraphQLExtension, PayloadRequest } from 'payload'

import { findReadableEpisode, parseTranscriptFilters } from '../endpoints/episodeTranscript.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'
import { queryTranscript } from '../db/transcript.ts'

/**
 * `EpisodeTranscript(idOrSlug, speaker, kind, from, to, q, page, limit, draft)`: the
 * transcript endpoint over GraphQL, with the same access rule and single query.
 */
export const episodeTranscriptQuery =
  (idType: 'number' | 'text'): GraphQLExtension =>
  (GraphQL) => {
    const { GraphQLBoolean, GraphQLFloat, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString } = GraphQL
    // Row ids are the adapter's: serial numbers, or uuids as text.
    const ID = idType === 'text' ? GraphQLString : GraphQLInt
    const Speaker = new GraphQLObjectType({
      name: 'EpisodeTranscriptSpeaker',
      fields: { id: { type: ID }, name: { type: GraphQLString }, role: { type: GraphQLString }, slug: { type: GraphQLString } },
    })
    const Turn = new GraphQLObjectType({
      name: 'EpisodeTranscriptTurn',
      fields: {
        id: { type: ID },
        end: { type: GraphQLFloat },
        kind: { type: GraphQLString },
        position: { type: GraphQLInt },
        speaker: { type: Speaker },
        speakerLabel: { type: GraphQLString },
        start: { type: GraphQLFloat },
        text: { type: GraphQLString },
        timestamp: { type: GraphQLString },
      },
    })
    const Page = new GraphQLObjectType({
      name: 'EpisodeTranscript',
      fields: {
        docs: { type: new GraphQLList(Turn) },
        episodeId: { type: ID },
        hasNextPage: { type: GraphQLBoolean },
        hasPrevPage: { type: GraphQLBoolean },
        limit: { type: GraphQLInt },
        page: { type: GraphQLInt },
        slug: { type: GraphQLString },
        title: { type: GraphQLString },
        totalDocs: { type: GraphQLInt },
        totalPages: { type: GraphQLInt },
      },
    })
    type Args = {
      draft?: boolean
      from?: number
      idOrSlug: string
      kind?: string
      limit?: number
      page?: number
      q?: string
      speaker?: string
      to?: number
    }
    return {
      EpisodeTranscript: {
        type: Page,
        args: {
          draft: { type: GraphQLBoolean },
          from: { type: GraphQLFloat },
          idOrSlug: { type: new GraphQLNonNull(GraphQLString) },
          kind: { type: GraphQLString },
          limit: { type: GraphQLInt },
          page: { type: GraphQLInt },
          q: { type: GraphQLString },
          speaker: { type: GraphQLString },
          to: { type: GraphQLFloat },
        },
        resolve: async (_source: unknown, args: Args, context: { req: PayloadRequest }) => {
          const { req } = context
          // Bad arguments are errors, as over REST (a NUL in `q` reached SQL: a 500).
          const filters = parseTranscriptFilters(args, getPodcastOptions(req.payload).limits.maxTurnsPageSize)
          const episode = await findReadableEpisode(req, args.idOrSlug, Boolean(args.draft))
          if (!episode) return null
          const page = await queryTranscript(req.payload, episode.transcript?.revision, filters, req)
          return { ...page, episodeId: episode.id, slug: episode.slug, title: episode.title }
        },
      },
    }
  }
