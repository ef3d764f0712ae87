import type { Payload } from 'payload'

import type { ResolvedPodcastOptions } from '../types.ts'

import { resolveOptions } from '../defaults.ts'

/** The plugin's resolved options, as stored on the config by `podcastPlugin`. */
export const getPodcastOptions = (payload: Payload): ResolvedPodcastOptions =>
  (payload.config.custom?.podcast as ResolvedPodcastOptions | undefined) ?? resolveOptions()
