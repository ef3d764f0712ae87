import type { CollectionAfterLoginHook, CollectionBeforeOperationHook, PayloadRequest } from 'payload'

import { pbkdf2, randomBytes } from 'node:crypto'
import { promisify } from 'node:util'

import { RequestRefused } from '../errors.ts'

/** Keys kept at most; past it, expired windows go first, then the oldest. */
const MAX_KEYS = 10_000

const hash = promisify(pbkdf2)
const DUMMY_SALT = randomBytes(32).toString('hex')

/**
 * The client's address as the server in front of Payload saw it. The app's express
 * server overwrites `X-Forwarded-For` with the address it trusts (see TRUST_PROXY), so
 * a client cannot choose its own key.
 */
export const clientAddress = (req: Pick<PayloadRequest, 'headers'>): string => {
  const address = req.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || 'unknown'
  if (address.startsWith('::ffff:') && address.includes('.')) return address.slice(7)
  return address.includes(':') ? ipv6Network(address) : address
}

/** An IPv6 client is its /64 network: one host gets a whole /64, and could take a new address per guess. */
const ipv6Network = (address: string): string => {
  const [head = '', tail] = address.split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group || '0', 16).toString(16))
    .join(':')}::/64`
}

const emailOf = (data: unknown): string => {
  const { email, username } = (data ?? {}) as { email?: unknown; username?: unknown }
  return String(email ?? username ?? '')
    .toLowerCase()
    .trim()
}

/**
 * Failed logins are counted per client address and email: after `attempts` within
 * `windowMinutes`, that pair gets 429 with Retry-After until the window ends (and an
 * address gets it after ten times as many, whatever the emails), while
 * the right password from another address still logs in (Payload's own lockout,
 * turned off in its place, let anyone lock the admin out). An attempt counts until a
 * login succeeds, which clears it. An unknown email costs the same password hashing as
 * a wrong password, so neither the answer nor its timing tells which emails exist.
 *
 * Counts live in this process: behind several app processes each keeps its own.
 */
export const createLoginThrottle = ({ attempts, windowMinutes }: { attempts: number; windowMinutes: number }) => {
  const windowMs = windowMinutes * 60_000
  const failures = new Map<string, { count: number; since: number }>()
  const keyOf = (req: PayloadRequest, email: string) => `${clientAddress(req)}\n${email}`
  // One address trying many emails (each a fresh key, each a full password hash) has a ceiling of its own.
  const addressKeyOf = (req: PayloadRequest) => `${clientAddress(req)}\n*`
  const addressAttempts = attempts * 10

  const prune = (now: number) => {
    for (const [key, entry] of failures) if (now - entry.since >= windowMs) failures.delete(key)
    for (const key of failures.keys()) {
      if (failures.size < MAX_KEYS) break
      failures.delete(key)
    }
  }

  const beforeOperation: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
    if (operation !== 'login') return args
    const email = emailOf((args as { data?: unknown }).data)
    const now = Date.now()
    const counted = [
      { key: keyOf(req, email), limit: attempts },
      { key: addressKeyOf(req), limit: addressAttempts },
    ].map(({ key, limit }) => {
      const entry = failures.get(key)
      return { entry: !entry || now - entry.since >= windowMs ? { count: 0, since: now } : entry, key, limit }
    })
    const blocked = counted.find(({ entry, limit }) => entry.count >= limit)
    if (blocked) {
      const retryAfter = Math.max(1, Math.ceil((blocked.entry.since + windowMs - now) / 1000))
      req.responseHeaders = new Headers({ 'Retry-After': String(retryAfter) })
      throw new RequestRefused(`Too many failed logins. Try again in ${Math.ceil(retryAfter / 60)} minutes.`, 429, { retryAfter })
    }
    if (failures.size >= MAX_KEYS) prune(now)
    for (const { entry, key, limit } of counted) {
      failures.set(key, { ...entry, count: entry.count + 1 })
      // Once per window and key: the moment a guesser reaches the limit is worth an operator's attention.
      if (entry.count + 1 === limit)
        req.payload.logger.warn({
          address: clientAddress(req),
          email: key.endsWith('\n*') ? undefined : email,
          msg: 'Failed logins reached the limit: further attempts get 429 until the window ends',
        })
    }

    const { totalDocs } = await req.payload.count({ collection: collection.slug as never, overrideAccess: true, req, where: { email: { equals: email } } })
    // Payload answers an unknown email at once, but hashes a known one's password (600,000 rounds): do the same work.
    if (!totalDocs) await hash(String((args as { data?: { password?: unknown } }).data?.password ?? ''), DUMMY_SALT, 600_000, 32, 'sha256')
    return args
  }

  const afterLogin: CollectionAfterLoginHook = ({ req, user }) => {
    failures.delete(keyOf(req, emailOf(user)))
    const address = failures.get(addressKeyOf(req))
    if (address) address.count = Math.max(0, address.count - 1)
  }

  return { afterLogin, beforeOperation }
}
