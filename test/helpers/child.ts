import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const execute = promisify(execFile)

/**
 * A jest worker's IPC channel is named in these variables; a child that inherits them attaches to
 * a descriptor that is not its channel, and quits at once with 0.
 */
export const childEnv = (env: Record<string, string> = {}) => {
  const { NODE_CHANNEL_FD, NODE_CHANNEL_SERIALIZATION_MODE, ...inherited } = process.env
  return { ...inherited, ...env }
}

/**
 * Runs a command to its end. Under load, Node 20's ESM loader (with tsx's hooks) now and then ends
 * a process while its entry is still loading: exit 0 or 13, nothing written (seen in CI on the
 * package test's config check). Such a run is tried again, twice at most; any other outcome,
 * including a failure that wrote something, is the command's own.
 */
export const runToEnd = async (
  file: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string>; maxBuffer?: number },
): Promise<{ stderr: string; stdout: string }> => {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await execute(file, args, { ...options, env: childEnv(options.env) })
      if (result.stdout.trim() || result.stderr.trim() || attempt >= 3) return result
    } catch (error) {
      const failed = error as { code?: unknown; stderr?: string; stdout?: string }
      const silent = (failed.code === 13 || failed.code === 0) && !failed.stdout?.trim() && !failed.stderr?.trim()
      if (!silent || attempt >= 3) throw error
    }
  }
}
