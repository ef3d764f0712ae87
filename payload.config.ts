import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
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
    {
      slug: 'media',
      access: { read: () => true },
      admin: { group: 'Podcast' },
      fields: [{ name: 'alt', type: 'text' }],
      upload: { mimeTypes: ['image/*'], staticDir: path.resolve(dirname, '.data/media') },
    },
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
  }),
  editor: lexicalEditor(),
  // Wrong passwords and bad queries are the client's doing: logged at info, without a stack.
  loggingLevels: { AuthenticationError: 'info', LockedAuth: 'info', QueryError: 'info', UnverifiedEmail: 'info' },
  plugins: [
    podcastPlugin({
      // This app runs the jobs queue in its server process (startPayload: getPayload with cron: true).
      autoRunJobs: true,
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
    }),
  ],
  secret: process.env.PAYLOAD_SECRET ?? DEV_SECRET,
  serverURL: process.env.SERVER_URL ?? '',
  sharp,
  telemetry: false,
  typescript: {
    autoGenerate: false,
    outputFile: path.resolve(dirname, 'payload-types.ts'),
  },
})
