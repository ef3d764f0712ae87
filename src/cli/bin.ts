#!/usr/bin/env node
/**
 * `payload-podcast import|parse …`: the CLI with the app's Payload config, found as Payload's
 * bin finds it (PAYLOAD_CONFIG_PATH, or the usual places). The same runs as `npx payload podcast …`.
 *
 * The config is loaded as the main module of a child process, not with a dynamic `import()`:
 * under Node 20, dynamically importing a config with the lexical editor sometimes never
 * settled (the process exited silently, 2–6 runs in 10 here, Payload's own bin too).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { findConfig } from 'payload/node'

const resolveOrNull = (specifier: string) => {
  try {
    return import.meta.resolve(specifier)
  } catch {
    return null
  }
}

const configUrl = pathToFileURL(findConfig()).href
const scriptUrl = new URL('./payloadScript.js', import.meta.url).href
const folder = mkdtempSync(path.join(tmpdir(), 'payload-podcast-'))
const entry = path.join(folder, 'entry.mjs')
writeFileSync(
  entry,
  `import config from ${JSON.stringify(configUrl)}\nimport { script } from ${JSON.stringify(scriptUrl)}\nawait script(await config, process.argv.slice(2))\n`,
)
// TypeScript configs load through tsx, which Payload depends on (and loads its own bin with).
const tsx = resolveOrNull('tsx')
// Exit code 13 is Node 20's "unsettled top-level await": loading the config hung (above), before the CLI
// did anything. It still happened under load (1 run in CI); such a run is started again, at most twice more.
const run = (attempt: number) => {
  const child = spawn(process.execPath, [...(tsx ? ['--import', tsx] : []), entry, ...process.argv.slice(2)], { stdio: 'inherit' })
  child.on('exit', (code, signal) => {
    if (code === 13 && attempt < 3) return run(attempt + 1)
    rmSync(folder, { force: true, recursive: true })
    process.exit(code ?? (signal ? 1 : 0))
  })
}
run(1)
