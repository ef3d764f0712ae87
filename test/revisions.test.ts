/**
 * Transcript revisions, over HTTP against the production server: the public reads the
 * turns of the revision the published version points to, through every path, while staff
 * work on a draft one; publishing switches both at once, unpublishing hides both.
 */
import { type LiveServer, startLiveServer } from './helpers/liveServer'

let s: LiveServer
let editor: string
let author: string

beforeAll(async () => {
  s = await startLiveServer()
  editor = (await s.createStaff('editor')).token
  author = (await s.createStaff('author')).token
}, 300_000)
afterAll(async () => {
  await s?.stop()
})

const EMBARGO = 'EMBARGOED-DRAFT-LINE'
const fileOf = (slug: string, lines: string[]) =>
  `---\nepisode: "Revisions ${slug}"\npermalink: /${slug}\n---\n` +
  lines
    .map((line, index) => `**${line.startsWith(EMBARGO) ? 'Zed Embargo' : index % 2 ? 'Ann' : 'Bob'}:** [00:00:${String(index).padStart(2, '0')}] ${line}`)
    .join('\n\n')
const linesOf = (count: number, tag: string) => Array.from({ length: count }, (_, index) => `${tag} line ${index}.`)
const importAs = async (token: string, slug: string, lines: string[], status: string) => {
  const res = await s.json('POST', '/api/transcript-imports/bulk', { files: [{ content: fileOf(slug, lines), name: `${slug}.md` }], status }, { as: token })
  expect([res.status, res.body.summary?.failed]).toEqual([200, 0])
  return res.body.results[0] as { episode: { id: number; slug: string }; status: string }
}

type View = {
  count: number
  doc: { turnCount: number; wordCount: number }
  endpoint: string[]
  embargoHits: number
  gqlCount: number
  gqlJoin: string[]
  gqlTranscript: string[]
  join: string[]
  listed: string[]
  revisionJoin: string[]
  speakerJoin: null | string[]
  zedVisible: boolean | null
}

/** Everything one reader gets of an episode's transcript, through every path. */
const viewOf = async (id: number, slug: string, as?: string, draft = false): Promise<View | number> => {
  const d = draft ? '&draft=true' : ''
  const endpoint = await s.request(`/api/episodes/${slug}/transcript?limit=100${d}`, { as })
  if (endpoint.status !== 200) return endpoint.status
  const doc = (await s.request(`/api/episodes/${id}?depth=3${d}`, { as })).body
  const listed = (await s.request(`/api/transcript-turns?where[episode][equals]=${id}&limit=100&sort=position${d}`, { as })).body
  // Payload's count has no draft parameter: staff count a draft's turns by naming its revision.
  const revision = draft ? `&where[revision][equals]=${doc.transcript.revision.id}` : ''
  const count = (await s.request(`/api/transcript-turns/count?where[episode][equals]=${id}${revision}`, { as })).body
  const gql = await s.graphql(
    `query($slug: String!, $draft: Boolean) {
      Episode(id: ${id}, draft: $draft) { transcript { turnCount wordCount } turns(limit: 100, sort: "position") { docs { text } } }
      EpisodeTranscript(idOrSlug: $slug, draft: $draft, limit: 100) { docs { text } }
      countTranscriptTurns(where: { episode: { equals: ${id} }${draft ? `, revision: { equals: ${doc.transcript.revision.id} }` : ''} }) { totalDocs }
    }`,
    { draft, slug },
    { as },
  )
  expect(gql.body.errors).toBeUndefined()
  const zed = (await s.request(`/api/speakers?where[name][equals]=Zed%20Embargo`, { as })).body
  // A speaker's turns join, narrowed to this episode (speakers have no drafts: it follows the stored reading).
  const ann = (await s.request(`/api/speakers?where[slug][equals]=ann&depth=1&joins[turns][where][episode][equals]=${id}&joins[turns][sort]=position`, { as }))
    .body
  const embargo = (await s.request(`/api/episodes/${slug}/transcript?q=EMBARGOED${d}`, { as })).body
  // Joins inside a populated document list ids: read them through the listed turns.
  const textById = new Map((listed.docs as { id: number; text: string }[]).map((turn) => [turn.id, turn.text]))
  const texts = (docs: ({ text: string } | number)[]) =>
    docs.map((turn) => (typeof turn === 'number' ? (textById.get(turn) ?? `unlisted turn ${turn}`) : turn.text))
  return {
    count: count.totalDocs,
    doc: { turnCount: doc.transcript.turnCount, wordCount: doc.transcript.wordCount },
    embargoHits: embargo.totalDocs,
    endpoint: texts(endpoint.body.docs),
    gqlCount: gql.body.data.countTranscriptTurns.totalDocs,
    gqlJoin: texts(gql.body.data.Episode.turns.docs),
    gqlTranscript: texts(gql.body.data.EpisodeTranscript.docs),
    // Payload drops a document's joins when it swaps in a newer draft: draft readers follow the version's revision.
    join: texts((draft ? doc.transcript.revision : doc).turns.docs),
    revisionJoin: texts(doc.transcript.revision.turns.docs),
    listed: texts(listed.docs),
    speakerJoin: draft ? null : texts(ann.docs[0]?.turns.docs ?? []),
    // Staff see every speaker; only the public's view says whether the draft's voice leaked.
    zedVisible: as ? null : zed.docs.length > 0,
  }
}

/** A view in which every path agrees on `lines`. */
const consistent = (lines: string[], zedVisible: boolean | null, draft = false) => ({
  count: lines.length,
  doc: { turnCount: lines.length, wordCount: expect.any(Number) },
  embargoHits: lines.filter((line) => line.startsWith(EMBARGO)).length,
  endpoint: lines,
  gqlCount: lines.length,
  gqlJoin: lines,
  gqlTranscript: lines,
  join: lines,
  listed: lines,
  revisionJoin: lines,
  // Ann speaks the odd lines (fileOf).
  speakerJoin: draft ? null : lines.filter((line, index) => index % 2 === 1 && !line.startsWith(EMBARGO)),
  zedVisible,
})

test('a draft re-import of a published episode: the public keeps the published transcript everywhere until it is published', async () => {
  const published = linesOf(6, 'Public')
  const drafted = [...published, `${EMBARGO} for later.`]
  const { episode } = await importAs(editor, 'embargo', published, 'published')
  const { id, slug } = episode
  expect(await viewOf(id, slug)).toEqual(consistent(published, false))

  // The review's repro: the same file with one line appended, as a draft.
  expect((await importAs(editor, 'embargo', drafted, 'draft')).status).toBe('updated')
  expect(await viewOf(id, slug)).toEqual(consistent(published, false))
  // Staff reading the episode as stored get the published transcript too; with draft=true, the draft one.
  expect(await viewOf(id, slug, editor)).toEqual(consistent(published, null))
  expect(await viewOf(id, slug, editor, true)).toEqual(consistent(drafted, null, true))

  // Publishing the draft switches the transcript and its counts at once.
  const publish = await s.json('PATCH', `/api/episodes/${id}`, { _status: 'published' }, { as: editor })
  expect([publish.status, publish.body.doc?.transcript?.turnCount]).toEqual([200, drafted.length])
  expect(await viewOf(id, slug)).toEqual(consistent(drafted, true))
  expect(await viewOf(id, slug, editor, true)).toEqual(consistent(drafted, null, true))

  // Unpublishing hides the episode, its turns and the voice only it had.
  expect((await s.json('PATCH', `/api/episodes/${id}`, { workflowStatus: 'unpublished' }, { as: editor })).status).toBe(200)
  expect(await viewOf(id, slug)).toBe(404)
  const listed = await s.request(`/api/transcript-turns?where[episode][equals]=${id}`)
  expect([listed.status, listed.body.totalDocs]).toEqual([200, 0])
  expect((await s.request(`/api/transcript-turns/count?where[episode][equals]=${id}`)).body.totalDocs).toBe(0)
  expect((await s.request(`/api/speakers?where[name][equals]=Zed%20Embargo`)).body.docs).toEqual([])
  expect(await viewOf(id, slug, editor)).toEqual(consistent(drafted, null))
})

test('an episode has at most one published, one current and one latest revision: the database refuses a second', async () => {
  const { episode } = await importAs(editor, 'one-flag', linesOf(2, 'One'), 'published')
  await importAs(editor, 'one-flag', linesOf(3, 'Two'), 'draft')
  const rows = await s.sql<{ id: number; is_published: boolean }>('SELECT id, is_published FROM transcript_revisions WHERE episode_id = $1 ORDER BY id', [
    episode.id,
  ])
  expect(rows.map((row) => row.is_published)).toEqual([true, false])
  for (const flag of ['is_published', 'is_current', 'is_latest']) {
    await expect(s.sql(`UPDATE transcript_revisions SET ${flag} = true WHERE episode_id = $1`, [episode.id])).rejects.toMatchObject({ code: '23505' })
  }
  expect(
    (await s.sql('SELECT id, is_published FROM transcript_revisions WHERE episode_id = $1 ORDER BY id', [episode.id])).map((row) => row.is_published),
  ).toEqual([true, false])
})

test('an unchanged file is a no-op; the same file as a draft again makes no second revision', async () => {
  const lines = linesOf(3, 'Same')
  const { episode } = await importAs(editor, 'idempotent', lines, 'published')
  const revisions = async () => (await s.sql('SELECT count(*)::int AS n FROM transcript_revisions WHERE episode_id = $1', [episode.id]))[0].n
  expect(await revisions()).toBe(1)
  expect((await importAs(editor, 'idempotent', lines, 'published')).status).toBe('unchanged')
  // As a draft, the same file of a live episode is still a no-op: a draft import never unpublishes.
  expect((await importAs(editor, 'idempotent', lines, 'draft')).status).toBe('unchanged')
  expect((await s.request(`/api/episodes/${episode.id}`)).status).toBe(200)
  const changed = [...lines, 'Another line.']
  expect((await importAs(editor, 'idempotent', changed, 'draft')).status).toBe('updated')
  expect((await importAs(editor, 'idempotent', changed, 'draft')).status).toBe('unchanged')
  expect(await revisions()).toBe(2)
})

test('a turn write on a published episode goes to a draft copy: the public turn is never written in place', async () => {
  const lines = linesOf(4, 'Live')
  const { episode } = await importAs(editor, 'turn-edits', lines, 'published')
  const { id, slug } = episode
  const publicTurns = (await s.request(`/api/transcript-turns?where[episode][equals]=${id}&sort=position`)).body.docs as {
    id: number
    revision: number
    text: string
  }[]
  const rowOf = async (turnId: number) => (await s.sql('SELECT text, revision_id FROM transcript_turns WHERE id = $1', [turnId]))[0]

  // An author may not touch a live transcript at all.
  const byAuthor = await s.json('PATCH', `/api/transcript-turns/${publicTurns[0].id}`, { text: 'Author was here.' }, { as: author })
  expect(byAuthor.status).toBe(403)
  expect(await rowOf(publicTurns[0].id)).toEqual({ revision_id: publicTurns[0].revision, text: lines[0] })

  const edited = await s.json('PATCH', `/api/transcript-turns/${publicTurns[1].id}`, { text: 'Corrected in a draft.' }, { as: editor })
  expect(edited.status).toBe(200)
  const copy = edited.body.doc as { id: number; revision: number }
  expect(copy.id).not.toBe(publicTurns[1].id)
  expect(copy.revision).not.toBe(publicTurns[1].revision)
  // The published row is untouched, and the public reads exactly what it read before.
  expect(await rowOf(publicTurns[1].id)).toEqual({ revision_id: publicTurns[1].revision, text: lines[1] })
  expect(await viewOf(id, slug)).toEqual(consistent(lines, false))
  const drafted = [lines[0], 'Corrected in a draft.', ...lines.slice(2)]
  expect(await viewOf(id, slug, editor, true)).toEqual(consistent(drafted, null, true))

  // While the draft exists, a write to another published turn would fork a second draft: refused, nothing changes.
  const second = await s.json('PATCH', `/api/transcript-turns/${publicTurns[2].id}`, { text: 'Elsewhere.' }, { as: editor })
  expect([second.status, second.body.errors?.[0]?.data?.draftRevision]).toEqual([409, copy.revision])
  expect(await rowOf(publicTurns[2].id)).toEqual({ revision_id: publicTurns[2].revision, text: lines[2] })

  // The draft's own turns change in place; deleting one moves the draft's counts and nothing public.
  const draftTurns = (await s.request(`/api/transcript-turns?where[episode][equals]=${id}&sort=position&draft=true`, { as: editor })).body.docs as {
    id: number
    revision: number
  }[]
  expect(new Set(draftTurns.map((turn) => turn.revision))).toEqual(new Set([copy.revision]))
  expect((await s.request(`/api/transcript-turns/${draftTurns[3].id}`, { as: editor, method: 'DELETE' })).status).toBe(200)
  expect(await viewOf(id, slug, editor, true)).toEqual(consistent(drafted.slice(0, 3), null, true))
  expect(await viewOf(id, slug)).toEqual(consistent(lines, false))

  // A bulk write by where skips the published turns (their writers get a draft by id, not by where).
  const bulk = await s.json('PATCH', `/api/transcript-turns?where[episode][equals]=${id}`, { text: 'Bulk.' }, { as: editor })
  expect(bulk.status).toBe(200)
  expect((bulk.body.docs as { revision: number }[]).map((turn) => turn.revision)).toEqual([copy.revision, copy.revision, copy.revision])
  expect(await viewOf(id, slug)).toEqual(consistent(lines, false))

  // Publishing makes the draft the public transcript.
  expect((await s.json('PATCH', `/api/episodes/${id}`, { _status: 'published' }, { as: editor })).status).toBe(200)
  expect(await viewOf(id, slug)).toEqual(consistent(['Bulk.', 'Bulk.', 'Bulk.'], false))
})

test('anonymous writes to published turns are refused before any work: no copy, no lock, no word of a draft', async () => {
  const lines = linesOf(40, 'Guarded')
  const { episode } = await importAs(editor, 'anonymous-writes', lines, 'published')
  const [turn] = (await s.request(`/api/transcript-turns?where[episode][equals]=${episode.id}&sort=position&limit=1`)).body.docs as { id: number }[]
  // A copy would advance the turns' id sequence even when its transaction rolls back.
  const sequence = async () => (await s.sql<{ last_value: string }>('SELECT last_value FROM transcript_turns_id_seq'))[0].last_value
  const revisions = async () => (await s.sql<{ n: number }>('SELECT count(*)::int AS n FROM transcript_revisions WHERE episode_id = $1', [episode.id]))[0].n
  const attempts = () => [
    s.json('PATCH', `/api/transcript-turns/${turn.id}`, { text: 'Anonymous.' }),
    s.request(`/api/transcript-turns/${turn.id}`, { method: 'DELETE' }),
    s.json('POST', '/api/transcript-turns', { episode: episode.id, position: 99, text: 'Anonymous.' }),
    s.graphql(`mutation { updateTranscriptTurn(id: ${turn.id}, data: { text: "Anonymous." }) { id } }`),
  ]
  const before = [await sequence(), await revisions()]
  const statuses = (await Promise.all(attempts())).map((res) => res.body?.errors?.[0]?.extensions?.statusCode ?? res.status)
  expect(statuses).toEqual([403, 403, 403, 403])
  expect([await sequence(), await revisions()]).toEqual(before)
  // With a draft transcript in place, the answer is still 403: not the 409 that names the draft.
  await importAs(editor, 'anonymous-writes', [...lines, 'Drafted.'], 'draft')
  const withDraft = (await Promise.all(attempts())).map((res) => res.body?.errors?.[0]?.extensions?.statusCode ?? res.status)
  expect(withDraft).toEqual([403, 403, 403, 403])
  expect(JSON.stringify(await Promise.all(attempts().map(async (res) => (await res).body)))).not.toMatch(/draftRevision|draft one/)
  expect(await viewOf(episode.id, episode.slug)).toEqual(consistent(lines, false))
})

test('a turn’s position is a whole number', async () => {
  const { episode } = await importAs(editor, 'positions', linesOf(1, 'Position'), 'draft')
  for (const position of [1.5, 1e20, -1]) {
    const res = await s.json('POST', '/api/transcript-turns', { episode: episode.id, position, text: 'Odd.' }, { as: editor })
    expect([position, res.status]).toEqual([position, 400])
  }
  expect((await s.sql('SELECT count(*)::int AS n FROM transcript_turns WHERE episode_id = $1', [episode.id]))[0].n).toBe(1)
})

test('a new turn on a published episode joins a draft copy, not the public transcript', async () => {
  const lines = linesOf(2, 'Short')
  const { episode } = await importAs(editor, 'turn-create', lines, 'published')
  const created = await s.json('POST', '/api/transcript-turns', { episode: episode.id, position: 2, text: 'Added later.' }, { as: editor })
  expect(created.status).toBe(201)
  expect(await viewOf(episode.id, episode.slug)).toEqual(consistent(lines, false))
  expect(await viewOf(episode.id, episode.slug, editor, true)).toEqual(consistent([...lines, 'Added later.'], null, true))
  // A client cannot aim a turn at the published revision itself.
  const [published] = await s.sql<{ id: number }>('SELECT id FROM transcript_revisions WHERE episode_id = $1 AND is_published', [episode.id])
  const aimed = await s.json('POST', '/api/transcript-turns', { episode: episode.id, position: 9, revision: published.id, text: 'Sneaked in.' }, { as: editor })
  expect(aimed.status).toBe(201)
  expect(aimed.body.doc.revision).not.toBe(published.id)
  expect(await viewOf(episode.id, episode.slug)).toEqual(consistent(lines, false))
})

test('scheduled publishing switches the transcript when the job runs', async () => {
  const lines = linesOf(3, 'Soon')
  const { episode } = await importAs(editor, 'scheduled', lines, 'draft')
  const { id, slug } = episode
  const at = new Date(Date.now() + 1500).toISOString()
  for (const step of ['in_review', 'approved'])
    expect((await s.json('PATCH', `/api/episodes/${id}`, { workflowStatus: step }, { as: editor })).status).toBe(200)
  expect((await s.json('PATCH', `/api/episodes/${id}`, { publishedAt: at, workflowStatus: 'scheduled' }, { as: editor })).status).toBe(200)
  expect(await viewOf(id, slug)).toBe(404)
  // The app's own job runner may take the job first; run the queue until the episode is out, for at most 20 s.
  for (let tries = 0; tries < 40 && (await s.request(`/api/episodes/${id}`)).status === 404; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect((await s.request('/api/payload-jobs/run', { as: s.admin })).status).toBe(200)
  }
  expect(await viewOf(id, slug)).toEqual(consistent(lines, false))
})
