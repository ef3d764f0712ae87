import type { Payload } from 'payload'

import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { runCli } from '../src/cli/runCli'
import { childEnv } from './helpers/child'
import { readCorpusFile, repoRoot, seUnlockedDir, testCorpus } from './helpers/corpora'
import { createTestPayload, type TestPayload } from './helpers/payload'
import { createRestClient, type RestClient } from './helpers/restClient'
import { createUser, PASSWORD } from './helpers/users'

let t: TestPayload
let payload: Payload
let rest: RestClient
const tokens: Record<string, string> = {}

beforeAll(async () => {
  t = await createTestPayload()
  payload = t.payload
  rest = await createRestClient()
  await createUser(payload, 'admin')
  for (const role of ['editor', 'author'] as const) await createUser(payload, role)
  for (const role of ['admin', 'editor', 'author']) tokens[role] = await rest.login(`${role}@example.com`, PASSWORD)
})
afterAll(async () => {
  await t?.teardown()
})

const transcript = (slug: string, guest = 'Ada') =>
  `---\nepisode: "Episode 5: ${guest} Lovelace"\npermalink: /${slug}\nstatus: draft\n---\n\n**Michaela:** [00:00:01] Welcome, ${guest}.\n\n**${guest}:** [00:00:04] Glad to be here.\n`

describe('REST POST /api/transcript-imports/bulk', () => {
  const body = { files: [{ name: 'a.md', content: transcript('rest-a') }] }

  test('anonymous gets 401 and an author 403; nothing is written', async () => {
    const episodes = (await payload.count({ collection: 'episodes' })).totalDocs
    expect((await rest.post('/transcript-imports/bulk', { body })).status).toBe(401)
    expect((await rest.post('/transcript-imports/bulk', { body, token: tokens.author })).status).toBe(403)
    expect((await payload.count({ collection: 'episodes', where: { slug: { equals: 'rest-a' } } })).totalDocs).toBe(0)
    expect((await payload.count({ collection: 'episodes' })).totalDocs).toBe(episodes)
  })

  test('an editor imports JSON files and gets a report per file', async () => {
    const res = await rest.post('/transcript-imports/bulk', {
      body: {
        files: [
          { name: 'a.md', content: transcript('rest-a') },
          { name: 'empty.md', content: '' },
        ],
      },
      token: tokens.editor,
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(res.body.summary).toMatchObject({ failed: 1, imported: 1, total: 2 })
    expect(res.body.results[0]).toMatchObject({ file: 'a.md', status: 'imported', turns: 2 })
    // Stored as its front matter says: a draft, not public.
    expect(await payload.findByID({ collection: 'episodes', draft: true, id: res.body.results[0].episode.id })).toMatchObject({
      _status: 'draft',
      slug: 'rest-a',
      workflowStatus: 'draft',
    })
    expect((await rest.get('/episodes/rest-a/transcript')).status).toBe(404)
    expect(res.body.results[1].file).toBe('empty.md')
    expect(res.body.results[1].errors[0].message).toMatch(/neither front matter nor any transcript text/)
  })

  testCorpus('multipart with many files, dryRun and a status override', async () => {
    const form = new FormData()
    form.append('files', new Blob([transcript('rest-b', 'Grace')], { type: 'text/markdown' }), 'b.md')
    form.append('files', new Blob([new Uint8Array(readCorpusFile('se-unlocked/Transcripts/EP_27_Emma_Bostian.md'))]), 'EP_27.md')
    form.append('dryRun', 'true')
    const dry = await rest.post('/transcript-imports/bulk', { body: form, token: tokens.admin })
    expect(dry.status).toBe(200)
    expect(dry.body.dryRun).toBe(true)
    expect(dry.body.summary).toMatchObject({ imported: 2, total: 2 })
    expect((await payload.count({ collection: 'episodes', where: { slug: { equals: 'rest-b' } } })).totalDocs).toBe(0)

    const real = new FormData()
    real.append('files', new Blob([transcript('rest-b', 'Grace')]), 'b.md')
    real.append('status', 'published')
    const res = await rest.post('/transcript-imports/bulk', { body: real, token: tokens.admin })
    expect(res.status).toBe(200)
    expect(res.body.results[0]).toMatchObject({ status: 'imported', episode: { slug: 'rest-b', status: 'published' } })
    // The override is what was stored (the front matter says draft), and the public sees the episode.
    const stored = await payload.findByID({ collection: 'episodes', id: res.body.results[0].episode.id })
    expect(stored).toMatchObject({ _status: 'published', slug: 'rest-b', workflowStatus: 'published' })
    const live = await rest.get('/episodes/rest-b/transcript')
    expect([live.status, live.body.totalDocs]).toEqual([200, 2])
  })

  test('bad requests get 400/415 with a reason', async () => {
    const badStatus = await rest.post('/transcript-imports/bulk', { body: { files: [], status: 'live' }, token: tokens.editor })
    expect(badStatus.status).toBe(400)
    expect(JSON.stringify(badStatus.body)).toMatch(/status must be one of/)
    const noFiles = await rest.post('/transcript-imports/bulk', { body: { files: [] }, token: tokens.editor })
    expect(noFiles.status).toBe(400)
    const text = await rest.post('/transcript-imports/bulk', { body: 'hello', headers: { 'Content-Type': 'text/plain' }, token: tokens.editor })
    expect(text.status).toBe(415)
  })
})

describe('transcript-imports upload collection (the import hook)', () => {
  const upload = (name: string, content: string | Buffer, data: Record<string, unknown> = {}) =>
    payload.create({
      collection: 'transcript-imports',
      data,
      file: { name, data: Buffer.from(content), mimetype: 'text/markdown', size: Buffer.byteLength(content) },
    })

  test('an uploaded file is imported and the document keeps the report', async () => {
    const doc = await upload('upload-a.md', transcript('upload-a', 'Linus'))
    expect(doc.outcome).toBe('imported')
    expect(doc.turns).toBe(2)
    expect(doc.createdSpeakers).toBe(1)
    const episodeId = typeof doc.episode === 'object' ? doc.episode?.id : doc.episode
    const episode = await payload.findByID({ id: episodeId!, collection: 'episodes', draft: true })
    expect(episode.slug).toBe('upload-a')
    // Uploading the same file again is reported as unchanged, under a fresh document.
    const again = await upload('upload-a.md', transcript('upload-a', 'Linus'))
    expect(again.outcome).toBe('unchanged')
  })

  test('a bad file is recorded as failed with its errors, and writes no episode', async () => {
    const episodes = (await payload.count({ collection: 'episodes' })).totalDocs
    const doc = await upload('broken.md', Buffer.from([0xff, 0xfe, 0x00, 0x41]))
    expect(doc.outcome).toBe('failed')
    expect((doc.errors as { message: string }[])[0].message).toMatch(/binary|UTF-8/i)
    expect(doc.episode ?? null).toBeNull()
    expect((await payload.count({ collection: 'episodes' })).totalDocs).toBe(episodes)
  })

  test('an upload through REST needs an editor', async () => {
    const form = new FormData()
    form.append('file', new Blob([transcript('upload-rest', 'Barbara')], { type: 'text/markdown' }), 'upload-rest.md')
    form.append('_payload', JSON.stringify({}))
    expect((await rest.post('/transcript-imports', { body: form, token: tokens.author })).status).toBe(403)
    const form2 = new FormData()
    form2.append('file', new Blob([transcript('upload-rest', 'Barbara')], { type: 'text/markdown' }), 'upload-rest.md')
    form2.append('_payload', JSON.stringify({}))
    const res = await rest.post('/transcript-imports', { body: form2, token: tokens.editor })
    expect(res.status).toBe(201)
    expect(res.body.doc.outcome).toBe('imported')
  })
})

describe('CLI', () => {
  const io = () => {
    const out: string[] = []
    const err: string[] = []
    return {
      err,
      io: { stderr: { write: (s: string) => err.push(s) }, stdout: { write: (s: string) => out.push(s) } },
      out,
    }
  }
  const deps = (captured: ReturnType<typeof io>) => ({
    io: captured.io,
    startPayload: async () => ({ payload, shutdown: async () => {} }),
  })

  testCorpus(
    'parse --json of the whole corpus reads the same through a pipe as redirected to a file',
    async () => {
      const run = (stdout: 'pipe' | number) =>
        spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'parse', '--json', seUnlockedDir], {
          cwd: repoRoot,
          env: childEnv(),
          stdio: ['ignore', stdout, 'ignore'],
        })
      const dir = await mkdtemp(path.join(os.tmpdir(), 'cli-output-'))
      try {
        // Node 20's loader now and then ends a child before it writes a byte (exit 0 or 13): run it again, twice at most.
        const file = path.join(dir, 'redirected.json')
        for (let attempt = 0; attempt < 3 && (await readFile(file).catch(() => Buffer.alloc(0))).length === 0; attempt++) {
          const handle = await open(file, 'w')
          const redirected = run(handle.fd)
          await once(redirected, 'exit')
          await handle.close()
        }
        let code: unknown
        let chunks: Buffer[] = []
        for (let attempt = 0; attempt < 3 && !chunks.length; attempt++) {
          const piped = run('pipe')
          chunks = []
          piped.stdout!.on('data', (chunk: Buffer) => chunks.push(chunk))
          ;[code] = await once(piped, 'close')
        }
        const expected = await readFile(file)
        // The whole corpus is some 3 MB: far past a pipe's buffer, which is where output used to be cut.
        expect(expected.length).toBeGreaterThan(1_000_000)
        expect([code, Buffer.concat(chunks).equals(expected)]).toEqual([0, true])
      } finally {
        await rm(dir, { force: true, recursive: true })
      }
    },
    120_000,
  )

  testCorpus('parse --json needs no database and prints one object per file', async () => {
    const captured = io()
    const code = await runCli(['parse', '--json', path.join(seUnlockedDir, 'EP_22_Jigyasa_Grover.md')], {
      io: captured.io,
      startPayload: async () => {
        throw new Error('parse must not start the database')
      },
    })
    expect(code).toBe(0)
    const [result] = JSON.parse(captured.out.join(''))
    expect(result).toMatchObject({
      episode: { number: 22, slug: 'machine-learning-engineer-twitter', status: 'published', title: 'Transcript Episode 22: Jigyasa Grover' },
      ok: true,
      speakers: ['Michaela', 'Jigyasa'],
    })
    expect(result.turns[1]).toMatchObject({ speaker: 'Jigyasa', start: 65 })
    expect(result.file).toMatch(/EP_22_Jigyasa_Grover\.md$/)
  })

  test('import walks directories, exits 0 when all files import and 1 when any fails', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'podcast-cli-'))
    await mkdir(path.join(dir, 'nested'))
    await writeFile(path.join(dir, 'one.md'), transcript('cli-one', 'Hedy'))
    await writeFile(path.join(dir, 'nested', 'two.md'), transcript('cli-two', 'Katherine'))
    await writeFile(path.join(dir, 'notes.json'), '{}')
    const ok = io()
    expect(await runCli(['import', '--json', dir], deps(ok))).toBe(0)
    const report = JSON.parse(ok.out.join(''))
    expect(report.summary).toMatchObject({ imported: 2, total: 2 })

    await writeFile(path.join(dir, 'nested', 'bad.md'), Buffer.from([0, 1, 2, 3]))
    const failed = io()
    expect(await runCli(['import', dir], deps(failed))).toBe(1)
    const table = failed.out.join('')
    expect(table).toMatch(/unchanged/)
    expect(table).toMatch(/3 files: 0 imported, 0 updated, 2 unchanged, 1 failed/)
    expect(failed.err.join('')).toMatch(/bad\.md:.*binary/i)
  })

  test('parse expands globs the shell left alone, and reports one that matches nothing', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'podcast-glob-'))
    try {
      await mkdir(path.join(dir, 'season-1'))
      await writeFile(path.join(dir, 'season-1', 'ep1.md'), transcript('glob-one', 'Ada'))
      await writeFile(path.join(dir, 'season-1', 'ep2.md'), transcript('glob-two', 'Grace'))
      await writeFile(path.join(dir, 'ep3.txt'), transcript('glob-three', 'Joan'))
      const files = async (...args: string[]) => {
        const captured = io()
        const code = await runCli(['parse', '--json', ...args], { ...deps(captured), cwd: dir })
        return [code, (JSON.parse(captured.out.join('') || '[]') as { file: string }[]).map((result) => result.file), captured.err.join('')]
      }
      expect(await files('**/*.md')).toEqual([0, ['season-1/ep1.md', 'season-1/ep2.md'], ''])
      expect(await files('season-1/ep?.md', '*.txt')).toEqual([0, ['season-1/ep1.md', 'season-1/ep2.md', 'ep3.txt'], ''])
      expect(await files('**/*.md', 'nothing-*.md')).toEqual([1, ['season-1/ep1.md', 'season-1/ep2.md'], `Not found: ${path.join(dir, 'nothing-*.md')}\n`])
    } finally {
      await rm(dir, { force: true, recursive: true })
    }
  })

  test('usage errors exit 2', async () => {
    expect(await runCli(['import', '--status', 'live', 'x.md'], deps(io()))).toBe(2)
    expect(await runCli(['frobnicate'], deps(io()))).toBe(2)
    expect(await runCli(['import'], deps(io()))).toBe(2)
  })
})
