import { type LiveServer, startLiveServer } from '../helpers/liveServer'

let s: LiveServer
let editor: string
let author: string
beforeAll(async () => {
  s = await startLiveServer()
  editor = (await s.createStaff('editor')).token
  author = (await s.createStaff('author')).token
}, 300_000)
afterAll(async () => { await s?.stop() })

const EMB = 'EMBARGOED'
const fileOf = (slug: string, lines: string[]) =>
  `---\nepisode: "Rev ${slug}"\npermalink: /${slug}\n---\n` +
  lines.map((l, i) => `**${l.startsWith(EMB) ? 'Zed Embargo' : i % 2 ? 'Ann' : 'Bob'}:** [00:00:${String(i).padStart(2, '0')}] ${l}`).join('\n\n')
const importAs = async (token: string, slug: string, lines: string[], status: string) => {
  const res = await s.json('POST', '/api/transcript-imports/bulk', { files: [{ content: fileOf(slug, lines), name: `${slug}.md` }], status }, { as: token })
  if (res.status !== 200) console.log('import', res.status, res.text)
  return res.body.results[0] as { episode: { id: number; slug: string } }
}
const out: Record<string, unknown> = {}
const rec = (k: string, r: { status: number; text: string }) => { out[k] = `${r.status} ${r.text.slice(0, 400)}` }

test('probe', async () => {
  const pub = await importAs(s.admin, 'pub', ['Pub line 0.', 'Pub line 1.', 'Pub line 2.'], 'published')
  const id = pub.episode.id
  await importAs(editor, 'pub', ['Pub line 0.', `${EMB} secret one.`, 'Pub line 2 changed BOBSECRET.', `${EMB} more.`], 'draft')
  const revs = await s.sql('select id, is_current, is_published, is_latest, turn_count, source_file from transcript_revisions where episode_id = $1 order by id', [id])
  out.revs = revs
  const pubRev = revs.find((r) => r.is_published).id
  const draftRev = revs.find((r) => r.is_latest && !r.is_published)?.id
  const turns = await s.sql('select id, revision_id, position, text from transcript_turns where episode_id = $1 order by id', [id])
    const pubTurn = turns.find((t) => t.revision_id === pubRev).id
  const draftTurn = turns.find((t) => t.revision_id === draftRev).id

  // (1) anonymous write attempts leak?
  rec('anonPatchPub', await s.json('PATCH', `/api/transcript-turns/${pubTurn}`, { text: 'x' }))
  rec('anonDeletePub', await s.request(`/api/transcript-turns/${pubTurn}`, { method: 'DELETE' }))
  rec('anonPatchDraft', await s.json('PATCH', `/api/transcript-turns/${draftTurn}`, { text: 'x' }))
  rec('anonPatchNone', await s.json('PATCH', `/api/transcript-turns/999999`, { text: 'x' }))
  rec('anonGqlUpdate', await s.graphql(`mutation { updateTranscriptTurn(id: ${pubTurn}, data: { text: "x" }) { id } }`))
  rec('anonCreate', await s.json('POST', `/api/transcript-turns`, { episode: id, position: 50, text: 'x' }))
  rec('authorPatchPub', await s.json('PATCH', `/api/transcript-turns/${pubTurn}`, { text: 'x' }, { as: author }))
  rec('authorCreate', await s.json('POST', `/api/transcript-turns`, { episode: id, position: 51, text: 'x' }, { as: author }))
  rec('authorPatchDraft', await s.json('PATCH', `/api/transcript-turns/${draftTurn}`, { text: 'authorwrite' }, { as: author }))
  // (1) where/sort on staff-only fields via nested paths
  const q = async (k: string, p: string) => rec(k, await s.request(p))
  await q('turnsWhereIsLatest', `/api/transcript-turns?where[revision.isLatest][equals]=false&limit=1`)
  await q('turnsWhereSourceFile', `/api/transcript-turns?where[revision.sourceFile][like]=pub&limit=1`)
  await q('turnsSortSourceFile', `/api/transcript-turns?sort=revision.sourceChecksum&limit=1`)
  await q('revsWhereIsLatest', `/api/transcript-revisions?where[isLatest][equals]=false`)
  await q('revsWhereChecksum', `/api/transcript-revisions?where[sourceChecksum][exists]=true`)
  await q('revsSortChecksum', `/api/transcript-revisions?sort=sourceChecksum`)
  await q('epWhereRevLatest', `/api/episodes?where[transcript.revision.isLatest][equals]=false&depth=0&select[id]=true`)
  await q('epWhereRevFile', `/api/episodes?where[transcript.revision.sourceFile][like]=pub&depth=0&select[id]=true`)
  await q('epWhereTurnsText', `/api/episodes?where[turns.text][like]=${EMB}&depth=0&select[id]=true`)
  await q('speakersWhereTurns', `/api/speakers?where[turns.text][like]=${EMB}&depth=0`)
  await q('turnsWhereSpeakerTurns', `/api/transcript-turns?where[speaker.turns.text][like]=BOBSECRET&limit=1`)
  await q('turnsWhereEpisodeVersion', `/api/transcript-turns?where[episode.transcript.turnCount][equals]=4&limit=1`)
  await q('turnsWhereEpisodeUpdatedAt', `/api/transcript-turns?where[episode._status][equals]=draft&limit=1`)
  await q('revById', `/api/transcript-revisions/${draftRev}`)
  await q('revByIdNone', `/api/transcript-revisions/99999`)
  await q('turnById', `/api/transcript-turns/${draftTurn}`)
  await q('endpointDraft', `/api/episodes/pub/transcript?draft=true&q=${EMB}`)
  await q('epDraft', `/api/episodes/${id}?draft=true&depth=2`)
  await q('countAnon', `/api/transcript-turns/count?where[episode][equals]=${id}`)
  await q('countAnonRev', `/api/transcript-turns/count?where[revision][equals]=${draftRev}`)
  await q('revsJoinWhere', `/api/transcript-revisions?joins[turns][where][revision][equals]=${draftRev}`)
  await q('epJoinWhere', `/api/episodes/${id}?joins[turns][where][revision][equals]=${draftRev}&depth=0`)
  await q('turnsDistinct', `/api/transcript-turns?where[revision][not_equals]=${pubRev}`)
  await q('epVersions', `/api/episodes/versions?depth=0`)
  rec('gqlRevs', await s.graphql(`{ TranscriptRevisions(where: { id: { equals: ${draftRev} } }) { docs { id turns { docs { text } } } } }`))
  rec('gqlRevsLatest', await s.graphql(`{ TranscriptRevisions { docs { id isLatest isCurrent sourceFile turnCount } } }`))
  rec('gqlTranscriptDraft', await s.graphql(`{ EpisodeTranscript(idOrSlug: "pub", draft: true) { totalDocs docs { text } } }`))
  rec('gqlEpDraft', await s.graphql(`{ Episode(id: ${id}, draft: true) { transcript { turnCount revision { id turnCount } } } }`))
  rec('gqlTurnsWhereLatest', await s.graphql(`{ TranscriptTurns(where: { revision__isLatest: { equals: false } }) { totalDocs } }`))
  rec('gqlEpisodes', await s.graphql(`{ Episodes(draft: true) { docs { transcript { turnCount revision { id } } } } }`))
  out.revsAfter = await s.sql('select id, is_current, is_published, is_latest, turn_count from transcript_revisions where episode_id = $1 order by id', [id])
  out.turnCountAfter = await s.sql('select count(*) from transcript_turns')
  out.versions = await s.sql('select id, latest, version__status, version_transcript_revision_id, version_transcript_turn_count from _episodes_v where parent_id = $1 order by id', [id])
  console.log(JSON.stringify(out, null, 1))
}, 300_000)
