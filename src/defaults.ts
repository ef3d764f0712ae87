import type { CollectionSlug } from 'payload'

import type { PodcastPluginOptions, ResolvedPodcastOptions } from './types.ts'

import { normalizeAlias } from './utilities/normalizeAlias.ts'

export const defaultSlugs = {
  episodes: 'episodes',
  guests: 'guests',
  merges: 'merges',
  shows: 'shows',
  speakers: 'speakers',
  transcriptImportBatches: 'transcript-import-batches',
  transcriptImports: 'transcript-imports',
  transcriptRevisions: 'transcript-revisions',
  transcriptTurns: 'transcript-turns',
} as const

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024

export const DEFAULT_MARKER_LABELS = ['break', 'ad', 'ads', 'sponsor', 'sponsors', 'intro', 'outro', 'jingle', 'music', 'theme', 'cold open', 'promo']

/**
 * The one place where option defaults are applied. `collectionSlugs` are the app's own
 * collections, for the options that name one of them.
 */
export const resolveOptions = (options: PodcastPluginOptions = {}, collectionSlugs: string[] = []): ResolvedPodcastOptions => ({
  access: options.access ?? {},
  autoRunJobs: options.autoRunJobs ?? false,
  defaultShow: {
    author: options.defaultShow?.author ?? (options.hosts ?? []).map((host) => host.name).join(', '),
    description: options.defaultShow?.description ?? '',
    language: options.defaultShow?.language ?? 'en',
    title: options.defaultShow?.title ?? 'Podcast',
  },
  disabled: options.disabled ?? false,
  episodeUrl: options.episodeUrl ?? (({ slug }, baseUrl) => `${baseUrl}/episodes/${encodeURIComponent(slug)}`),
  group: options.group ?? 'Podcast',
  guestPhotoCollection: options.guestPhotoCollection as CollectionSlug | undefined,
  hosts: (options.hosts ?? []).map((host) => ({
    name: host.name,
    aliases: host.aliases ?? [],
    role: host.role ?? 'host',
  })),
  jobsCron: options.jobsCron ?? '*/10 * * * * *',
  previewUrl: options.previewUrl ?? ((episode) => `/api/${options.slugs?.episodes ?? defaultSlugs.episodes}/${episode.id}?draft=true&depth=1`),
  import: {
    batchRetentionDays: Math.max(0, options.import?.batchRetentionDays ?? 30),
    hostShare: Math.min(1, Math.max(0, options.import?.hostShare ?? 0.3)),
    leaseSeconds: Math.max(1, options.import?.leaseSeconds ?? 300),
    maxFileSize: options.import?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    maxFiles: options.import?.maxFiles ?? 500,
    maxJsonBody: options.import?.maxJsonBody ?? 10 * 1024 * 1024,
    syncMaxFiles: Math.max(0, options.import?.syncMaxFiles ?? 5),
  },
  limits: {
    graphQLCost: options.limits?.graphQLCost ?? 5000,
    graphQLDepth: options.limits?.graphQLDepth ?? 8,
    maxPageSize: options.limits?.maxPageSize ?? 100,
    maxTurnsPageSize: options.limits?.maxTurnsPageSize ?? 2000,
    publicDepth: options.limits?.publicDepth ?? 3,
  },
  markers: {
    labels: (options.markers?.labels ?? DEFAULT_MARKER_LABELS).map(normalizeAlias),
    prefixes: (options.markers?.prefixes ?? ['clip from', 'sound sample']).map(normalizeAlias),
  },
  loginThrottle:
    options.loginThrottle === false ? false : { attempts: options.loginThrottle?.attempts ?? 5, windowMinutes: options.loginThrottle?.windowMinutes ?? 10 },
  showArtworkCollection: collectionSlugs.includes(options.showArtworkCollection ?? 'media')
    ? ((options.showArtworkCollection ?? 'media') as CollectionSlug)
    : undefined,
  slugs: { ...defaultSlugs, ...options.slugs } as ResolvedPodcastOptions['slugs'],
  usersCollection: (options.usersCollection ?? 'users') as CollectionSlug,
  versionsPerEpisode: Math.max(0, Math.floor(options.versionsPerEpisode ?? 50)),
})
