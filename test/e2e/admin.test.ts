/**
 * The admin in a real browser against the production build. Its own server and
 * database, so a browser that fails to launch cannot fail the HTTP tests.
 */
import type { Browser, Page } from 'playwright-core'

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

/**
 * One page, logged in to the admin as the seeded admin, shared by the tests: the packaged Chromium runs
 * as a single process, which ends with its last page.
 */
let shared: Page | undefined
const logIn = async () => (shared ??= await newLoggedInPage())
const newLoggedInPage = async () => {
  const page = await browser.newPage({ viewport: { height: 900, width: 1400 } })
  await page.goto(`${server.baseUrl}/admin/login`)
  await page.fill('input[name="email"]', DEV_ADMIN_EMAIL)
  await page.fill('input[name="password"]', ADMIN_PASSWORD)
  await page.click('button[type="submit"]')
  await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 60_000 })
  return page
}

/** The REST API as the seeded admin, by token: what the tests set up and check beside the browser. */
const api = async (path: string, init: { body?: unknown; method?: string } = {}) => {
  const login = await fetch(`${server.baseUrl}/api/users/login`, {
    body: JSON.stringify({ email: DEV_ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    headers: { 'Content-Type': 'application/json' },
    method: 'POST',
  })
  const { token } = (await login.json()) as { token: string }
  const res = await fetch(`${server.baseUrl}/api${path}`, {
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
    method: init.method ?? 'GET',
  })
  return { body: (await res.json()) as Record<string, any>, status: res.status }
}

test('the seeded admin logs in to /admin and sees the demo episodes', async () => {
  const page = await logIn()

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
}, 180_000)

test('staff import a transcript with its YAML sidecar in one go, from the imports list', async () => {
  const page = await logIn()
  await page.goto(`${server.baseUrl}/admin/collections/transcript-imports`)
  await page.getByLabel('Transcript files').setInputFiles([
    { buffer: Buffer.from('WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Ada Lovelace>Hello from the browser.\n'), mimeType: 'text/vtt', name: 'e2e-pair.vtt' },
    { buffer: Buffer.from('title: "Sidecar Pair Episode"\npermalink: /sidecar-pair\nstatus: draft\n'), mimeType: 'application/yaml', name: 'e2e-pair.yaml' },
  ])
  await page.getByRole('button', { name: 'Import 2 files' }).click()
  const results = page.getByTestId('podcast-bulk-results')
  await results.waitFor({ timeout: 60_000 })
  // One report: the sidecar travelled with its transcript and gave it its episode.
  expect((await results.locator('tr').allInnerTexts()).map((row) => row.split('\t').slice(0, 2))).toEqual([['e2e-pair.vtt', 'imported']])
  const { body } = await api('/episodes?where[slug][equals]=sidecar-pair&draft=true&depth=0')
  expect(body.docs.map((doc: { title: string; workflowStatus: string }) => [doc.title, doc.workflowStatus])).toEqual([['Sidecar Pair Episode', 'draft']])
}, 180_000)

test('staff merge a speaker into the same person from its sidebar', async () => {
  const twin = await api('/speakers', { body: { aliases: [{ label: 'Twinny' }], name: 'E2E Twin Copy' }, method: 'POST' })
  const keeper = await api('/speakers', { body: { name: 'E2E Twin Keeper' }, method: 'POST' })
  expect([twin.status, keeper.status]).toEqual([201, 201])
  const page = await logIn()
  await page.goto(`${server.baseUrl}/admin/collections/speakers/${twin.body.doc.id}`)
  await page.getByPlaceholder('Search by name').fill('Twin Keeper')
  await page.getByLabel('Merge into', { exact: true }).selectOption({ label: 'E2E Twin Keeper' })
  page.once('dialog', (dialog) => void dialog.accept())
  await page.getByRole('button', { name: 'Merge', exact: true }).click()
  await page.getByTestId('podcast-merge-done').waitFor({ timeout: 60_000 })
  expect((await api(`/speakers/${twin.body.doc.id}`)).status).toBe(404)
  const kept = await api(`/speakers/${keeper.body.doc.id}?depth=0`)
  expect(kept.body.aliases.map((alias: { label: string }) => alias.label)).toEqual(expect.arrayContaining(['Twinny', 'E2E Twin Copy']))
}, 180_000)
