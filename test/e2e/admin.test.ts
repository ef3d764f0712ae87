/**
 * The admin in a real browser against the production build. Its own server and
 * database, so a browser that fails to launch cannot fail the HTTP tests.
 */
import type { Browser } from 'playwright-core'

import { mkdir } from 'node:fs/promises'
import path from 'node:path'

import { DEV_ADMIN_EMAIL } from '../../server/seedApp'
import { launchChromium } from '../helpers/browser'
import { repoRoot } from '../helpers/corpora'
import { createFreshDatabase, dropDatabase } from '../helpers/database'
import { ensureBuild, type RunningServer, startServer } from '../helpers/server'

const artifacts = path.join(repoRoot, 'test-results')
// Production refuses to seed the dev default password.
const ADMIN_PASSWORD = 'e2e-admin-password-1'

let server: RunningServer
let browser: Browser
let databaseUrl: string

beforeAll(async () => {
  ensureBuild()
  databaseUrl = await createFreshDatabase()
  server = await startServer({ DATABASE_URL: databaseUrl, PAYLOAD_ADMIN_PASSWORD: ADMIN_PASSWORD, PAYLOAD_SECRET: 'e2e-secret', SEED_ON_START: 'true' })
  browser = (await launchChromium()).browser
}, 600_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  if (databaseUrl) await dropDatabase(databaseUrl)
})

test('the seeded admin logs in to /admin and sees the demo episodes', async () => {
  const page = await browser.newPage({ viewport: { height: 900, width: 1400 } })
  await page.goto(`${server.baseUrl}/admin/login`)
  await page.fill('input[name="email"]', DEV_ADMIN_EMAIL)
  await page.fill('input[name="password"]', ADMIN_PASSWORD)
  await page.click('button[type="submit"]')
  await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 60_000 })

  await page.goto(`${server.baseUrl}/admin/collections/episodes`)
  const titles = [
    'Episode 1: Welcome to Open Source Audio with Priya Raman',
    'Episode 2: Searchable Transcripts with Tomás Ortega',
    'Episode 3: Editorial Workflows with Lena Fischer',
  ]
  for (const title of titles) await page.getByText(title).first().waitFor({ timeout: 60_000 })
  // The sidebar groups the podcast collections before Users.
  const nav = await page.locator('nav.nav__wrap').innerText()
  expect(nav.indexOf('Podcast')).toBeGreaterThanOrEqual(0)
  expect(nav.indexOf('Podcast')).toBeLessThan(nav.indexOf('Users'))

  await mkdir(artifacts, { recursive: true })
  await page.screenshot({ fullPage: true, path: path.join(artifacts, 'admin-episodes.png') })
  await page.close()
}, 180_000)
