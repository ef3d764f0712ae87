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

/** Episodes whose stored counts (main row or any version) disagree with the turns of the revision they point to. */
export const disagreeingTurnCounts = (url: string) =>
  queryDatabase<{ actual: number; id: number; row: string; stored: number }>(
    url,
    `SELECT 'main' AS row, e.id, e.transcript_turn_count::int AS stored, (SELECT count(*)::int FROM transcript_turns t WHERE t.revision_id = e.transcript_revision_id) AS actual
     FROM episodes e
     UNION ALL
     SELECT 'version', v.parent_id, v.version_transcript_turn_count::int, (SELECT count(*)::int FROM transcript_turns t WHERE t.revision_id = v.version_transcript_revision_id)
     FROM _episodes_v v`,
  ).then((rows) => rows.filter((row) => row.stored !== row.actual))

/** Cuts every connection to the database but this one's; returns how many. */
export const cutConnections = async (url: string): Promise<number> =>
  (
    await queryDatabase<{ n: number }>(
      url,
      'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [new URL(url).pathname.slice(1)],
    )
  )[0].n

/** A transcript of `turns` alternating turns, as an archive's files look. */
export const longTranscript = (slug: string, turns: number, front = 'status: published') =>
  `---\nepisode: "${slug}: a long one"\npermalink: /${slug}\n${front}\n---\n\n${Array.from(
    { length: turns },
    (_, turn) =>
      `**${turn % 2 ? 'Ann' : 'Bob'}:** [00:${String(Math.floor(turn / 60) % 60).padStart(2, '0')}:${String(turn % 60).padStart(2, '0')}] ${slug} says ${turn}.`,
  ).join('\n\n')}\n`
