import { readFileSync } from 'node:fs'

import { createFreshDatabase, dropDatabase, queryDatabase } from './database'
import { ensureBuild, type RunningServer, startServer } from './server'

export const ADMIN_EMAIL = 'admin@example.com'
export const ADMIN_PASSWORD = 'Security-admin-pass-1'
export const STAFF_PASSWORD = 'Security-staff-pass-1'
export const SITE = 'https://site.example'

export type Reply<T = any> = { body: T; headers: Headers; status: number; text: string }

/** Requests to a running server as the security tests make them: from some client address, with a token, JSON parsed. */
export const httpClient = (baseUrl: string) => {
  const request = async <T = any>(path: string, init: RequestInit & { as?: string; from?: string } = {}): Promise<Reply<T>> => {
    const headers = new Headers(init.headers)
    if (init.as) headers.set('Authorization', `JWT ${init.as}`)
    // Every request speaks from some address; the default keeps tests clear of each other's login counts.
    headers.set('X-Forwarded-For', init.from ?? '192.0.2.1')
    if (init.body && typeof init.body === 'string' && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json')
    const res = await fetch(`${baseUrl}${path}`, { ...init, headers, redirect: 'manual' })
    const text = await res.text()
    let body: unknown = text
    try {
      body = text ? JSON.parse(text) : null
    } catch {
      // not JSON
    }
    return { body: body as T, headers: res.headers, status: res.status, text }
  }

  const json = (method: string, path: string, data: unknown, init: RequestInit & { as?: string; from?: string } = {}) =>
    request(path, { ...init, body: JSON.stringify(data), method })

  const login = async (email: string, password: string, from = '192.0.2.200') => {
    const res = await json('POST', '/api/users/login', { email, password }, { from })
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${res.text}`)
    return res.body.token as string
  }

  const graphql = (query: string, variables: Record<string, unknown> = {}, init: RequestInit & { as?: string; from?: string } = {}) =>
    json('POST', '/api/graphql', { query, variables }, init)

  return { graphql, json, login, request }
}

/**
 * The production server on a fresh database, seeded (admin, hosts, three demo
 * episodes), as an attacker meets it: over HTTP. It trusts loopback proxies, so a test
 * can speak from any client address with `X-Forwarded-For`.
 */
export const startLiveServer = async (env: Record<string, string> = {}) => {
  ensureBuild()
  const databaseUrl = await createFreshDatabase()
  let server: RunningServer
  try {
    server = await startServer({
      CORS_ORIGINS: SITE,
      DATABASE_URL: databaseUrl,
      PAYLOAD_ADMIN_PASSWORD: ADMIN_PASSWORD,
      PAYLOAD_SECRET: 'live-server-test-secret',
      SEED_ON_START: 'true',
      TRUST_PROXY: 'loopback',
      ...env,
    })
  } catch (error) {
    await dropDatabase(databaseUrl)
    throw error
  }

  const { graphql, json, login, request } = httpClient(server.baseUrl)

  const admin = await login(ADMIN_EMAIL, ADMIN_PASSWORD)
  const createStaff = async (role: 'admin' | 'author' | 'editor', email = `${role}@example.com`, as = admin) => {
    const created = await json('POST', '/api/users', { email, name: `The ${role}`, password: STAFF_PASSWORD, roles: [role] }, { as })
    if (created.status !== 201) throw new Error(`create ${email}: ${created.status} ${created.text}`)
    return { id: created.body.doc.id as number, token: await login(email, STAFF_PASSWORD) }
  }

  /** One SQL query on the server's database, for ground truth the API may not show. */
  const sql = <T = any>(text: string, values: unknown[] = []): Promise<T[]> => queryDatabase<T>(databaseUrl, text, values)

  /** The server process's resident memory, in MB. */
  const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))![1]) / 1024

  return {
    admin,
    baseUrl: server.baseUrl,
    createStaff,
    graphql,
    json,
    login,
    logs: () => server.logs(),
    pid: server.pid,
    request,
    rssMb,
    sql,
    stop: async () => {
      await server.stop()
      await dropDatabase(databaseUrl)
    },
  }
}

export type LiveServer = Awaited<ReturnType<typeof startLiveServer>>
