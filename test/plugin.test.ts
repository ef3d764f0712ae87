import type { CollectionSlug, Config, Payload, Plugin } from 'payload'

import { postgresAdapter, sql } from '@payloadcms/db-postgres'
import { buildConfig, getPayload } from 'payload'

import { podcastPlugin } from '../src'
import { closePayload } from '../server/closePayload'
import { createFreshDatabase, dropDatabase } from './helpers/database'

/** Someone else's minimal Payload app, with the plugin added and nothing else. */
const startBareApp = async (
  plugin: ReturnType<typeof podcastPlugin>,
  { extraPlugins = [], idType, schemaName }: { extraPlugins?: Plugin[]; idType?: 'uuid'; schemaName?: string } = {},
) => {
  const url = await createFreshDatabase()
  const config = await buildConfig({
    db: postgresAdapter({ idType, pool: { connectionString: url }, push: true, schemaName }),
    plugins: [plugin, ...extraPlugins],
    secret: 'bare-app-test-secret',
    telemetry: false,
    typescript: { autoGenerate: false },
  })
  const payload = await getPayload({ config, cron: false, key: url })
  payload.logger.level = process.env.TEST_LOG_LEVEL ?? 'silent'
  return {
    payload,
    teardown: async () => {
      await closePayload(payload)
      await dropDatabase(url)
    },
  }
}

describe('podcastPlugin in a bare config', () => {
  let app: { payload: Payload; teardown: () => Promise<void> }
  beforeAll(async () => {
    app = await startBareApp(podcastPlugin({ hosts: [{ name: 'Sam Host', aliases: ['Sam'] }], slugs: { episodes: 'podcastShows', speakers: 'showVoices' } }))
  })
  afterAll(async () => {
    await app?.teardown()
  })

  test('adds the collections, a users collection with roles, and honours custom slugs', async () => {
    const slugs = app.payload.config.collections.map((c) => c.slug)
    expect(slugs).toEqual(expect.arrayContaining(['podcastShows', 'guests', 'showVoices', 'transcript-turns', 'transcript-imports', 'users']))
    expect(slugs).not.toContain('episodes')
    const users = app.payload.config.collections.find((c) => c.slug === 'users')!
    expect(users.auth).toBeTruthy()
    expect(users.fields.some((f) => 'name' in f && f.name === 'roles')).toBe(true)
    // The relations follow the custom slug.
    const turns = app.payload.config.collections.find((c) => c.slug === 'transcript-turns')!
    const episodeField = turns.fields.find((f) => 'name' in f && f.name === 'episode') as { relationTo: string }
    expect(episodeField.relationTo).toBe('podcastShows')
  })

  test('episodes preview at their draft API document by default', () => {
    const episodes = app.payload.config.collections.find((c) => c.slug === ('podcastShows' as string))!
    const preview = episodes.admin.preview as (doc: Record<string, unknown>, args: unknown) => string
    expect(preview({ id: 7, slug: 'seven' }, {})).toBe('/api/podcastShows/7?draft=true&depth=1')
  })

  test('works end to end: a first admin, an import, and the relations', async () => {
    const { payload } = app
    const admin = await payload.create({ collection: 'users', data: { email: 'owner@example.com', password: 'pw-123456' } })
    expect(admin.roles).toEqual(['admin'])
    const { importTranscript } = await import('../src/import/importTranscript')
    const report = await importTranscript({
      content: '---\nepisode: "Episode 3: Nina Simone"\n---\n\n**Sam:** [00:00:01] Welcome Nina.\n\n**Nina:** [00:00:03] Hello!\n',
      fileName: 'ep3.md',
      payload,
    })
    expect(report.errors).toEqual([])
    expect(report.status).toBe('imported')
    // 'podcastShows' is this bare app's slug (camel case, so its tables are snake case), not a generated type.
    const shows = 'podcastShows' as CollectionSlug
    const show = (await payload.findByID({ collection: shows, id: report.episode!.id, depth: 1, draft: true })) as Record<string, any>
    expect((show.hosts as { name: string }[]).map((h) => h.name)).toEqual(['Sam Host'])
    expect((show.guests as { name: string }[]).map((g) => g.name)).toEqual(['Nina Simone'])
    expect((await payload.count({ collection: 'transcript-turns' })).totalDocs).toBe(2)
    // Saving again runs the version pruning and the appearance sync on the snake-cased tables.
    await payload.update({ collection: shows, id: show.id, data: { _status: 'published', title: 'Episode 3: Nina Simone, live' } })
    const voices = await payload.find({ collection: 'showVoices' as CollectionSlug, overrideAccess: false, where: { name: { equals: 'Nina Simone' } } })
    expect(voices.totalDocs).toBe(1)
    expect((await payload.countVersions({ collection: shows, where: { parent: { equals: show.id } } })).totalDocs).toBe(2)
  })
})

describe('podcastPlugin({ disabled: true })', () => {
  let app: { payload: Payload; teardown: () => Promise<void> }
  beforeAll(async () => {
    app = await startBareApp(podcastPlugin({ disabled: true }))
  })
  afterAll(async () => {
    await app?.teardown()
  })

  test('keeps the schema but turns off hooks and endpoints', async () => {
    const { payload } = app
    const imports = payload.config.collections.find((c) => c.slug === 'transcript-imports')!
    expect((imports.endpoints || []).some((e) => e.path === '/bulk')).toBe(false)
    // The alias hook is off, so no normalised keys are written.
    const speaker = await payload.create({ collection: 'speakers', data: { name: 'Plain', aliases: [{ label: 'Dr. Plain' }] } })
    expect(speaker.aliases?.[0].normalized ?? null).toBeNull()
    const episode = await payload.create({ collection: 'episodes', data: { title: 'Still works' }, draft: true })
    expect(episode.slug).toBe('still-works')
  })
})

describe('the users collection’s access', () => {
  const usersOf = (config: ReturnType<ReturnType<typeof podcastPlugin>>) => config.collections!.find((c) => c.slug === 'users')!
  const appRead = () => true

  test('the plugin fills only the operations the app left open; the app’s own functions are kept; options.access.users wins', () => {
    const config = podcastPlugin({ access: { users: { delete: () => false } } })({
      collections: [{ slug: 'users', access: { read: appRead }, auth: true, fields: [] }],
      secret: 'x',
    } as never)
    const access = usersOf(config).access!
    expect(access.read).toBe(appRead)
    expect(access.delete!({ req: { user: { roles: ['admin'] } } } as never)).toBe(false)
    // The rest are the plugin's: admins only, or everyone their own account.
    expect(access.create!({ req: { user: { id: 1, roles: ['editor'] } } } as never)).toBe(false)
    expect(access.create!({ req: { user: { id: 1, roles: ['admin'] } } } as never)).toBe(true)
    expect(access.update!({ req: { user: { id: 7, roles: ['author'] } } } as never)).toEqual({ id: { equals: 7 } })
    expect(access.unlock!({ req: { user: { id: 7, roles: ['editor'] } } } as never)).toBe(false)
  })

  test('with the login throttle on, Payload’s lockout is off unless the app set its own', () => {
    const plain = usersOf(podcastPlugin()({ collections: [{ slug: 'users', auth: true, fields: [] }], secret: 'x' } as never))
    expect(plain.auth).toEqual({ maxLoginAttempts: 0 })
    const own = usersOf(podcastPlugin()({ collections: [{ slug: 'users', auth: { maxLoginAttempts: 3 }, fields: [] }], secret: 'x' } as never))
    expect(own.auth).toEqual({ maxLoginAttempts: 3 })
    const off = usersOf(podcastPlugin({ loginThrottle: false })({ collections: [{ slug: 'users', auth: true, fields: [] }], secret: 'x' } as never))
    expect(off.auth).toBe(true)
  })
})

describe('a host made by hand', () => {
  let app: { payload: Payload; teardown: () => Promise<void> }
  beforeAll(async () => {
    app = await startBareApp(podcastPlugin({ hosts: [{ name: 'Ida Host', aliases: ['Ida'] }] }))
  })
  afterAll(async () => {
    await app?.teardown()
  })

  test('is found by the label of a configured alias it does not have yet, which it then gets', async () => {
    const { payload } = app
    const host = await payload.create({ collection: 'speakers' as CollectionSlug, data: { name: 'Ida Host', role: 'host' } as never })
    const { importTranscript } = await import('../src/import/importTranscript')
    const report = await importTranscript({
      content: '---\nepisode: "Episode 1: Hello"\npermalink: /hello\n---\n\n**Ida:** [00:00:01] Welcome.\n\n**Ola:** [00:00:03] Thanks!\n',
      fileName: 'hello.md',
      payload,
    })
    expect([report.status, report.errors]).toEqual(['imported', []])
    const speakers = await payload.find({ collection: 'speakers' as CollectionSlug, sort: 'name', where: { role: { equals: 'host' } } })
    expect(speakers.docs.map((doc) => [doc.id, (doc as { name?: string }).name])).toEqual([[host.id, 'Ida Host']])
    const aliases = ((speakers.docs[0] as { aliases?: { label: string }[] }).aliases ?? []).map((alias) => alias.label)
    expect(aliases).toContain('Ida')
    const turns = await payload.find({ collection: 'transcript-turns' as CollectionSlug, sort: 'position' })
    expect(turns.docs.map((turn) => (turn as { speaker?: { id: number } | number }).speaker)).toEqual([
      expect.objectContaining({ id: host.id }),
      expect.anything(),
    ])
  })
})

describe('authors given import access', () => {
  let app: { payload: Payload; teardown: () => Promise<void> }
  let author: { collection: 'users'; id: number; roles: string[] }
  const fileWith = (status: string, line = 'Welcome.') =>
    `---\nepisode: "Episode 9: Authors"\npermalink: /authors\nstatus: ${status}\n---\n\n**Ann:** [00:00:01] ${line}\n`
  const episodes = async () =>
    (await app.payload.find({ collection: 'episodes' as CollectionSlug, draft: true, where: { slug: { equals: 'authors' } } })).docs as {
      _status: string
      id: number
      workflowStatus: string
    }[]

  beforeAll(async () => {
    // Another guests slug: Payload skips a dev push whose schema it pushed before in this process.
    app = await startBareApp(podcastPlugin({ access: { transcriptImports: { create: ({ req }) => Boolean(req.user) } }, slugs: { guests: 'people' } }))
    await app.payload.create({ collection: 'users' as CollectionSlug, data: { email: 'owner@example.com', password: 'pw-123456' } as never })
    const created = await app.payload.create({
      collection: 'users' as CollectionSlug,
      data: { email: 'author@example.com', password: 'pw-123456', roles: ['author'] } as never,
    })
    author = { ...(created as never as { id: number; roles: string[] }), collection: 'users' }
  })
  afterAll(async () => {
    await app?.teardown()
  })

  test('an author’s import never publishes: a file saying publish becomes a draft, with a warning', async () => {
    const { importTranscript } = await import('../src/import/importTranscript')
    const report = await importTranscript({ content: fileWith('publish'), fileName: 'a.md', payload: app.payload, user: author as never })
    expect(report).toMatchObject({ episode: { status: 'draft' }, status: 'imported' })
    expect(report.warnings.map((warning) => warning.message)).toContain("The file's status (published) is an editor's to set: imported as a draft.")
    expect((await episodes()).map((doc) => [doc._status, doc.workflowStatus])).toEqual([['draft', 'draft']])
  })

  test('an explicit publish by an author fails the file and writes nothing', async () => {
    const { importTranscript } = await import('../src/import/importTranscript')
    const before = await episodes()
    const report = await importTranscript({
      content: fileWith('draft', 'Changed.'),
      fileName: 'a.md',
      payload: app.payload,
      status: 'published',
      user: author as never,
    })
    expect(report.status).toBe('failed')
    expect(report.errors.map((error) => error.message)).toEqual(['Authors import drafts and episodes for review, not "published".'])
    expect(await episodes()).toEqual(before)
  })

  test('an author cannot re-import an episode an editor published; the bulk endpoint follows the collection’s access', async () => {
    const { importTranscript } = await import('../src/import/importTranscript')
    // Userless (the CLI, an editor's tooling) may publish.
    expect((await importTranscript({ content: fileWith('publish', 'Editor cut.'), fileName: 'a.md', payload: app.payload })).status).toBe('updated')
    const report = await importTranscript({ content: fileWith('draft', 'Author cut.'), fileName: 'a.md', payload: app.payload, user: author as never })
    expect([report.status, report.errors[0]?.message]).toEqual(['failed', 'Authors cannot change an episode that is published; ask an editor to import it.'])
    expect((await episodes()).map((doc) => doc._status)).toEqual(['published'])

    // Through the bulk endpoint, which asks the collection's create access (here: any logged-in user).
    const { bulkImportHandler } = await import('../src/endpoints/bulkImport')
    const request = new Request('http://localhost/api/transcript-imports/bulk', {
      body: JSON.stringify({ files: [{ content: fileWith('publish', 'Another.').replace('/authors', '/authors-two'), name: 'b.md' }] }),
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    const res = await bulkImportHandler(
      Object.assign(request, { context: {}, payload: app.payload, searchParams: new URL(request.url).searchParams, user: author }) as never,
    )
    const body = await res.json()
    expect(body.results.map((result: { episode: { status: string }; status: string }) => [result.status, result.episode.status])).toEqual([
      ['imported', 'draft'],
    ])
  })
})

describe('the database adapter', () => {
  test('a config on another adapter is refused when it is built, with the reason', () => {
    expect(() => podcastPlugin()({ db: { defaultIDType: 'text', init: () => ({}), name: 'mongoose' }, secret: 'x' } as never)).toThrow(
      'podcastPlugin needs @payloadcms/db-postgres (postgresAdapter); this config uses "mongoose".',
    )
    const uuid = postgresAdapter({ idType: 'uuid', pool: { connectionString: 'postgres://unused' } })
    expect(() => podcastPlugin()({ db: uuid, secret: 'x' } as never)).not.toThrow()
    expect(() => podcastPlugin()({ db: postgresAdapter({ pool: { connectionString: 'postgres://unused' } }), secret: 'x' } as never)).not.toThrow()
  })
})

test('the jobs cron is added only when asked for; the app’s own autoRun entries are kept', () => {
  const own = { cron: '0 * * * *', queue: 'nightly' }
  const base = { jobs: { autoRun: [own], tasks: [] }, secret: 'x' }
  expect(podcastPlugin()(base as never).jobs!.autoRun).toEqual([own])
  expect(podcastPlugin({ autoRunJobs: true, jobsCron: '*/5 * * * * *' })(base as never).jobs!.autoRun).toEqual([
    own,
    { cron: '*/5 * * * * *', limit: 20, queue: 'default' },
  ])
})

test('an app’s own roles field is kept and completed when it fits, and refused with the reason when it does not', () => {
  const withRoles = (roles: object) =>
    podcastPlugin()({ collections: [{ slug: 'users', auth: true, fields: [{ name: 'name', type: 'text' }, roles] }], secret: 'x' } as never)
  const options = ['admin', 'editor', 'author', 'guest-writer']
  const users = withRoles({ name: 'roles', type: 'select', hasMany: true, options }).collections!.find((c) => c.slug === 'users')!
  const roles = users.fields.find((field) => 'name' in field && field.name === 'roles') as {
    access: { update: unknown }
    options: string[]
    saveToJWT: boolean
  }
  expect(roles).toMatchObject({ options, saveToJWT: true })
  expect(typeof roles.access.update).toBe('function')
  expect(users.fields.filter((field) => 'name' in field && field.name === 'roles')).toHaveLength(1)
  expect(() => withRoles({ name: 'roles', type: 'text' })).toThrow('The users collection has a "roles" field the podcast plugin cannot use')
  expect(() => withRoles({ name: 'roles', type: 'select', hasMany: true, options: ['admin'] })).toThrow(
    'needs a select with hasMany and the options admin, editor and author',
  )
})

describe('transcript revisions with versionsPerEpisode', () => {
  let app: { payload: Payload; teardown: () => Promise<void> }
  beforeAll(async () => {
    // Another speakers slug: Payload skips a dev push whose schema it pushed before in this process.
    app = await startBareApp(podcastPlugin({ slugs: { speakers: 'voices' }, versionsPerEpisode: 2 }))
  })
  afterAll(async () => {
    await app?.teardown()
  })

  test('a revision no kept version points to goes with its turns; the published one stays', async () => {
    const { payload } = app
    const { importTranscript } = await import('../src/import/importTranscript')
    const file = (line: string) => `---\nepisode: "Pruned"\npermalink: /pruned\n---\n\n**Ann:** [00:00:01] ${line}\n\n**Bob:** [00:00:02] Second.\n`
    const imported = async (line: string, status: 'draft' | 'published') => {
      const report = await importTranscript({ content: file(line), fileName: 'pruned.md', payload, status })
      expect(report.errors).toEqual([])
      return report.episode!.id
    }
    const revisions = async () =>
      (await payload.find({ collection: 'transcript-revisions' as CollectionSlug, sort: 'id', where: { episode: { equals: id } } })).docs.map((doc) => doc.id)
    const turnRevisions = async () => [
      ...new Set(
        (await payload.find({ collection: 'transcript-turns' as CollectionSlug, limit: 0, where: { revision: { exists: true } } })).docs.map(
          (turn) => (turn as { revision: number | { id: number } }).revision,
        ),
      ),
    ]
    const id = await imported('First.', 'published')
    await imported('Second draft.', 'draft')
    await imported('Third draft.', 'draft')
    const [published, second, third] = await revisions()
    // Kept: the main document's (published) and the two newest versions' (second, third).
    expect(await revisions()).toEqual([published, second, third])
    // One more draft save: the version pointing to the second revision is pruned, and the revision with it.
    await payload.update({ collection: 'episodes' as CollectionSlug, id, data: { summary: 'Edited.' } as never, draft: true })
    expect(await revisions()).toEqual([published, third])
    expect(new Set((await turnRevisions()).map((revision) => (typeof revision === 'object' ? revision.id : revision)))).toEqual(new Set([published, third]))
    const publicTurns = await payload.find({ collection: 'transcript-turns' as CollectionSlug, overrideAccess: false, sort: 'position' })
    expect(publicTurns.docs.map((turn) => (turn as { text: string }).text)).toEqual(['First.', 'Second.'])
  })
})

describe('in a Postgres schema of its own', () => {
  let app: { payload: Payload; teardown: () => Promise<void> }
  beforeAll(async () => {
    // Another guests slug: Payload skips a dev push whose schema it pushed before in this process.
    app = await startBareApp(podcastPlugin({ slugs: { guests: 'visitors' } }), { schemaName: 'podcast' })
  })
  afterAll(async () => {
    await app?.teardown()
  })

  test('the plugin’s SQL finds its tables there: import, revision flags, appearances, the transcript query', async () => {
    const { payload } = app
    const { importTranscript } = await import('../src/import/importTranscript')
    const report = await importTranscript({
      content: '---\nepisode: "Schema"\npermalink: /schema\n---\n\n**Ann:** [00:00:01] In a schema.\n',
      fileName: 'schema.md',
      payload,
      status: 'published',
    })
    expect([report.status, report.errors]).toEqual(['imported', []])
    const turns = await payload.find({ collection: 'transcript-turns' as CollectionSlug, overrideAccess: false })
    expect(turns.docs.map((turn) => (turn as { text: string }).text)).toEqual(['In a schema.'])
    const voices = await payload.find({ collection: 'speakers' as CollectionSlug, overrideAccess: false, where: { name: { equals: 'Ann' } } })
    expect(voices.totalDocs).toBe(1)
    const { queryTranscript } = await import('../src/db/transcript')
    const episode = (await payload.findByID({ collection: 'episodes' as CollectionSlug, id: report.episode!.id, depth: 0 })) as {
      transcript: { revision: number }
    }
    expect((await queryTranscript(payload, episode.transcript.revision, { limit: 10, page: 1 })).docs.map((turn) => turn.text)).toEqual(['In a schema.'])
    // The indexes Payload fields cannot declare come with `push` too (db/schema), in the app's schema.
    const { rows } = await (payload.db as unknown as { drizzle: { execute: (query: unknown) => Promise<{ rows: { indexname: string }[] }> } }).drizzle.execute(
      sql`SELECT indexname FROM pg_indexes WHERE schemaname = 'podcast' AND indexname LIKE '%\_one\_is\_%' ORDER BY indexname`,
    )
    expect(rows.map((row) => row.indexname)).toEqual([
      'transcript_revisions_one_is_current_idx',
      'transcript_revisions_one_is_latest_idx',
      'transcript_revisions_one_is_published_idx',
    ])
  })
})

describe('with uuid ids', () => {
  let app: { payload: Payload; teardown: () => Promise<void> }
  beforeAll(async () => {
    // Another speakers slug: Payload skips a dev push whose schema it pushed before in this process.
    app = await startBareApp(podcastPlugin({ slugs: { speakers: 'uuidVoices' } }), { idType: 'uuid' })
  })
  afterAll(async () => {
    await app?.teardown()
  })

  test('import, the public transcript, a draft re-import, a turn write on the live transcript and publishing all work', async () => {
    const { payload } = app
    const { importTranscript } = await import('../src/import/importTranscript')
    const file = (extra: string) => `---\nepisode: "Uuids"\npermalink: /uuids\n---\n\n**Ann:** [00:00:01] First.\n\n**Bob:** [00:00:02] Second.\n${extra}`
    const first = await importTranscript({ content: file(''), fileName: 'uuids.md', payload, status: 'published' })
    expect([first.status, first.errors]).toEqual(['imported', []])
    const id = first.episode!.id
    expect(String(id)).toMatch(/^[\da-f]{8}-[\da-f]{4}-/)
    const publicTexts = async () =>
      (await payload.find({ collection: 'transcript-turns' as CollectionSlug, overrideAccess: false, sort: 'position' })).docs.map(
        (turn) => (turn as { text: string }).text,
      )
    expect(await publicTexts()).toEqual(['First.', 'Second.'])
    const voices = await payload.find({ collection: 'uuidVoices' as CollectionSlug, overrideAccess: false, sort: 'name' })
    expect(voices.docs.map((voice) => (voice as { name: string }).name)).toEqual(['Ann', 'Bob'])

    // A draft re-import leaves the public transcript as it is.
    expect((await importTranscript({ content: file('\n**Ann:** [00:00:03] Drafted.\n'), fileName: 'uuids.md', payload, status: 'draft' })).errors).toEqual([])
    expect(await publicTexts()).toEqual(['First.', 'Second.'])
    // Trusted code (no user, as the CLI imports) reads the draft: the same draft file again changes nothing.
    expect((await importTranscript({ content: file('\n**Ann:** [00:00:03] Drafted.\n'), fileName: 'uuids.md', payload, status: 'draft' })).status).toBe(
      'unchanged',
    )
    const { queryTranscript } = await import('../src/db/transcript')
    const draft = (await payload.findByID({ collection: 'episodes' as CollectionSlug, id, depth: 0, draft: true })) as unknown as {
      transcript: { revision: string }
    }
    expect((await queryTranscript(payload, draft.transcript.revision as never, { limit: 10, page: 1 })).docs.map((turn) => turn.text)).toEqual([
      'First.',
      'Second.',
      'Drafted.',
    ])

    // Publishing switches it; an editor's write to a live turn then goes to a draft copy.
    await payload.update({ collection: 'episodes' as CollectionSlug, id, data: { _status: 'published' } as never })
    expect(await publicTexts()).toEqual(['First.', 'Second.', 'Drafted.'])
    const editor = await payload.create({
      collection: 'users' as CollectionSlug,
      data: { email: 'uuid-editor@example.com', password: 'pw-123456', roles: ['editor'] } as never,
    })
    const { docs: liveTurns } = await payload.find({ collection: 'transcript-turns' as CollectionSlug, overrideAccess: false, sort: 'position', limit: 1 })
    const live = liveTurns[0] as unknown as { id: string }
    const edited = (await payload.update({
      collection: 'transcript-turns' as CollectionSlug,
      id: live.id,
      data: { text: 'Edited.' } as never,
      overrideAccess: false,
      user: { ...editor, collection: 'users' } as never,
    })) as unknown as { id: string }
    expect(edited.id).not.toBe(live.id)
    expect(await publicTexts()).toEqual(['First.', 'Second.', 'Drafted.'])
  })
})

describe('new people in an import', () => {
  const file = [
    '---',
    'episode: "Episode 9: Mireille B. Reece and Kent C. Dodds"',
    '---',
    '',
    '**Sam:** [00:00:01] Welcome, both.',
    '',
    '**Mireille:** [00:00:03] Hello.',
    '',
    '**Kent C. Dodds:** [00:00:05] Hi.',
    '',
    '**Kent:** [00:00:07] Me again.',
    '',
  ].join('\n')
  /** The people an import made, as Payload reads them, without ids and times. */
  const people = async (payload: Payload, slugs: { guests: string; speakers: string }) => {
    type Guest = { createdAt?: string; isPublic?: boolean; name: string; slug: string; updatedAt?: string }
    type Speaker = Omit<Guest, 'isPublic'> & { aliases?: { label: string; normalized: string }[]; guest?: Guest | null; role: string }
    const speakers = (await payload.find({ collection: slugs.speakers as CollectionSlug, depth: 1, sort: 'name' })) as unknown as { docs: Speaker[] }
    const guests = (await payload.find({ collection: slugs.guests as CollectionSlug, sort: 'name' })) as unknown as { docs: Guest[] }
    return {
      guests: guests.docs.map((guest) => ({
        name: guest.name,
        slug: guest.slug,
        isPublic: guest.isPublic,
        hasDates: Boolean(guest.createdAt && guest.updatedAt),
      })),
      speakers: speakers.docs.map((speaker) => ({
        aliases: (speaker.aliases ?? []).map((alias) => [alias.label, alias.normalized]),
        guest: speaker.guest && typeof speaker.guest === 'object' ? speaker.guest.slug : null,
        hasDates: Boolean(speaker.createdAt && speaker.updatedAt),
        name: speaker.name,
        role: speaker.role,
        slug: speaker.slug,
      })),
    }
  }

  test('are written in one statement as Payload would write them, and through Payload when the app hooks its people', async () => {
    const hooked: string[] = []
    const withHook = (config: Config): Config => ({
      ...config,
      collections: (config.collections ?? []).map((collection) =>
        collection.slug === 'hookedGuests'
          ? { ...collection, hooks: { ...collection.hooks, afterChange: [({ doc }) => (hooked.push(doc.name as string), doc)] } }
          : collection,
      ),
    })
    // Slugs of their own: Payload skips a dev push whose schema it pushed before in this process.
    const plainSlugs = { guests: 'plainGuests', speakers: 'plainVoices' }
    const hookedSlugs = { guests: 'hookedGuests', speakers: 'hookedVoices' }
    const host = { name: 'Sam Host', aliases: ['Sam'] }
    const plain = await startBareApp(podcastPlugin({ hosts: [host], slugs: plainSlugs }))
    const hookedApp = await startBareApp(podcastPlugin({ hosts: [host], slugs: hookedSlugs }), { extraPlugins: [withHook] })
    try {
      const { importTranscript } = await import('../src/import/importTranscript')
      const { peopleInSets } = await import('../src/db/people')
      expect([peopleInSets(plain.payload), peopleInSets(hookedApp.payload)]).toEqual([true, false])
      for (const { payload } of [plain, hookedApp]) {
        const report = await importTranscript({ content: file, fileName: 'ep9.md', payload })
        expect([report.status, report.errors, report.createdSpeakers, report.createdGuests]).toEqual(['imported', [], 3, 2])
      }
      expect(hooked.sort()).toEqual(['Kent C. Dodds', 'Mireille B. Reece'])
      const expected = {
        guests: [
          { hasDates: true, isPublic: false, name: 'Kent C. Dodds', slug: 'kent-c-dodds' },
          { hasDates: true, isPublic: false, name: 'Mireille B. Reece', slug: 'mireille-b-reece' },
        ],
        speakers: [
          {
            aliases: [
              ['Kent C. Dodds', 'kent dodds'],
              ['Kent', 'kent'],
            ],
            guest: 'kent-c-dodds',
            hasDates: true,
            name: 'Kent C. Dodds',
            role: 'guest',
            slug: 'kent-c-dodds',
          },
          {
            aliases: [
              ['Mireille', 'mireille'],
              ['Mireille B. Reece', 'mireille reece'],
            ],
            guest: 'mireille-b-reece',
            hasDates: true,
            name: 'Mireille B. Reece',
            role: 'guest',
            slug: 'mireille-b-reece',
          },
          {
            aliases: [
              ['Sam Host', 'sam host'],
              ['Sam', 'sam'],
            ],
            guest: null,
            hasDates: true,
            name: 'Sam Host',
            role: 'host',
            slug: 'sam-host',
          },
        ],
      }
      expect(await people(plain.payload, plainSlugs)).toEqual(expected)
      expect(await people(hookedApp.payload, hookedSlugs)).toEqual(expected)
    } finally {
      await plain.teardown()
      await hookedApp.teardown()
    }
  })
})
