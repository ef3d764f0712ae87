import type { CollectionConfig, CollectionSlug } from 'payload'

/** The plugin's collections, by their role. */
export type PodcastCollection =
  'episodes' | 'guests' | 'merges' | 'shows' | 'speakers' | 'transcriptImportBatches' | 'transcriptImports' | 'transcriptRevisions' | 'transcriptTurns'

export type SpeakerRole = 'announcer' | 'co-host' | 'guest' | 'host' | 'other'

export type UserRole = 'admin' | 'author' | 'editor'

export type HostOption = {
  /** Labels the host appears under in transcripts, e.g. `["Michaela", "Dr. McKayla"]`. */
  aliases?: string[]
  name: string
  /** @default 'host' */
  role?: Extract<SpeakerRole, 'co-host' | 'host'>
}

/** The show every episode belongs to unless it names another: created by the seed, a migration, or the first episode. */
export type DefaultShowOption = {
  /** @default the hosts' names, joined */
  author?: string
  /** @default '' */
  description?: string
  /** ISO 639 language code. @default 'en' */
  language?: string
  /** @default 'Podcast' */
  title?: string
}

export type PodcastPluginOptions = {
  /**
   * Replace the access functions of a collection, per operation. Whatever is not
   * overridden keeps the plugin's default (published-only for the public).
   * `users` is the auth collection: the plugin's defaults (admins manage users,
   * everyone else only their own account) fill only what the app's collection
   * leaves unset; functions given here win over both.
   */
  access?: Partial<Record<'users' | PodcastCollection, CollectionConfig['access']>>
  /**
   * Keep the collections (so the schema and migrations stay stable) but turn off
   * hooks, endpoints, jobs and seeding behaviour.
   * @default false
   */
  disabled?: boolean
  /**
   * The show episodes belong to when they name none (single-show apps never need another).
   * @default { title: 'Podcast', language: 'en' }
   */
  defaultShow?: DefaultShowOption
  /**
   * An episode's web page, for the feed's `<link>`; `baseUrl` is `PUBLIC_URL` (Payload's
   * `serverURL`) or the request's origin.
   * @default ({ slug }, baseUrl) => `${baseUrl}/episodes/${slug}`
   */
  episodeUrl?: (episode: { slug: string }, baseUrl: string) => string
  /**
   * Labels that mark structure, not speech (`**Break:** [17:38]`): such a turn is a marker, never a
   * Speaker or a Guest. A label is a marker when, normalised, it is one of `labels`, ends with one
   * ("Old Changelog Intro"), or starts with one of `prefixes` ("Clip from the keynote").
   * @default { labels: ['break', 'ad', 'ads', 'sponsor', 'sponsors', 'intro', 'outro', 'jingle', 'music', 'theme', 'cold open', 'promo'], prefixes: ['clip from', 'sound sample'] }
   */
  markers?: { labels?: string[]; prefixes?: string[] }
  /** Admin sidebar group of the plugin's collections. @default 'Podcast' */
  group?: string
  /**
   * Upload collection used for guest photos. When unset, guests get no photo field.
   * @default undefined
   */
  guestPhotoCollection?: string
  /**
   * Upload collection for show artwork and episode images (Apple wants square JPEG or PNG of
   * 1400–3000 px; uploads are checked). When the config has no such collection, shows and
   * episodes get no image fields.
   * @default 'media'
   */
  showArtworkCollection?: string
  /** The show's hosts. The seed creates them as Speakers; the importer never turns them into Guests. */
  hosts?: HostOption[]
  /**
   * Add an `autoRun` cron (every `jobsCron`) that runs the jobs queue, where scheduled
   * episodes wait for their time. The bundled app turns it on. In your own app, run the
   * queue your way (your own `autoRun`, `payload jobs:run`, a worker process) or set this.
   * Crons run only where `getPayload` is called with `cron: true`.
   * @default false
   */
  autoRunJobs?: boolean
  /**
   * How often the job queue looks for scheduled episodes to publish (croner syntax, seconds allowed).
   * @default '*\/10 * * * * *'
   */
  jobsCron?: string
  import?: {
    /** Finished import batches (and the files they keep for a retry) are deleted after this many days. @default 30 */
    batchRetentionDays?: number
    /**
     * How long a job runner holds a file of a batch before another runner may take it over
     * (a runner that died, or lost its database connection, holds it no longer). @default 300
     */
    leaseSeconds?: number
    /**
     * Until staff set a show's hosts, the import suggests as hosts (`suggestedHosts`) the voices heard in
     * more than this share of the show's episodes. @default 0.3
     */
    hostShare?: number
    /** Largest transcript file accepted, in bytes. @default 5 * 1024 * 1024 */
    maxFileSize?: number
    /** Most files in one bulk import request; more get 413. @default 500 */
    maxFiles?: number
    /** Largest JSON body of a bulk import request, in bytes; larger gets 413. @default 10 * 1024 * 1024 */
    maxJsonBody?: number
    /**
     * A bulk import of more files than this is a batch for the jobs queue (`202`); up to this
     * many, or with `wait=true`, the request imports them itself. @default 5
     */
    syncMaxFiles?: number
  }
  /** Bounds on what one request may ask for, so that no single request can exhaust the server. */
  limits?: {
    /** Costliest GraphQL query: each field counts 1, times the page sizes of the lists around it. @default 5000 */
    graphQLCost?: number
    /** Deepest GraphQL query, counting every field level (`docs` too). @default 8 */
    graphQLDepth?: number
    /** Largest page (`limit`) of a find over REST or GraphQL; `limit=0` ("all") is for admins only. @default 100 */
    maxPageSize?: number
    /** Largest page of transcript turns: their collection, joins, the transcript endpoint. @default 2000 */
    maxTurnsPageSize?: number
    /** Deepest relationship population (`depth`) for the public. @default 3 */
    publicDepth?: number
  }
  /**
   * Failed logins allowed per client address and email within `windowMinutes`; more
   * get 429 with `Retry-After`. Replaces Payload's account lockout, which let anyone
   * lock an admin out. `false` turns it off (and leaves Payload's lockout alone).
   * @default { attempts: 5, windowMinutes: 10 }
   */
  loginThrottle?: { attempts?: number; windowMinutes?: number } | false
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
  access: Partial<Record<'users' | PodcastCollection, CollectionConfig['access']>>
  autoRunJobs: boolean
  defaultShow: Required<DefaultShowOption>
  disabled: boolean
  episodeUrl: (episode: { slug: string }, baseUrl: string) => string
  group: string
  guestPhotoCollection?: CollectionSlug
  hosts: Required<HostOption>[]
  import: Required<NonNullable<PodcastPluginOptions['import']>>
  jobsCron: string
  limits: Required<NonNullable<PodcastPluginOptions['limits']>>
  markers: { labels: string[]; prefixes: string[] }
  loginThrottle: false | { attempts: number; windowMinutes: number }
  previewUrl: (episode: { id?: number | string; slug?: string }) => string
  /** Set when the config has the collection (see the option). */
  showArtworkCollection?: CollectionSlug
  /** Typed as the app's slugs so Local API calls type-check; they are whatever the app configured. */
  slugs: Record<PodcastCollection, CollectionSlug>
  usersCollection: CollectionSlug
  versionsPerEpisode: number
}
