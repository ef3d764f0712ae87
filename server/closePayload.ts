import type { Payload } from 'payload'

type PgClient = { on: (event: 'error', listener: (error: Error) => void) => unknown; release?: (destroy: boolean) => void }
/** The parts of pg's Pool used here; `_clients` and `_idle` are pg-pool internals, stable since pg 8. */
type PgPool = {
  _clients?: PgClient[]
  _idle?: { client: PgClient }[]
  end: () => Promise<void>
  on: ((event: 'error', listener: (error: Error) => void) => unknown) & ((event: 'connect', listener: (client: PgClient) => void) => unknown)
}

const ignore = () => {}

/** The primary's pool, and the pools of the read replicas (DATABASE_READ_URLS), which drizzle's `withReplicas` holds. */
const poolsOf = (payload: Payload): PgPool[] => {
  const db = payload.db as { drizzle?: { $replicas?: { $client?: PgPool }[] }; pool?: PgPool }
  return [db.pool, ...(db.drizzle?.$replicas ?? []).map((replica) => replica.$client)].filter((pool): pool is PgPool => Boolean(pool))
}

/**
 * A lost database connection fails the work in flight, never the process. pg emits `error`
 * on a client whose connection drops while it is checked out (and on the pool for an idle
 * one); with no listener, Node ends the process: the CLI died after 89 of 600 files when a
 * connection was cut. The query in flight still fails, and its file or request with it.
 */
export const surviveConnectionLoss = (payload: Payload): void => {
  const log = (error: Error) => payload.logger.warn({ error: error.message, msg: 'Lost a database connection; the work using it fails, the pool reconnects' })
  for (const pool of poolsOf(payload)) {
    pool.on('error', log)
    pool.on('connect', (client) => client.on('error', log))
    for (const client of pool._clients ?? []) client.on('error', log)
  }
}

/**
 * Stops treating a lost connection as a crash: from here on Postgres goes away on
 * purpose (a test drops its database; on a signal, the embedded server stops itself).
 */
export const muteConnectionErrors = (payload: Payload): void => {
  for (const pool of poolsOf(payload)) {
    pool.on('error', ignore)
    for (const client of pool._clients ?? []) client.on('error', ignore)
  }
}

/**
 * `payload.destroy()` leaves the pg pool open, and `pool.end()` waits forever on a
 * client that was never released (the Postgres adapter keeps one checked out for
 * good). Hand such clients back as broken so the pool ends at once; a deadline
 * remains as a backstop, so processes always exit.
 */
export const closePayload = async (payload: Payload, timeoutMs = 5_000): Promise<void> => {
  const pools = poolsOf(payload)
  await payload.destroy().catch(() => {})
  muteConnectionErrors(payload)
  await Promise.all(pools.map((pool) => endPool(pool, timeoutMs)))
}

const endPool = async (pool: PgPool, timeoutMs: number): Promise<void> => {
  const idle = new Set((pool._idle ?? []).map((item) => item.client))
  for (const client of pool._clients ?? []) {
    if (!idle.has(client)) {
      try {
        client.release?.(true)
      } catch {
        // Released meanwhile: the pool ends it itself.
      }
    }
  }
  let timer: NodeJS.Timeout | undefined
  await Promise.race([
    pool.end().catch(() => {}),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs)
      timer.unref()
    }),
  ])
  clearTimeout(timer)
}
