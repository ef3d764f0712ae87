import type { CollectionConfig, Config, Migration, Payload } from 'payload'
import type * as AppConfig from '../payload.config'

import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { getPayload } from 'payload'
import { UPLOAD_CONTENT_SECURITY_POLICY } from 'payload/internal'
import sharp from 'sharp'

import { closePayload } from '../server/closePayload'
import { createFreshDatabase, dropDatabase, queryDatabase } from './helpers/database'
import { createRestClient } from './helpers/restClient'
import { startS3Server, type TestS3 } from './helpers/s3Server'

/**
 * More than one machine: guest photos in an S3-compatible bucket (s3rver, on loopback) instead of
 * the local disk, through @payloadcms/storage-s3, and reads from the replicas in DATABASE_READ_URLS.
 * The app's own config, on a fresh database with the committed migrations, evaluated with those
 * variables set.
 */
type RouteHandler = (request: Request, context: { params: Promise<{ slug: string[] }> }) => Promise<Response>
/** The adapter's replica state; not in its public types. */
type ReplicatedAdapter = {
  drizzle: { $replicas?: { $client: unknown }[] }
  primaryDrizzle?: unknown
  readReplicaOptions?: string[]
  readReplicasAfterWriteInterval: number
}

const REPLICA_APP_NAME = 'podcast_read_replica'
/** The test database again, under a name of its own, so its connections show in pg_stat_activity. */
const replicaUrlOf = (url: string) => {
  const replica = new URL(url)
  replica.searchParams.set('application_name', REPLICA_APP_NAME)
  return replica.toString()
}

let s3: TestS3
let databaseUrl: string
let app: typeof AppConfig
let payload: Payload

beforeAll(async () => {
  s3 = await startS3Server()
  databaseUrl = await createFreshDatabase()
  // Before the config is evaluated: it reads S3_* and DATABASE_READ_URLS then (and DATABASE_URL when the pool connects).
  Object.assign(process.env, s3.env, { DATABASE_READ_URLS: ` ${replicaUrlOf(databaseUrl)} , `, DATABASE_URL: databaseUrl })
  app = await import('../payload.config')
  const { migrations } = await import('../migrations/index')
  payload = await getPayload({ config: await app.default, cron: false })
  payload.logger.level = process.env.TEST_LOG_LEVEL ?? 'silent'
  await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
})

afterAll(async () => {
  if (payload) {
    const replicaPools = ((payload.db as unknown as ReplicatedAdapter).drizzle.$replicas ?? []).map((replica) => replica.$client)
    await closePayload(payload)
    // closePayload ends the primary pool; each replica's pool also holds a client for good.
    for (const pool of replicaPools) await closePayload({ db: { pool }, destroy: async () => {} } as unknown as Payload)
  }
  if (databaseUrl) await dropDatabase(databaseUrl)
  await s3?.stop()
})

const tinyPng = (red = 200) =>
  sharp({ create: { background: { alpha: 1, b: 90, g: 30, r: red }, channels: 4, height: 2, width: 3 } })
    .png()
    .toBuffer()

/** GET through the app's own REST route (what app/(payload)/api exports and the server mounts). */
const getFile = async (filename: string) => {
  const { GET } = (await import('../app/(payload)/api/[...slug]/route')) as unknown as { GET: RouteHandler }
  const url = `http://localhost:3000/api/media/file/${encodeURIComponent(filename)}`
  const response = await GET(new Request(url), { params: Promise.resolve({ slug: ['media', 'file', filename] }) })
  return { body: Buffer.from(await response.arrayBuffer()), headers: response.headers, status: response.status }
}

describe('S3 uploads (@payloadcms/storage-s3)', () => {
  test('S3_* settings: defaults, path style for custom endpoints, and refused values', () => {
    expect(app.readS3Settings({})).toBeUndefined()
    expect(app.readS3Settings({ S3_BUCKET: '  ' })).toBeUndefined()
    expect(
      app.readS3Settings({ S3_ACCESS_KEY_ID: 'key-id', S3_BUCKET: 'photos', S3_ENDPOINT: 'http://minio.internal:9000', S3_SECRET_ACCESS_KEY: 'secret' }),
    ).toStrictEqual({
      bucket: 'photos',
      client: {
        credentials: { accessKeyId: 'key-id', secretAccessKey: 'secret' },
        endpoint: 'http://minio.internal:9000',
        forcePathStyle: true,
        region: 'us-east-1',
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      },
    })
    // AWS itself: virtual-hosted buckets, the SDK's own checksums, and its own credential chain.
    expect(app.readS3Settings({ S3_BUCKET: 'photos', S3_REGION: 'eu-central-1' })).toStrictEqual({
      bucket: 'photos',
      client: { endpoint: undefined, forcePathStyle: false, region: 'eu-central-1' },
    })
    expect(app.readS3Settings({ S3_BUCKET: 'photos', S3_ENDPOINT: 'https://r2.example', S3_FORCE_PATH_STYLE: 'false' })?.client.forcePathStyle).toBe(false)
    expect(() => app.readS3Settings({ S3_BUCKET: 'photos', S3_FORCE_PATH_STYLE: 'yes' })).toThrow('S3_FORCE_PATH_STYLE must be true or false; it is "yes".')
    expect(() => app.readS3Settings({ S3_ACCESS_KEY_ID: 'key-id', S3_BUCKET: 'photos' })).toThrow(
      'Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither',
    )
  })

  test('with or without S3_BUCKET the media collection has the same fields (one schema); without it files stay in staticDir', async () => {
    const mediaWith = async (settings: AppConfig.S3Settings | undefined) => {
      const config = await app.s3MediaStorage(settings)({ collections: [app.mediaCollection] } as Config)
      const media = config.collections?.find((collection) => collection.slug === 'media')
      if (!media) throw new Error('The plugin dropped the media collection.')
      return media
    }
    const local = await mediaWith(app.readS3Settings({}))
    const inS3 = await mediaWith(app.readS3Settings(s3.env))
    const shape = (collection: CollectionConfig) => collection.fields.map((field) => ['name' in field ? field.name : '', field.type])
    expect(shape(local)).toStrictEqual([
      ['alt', 'text'],
      ['url', 'text'],
      ['prefix', 'text'],
      ['_objectKey', 'text'],
    ])
    expect(shape(inS3)).toStrictEqual(shape(local))
    // Disabled, the plugin only adds those fields: local storage, no hooks, no file handlers.
    expect(local.upload).toStrictEqual({ mimeTypes: ['image/*'], staticDir: path.resolve('.data/media') })
    expect(local.hooks).toBeUndefined()
    expect(inS3.upload).toMatchObject({ adapter: 's3', disableLocalStorage: true, handlers: [expect.any(Function)] })

    // The committed migrations made those columns; this app was configured with S3_BUCKET.
    const columns = await queryDatabase<{ column_name: string }>(
      databaseUrl,
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'media' AND column_name IN ('prefix', '_objectkey') ORDER BY column_name`,
    )
    expect(columns.map((column) => column.column_name)).toStrictEqual(['_objectkey', 'prefix'])
    expect(payload.collections.media.config.upload).toMatchObject({ adapter: 's3', disableLocalStorage: true })
  })

  test('a guest photo goes to the bucket with its exact bytes, not to staticDir, and the file route serves it', async () => {
    const png = await tinyPng()
    const filename = `guest-${randomUUID()}.png`
    const doc = await payload.create({
      collection: 'media',
      data: { alt: 'A guest' },
      file: { data: png, mimetype: 'image/png', name: filename, size: png.length },
    })
    expect(doc.filename).toBe(filename)
    expect(doc.filesize).toBe(png.length)
    expect(doc.url).toBe(`/api/media/file/${filename}`)

    expect(await s3.getObject(filename)).toStrictEqual({ bytes: png, contentType: 'image/png' })
    const staticDir = path.resolve('.data/media')
    expect(payload.collections.media.config.upload.staticDir).toBe(staticDir)
    expect(existsSync(path.join(staticDir, filename))).toBe(false)

    const served = await getFile(filename)
    expect([served.status, served.headers.get('content-type')]).toStrictEqual([200, 'image/png'])
    expect(served.body).toStrictEqual(png)
  })

  test('an upload over REST (multipart, as the admin sends it) lands in the bucket too', async () => {
    const email = `uploader-${randomUUID()}@example.com`
    await payload.create({ collection: 'users', data: { email, password: 'Uploader-pass-1' } })
    const rest = await createRestClient()
    const token = await rest.login(email, 'Uploader-pass-1')
    const png = await tinyPng(120)
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'over-rest.png')
    form.append('_payload', JSON.stringify({ alt: 'Sent over REST' }))
    const { body, status } = await rest.post<{ doc: { filename: string } }>('/media', { body: form, token })
    expect(status).toBe(201)
    expect(body.doc.filename).toBe('over-rest.png')
    expect(await s3.getObject('over-rest.png')).toStrictEqual({ bytes: png, contentType: 'image/png' })
    expect(existsSync(path.resolve('.data/media/over-rest.png'))).toBe(false)
  })

  test('an SVG is served from the bucket with the CSP that keeps its scripts from running', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="3" height="2"><rect width="3" height="2" fill="#c81e5a"/></svg>')
    const filename = `logo-${randomUUID()}.svg`
    await payload.create({ collection: 'media', data: { alt: 'A logo' }, file: { data: svg, mimetype: 'image/svg+xml', name: filename, size: svg.length } })
    expect(await s3.getObject(filename)).toStrictEqual({ bytes: svg, contentType: 'image/svg+xml' })

    const served = await getFile(filename)
    expect(served.status).toBe(200)
    expect(served.body).toStrictEqual(svg)
    expect(served.headers.get('content-security-policy')).toBe(UPLOAD_CONTENT_SECURITY_POLICY)
  })

  test('a replaced photo takes the old object with it; a deleted one too', async () => {
    const first = await tinyPng()
    const second = await tinyPng(10)
    expect(second.equals(first)).toBe(false)
    const doc = await payload.create({
      collection: 'media',
      data: { alt: 'Before' },
      file: { data: first, mimetype: 'image/png', name: 'replace-me.png', size: first.length },
    })
    expect(await s3.getObject('replace-me.png')).toStrictEqual({ bytes: first, contentType: 'image/png' })

    const replaced = await payload.update({
      collection: 'media',
      data: {},
      file: { data: second, mimetype: 'image/png', name: 'replaced.png', size: second.length },
      id: doc.id,
    })
    expect(replaced.filename).toBe('replaced.png')
    expect(await s3.getObject('replaced.png')).toStrictEqual({ bytes: second, contentType: 'image/png' })
    expect(await s3.getObject('replace-me.png')).toBeNull()
    expect((await getFile('replaced.png')).body).toStrictEqual(second)

    await payload.delete({ collection: 'media', id: doc.id })
    expect(await s3.getObject('replaced.png')).toBeNull()
    expect((await getFile('replaced.png')).status).toBe(404)
  })
})

describe('read replicas', () => {
  test('DATABASE_READ_URLS: a comma-separated list; unset or blank is no replicas (not an empty list)', () => {
    expect(app.readReplicaUrls({})).toBeUndefined()
    expect(app.readReplicaUrls({ DATABASE_READ_URLS: ' , ' })).toBeUndefined()
    expect(app.readReplicaUrls({ DATABASE_READ_URLS: 'postgres://r1.internal/podcast, postgres://r2.internal/podcast' })).toStrictEqual([
      'postgres://r1.internal/podcast',
      'postgres://r2.internal/podcast',
    ])
  })

  test('the adapter reads from the replica, except right after a write of its own', async () => {
    const adapter = payload.db as unknown as ReplicatedAdapter
    expect(adapter.readReplicaOptions).toStrictEqual([replicaUrlOf(databaseUrl)])
    expect(adapter.drizzle.$replicas).toHaveLength(1)
    expect(adapter.primaryDrizzle).toBeDefined()
    expect(adapter.readReplicasAfterWriteInterval).toBe(2000)

    /** The queries the replica's connections started during `read`. */
    const onReplicaDuring = async (read: () => Promise<unknown>) => {
      const activity = () =>
        queryDatabase<{ pid: number; query: string; started: null | string }>(
          databaseUrl,
          'SELECT pid, query, query_start::text AS started FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1',
          [REPLICA_APP_NAME],
        )
      const before = await activity()
      await read()
      return (await activity())
        .filter(({ pid, started }) => started && !before.some((old) => old.pid === pid && old.started === started))
        .map(({ query }) => query)
    }
    const readsUsers = (query: string) => query.startsWith('select "users"."id"')

    const email = `reader-${randomUUID()}@example.com`
    const user = await payload.create({ collection: 'users', data: { email, password: 'Replica-reader-pass-1' } })
    const findUser = async () => {
      const { docs } = await payload.find({ collection: 'users', where: { email: { equals: email } } })
      expect(docs.map((doc) => doc.id)).toStrictEqual([user.id])
    }
    // The window after a write is 2 s of the clock; stretched and shrunk here so that neither step races it.
    try {
      adapter.readReplicasAfterWriteInterval = 60_000
      expect(await onReplicaDuring(findUser)).toStrictEqual([])
      adapter.readReplicasAfterWriteInterval = 0
      expect((await onReplicaDuring(findUser)).some(readsUsers)).toBe(true)
    } finally {
      adapter.readReplicasAfterWriteInterval = 2000
    }
  })
})
