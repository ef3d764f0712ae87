/**
 * Limits, over HTTP against the production server: GraphQL depth and cost, REST page
 * sizes and depth, body sizes and the memory they may cost, requests that used to
 * answer 500, HEAD, and fields the public must not see. (Security review, findings 2,
 * 5, 8 and 9.)
 */
import { once } from 'node:events'
import { readdirSync, readlinkSync } from 'node:fs'
import { connect } from 'node:net'
import sharp from 'sharp'

import { type LiveServer, startLiveServer } from '../helpers/liveServer'

let s: LiveServer
let editor: { id: number; token: string }
const LONG = { slug: 'long-episode', turns: 2500 }
let longId: number

beforeAll(async () => {
  s = await startLiveServer()
  editor = await s.createStaff('editor')
  const lines = Array.from(
    { length: LONG.turns },
    (_, index) => `**Ann:** [${new Date(index * 1000).toISOString().slice(11, 19)}] Turn number ${index} of the long episode.`,
  )
  const imported = await s.json(
    'POST',
    '/api/transcript-imports/bulk',
    { files: [{ content: `---\nepisode: Long episode\npermalink: /${LONG.slug}\n---\n${lines.join('\n\n')}`, name: 'long.md' }], status: 'published' },
    { as: s.admin },
  )
  expect(imported.body.summary).toMatchObject({ imported: 1 })
  longId = imported.body.results[0].episode.id
}, 300_000)
afterAll(async () => {
  await s?.stop()
})

const episodeCount = async () => (await s.request('/api/episodes?limit=1&draft=true', { as: s.admin })).body.totalDocs as number

describe('GraphQL depth and cost', () => {
  const expectRefused = async (query: string, codes: string[], init: { as?: string; variables?: Record<string, unknown> } = {}) => {
    const res = await s.graphql(query, init.variables, { as: init.as })
    expect([res.status, res.body.errors?.map((error: { extensions: { code: string } }) => error.extensions.code)]).toEqual([400, codes])
    // Refused before execution: no data at all.
    expect(res.body.data).toBeUndefined()
    return res
  }
  const expectAllowed = async (query: string, variables?: Record<string, unknown>) => {
    const res = await s.graphql(query, variables)
    expect([res.status, res.body.errors]).toEqual([200, undefined])
    return res.body.data
  }

  test('the 20-level query of the review is refused with 400, for the public and for an admin', async () => {
    const level = (inner: string) => `turns(limit: 100) { docs { speaker { guest { episodes(limit: 100) { docs { ${inner} } } } } } }`
    const query = `{ Episodes { docs { ${level(level(level(level(level('title')))))} } } }`
    const res = await expectRefused(query, ['QUERY_TOO_DEEP', 'QUERY_TOO_COSTLY'])
    expect(res.body.errors[0].message).toBe('The query is 33 levels deep; at most 8 are allowed.')
    await s.graphql(query, {}, { as: s.admin }).then((admin) => expect(admin.status).toBe(400))
  })

  test('depth 8 passes, depth 9 does not (every level counts, docs too)', async () => {
    await expectAllowed('{ Episodes(limit: 1) { docs { guests { episodes(limit: 1) { docs { guests { photo { url } } } } } } } }')
    await expectRefused('{ Episodes(limit: 1) { docs { guests { episodes(limit: 1) { docs { guests { episodes(limit: 1) { docs { id } } } } } } } } }', [
      'QUERY_TOO_DEEP',
    ])
  })

  test('cost is fields times the limits around them; variables, limit 0 and aliases count', async () => {
    await expectAllowed('{ Episodes(limit: 20) { docs { turns(limit: 99) { docs { text } } } } }')
    await expectRefused('{ Episodes(limit: 30) { docs { turns(limit: 99) { docs { text } } } } }', ['QUERY_TOO_COSTLY'])
    await expectRefused('query($n: Int) { Episodes(limit: $n) { docs { turns(limit: 99) { docs { text } } } } }', ['QUERY_TOO_COSTLY'], {
      variables: { n: 30 },
    })
    await expectRefused('{ Episodes(limit: 0) { docs { turns(limit: 99) { docs { text } } } } }', ['QUERY_TOO_COSTLY'])
    const aliases = Array.from({ length: 300 }, (_, index) => `a${index}: Episodes(limit: 100) { docs { title } }`).join(' ')
    const res = await expectRefused(`{ ${aliases} }`, ['QUERY_TOO_COSTLY'])
    expect(res.body.errors[0].message).toBe('The query could return about 60300 values; at most 5000 are allowed. Ask for smaller pages or fewer fields.')
  })

  test('fragments that double at every level are refused at once, not expanded for minutes', async () => {
    const levels = 26
    const fragments = Array.from(
      { length: levels },
      (_, index) => `fragment F${index} on Query { __typename ${index + 1 < levels ? `...F${index + 1} ...F${index + 1}` : ''} }`,
    )
    const started = performance.now()
    const res = await s.graphql(`query { ...F0 } ${fragments.join(' ')}`)
    // Expanded, this is 2^26 fields: about four minutes of blocked event loop before the cap.
    expect([res.status, res.body.errors[0].message]).toEqual([400, 'The query has more than 10000 fields once its fragments are expanded.'])
    expect(performance.now() - started).toBeLessThan(5_000)
  })

  test('a variable’s default value counts as if it were sent; a join without a limit counts as its largest page', async () => {
    await expectRefused('query($a: Int = 100, $b: Int = 2000) { Episodes(limit: $a) { docs { title turns(limit: $b) { docs { text } } } } }', [
      'QUERY_TOO_COSTLY',
    ])
    // Payload asks for all of a join named without a limit; the read bounds then give 2,000 turns.
    await expectRefused('{ Episodes(limit: 3) { docs { turns { docs { text } } } } }', ['QUERY_TOO_COSTLY'])
    await expectAllowed('{ Episodes(limit: 3) { docs { turns(limit: 500) { docs { text } } } } }')
  })

  test('one login per request: aliased logins are refused before any password is hashed', async () => {
    const aliases = Array.from({ length: 40 }, (_, index) => `a${index}: loginUser(email: "nobody-${index}@example.com", password: "x") { token }`).join(' ')
    const res = await s.graphql(`mutation { ${aliases} }`)
    expect([res.status, res.body.errors[0].message]).toEqual([400, 'Log in, or ask for a password reset, once per request.'])
  })

  test('cyclic fragments get 400, not a stack overflow', async () => {
    const res = await s.graphql('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }')
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message).toBe('Fragment "A" spreads itself.')
  })

  test('the README’s example queries still pass', async () => {
    const episode = await expectAllowed(
      '{ Episodes(where: { slug: { equals: "episode-1-welcome-priya-raman" } }) { docs { title guests { name } turns(limit: 50) { docs { position text speaker { name role } } hasNextPage } } } }',
    )
    expect(episode.Episodes.docs[0].title).toBe('Episode 1: Welcome to Open Source Audio with Priya Raman')
    const transcript = await expectAllowed(
      '{ EpisodeTranscript(idOrSlug: "episode-1-welcome-priya-raman", page: 2, limit: 100) { totalDocs hasNextPage docs { position start text speaker { name role } } } }',
    )
    expect(transcript.EpisodeTranscript.totalDocs).toBeGreaterThan(0)
  })

  test('/healthz answers within a second while the heaviest allowed queries run', async () => {
    // Each costs about 4,000 of the 5,000 allowed.
    const heavy = `{ EpisodeTranscript(idOrSlug: "${LONG.slug}", limit: 2000) { docs { text } } }`
    expect((await s.graphql(heavy)).body.data.EpisodeTranscript.docs).toHaveLength(2000)
    const turnsQuery = '{ TranscriptTurns(limit: 1000) { docs { text speakerLabel position } } }'
    expect((await s.graphql(turnsQuery)).body.data.TranscriptTurns.docs).toHaveLength(1000)
    let running = true
    const load = async () => {
      while (running) await Promise.all([s.graphql(heavy), s.graphql(turnsQuery), s.graphql(heavy)])
    }
    const loaders = [load(), load()]
    const latencies: number[] = []
    try {
      await new Promise((resolve) => setTimeout(resolve, 300))
      for (let sample = 0; sample < 25; sample++) {
        const started = performance.now()
        expect((await fetch(`${s.baseUrl}/healthz`)).status).toBe(200)
        latencies.push(performance.now() - started)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    } finally {
      running = false
      await Promise.all(loaders)
    }
    expect(Math.max(...latencies)).toBeLessThan(1000)
  }, 120_000)
})

describe('REST bounds', () => {
  test('page size is clamped to 100 (2,000 for turns); "all" is for admins only', async () => {
    for (const query of ['limit=500', 'limit=0', 'pagination=false']) {
      const res = await s.request(`/api/episodes?${query}`)
      expect([query, res.status, res.body.limit]).toEqual([query, 200, 100])
    }
    const turns = await s.request(`/api/transcript-turns?limit=5000&where[episode][equals]=${longId}`)
    expect([turns.body.limit, turns.body.docs.length, turns.body.hasNextPage]).toEqual([2000, 2000, true])
    const editorAll = await s.request(`/api/transcript-turns?limit=0&where[episode][equals]=${longId}`, { as: editor.token })
    expect(editorAll.body.docs.length).toBe(2000)
    const adminAll = await s.request(`/api/transcript-turns?limit=0&where[episode][equals]=${longId}&depth=0`, { as: s.admin })
    expect(adminAll.body.docs.length).toBe(LONG.turns)
    // A join page is bounded the same way.
    const joined = await s.request(`/api/episodes/${longId}?joins[turns][limit]=0&depth=0`)
    expect([joined.body.turns.docs.length, joined.body.turns.hasNextPage]).toEqual([2000, true])
  })

  test('a GraphQL join at the largest page still tells whether there is a next one', async () => {
    const turnsOf = async (selection: string) =>
      (await s.graphql(`{ Episodes(limit: 1, where: { slug: { equals: "${LONG.slug}" } }) { docs { turns(limit: 2000) { ${selection} } } } }`)).body.data
        .Episodes.docs[0].turns
    // Asked apart: together they would cost 6,001 (hasNextPage counts once per row), over the 5,000 allowed.
    expect((await turnsOf('docs { position }')).docs).toHaveLength(2000)
    expect(await turnsOf('hasNextPage')).toEqual({ hasNextPage: true })
  })

  test('the public’s depth stops at 3; staff may go deeper', async () => {
    // A chain four relationships long: turn → episode → host → guest → photo.
    const png = await sharp({ create: { background: '#c00', channels: 3, height: 2, width: 2 } })
      .png()
      .toBuffer()
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'photo.png')
    form.append('_payload', JSON.stringify({ alt: 'A photo' }))
    const photo = (await s.request('/api/media', { as: s.admin, body: form, method: 'POST' })).body.doc.id
    const guest = (await s.json('POST', '/api/guests', { isPublic: true, name: 'Deep Guest', photo }, { as: s.admin })).body.doc.id
    const host = (await s.json('POST', '/api/speakers', { guest, isPublic: true, name: 'Deep Host', role: 'host' }, { as: s.admin })).body.doc.id
    const episode = (await s.json('POST', '/api/episodes', { hosts: [host], title: 'Deep episode' }, { as: s.admin })).body.doc.id
    const turn = (await s.json('POST', '/api/transcript-turns', { episode, position: 0, speaker: host, text: 'Deep words' }, { as: s.admin })).body.doc.id
    expect((await s.json('PATCH', `/api/episodes/${episode}`, { workflowStatus: 'published' }, { as: s.admin })).status).toBe(200)
    const photoAt = async (depth: number, as?: string) =>
      (await s.request(`/api/transcript-turns/${turn}?depth=${depth}`, { as })).body.episode.hosts[0].guest.photo

    expect(await photoAt(3)).toBe(photo)
    expect(await photoAt(10)).toBe(photo)
    expect(await photoAt(4, editor.token)).toMatchObject({ alt: 'A photo', id: photo })
  })

  test('HEAD answers like GET, without a body', async () => {
    const get = await s.request('/api/episodes?limit=2')
    const head = await s.request('/api/episodes?limit=2', { method: 'HEAD' })
    expect([head.status, head.text]).toEqual([200, ''])
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'))
    expect(head.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300')
  })

  test('fields the public must not see are absent, not empty', async () => {
    const publicDoc = (await s.request(`/api/episodes/${longId}?depth=0&joins=false`)).body
    expect(Object.keys(publicDoc)).not.toContain('workflowHistory')
    expect(Object.keys(publicDoc.transcript).sort()).toEqual(['importedAt', 'language', 'revision', 'sourceFormat', 'turnCount', 'wordCount'])
    const staffDoc = (await s.request(`/api/episodes/${longId}?depth=0&joins=false`, { as: editor.token })).body
    expect(staffDoc.workflowHistory.at(-1)).toMatchObject({ to: 'published' })
    expect(staffDoc.transcript).toMatchObject({ sourceFile: 'long.md' })
  })
})

describe('requests that used to answer 500', () => {
  test('each gets a 4xx with a clear message, logged below ERROR without a stack', async () => {
    const cases: [string, () => Promise<{ status: number; body: any }>, number, string][] = [
      ['transcript limit=1.5', () => s.request(`/api/episodes/${LONG.slug}/transcript?limit=1.5`), 400, 'limit must be a whole number from 1 to 2000.'],
      ['transcript page=1e17', () => s.request(`/api/episodes/${LONG.slug}/transcript?page=1e17`), 400, 'page must be a whole number from 1 to 100000.'],
      ['transcript q=NUL', () => s.request(`/api/episodes/${LONG.slug}/transcript?q=%00`), 400, 'q contains a NUL character.'],
      ['transcript speaker=NUL', () => s.request(`/api/episodes/${LONG.slug}/transcript?speaker=%00`), 400, 'speaker contains a NUL character.'],
      ['REST huge page', () => s.request('/api/episodes?page=99999999999999999999'), 400, 'page must be from 1 to 100000.'],
      ['REST near on text', () => s.request('/api/episodes?where[title][near]=1,2'), 400, 'The "near" operator works on point fields only, not on "title".'],
      [
        'REST through a join',
        () => s.request('/api/episodes?where[guests.episodes.title][like]=x'),
        400,
        '"guests.episodes.title" filters through the join field "episodes", which is not supported.',
      ],
      ['REST NUL in where', () => s.request('/api/guests?where[name][equals]=%00'), 400, 'The value for "name" contains a NUL character.'],
      [
        'bulk null body',
        () => s.request('/api/transcript-imports/bulk', { as: editor.token, body: 'null', headers: { 'Content-Type': 'application/json' }, method: 'POST' }),
        400,
        'Expected {"files": [{"name", "content"}]}.',
      ],
      [
        'bulk malformed multipart',
        () =>
          s.request('/api/transcript-imports/bulk', {
            as: editor.token,
            body: '--x\r\nnot a part',
            headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
            method: 'POST',
          }),
        400,
        'The multipart body cannot be read: Malformed part header.',
      ],
      [
        'create with text/plain',
        () => s.request('/api/episodes', { as: editor.token, body: 'title=x', headers: { 'Content-Type': 'text/plain' }, method: 'POST' }),
        400,
        'The body must be a JSON object (Content-Type: application/json), or multipart form data.',
      ],
      [
        'login with text/plain',
        () => s.request('/api/users/login', { body: 'x', headers: { 'Content-Type': 'text/plain' }, method: 'POST' }),
        400,
        'The following field is invalid: email',
      ],
    ]
    for (const [name, send, status, message] of cases) {
      const res = await send()
      expect([name, res.status, res.body?.errors?.[0]?.message]).toEqual([name, status, message])
    }
    // Every refusal above is the client's doing: nothing at ERROR, no stack traces.
    expect(s.logs()).not.toMatch(/ERROR|\n\s+at /)
    // Over GraphQL the same refusal is a field error with its status. (Payload logs every GraphQL field
    // error at ERROR under the name GraphQLError, whatever its status: not ours to change.)
    const gql = await s.graphql(`{ EpisodeTranscript(idOrSlug: "${LONG.slug}", q: "\\u0000") { totalDocs } }`)
    expect(gql.body.errors[0]).toMatchObject({ extensions: { statusCode: 400 }, message: 'q contains a NUL character.' })
  })
})

/** A body produced as it is sent (chunked): `size` bytes of `fill`, after `head` and before `tail`. */
const streamed = (size: number, { head = '', tail = '' } = {}) => {
  const chunk = new Uint8Array(64 * 1024).fill(97)
  let sent = 0
  let state: 'body' | 'done' | 'head' | 'tail' = 'head'
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state === 'head') {
        controller.enqueue(new TextEncoder().encode(head))
        state = 'body'
      } else if (state === 'body') {
        const next = Math.min(chunk.length, size - sent)
        controller.enqueue(chunk.subarray(0, next))
        sent += next
        if (sent >= size) state = 'tail'
      } else if (state === 'tail') {
        controller.enqueue(new TextEncoder().encode(tail))
        state = 'done'
      } else controller.close()
    },
  })
}
const MB = 1024 * 1024
const filePart = (boundary: string, name: string) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: text/markdown\r\n\r\n`
const post = (path: string, body: BodyInit, headers: Record<string, string>, as?: string) =>
  s.request(path, { as, body, duplex: 'half', headers, method: 'POST' } as RequestInit & { as?: string })

describe('body limits', () => {
  test('JSON bodies over 2 MB get 413, declared or streamed', async () => {
    const before = await episodeCount()
    const declared = await post('/api/episodes', JSON.stringify({ title: 'x'.repeat(3 * MB) }), { 'Content-Type': 'application/json' }, editor.token)
    expect([declared.status, declared.body.errors[0].message]).toEqual([413, 'The request body is larger than 2097152 bytes, the most this endpoint accepts.'])
    const chunked = await post('/api/episodes', streamed(3 * MB, { head: '{"title":"', tail: '"}' }), { 'Content-Type': 'application/json' }, editor.token)
    expect(chunked.status).toBe(413)
    const anonymous = await post('/api/episodes', streamed(100 * MB), { 'Content-Type': 'application/json' })
    expect(anonymous.status).toBe(413)
    expect(await episodeCount()).toBe(before)
  })

  test('the bulk import takes JSON up to 10 MB and at most 500 files', async () => {
    const before = await episodeCount()
    const big = await post(
      '/api/transcript-imports/bulk',
      streamed(11 * MB, { head: '{"files":[{"name":"a.md","content":"', tail: '"}]}' }),
      { 'Content-Type': 'application/json' },
      editor.token,
    )
    expect([big.status, big.body.errors[0].message]).toEqual([413, 'The request body is larger than 10485760 bytes, the most this endpoint accepts.'])
    const files = Array.from({ length: 501 }, (_, index) => ({ content: `**Ann:** hi ${index}`, name: `f${index}.md` }))
    const many = await s.json('POST', '/api/transcript-imports/bulk', { dryRun: true, files }, { as: editor.token })
    expect([many.status, many.body.errors[0].message]).toEqual([413, 'At most 500 files are accepted in one request.'])
    expect(await episodeCount()).toBe(before)
  })

  test('multipart files are streamed and refused as soon as one passes 5 MB, or the count passes 500', async () => {
    const before = await episodeCount()
    const boundary = 'limit-test'
    const head = `${filePart(boundary, 'small.md')}**Ann:** [00:00:01] fits\r\n${filePart(boundary, 'huge.md')}`
    const huge = await post(
      '/api/transcript-imports/bulk',
      streamed(50 * MB, { head, tail: `\r\n--${boundary}--\r\n` }),
      { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      editor.token,
    )
    expect([huge.status, huge.body.errors[0].message]).toEqual([413, 'huge.md is larger than 5242880 bytes, the largest file accepted.'])
    const parts = Array.from({ length: 501 }, (_, index) => `${filePart(boundary, `f${index}.md`)}**Ann:** hi\r\n`).join('')
    const many = await post(
      '/api/transcript-imports/bulk',
      `${parts}--${boundary}--\r\n`,
      { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      editor.token,
    )
    expect([many.status, many.body.errors[0].message]).toEqual([413, 'At most 500 files are accepted in one request.'])
    expect(await episodeCount()).toBe(before)
  })

  test('an upload the client abandons midway leaves no file open on the server', async () => {
    const openImportFiles = () =>
      readdirSync(`/proc/${s.pid}/fd`)
        .map((fd) => {
          try {
            return readlinkSync(`/proc/${s.pid}/fd/${fd}`)
          } catch {
            return ''
          }
        })
        .filter((target) => target.includes('podcast-import-'))
    const boundary = 'abandoned'
    const url = new URL(s.baseUrl)
    const socket = connect(Number(url.port), url.hostname)
    await once(socket, 'connect')
    const head = filePart(boundary, 'abandoned.md')
    socket.write(
      `POST /api/transcript-imports/bulk HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: JWT ${editor.token}\r\n` +
        `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: 10000000\r\n\r\n${head}${'a'.repeat(60_000)}`,
    )
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(openImportFiles()).toHaveLength(1)
    socket.destroy()
    const deadline = Date.now() + 5_000
    while (openImportFiles().length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
    expect(openImportFiles()).toEqual([])
    expect((await fetch(`${s.baseUrl}/healthz`)).status).toBe(200)
  })

  test('ten concurrent oversize requests grow the server’s memory by less than 150 MB', async () => {
    const baseline = s.rssMb()
    let peak = baseline
    let statuses: number[] = []
    const sampler = setInterval(() => (peak = Math.max(peak, s.rssMb())), 20)
    try {
      const boundary = 'rss-test'
      const requests = Array.from({ length: 10 }, (_, index) =>
        index % 2
          ? post('/api/episodes', streamed(60 * MB), { 'Content-Type': 'application/json' })
          : post(
              '/api/transcript-imports/bulk',
              streamed(60 * MB, { head: filePart(boundary, `big-${index}.md`), tail: `\r\n--${boundary}--\r\n` }),
              { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
              editor.token,
            ),
      )
      statuses = (await Promise.all(requests)).map((res) => res.status)
    } finally {
      clearInterval(sampler)
    }
    expect(peak - baseline).toBeLessThan(150)
    expect(statuses).toEqual(Array(10).fill(413))
  }, 120_000)
})
