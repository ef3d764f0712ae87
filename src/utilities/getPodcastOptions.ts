import type { Payload } from 'payload'

import type { ResolvedPodcastOptions } from '../types'

import { resolveOptions } from '../defaults'

/** The plugin's resolved options, as stored on the config by `podcastPlugin`. */
export const getPodcastOptions = (payload: Payload): ResolvedPodcastOptions =>
  (payload.config.custom?.podcast as ResolvedPodcastOptions | undefined) ?? resolveOptions()
