import type { Config } from 'payload'

import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { lexicalEditor } from '@payloadcms/richtext-lexical'

import type { PodcastPluginOptions } from './types.ts'

import './context.ts'

import { PAYLOAD_BIN_KEY } from './cli/binKey.ts'

import { createEpisodesCollection } from './collections/Episodes.ts'
import { createGuestsCollection } from './collections/Guests.ts'
import { createMergesCollection } from './collections/Merges.ts'
import { createShowsCollection } from './collections/Shows.ts'
import { createSpeakersCollection } from './collections/Speakers.ts'
import { createTranscriptImportBatchesCollection } from './collections/TranscriptImportBatches.ts'
import { createTranscriptImportsCollection } from './collections/TranscriptImports.ts'
import { createTranscriptRevisionsCollection } from './collections/TranscriptRevisions.ts'
import { createTranscriptTurnsCollection } from './collections/TranscriptTurns.ts'
import { withUserRoles } from './collections/Users.ts'
import { hasRole } from './access/roles.ts'
import { withPodcastSchema } from './db/schema.ts'
import { resolveOptions } from './defaults.ts'
import { episodeTranscriptQuery } from './graphql/episodeTranscriptQuery.ts'
import { searchEndpoint } from './endpoints/search.ts'
import { searchTranscriptsQuery } from './graphql/searchQuery.ts'
import { createQueryLimitRule, joinPagesOf, QUERY_REFUSED_HEADER } from './graphql/queryLimits.ts'
import { withRequestBounds } from './hooks/boundRequests.ts'
import { importBatchTask } from './import/batchTask.ts'
import { runPodcastMaintenance } from './jobs/maintenance.ts'
import { publishScheduledEpisodeTask } from './workflow/publishScheduledEpisode.ts'

export type { HostOption, PodcastPluginOptions, SpeakerRole, UserRole } from './types.ts'
export { seed, type SeedOptions, type SeedSummary } from './seed/index.ts'
/** Payload's REST/GraphQL handlers with public HTTP caching (ETag, Cache-Control), as the bundled app mounts them. */
export { withHttpCache } from './http/withHttpCache.ts'
/** Wrap your GraphQL route's POST with it: the guards Payload's validation cannot run in time (see the README). */
export { guardGraphQL } from './http/guardGraphQL.ts'
/** For job runners that are not Payload's autoRun: call it every few seconds, beside running the queue (see the README). */
export { runPodcastMaintenance } from './jobs/maintenance.ts'

const here = path.dirname(fileURLToPath(import.meta.url))

/**
 * The importer, the locks and the transcript query are SQL for Postgres (serial or uuid ids):
 * say so when the config is built, not with a failing query later.
 */
const assertPostgres = (config: Config) => {
  const db = config.db as undefined | { defaultIDType?: string; name?: string }
  if (!db) return
  if (db.name !== 'postgres') {
    throw new Error(`podcastPlugin needs @payloadcms/db-postgres (postgresAdapter); this config uses "${db.name ?? 'another adapter'}".`)
  }
}

/**
 * Adds episodes, guests, speakers and transcripts to a Payload config.
 *
 * ```ts
 * plugins: [podcastPlugin({ hosts: [{ name: 'Michaela Greiler', aliases: ['Dr. McKayla'] }] })]
 * ```
 */
export const podcastPlugin =
  (pluginOptions: PodcastPluginOptions = {}) =>
  (incomingConfig: Config): Config => {
    const options = resolveOptions(
      pluginOptions,
      (incomingConfig.collections ?? []).map((collection) => collection.slug),
    )
    assertPostgres(incomingConfig)
    const idType = (incomingConfig.db as { defaultIDType?: 'number' | 'text' } | undefined)?.defaultIDType ?? 'number'
    // Podcast collections first so the admin shows the Podcast group above Users.
    const collections = withRequestBounds(
      withUserRoles(
        [
          createShowsCollection(options),
          createEpisodesCollection(options),
          createGuestsCollection(options),
          createSpeakersCollection(options),
          createTranscriptRevisionsCollection(options),
          createTranscriptTurnsCollection(options),
          createTranscriptImportsCollection(options),
          createTranscriptImportBatchesCollection(options),
          createMergesCollection(options),
          ...(incomingConfig.collections ?? []),
        ],
        options,
      ),
      options,
    )
    const queryLimits = {
      joinPages: joinPagesOf({ collections }, (slug) =>
        slug === options.slugs.transcriptTurns ? options.limits.maxTurnsPageSize : options.limits.maxPageSize,
      ),
      maxCost: options.limits.graphQLCost,
      maxDepth: options.limits.graphQLDepth,
      // `limit: 0` ("all") gets at most the largest page the read bounds allow anywhere.
      maxLimit: Math.max(options.limits.maxPageSize, options.limits.maxTurnsPageSize),
    }
    const jobs = incomingConfig.jobs ?? {}
    const autoRun = Array.isArray(jobs.autoRun) ? jobs.autoRun : []
    return {
      ...incomingConfig,
      // `npx payload podcast import|parse …`, with the app's config (cli/payloadScript).
      bin: options.disabled
        ? incomingConfig.bin
        : [...(incomingConfig.bin ?? []), { key: PAYLOAD_BIN_KEY, scriptPath: path.join(here, 'cli', 'payloadScript.js') }],
      collections,
      custom: { ...incomingConfig.custom, podcast: options },
      // Indexes Payload fields cannot declare (db/schema); also when disabled, so the schema stays the same.
      db: withPodcastSchema(incomingConfig.db, options),
      // Show notes and bios are Lexical rich text; an app without an editor gets the default one.
      editor: incomingConfig.editor ?? lexicalEditor(),
      endpoints: options.disabled ? incomingConfig.endpoints : [...(incomingConfig.endpoints ?? []), searchEndpoint],
      graphQL: {
        ...incomingConfig.graphQL,
        queries: (GraphQL, context) => ({
          ...incomingConfig.graphQL?.queries?.(GraphQL, context),
          ...(options.disabled ? {} : episodeTranscriptQuery(idType)(GraphQL, context)),
          ...(options.disabled ? {} : searchTranscriptsQuery(idType)(GraphQL, context)),
        }),
        // Depth and cost, for every user: one anonymous 20-level query once ran the server out of memory.
        validationRules: (args) => [
          ...(incomingConfig.graphQL?.validationRules?.(args) ?? []),
          ...(options.disabled
            ? []
            : [
                createQueryLimitRule(queryLimits, args.variableValues ?? {}, (reason) => {
                  // Payload copies these headers onto the response; the HTTP layer turns the mark into a 400.
                  const headers = (args.contextValue as { headers?: Record<string, string> } | undefined)?.headers
                  if (headers) headers[QUERY_REFUSED_HEADER] = reason
                }),
              ]),
        ],
      },
      // The plugin's refusals are the client's doing: logged at info, without a stack.
      loggingLevels: { RequestRefused: 'info', ...incomingConfig.loggingLevels } as Config['loggingLevels'],
      jobs: {
        ...jobs,
        access: { run: ({ req }) => hasRole(req.user, 'admin'), ...jobs.access },
        // Scheduled episodes go live within seconds of their time (the queue runs where getPayload has cron: true);
        // only when asked, since the app may run its queue elsewhere.
        autoRun: options.disabled || !options.autoRunJobs ? autoRun : [...autoRun, { cron: options.jobsCron, limit: 20, queue: 'default' }],
        // Every runner's cron tick first recovers what Payload's job claim cannot (jobs/maintenance).
        // The app's own shouldAutoRun decides first: a runner it holds back does no maintenance either.
        shouldAutoRun: options.disabled
          ? jobs.shouldAutoRun
          : async (payload) => {
              if (jobs.shouldAutoRun && !(await jobs.shouldAutoRun(payload))) return false
              await runPodcastMaintenance(payload)
              return true
            },
        tasks: [...(jobs.tasks ?? []), publishScheduledEpisodeTask, importBatchTask],
      },
    }
  }
