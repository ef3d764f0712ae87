import type { Config } from 'payload'

import { lexicalEditor } from '@payloadcms/richtext-lexical'

import type { PodcastPluginOptions } from './types'

import { createEpisodesCollection } from './collections/Episodes'
import { createGuestsCollection } from './collections/Guests'
import { createSpeakersCollection } from './collections/Speakers'
import { createTranscriptImportsCollection } from './collections/TranscriptImports'
import { createTranscriptTurnsCollection } from './collections/TranscriptTurns'
import { withUserRoles } from './collections/Users'
import { hasRole } from './access/roles'
import { resolveOptions } from './defaults'
import { episodeTranscriptQuery } from './graphql/episodeTranscriptQuery'
import { publishScheduledEpisodeTask } from './workflow/publishScheduledEpisode'

export type { HostOption, PodcastPluginOptions, SpeakerRole, UserRole } from './types'

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
    const options = resolveOptions(pluginOptions)
    // Podcast collections first so the admin shows the Podcast group above Users.
    const collections = withUserRoles(
      [
        createEpisodesCollection(options),
        createGuestsCollection(options),
        createSpeakersCollection(options),
        createTranscriptTurnsCollection(options),
        createTranscriptImportsCollection(options),
        ...(incomingConfig.collections ?? []),
      ],
      options,
    )
    const jobs = incomingConfig.jobs ?? {}
    const autoRun = Array.isArray(jobs.autoRun) ? jobs.autoRun : []
    return {
      ...incomingConfig,
      collections,
      custom: { ...incomingConfig.custom, podcast: options },
      // Show notes and bios are Lexical rich text; an app without an editor gets the default one.
      editor: incomingConfig.editor ?? lexicalEditor(),
      graphQL: {
        ...incomingConfig.graphQL,
        queries: (GraphQL, context) => ({
          ...incomingConfig.graphQL?.queries?.(GraphQL, context),
          ...(options.disabled ? {} : episodeTranscriptQuery(GraphQL, context)),
        }),
      },
      jobs: {
        ...jobs,
        access: { run: ({ req }) => hasRole(req.user, 'admin'), ...jobs.access },
        // Scheduled episodes go live within seconds of their time (the queue runs where getPayload has cron: true).
        autoRun: options.disabled ? autoRun : [...autoRun, { cron: options.jobsCron, limit: 20, queue: 'default' }],
        tasks: [...(jobs.tasks ?? []), publishScheduledEpisodeTask],
      },
    }
  }
