import type { Config } from 'payload'

import { lexicalEditor } from '@payloadcms/richtext-lexical'

import type { PodcastPluginOptions } from './types'

import { createEpisodesCollection } from './collections/Episodes'
import { createGuestsCollection } from './collections/Guests'
import { createSpeakersCollection } from './collections/Speakers'
import { createTranscriptImportsCollection } from './collections/TranscriptImports'
import { createTranscriptTurnsCollection } from './collections/TranscriptTurns'
import { withUserRoles } from './collections/Users'
import { resolveOptions } from './defaults'

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
    return {
      ...incomingConfig,
      collections,
      // Show notes and bios are Lexical rich text; an app without an editor gets the default one.
      editor: incomingConfig.editor ?? lexicalEditor(),
      custom: { ...incomingConfig.custom, podcast: options },
    }
  }
