import type { Payload, PayloadRequest } from 'payload'

import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'

/**
 * Runs `fn` in a transaction of its own, committed when it returns and rolled
 * back when it throws. Every Local API call inside must pass the given `req`.
 */
export const withTransaction = async <T>(payload: Payload, user: PayloadRequest['user'] | undefined, fn: (req: PayloadRequest) => Promise<T>): Promise<T> => {
  const req = await createLocalReq({ user: user ?? undefined }, payload)
  await initTransaction(req)
  try {
    const result = await fn(req)
    await commitTransaction(req)
    return result
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}
