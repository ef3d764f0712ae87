/**
 * Runs Payload's CLI (`migrate:create`, `generate:types`, …) against DATABASE_URL
 * or the embedded database, starting the latter when needed.
 */
import './env'
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { ensureDatabase } from './database'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
// Type and import-map generation only read the config; don't start a database for them.
const needsDatabase = !args[0]?.startsWith('generate:')
const db = needsDatabase ? await ensureDatabase() : undefined

const child = spawn(path.join(root, 'node_modules/.bin/payload'), args, {
  cwd: root,
  env: { ...process.env, PAYLOAD_CONFIG_PATH: path.join(root, 'payload.config.ts') },
  stdio: 'inherit',
})
const code = await new Promise<number>((resolve) => child.on('exit', (exitCode) => resolve(exitCode ?? 1)))
await db?.stop()
process.exit(code)
