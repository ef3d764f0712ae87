import type { Config } from 'payload'

import type { PodcastPluginOptions } from './types.js'

import { createEpisodesCollection } from './collections/Episodes.js'
import { createGuestsCollection } from './collections/Guests.js'
import { createSpeakersCollection } from './collections/Speakers.js'
import { createTranscriptTurnsCollection } from './collections/TranscriptTurns.js'
import { withUserRoles } from './collections/Users.js'
import { resolveOptions } from './defaults.js'

export type { HostOption, PodcastPluginOptions, SpeakerRole, UserRole } from './types.js'

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
        ...(incomingConfig.collections ?? []),
      ],
      options,
    )
    return {
      ...incomingConfig,
      collections,
      custom: { ...incomingConfig.custom, podcast: options },
    }
  }
