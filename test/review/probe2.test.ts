import { type LiveServer, startLiveServer } from '../helpers/liveServer'

let s: LiveServer
let editor: string
let editor2: string
beforeAll(async () => {
  s = await startLiveServer()
  editor = (await s.createStaff('editor')).token
  editor2 = (await s.createStaff('editor', 'e2@example.com')).token
}, 300_000)
afterAll(async () => { await s?.stop() })

const fileOf = (slug: string, lines: string[]) =>
  `---\nepisode: "Rev ${slug}"\npermalink: /${slug}\n---\n` +
  lines.map((l, i) => `**${i % 2 ? 'Ann' : 'Bob'}:** [${String(Math.floor(i / 3600)).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}] ${l}`).join('\n\n')
const importAs = async (token: string, slug: string, lines: string[], status: string) => {
  const res = await s.json('POST', '/api/transcript-imports/bulk', { files: [{ content: fileOf(slug, lines), name: `${slug}.md` }], status }, { as: token })
  if (res.status !== 200 || res.body.summary?.failed) console.log('import', res.status, res.text.slice(0, 500))
  return res.body.results[0] as { episode: { id: number; slug: string } }
}
const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} line ${i}.`)
const out: Record<string, unknown> = {}
const rec = (k: string, r: { status: number; text: string }) => { out[k] = `${r.status} ${r.text.slice(0, 300)}` }
const flags = (id: number) => s.sql('select id, is_current c, is_published p, is_latest l, turn_count from transcript_revisions where episode_id=$1 order by id', [id])

test('probe2', async () => {
  // A: anonymous write on published turn of a long transcript without a draft
  const big = (await importAs(s.admin, 'big', lines(2000, 'Big'), 'published')).episode.id
  const bigTurn = (await s.sql('select id from transcript_turns where episode_id=$1 order by position limit 1', [big]))[0].id
  const seq0 = await s.sql(`select last_value from transcript_revisions_id_seq`)
  const tseq0 = await s.sql(`select last_value from transcript_turns_id_seq`)
  let t = Date.now()
  rec('anonPatchBig', await s.json('PATCH', `/api/transcript-turns/${bigTurn}`, { text: 'x' }))
  out.anonPatchBigMs = Date.now() - t
  t = Date.now()
  rec('anonPatchNone', await s.json('PATCH', `/api/transcript-turns/99999999`, { text: 'x' }))
  out.anonPatchNoneMs = Date.now() - t
  out.seqAfter = [seq0, await s.sql(`select last_value from transcript_revisions_id_seq`), tseq0, await s.sql(`select last_value from transcript_turns_id_seq`)]
  out.bigFlags = await flags(big)
  // 20 concurrent anonymous PATCHes: time them, and an editor's write during them
  t = Date.now()
  const anon = Array.from({ length: 20 }, () => s.json('PATCH', `/api/transcript-turns/${bigTurn}`, { text: 'x' }))
  const ed = s.json('PATCH', `/api/episodes/${big}?draft=true`, { summary: 'during' }, { as: editor }).then((r) => ({ r, ms: Date.now() - t }))
  const anonRes = await Promise.all(anon)
  const edRes = await ed
  out.anon20 = { ms: Date.now() - t, statuses: anonRes.map((r) => r.status).join(','), editorMs: edRes.ms, editorStatus: edRes.r.status }

  // B/E: two editors concurrently patch different published turns (no draft)
  const ep = (await importAs(s.admin, 'ep', lines(6, 'Ep'), 'published')).episode.id
  const ts = await s.sql('select id, position from transcript_turns where episode_id=$1 order by position', [ep])
  const [r1, r2] = await Promise.all([
    s.json('PATCH', `/api/transcript-turns/${ts[0].id}`, { text: 'E1 edit' }, { as: editor }),
    s.json('PATCH', `/api/transcript-turns/${ts[1].id}`, { text: 'E2 edit' }, { as: editor2 }),
  ])
  out.concurrentEdits = [`${r1.status} ${r1.text.slice(0, 150)}`, `${r2.status} ${r2.text.slice(0, 150)}`]
  out.epFlags = await flags(ep)
  out.publicEp = (await s.request(`/api/episodes/ep/transcript`)).body.docs.map((d: any) => d.text).join('|')
  // C/D: duplicate positions
  rec('createDupPos', await s.json('POST', `/api/transcript-turns`, { episode: ep, position: 0, text: 'dup' }, { as: editor }))
  const latestTurn = (await s.sql('select t.id from transcript_turns t join transcript_revisions r on r.id=t.revision_id where r.episode_id=$1 and r.is_latest order by position limit 1', [ep]))[0].id
  rec('patchDupPos', await s.json('PATCH', `/api/transcript-turns/${latestTurn}`, { position: 1 }, { as: editor }))
  rec('patchWordCount', await s.json('PATCH', `/api/transcript-turns/${latestTurn}`, { wordCount: 1000000 }, { as: editor }))
  rec('createNoText', await s.json('POST', `/api/transcript-turns`, { episode: ep, position: 99, text: 'hi', wordCount: 5000000 }, { as: editor }))
  rec('createNegPos', await s.json('POST', `/api/transcript-turns`, { episode: ep, position: 1.5, text: 'hi' }, { as: editor }))
  rec('createHugePos', await s.json('POST', `/api/transcript-turns`, { episode: ep, position: 1e20, text: 'hi' }, { as: editor }))
  out.epFlags2 = await flags(ep)
  out.epDoc = (await s.sql('select transcript_turn_count, transcript_word_count, transcript_revision_id from episodes where id=$1', [ep]))
  out.epVersions = await s.sql('select id, latest, version__status, version_transcript_revision_id r, version_transcript_turn_count tc, version_transcript_word_count wc from _episodes_v where parent_id=$1 order by id', [ep])
  // H: editor non-draft save of the live episode while a draft transcript exists
  rec('editorPlainSave', await s.json('PATCH', `/api/episodes/${ep}`, { summary: 'plain save' }, { as: editor }))
  out.epFlags3 = await flags(ep)
  out.publicEp3 = (await s.request(`/api/episodes/ep/transcript`)).body.docs.map((d: any) => d.text).join('|')

  // Race: bulk edit of an unpublished episode's turns while it is published
  const races: string[] = []
  for (let i = 0; i < 4; i++) {
    const slug = `race${i}`
    const rid = (await importAs(s.admin, slug, lines(600, 'R'), 'draft')).episode.id
    const bulk = s.json('PATCH', `/api/transcript-turns?where[episode][equals]=${rid}&limit=2000`, { text: 'BULKEDIT' }, { as: editor })
    await new Promise((r) => setTimeout(r, 150 + i * 150))
    const pubRes = await s.json('PATCH', `/api/episodes/${rid}`, { _status: 'published', workflowStatus: 'published' }, { as: s.admin })
    const b = await bulk
    const publicHits = (await s.request(`/api/episodes/${slug}/transcript?q=BULKEDIT&limit=1`)).body.totalDocs
    const f = await flags(rid)
    races.push(`pub ${pubRes.status} bulk ${b.status} docs ${b.body?.docs?.length} errs ${b.body?.errors?.length} publicBULK ${publicHits} flags ${JSON.stringify(f)}`)
  }
  out.races = races
  console.log(JSON.stringify(out, null, 1))
}, 600_000)
