import { randomBytes } from 'node:crypto'
import pg from 'pg'

const serverUrl = () => {
  const url = process.env.TEST_DATABASE_SERVER_URL
  if (!url) throw new Error('TEST_DATABASE_SERVER_URL is not set: run the tests through `npm test`.')
  return url
}

const withAdminClient = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
  const admin = new URL(serverUrl())
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** A new, empty database on the test server; returns its URL. */
export const createFreshDatabase = async (): Promise<string> => {
  const name = `podcast_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`))
  const url = new URL(serverUrl())
  url.pathname = `/${name}`
  return url.toString()
}

export const dropDatabase = async (url: string): Promise<void> => {
  const name = new URL(url).pathname.slice(1)
  await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
}

/** One SQL query on a database, on a connection of its own: ground truth beside the app's pool. */
export const queryDatabase = async <T = any>(url: string, text: string, values: unknown[] = []): Promise<T[]> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(text, values)).rows as T[]
  } finally {
    await client.end()
  }
}
