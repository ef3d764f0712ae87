import type { Payload } from 'payload'

/**
 * `payload.destroy()` leaves the pg pool open, and `pool.end()` waits forever on a
 * client that was never released; end the pool with a deadline so processes exit.
 */
export const closePayload = async (payload: Payload, timeoutMs = 5_000): Promise<void> => {
  const pool = (payload.db as { pool?: { end: () => Promise<void> } }).pool
  await payload.destroy().catch(() => {})
  if (!pool) return
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
