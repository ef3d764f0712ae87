/**
 * The app's process: an express server that hosts Next (admin UI, REST and GraphQL
 * routes) plus `/healthz`, on DATABASE_URL or an embedded Postgres.
 */
import './env'
import { startApp } from './app'

await startApp()
