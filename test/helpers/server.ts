import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'

import { childEnv } from './child'
import { repoRoot } from './corpora'

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

/** Builds the Next app when no build is there (jest's global setup already did, once, for `npm test`). */
export const ensureBuild = () => {
  if (existsSync(path.join(repoRoot, '.next', 'BUILD_ID'))) return
  execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' })
}

export type RunningServer = { baseUrl: string; kill: () => Promise<void>; logs: () => string; pid: number; stop: () => Promise<void> }

/** A server that ended before it said anything: see startServer. */
class SilentExit extends Error {}

/**
 * Starts the production server (`npm start`'s entry) on a free port and waits for /healthz.
 * Under load, Node 20's ESM loader (with tsx's hooks) now and then ends a process while its
 * entry is still loading: exit 0 or 13, not a line written (as Payload's bin does, see the
 * package's bin). Such a start is tried again, twice at most; any other exit is an error.
 */
export const startServer = async (env: Record<string, string>): Promise<RunningServer> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOnce(env)
    } catch (error) {
      if (!(error instanceof SilentExit) || attempt >= 3) throw error
    }
  }
}

const startServerOnce = async (env: Record<string, string>): Promise<RunningServer> => {
  const port = await freePort()
  let output = ''
  // Plain node with tsx's loader: the tsx CLI wrapper adds a relay process we do not need.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: repoRoot,
    // RUN_JOBS as production's default, whatever an in-process test of this worker set it to.
    env: childEnv({ HOST: '127.0.0.1', NODE_ENV: 'production', PORT: String(port), RUN_JOBS: 'true', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      if ((child.exitCode === 0 || child.exitCode === 13) && !output.trim()) throw new SilentExit(`server exited (${child.exitCode}) before a line`)
      throw new Error(`server exited (${child.exitCode}):\n${output}`)
    }
    const ok = await fetch(`${baseUrl}/healthz`)
      .then((r) => r.ok)
      .catch(() => false)
    if (ok) break
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  if (Date.now() >= deadline) throw new Error(`server did not become healthy:\n${output}`)
  return {
    baseUrl,
    /** Dies at once, as a machine that loses power: no shutdown, no cleanup. */
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGKILL')
      await exited
    },
    logs: () => output,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        child.once('exit', () => {
          clearTimeout(timer)
          resolve()
        })
        child.kill('SIGTERM')
      }),
  }
}
