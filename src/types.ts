import type { CollectionConfig, CollectionSlug } from 'payload'

/** The plugin's collections, by their role. */
export type PodcastCollection =
  | 'episodes'
  | 'guests'
  | 'speakers'
  | 'transcriptImports'
  | 'transcriptTurns'

export type SpeakerRole = 'announcer' | 'co-host' | 'guest' | 'host' | 'other'

export type UserRole = 'admin' | 'author' | 'editor'

export type HostOption = {
  /** Labels the host appears under in transcripts, e.g. `["Michaela", "Dr. McKayla"]`. */
  aliases?: string[]
  name: string
  /** @default 'host' */
  role?: Extract<SpeakerRole, 'co-host' | 'host'>
}

export type PodcastPluginOptions = {
  /**
   * Replace the access functions of a collection, per operation. Whatever is not
   * overridden keeps the plugin's default (published-only for the public).
   */
  access?: Partial<Record<PodcastCollection, CollectionConfig['access']>>
  /**
   * Keep the collections (so the schema and migrations stay stable) but turn off
   * hooks, endpoints, jobs and seeding behaviour.
   * @default false
   */
  disabled?: boolean
  /** Admin sidebar group of the plugin's collections. @default 'Podcast' */
  group?: string
  /**
   * Upload collection used for guest photos. When unset, guests get no photo field.
   * @default undefined
   */
  guestPhotoCollection?: string
  /** The show's hosts. The seed creates them as Speakers; the importer never turns them into Guests. */
  hosts?: HostOption[]
  /**
   * How often the job queue looks for scheduled episodes to publish (croner syntax, seconds allowed).
   * @default '*\/10 * * * * *'
   */
  jobsCron?: string
  import?: {
    /** Largest transcript file accepted, in bytes. @default 5 * 1024 * 1024 */
    maxFileSize?: number
  }
  /**
   * Where editors preview an episode (the admin's Preview button and Live Preview).
   * Point it at your website's preview route; the default is the episode's own API
   * document with `?draft=true`, which the editor's session may read.
   * @default (episode) => `/api/episodes/${episode.id}?draft=true&depth=1`
   */
  previewUrl?: (episode: { id?: number | string; slug?: string }) => string
  /** Collection slugs. GraphQL names follow from them. */
  slugs?: Partial<Record<PodcastCollection, string>>
  /**
   * The auth collection whose documents get `roles`. Created with email/password
   * auth when the config does not have it.
   * @default 'users'
   */
  usersCollection?: string
  /**
   * Versions kept per episode; older ones are deleted, in one statement, whenever
   * an episode is saved again. 0 keeps them all.
   * @default 50
   */
  versionsPerEpisode?: number
}

/** Options with every default applied: what the rest of the plugin reads. */
export type ResolvedPodcastOptions = {
  access: Partial<Record<PodcastCollection, CollectionConfig['access']>>
  disabled: boolean
  group: string
  guestPhotoCollection?: CollectionSlug
  hosts: Required<HostOption>[]
  import: { maxFileSize: number }
  jobsCron: string
  previewUrl: (episode: { id?: number | string; slug?: string }) => string
  /** Typed as the app's slugs so Local API calls type-check; they are whatever the app configured. */
  slugs: Record<PodcastCollection, CollectionSlug>
  usersCollection: CollectionSlug
  versionsPerEpisode: number
}
