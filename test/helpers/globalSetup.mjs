// Plain ESM: jest loads global setup outside its transform pipeline, so the
// TypeScript server module is loaded through tsx.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdtemp } from 'node:fs/promises'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { tsImport } from 'tsx/esm/api'

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })

/**
 * Test files each get a fresh database on one server: DATABASE_URL's server when
 * it is set, else an embedded Postgres started here for the run. The production
 * build the server tests run is made here, once, when there is none: test files
 * building it at once in two workers broke each other's build.
 */
export default async function globalSetup() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    console.log('\nNo production build yet: building it once for the server tests (npm run build).')
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
  }
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_SERVER_URL = process.env.DATABASE_URL
    return
  }
  const { startEmbeddedPostgres } = await tsImport('../../server/database.ts', import.meta.url)
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'podcast-test-pg-'))
  // As root, Postgres runs as a `postgres` user that must reach the data directory.
  await chmod(tmp, 0o755)
  const dataDir = path.join(tmp, 'data')
  const db = await startEmbeddedPostgres({ database: 'postgres', dataDir, persistent: false, port: await freePort() })
  globalThis.__embeddedPostgres = db
  process.env.TEST_DATABASE_SERVER_URL = db.url
}
