/**
 * Writes, over HTTP against the production server: transcript turns follow their
 * episode's workflow whichever way they are written, cookie writes from other sites
 * are refused, and the security headers and cookie flags. (Security review, findings
 * 3, 4 and 6.)
 */
import { type LiveServer, SITE, startLiveServer } from '../helpers/liveServer'

let s: LiveServer
let author: { id: number; token: string }
let editor: { id: number; token: string }

type Status = 'approved' | 'draft' | 'in_review' | 'published' | 'scheduled'
const episodes = {} as Record<Status, { id: number; slug: string; turn: number }>
let speaker: number

beforeAll(async () => {
  s = await startLiveServer()
  author = await s.createStaff('author')
  editor = await s.createStaff('editor')
  speaker = (await s.json('POST', '/api/speakers', { name: 'Turn Voice' }, { as: s.admin })).body.doc.id
  for (const status of ['draft', 'in_review', 'approved', 'scheduled', 'published'] as Status[]) {
    const created = await s.json('POST', '/api/episodes', { title: `Writes ${status}` }, { as: s.admin })
    const { id, slug } = created.body.doc
    const turn = await s.json('POST', '/api/transcript-turns', { episode: id, position: 0, speaker, text: `Original words of ${status}` }, { as: s.admin })
    expect(turn.status).toBe(201)
    if (status !== 'draft') {
      const when = status === 'scheduled' ? { publishedAt: new Date(Date.now() + 86_400_000).toISOString() } : {}
      const moved = await s.json('PATCH', `/api/episodes/${id}`, { workflowStatus: status, ...when }, { as: s.admin })
      expect([status, moved.status]).toEqual([status, 200])
    }
    episodes[status] = { id, slug, turn: turn.body.doc.id }
  }
}, 300_000)
afterAll(async () => {
  await s?.stop()
})

/** A turn as the admin reads it. */
const turnOf = async (id: number) => (await s.request(`/api/transcript-turns/${id}?depth=0`, { as: s.admin })).body
const turnsOf = async (episode: number) =>
  (await s.request(`/api/transcript-turns?where[episode][equals]=${episode}&sort=position&depth=0&limit=100`, { as: s.admin })).body.docs as {
    id: number
    text: string
  }[]
const publicTranscript = async (slug: string) =>
  ((await s.request(`/api/episodes/${slug}/transcript`)).body.docs as { text: string }[]).map((turn) => turn.text)

describe('transcript turns follow their episode’s workflow', () => {
  test('nobody rewrites a published transcript in place: PATCH, GraphQL, bulk PATCH, new turns, DELETE', async () => {
    const { id: episode, slug, turn } = episodes.published
    const before = await turnsOf(episode)
    // Authors may not touch it at all, by any path.
    const patched = await s.json('PATCH', `/api/transcript-turns/${turn}`, { text: 'Rewritten' }, { as: author.token })
    expect(patched.status).toBe(403)
    const gql = await s.graphql(`mutation { updateTranscriptTurn(id: ${turn}, data: { text: "Rewritten" }) { id } }`, {}, { as: author.token })
    expect(gql.body.errors[0].message).toMatch(/not allowed|published/)
    const added = await s.json('POST', '/api/transcript-turns', { episode, position: 99, text: 'Added words' }, { as: author.token })
    expect([added.status, added.body.errors[0].message]).toEqual([
      403,
      'The turn is in the published transcript: change it in a draft (re-import, or edit it by id).',
    ])
    expect((await s.request(`/api/transcript-turns/${turn}`, { as: author.token, method: 'DELETE' })).status).toBe(403)
    // A bulk write by where skips published turns, for editors and admins too.
    for (const token of [author.token, editor.token, s.admin]) {
      const bulk = await s.json('PATCH', `/api/transcript-turns?where[episode][equals]=${episode}`, { text: 'Bulk rewritten' }, { as: token })
      expect(bulk.body.docs ?? []).toEqual([])
    }
    expect(await turnsOf(episode)).toEqual(before)
    expect(await publicTranscript(slug)).toEqual(['Original words of published'])

    // An editor's write by id goes to a draft copy of the transcript: the published row is not touched.
    const edited = await s.json('PATCH', `/api/transcript-turns/${turn}`, { text: 'Corrected in a draft' }, { as: editor.token })
    expect([edited.status, edited.body.doc.text]).toEqual([200, 'Corrected in a draft'])
    expect(edited.body.doc.id).not.toBe(turn)
    expect((await turnOf(turn)).text).toBe('Original words of published')
    expect(await publicTranscript(slug)).toEqual(['Original words of published'])
    // Now that a draft exists, the published turn is not the one to change, for admins either.
    const admin = await s.json('PATCH', `/api/transcript-turns/${turn}`, { text: 'Corrected by admin' }, { as: s.admin })
    expect(admin.status).toBe(409)
    expect((await s.request(`/api/transcript-turns/${turn}`, { as: s.admin, method: 'DELETE' })).status).toBe(409)
    expect((await turnOf(turn)).text).toBe('Original words of published')
    expect(await publicTranscript(slug)).toEqual(['Original words of published'])
  })

  test('authors write turns of episodes in draft or in review only; editors of any episode not live', async () => {
    const outcome: Record<string, Record<string, number>> = {}
    for (const [role, token] of [
      ['author', author.token],
      ['editor', editor.token],
    ] as const) {
      outcome[role] = {}
      for (const status of ['draft', 'in_review', 'approved', 'scheduled'] as Status[]) {
        const { turn } = episodes[status]
        const text = `${role} edits ${status}`
        const res = await s.json('PATCH', `/api/transcript-turns/${turn}`, { text }, { as: token })
        outcome[role][status] = res.status
        expect((await turnOf(turn)).text).toBe(res.status === 200 ? text : `Original words of ${status}`)
        await s.json('PATCH', `/api/transcript-turns/${turn}`, { text: `Original words of ${status}` }, { as: s.admin })
      }
    }
    // Authors are refused approved and scheduled episodes through the access rule: Payload answers 403.
    expect(outcome).toEqual({
      author: { approved: 403, draft: 200, in_review: 200, scheduled: 403 },
      editor: { approved: 200, draft: 200, in_review: 200, scheduled: 200 },
    })
  })

  test('authors add turns only to episodes they may edit', async () => {
    for (const status of ['draft', 'approved'] as Status[]) {
      const { id } = episodes[status]
      const before = (await turnsOf(id)).length
      const res = await s.json('POST', '/api/transcript-turns', { episode: id, position: 50, text: `Author adds to ${status}` }, { as: author.token })
      expect([status, res.status]).toEqual([status, status === 'draft' ? 201 : 403])
      expect((await turnsOf(id)).length).toBe(status === 'draft' ? before + 1 : before)
    }
  })

  test('no turn moves to another episode: a draft’s words never reach a published transcript', async () => {
    const { turn } = episodes.draft
    for (const token of [author.token, editor.token, s.admin]) {
      const moved = await s.json('PATCH', `/api/transcript-turns/${turn}`, { episode: episodes.published.id }, { as: token })
      expect(moved.status).toBe(400)
      expect(moved.body.errors[0].message).toBe('A turn cannot move to another episode.')
    }
    expect((await turnOf(turn)).episode).toBe(episodes.draft.id)
    expect(await publicTranscript(episodes.published.slug)).toEqual(['Original words of published'])
  })

  test('a turn’s speaker must exist', async () => {
    const { turn } = episodes.draft
    const res = await s.json('PATCH', `/api/transcript-turns/${turn}`, { speaker: 987654 }, { as: editor.token })
    expect(res.status).toBe(400)
    expect((await turnOf(turn)).speaker).toBe(speaker)
    const created = await s.json(
      'POST',
      '/api/transcript-turns',
      { episode: episodes.draft.id, position: 77, speaker: 987654, text: 'x' },
      { as: editor.token },
    )
    expect(created.status).toBe(400)
    expect((await turnsOf(episodes.draft.id)).some((row) => row.text === 'x')).toBe(false)
  })

  test('editors delete turns of episodes that are not live', async () => {
    const made = await s.json('POST', '/api/transcript-turns', { episode: episodes.in_review.id, position: 60, text: 'To delete' }, { as: editor.token })
    expect(made.status).toBe(201)
    expect((await s.request(`/api/transcript-turns/${made.body.doc.id}`, { as: editor.token, method: 'DELETE' })).status).toBe(200)
    expect((await s.request(`/api/transcript-turns/${made.body.doc.id}`, { as: s.admin })).status).toBe(404)
  })
})

describe('cross-site request forgery', () => {
  let cookie: string
  const summary = async () => (await s.request(`/api/episodes/${episodes.draft.id}?depth=0`, { as: s.admin })).body.summary

  beforeAll(async () => {
    const res = await s.json('POST', '/api/users/login', { email: 'editor@example.com', password: 'Security-staff-pass-1' }, { from: '192.0.2.77' })
    cookie = res.headers
      .getSetCookie()
      .find((line) => line.startsWith('payload-token='))!
      .split(';')[0]
  })

  test('a cookie-authenticated write from another origin gets 403 and changes nothing', async () => {
    const before = await summary()
    for (const headers of [{ Origin: 'https://evil.example' }, { Origin: 'null' }, { 'Sec-Fetch-Site': 'cross-site' }] as Record<string, string>[]) {
      const res = await s.json('PATCH', `/api/episodes/${episodes.draft.id}`, { summary: 'Forged' }, { headers: { Cookie: cookie, ...headers } })
      expect([headers, res.status]).toEqual([headers, 403])
      const gql = await s.graphql(
        `mutation { updateEpisode(id: ${episodes.draft.id}, data: { summary: "Forged" }) { id } }`,
        {},
        { headers: { Cookie: cookie, ...headers } },
      )
      expect(gql.status).toBe(403)
    }
    expect(await summary()).toBe(before)
  })

  test('the same write from the server’s own origin, or an allowed one, goes through', async () => {
    for (const origin of [s.baseUrl, SITE]) {
      const res = await s.json('PATCH', `/api/episodes/${episodes.draft.id}`, { summary: `From ${origin}` }, { headers: { Cookie: cookie, Origin: origin } })
      expect(res.status).toBe(200)
      expect(await summary()).toBe(`From ${origin}`)
    }
  })

  test('a token is not a cookie: another origin may write with one', async () => {
    const res = await s.json(
      'PATCH',
      `/api/episodes/${episodes.draft.id}`,
      { summary: 'With a token' },
      { as: editor.token, headers: { Origin: 'https://evil.example' } },
    )
    expect(res.status).toBe(200)
    expect(await summary()).toBe('With a token')
  })
})

describe('headers and cookies', () => {
  const expected = {
    'content-security-policy': "frame-ancestors 'self'",
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'SAMEORIGIN',
  }
  const pick = (headers: Headers, names: string[]) => Object.fromEntries(names.map((name) => [name, headers.get(name)]))

  test('the admin and the API carry the security headers; HSTS only over HTTPS', async () => {
    for (const path of ['/admin/login', '/api/episodes', '/api/graphql-playground', '/api/nothing-here']) {
      const res = await s.request(path)
      expect([path, pick(res.headers, [...Object.keys(expected), 'strict-transport-security'])]).toEqual([
        path,
        { ...expected, 'strict-transport-security': null },
      ])
    }
    const https = await s.request('/api/episodes', { headers: { 'X-Forwarded-Proto': 'https' } })
    expect(https.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
  })

  test('the session cookie is Secure under HTTPS, and only then', async () => {
    const login = (proto: string) =>
      s.json(
        'POST',
        '/api/users/login',
        { email: 'author@example.com', password: 'Security-staff-pass-1' },
        { from: '192.0.2.78', headers: { 'X-Forwarded-Proto': proto } },
      )
    const secure = (await login('https')).headers.getSetCookie().find((line) => line.startsWith('payload-token='))!
    expect(secure.split(';').map((part) => part.trim().toLowerCase())).toContain('secure')
    const plain = (await login('http')).headers.getSetCookie().find((line) => line.startsWith('payload-token='))!
    expect(plain.split(';').map((part) => part.trim().toLowerCase())).not.toContain('secure')
  })
})
