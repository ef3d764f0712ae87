import type { S3ClientConfig } from '@aws-sdk/client-s3'
import type { CollectionConfig } from 'payload'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { s3Storage } from '@payloadcms/storage-s3'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'
import { build as prettyLogs } from 'pino-pretty'
import sharp from 'sharp'

import { migrations } from './migrations/index'
import { podcastPlugin } from './src/index'

const dirname = path.dirname(fileURLToPath(import.meta.url))

const corsOrigins = (process.env.CORS_ORIGINS ?? '')
  .split(',')
  .map((origin) => origin.trim())
  .filter(Boolean)

// server/index.ts refuses to start in production without PAYLOAD_SECRET.
const DEV_SECRET = 'dev-only-secret-change-me'

export type S3Settings = { bucket: string; client: S3ClientConfig }

const booleanSetting = (env: Record<string, string | undefined>, name: string, fallback: boolean): boolean => {
  const value = env[name]?.trim()
  if (!value) return fallback
  if (value !== 'true' && value !== 'false') throw new Error(`${name} must be true or false; it is "${value}".`)
  return value === 'true'
}

/**
 * The S3-compatible bucket that uploads go to, or undefined without S3_BUCKET (files stay in
 * .data/media). Read when this file is evaluated, unlike DATABASE_URL: it decides the collection's
 * shape, and no entry point chooses it at run time (server/env.ts loads .env before the config).
 */
export const readS3Settings = (env: Record<string, string | undefined> = process.env): S3Settings | undefined => {
  const bucket = env.S3_BUCKET?.trim()
  if (!bucket) return undefined
  const endpoint = env.S3_ENDPOINT?.trim() || undefined
  const accessKeyId = env.S3_ACCESS_KEY_ID?.trim()
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY?.trim()
  if (!accessKeyId !== !secretAccessKey) {
    throw new Error('Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (the AWS SDK then finds credentials itself).')
  }
  return {
    bucket,
    client: {
      ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
      endpoint,
      forcePathStyle: booleanSetting(env, 'S3_FORCE_PATH_STYLE', Boolean(endpoint)),
      region: env.S3_REGION?.trim() || 'us-east-1',
      // The SDK's default checksums (since 2025) stream bodies aws-chunked with a trailer: S3-compatible
      // servers that predate them reject such uploads, or store the framing as the file's bytes.
      ...(endpoint ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
    },
  }
}

/**
 * DATABASE_READ_URLS, comma-separated, for the Postgres adapter's `readReplicas`. Undefined when
 * unset: the adapter takes any array, even an empty one, as a list of replicas to read from.
 */
export const readReplicaUrls = (env: Record<string, string | undefined> = process.env): string[] | undefined => {
  const urls = (env.DATABASE_READ_URLS ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean)
  return urls.length ? urls : undefined
}

/** Guest photos: in .data/media, or in the S3 bucket when S3_BUCKET is set (see s3MediaStorage). */
export const mediaCollection: CollectionConfig = {
  slug: 'media',
  access: { read: () => true },
  admin: { group: 'Podcast' },
  fields: [{ name: 'alt', type: 'text' }],
  upload: { mimeTypes: ['image/*'], staticDir: path.resolve(dirname, '.data/media') },
}

/**
 * @payloadcms/storage-s3 for the media collection: files go to the bucket (keyed by file name) and
 * are served through Payload's file route. Without S3_BUCKET it is disabled, and files stay in
 * staticDir; `alwaysInsertFields` keeps its fields (`prefix`, `_objectKey`) either way, so both
 * run on the same schema and migrations. (Enabled, it adds `prefix` only for a collection with a
 * prefix option: hence `prefix: ''`, which keys objects by file name all the same.)
 */
export const s3MediaStorage = (settings: S3Settings | undefined) =>
  s3Storage({
    alwaysInsertFields: true,
    bucket: settings?.bucket ?? '',
    collections: { media: { prefix: '' } },
    config: settings?.client ?? {},
    enabled: Boolean(settings),
  })

export default buildConfig({
  admin: {
    importMap: { baseDir: dirname, importMapFile: path.resolve(dirname, 'app/(payload)/admin/importMap.js') },
    // No Gravatar: the admin must not call out to third-party hosts.
    avatar: 'default',
    meta: { titleSuffix: ' · Podcast' },
    user: 'users',
  },
  collections: [
    {
      slug: 'users',
      admin: { useAsTitle: 'email' },
      auth: true,
      fields: [{ name: 'name', type: 'text' }],
    },
    mediaCollection,
  ],
  cors: corsOrigins,
  // The CLI's report is its stdout (server/logsToStderr): its logs go to stderr, formatted as Payload's are.
  logger:
    process.env.PAYLOAD_LOGS_TO_STDERR === 'true'
      ? { destination: prettyLogs({ colorize: false, destination: 2, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' }), options: {} }
      : undefined,
  // With SERVER_URL set, Payload itself accepts the session cookie only from it and CORS_ORIGINS (express checks
  // every write's origin either way; without SERVER_URL, Payload would refuse the admin on any other host name).
  csrf: process.env.SERVER_URL ? corsOrigins : [],
  db: postgresAdapter({
    migrationDir: path.resolve(dirname, 'migrations'),
    pool: {
      // Read when the pool connects, not when this file is evaluated: entry points import the
      // config statically and only then choose the database (perhaps starting an embedded one).
      // (Importing it later, dynamically, can hang on Node 20's ESM loader.)
      get connectionString() {
        return process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:54329/podcast'
      },
    },
    prodMigrations: migrations,
    // Tests and production run the committed migrations; only `npm run dev` pushes schema changes.
    push: process.env.PAYLOAD_DB_PUSH === 'true',
    // Read when this file is evaluated (the embedded database never has replicas). Reads outside a
    // transaction go to a replica, except within 2 s after this process's last write.
    readReplicas: readReplicaUrls(),
  }),
  editor: lexicalEditor(),
  // Wrong passwords and bad queries are the client's doing: logged at info, without a stack.
  loggingLevels: { AuthenticationError: 'info', LockedAuth: 'info', QueryError: 'info', UnverifiedEmail: 'info' },
  plugins: [
    podcastPlugin({
      // The jobs queue runs where getPayload is called with cron: true: the web server (unless RUN_JOBS=false) and `npm run jobs`.
      // RUN_JOBS=false: no autoRun here at all. Payload's request handlers start the config's crons on the
      // first request (createPayloadRequest calls getPayload with cron: true), whatever the server asked for.
      autoRunJobs: process.env.RUN_JOBS !== 'false',
      defaultShow: { title: process.env.PODCAST_TITLE || 'Open Source Audio' },
      guestPhotoCollection: 'media',
      hosts: [
        {
          name: process.env.PODCAST_HOST_NAME ?? 'Michaela Greiler',
          aliases: (process.env.PODCAST_HOST_ALIASES ?? 'Michaela,Dr. Michaela,Dr. McKayla,McKayla')
            .split(',')
            .map((alias) => alias.trim())
            .filter(Boolean),
        },
      ],
      import: { leaseSeconds: Number(process.env.IMPORT_LEASE_SECONDS) || undefined },
      jobsCron: process.env.JOBS_CRON || undefined,
    }),
    s3MediaStorage(readS3Settings()),
  ],
  secret: process.env.PAYLOAD_SECRET ?? DEV_SECRET,
  // PUBLIC_URL (SERVER_URL before it): absolute URLs in feeds and transcript files, and Payload's own.
  serverURL: process.env.PUBLIC_URL ?? process.env.SERVER_URL ?? '',
  sharp,
  telemetry: false,
  typescript: {
    autoGenerate: false,
    outputFile: path.resolve(dirname, 'payload-types.ts'),
  },
})
