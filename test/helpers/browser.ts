import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'

/** Flags for a headless Chromium on a machine with no network but loopback (and as root, no sandbox). */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/**
 * A headless Chromium, never downloaded: `CHROMIUM_PATH` or Debian's when present,
 * else the one shipped (compressed) inside the `@sparticuz/chromium` npm package,
 * which it unpacks to the temp folder on first use.
 */
export const launchChromium = async () => {
  const system = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (existsSync(system)) return { browser: await chromium.launch({ args: FLAGS, executablePath: system, headless: true }), source: system }
  const { default: packaged } = await import('@sparticuz/chromium')
  const executablePath = await packaged.executablePath()
  return { browser: await chromium.launch({ args: [...packaged.args, ...FLAGS], executablePath, headless: true }), source: '@sparticuz/chromium' }
}
