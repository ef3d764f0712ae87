import type { Payload } from 'payload'

import express, { type Express } from 'express'
import next from 'next'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { muteConnectionErrors } from './closePayload'
import { bodyLimitFor } from './bodyLimits'
import { mountPayloadApi } from './mountPayloadApi'
import { refuseCrossSiteWrites, securityHeaders, warnOnceAboutProxy } from './security'
import { readServerSettings, type ServerSettings } from './settings'
import { startPayload } from './startPayload'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Starts the app: the database, Payload (with the job queue), Payload's REST and
 * GraphQL, Next (admin UI) and `/healthz`, on one express server. `routes` may add
 * routes ahead of Next's catch-all (the API benchmark adds its floor there).
 */
export const startApp = async ({ routes }: { routes?: (app: Express, payload: Payload) => void } = {}) => {
  const dev = process.env.NODE_ENV !== 'production'
  const port = Number(process.env.PORT ?? 3000)
  const hostname = process.env.HOST ?? '0.0.0.0'
  if (!dev && !process.env.PAYLOAD_SECRET) {
    console.error('PAYLOAD_SECRET must be set in production (see .env.example).')
    process.exit(1)
  }

  let settings: ServerSettings
  try {
    settings = readServerSettings()
  } catch (error) {
    console.error((error as Error).message)
    process.exit(1)
  }

  // RUN_JOBS=false: this instance serves requests only, and a job runner (`npm run jobs`) runs the queue.
  const {
    db,
    payload,
    shutdown: stopPayload,
  } = await startPayload({
    cron: process.env.RUN_JOBS !== 'false',
    seedIfEmpty: dev || process.env.SEED_ON_START === 'true',
  })
  const nextApp = next({ dev, dir: root, hostname, port })
  await nextApp.prepare()
  const handle = nextApp.getRequestHandler()

  const app = express()
  app.disable('x-powered-by')
  // Behind a TLS-terminating proxy: lets X-Forwarded-Proto/Host/For through to Payload (express's 'trust proxy').
  app.set('trust proxy', settings.trustProxy)
  if (!settings.trustProxy) app.use(warnOnceAboutProxy(payload))
  app.use(securityHeaders)
  const { config } = payload
  const allowedOrigins = [...(Array.isArray(config.cors) ? config.cors : []), ...(config.serverURL ? [config.serverURL] : [])]
  app.use(refuseCrossSiteWrites({ allowedOrigins, cookieName: `${config.cookiePrefix}-token` }))
  app.get('/healthz', async (_req, res) => {
    try {
      await payload.db.pool.query('SELECT 1')
      res.set('Cache-Control', 'no-store').json({ database: 'ok', status: 'ok' })
    } catch (error) {
      payload.logger.error({ err: error, msg: 'Health check failed' })
      res.status(503).set('Cache-Control', 'no-store').json({ database: 'unreachable', status: 'error' })
    }
  })
  routes?.(app, payload)
  // No body parser here: Payload's route handlers read the raw request themselves.
  mountPayloadApi(app, config, bodyLimitFor(config, settings.maxUploadBytes))
  app.all('/{*splat}', (req, res) => handle(req, res))

  const server = app.listen(port, hostname, () => {
    payload.logger.info(`Podcast CMS ready on http://localhost:${port}/admin (database: ${db.embedded ? 'embedded' : 'DATABASE_URL'})`)
  })

  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    // The embedded Postgres stops itself on the same signal, while requests and Next wind down.
    muteConnectionErrors(payload)
    payload.logger.info(`${signal}: shutting down`)
    server.close()
    await nextApp.close().catch(() => {})
    await stopPayload()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  return { payload, server }
}
