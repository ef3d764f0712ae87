/**
 * The transcript-revisions migration on data written before it: every episode gets one
 * revision holding its turns, which its main document and every version point to, with
 * counts taken from the turns; the public keeps reading what it read.
 */
import { createPayloadBefore, type TestPayload } from './helpers/payload'

let t: TestPayload
let sqlOf: (text: string, values?: unknown[]) => Promise<any[]>
let migrateAll: () => Promise<void>

beforeAll(async () => {
  ;({ migrateAll, sqlOf, t } = await createPayloadBefore('_transcript_revisions'))
}, 120_000)
afterAll(async () => {
  await t?.teardown()
})

test('existing episodes get one revision each, pointed to by every version, with counts from their turns', async () => {
  // A published episode whose draft re-import (the old bug) replaced its turns: the published row still says 1 turn.
  const [live] =
    await sqlOf(`INSERT INTO episodes (title, slug, _status, workflow_status, transcript_turn_count, transcript_word_count, transcript_source_checksum)
    VALUES ('Live', 'live', 'published', 'published', 1, 2, 'old') RETURNING id`)
  await sqlOf(
    `INSERT INTO _episodes_v (parent_id, version_title, version_slug, version__status, version_transcript_turn_count, version_transcript_source_checksum, latest)
    VALUES ($1, 'Live', 'live', 'published', 1, 'old', false), ($1, 'Live', 'live', 'draft', 3, 'new', true)`,
    [live.id],
  )
  const [speaker] = await sqlOf(`INSERT INTO speakers (name, slug) VALUES ('Ann', 'ann') RETURNING id`)
  for (const [position, text] of ['One two.', 'Three four five.', 'Six.'].entries()) {
    await sqlOf(`INSERT INTO transcript_turns (episode_id, position, speaker_id, text, word_count) VALUES ($1, $2, $3, $4, $5)`, [
      live.id,
      position,
      speaker.id,
      text,
      text.split(' ').length,
    ])
  }
  const [empty] = await sqlOf(`INSERT INTO episodes (title, slug, _status, workflow_status) VALUES ('Empty', 'empty', 'draft', 'draft') RETURNING id`)
  await sqlOf(`INSERT INTO _episodes_v (parent_id, version_title, version__status, latest) VALUES ($1, 'Empty', 'draft', true)`, [empty.id])

  await migrateAll()

  const revisions = await sqlOf(
    `SELECT episode_id, turn_count::int, word_count::int, source_checksum, is_current, is_published, is_latest FROM transcript_revisions ORDER BY episode_id`,
  )
  expect(revisions).toEqual([
    { episode_id: live.id, is_current: true, is_latest: true, is_published: true, source_checksum: 'new', turn_count: 3, word_count: 6 },
    { episode_id: empty.id, is_current: true, is_latest: true, is_published: false, source_checksum: null, turn_count: 0, word_count: 0 },
  ])
  const [liveRevision] = await sqlOf(`SELECT id FROM transcript_revisions WHERE episode_id = $1`, [live.id])
  expect(await sqlOf(`SELECT DISTINCT revision_id FROM transcript_turns`)).toEqual([{ revision_id: liveRevision.id }])
  expect(await sqlOf(`SELECT transcript_revision_id, transcript_turn_count::int FROM episodes WHERE id = $1`, [live.id])).toEqual([
    { transcript_revision_id: liveRevision.id, transcript_turn_count: 3 },
  ])
  expect(
    await sqlOf(`SELECT DISTINCT version_transcript_revision_id, version_transcript_turn_count::int FROM _episodes_v WHERE parent_id = $1`, [live.id]),
  ).toEqual([{ version_transcript_revision_id: liveRevision.id, version_transcript_turn_count: 3 }])

  // The public reads the same turns as before, through Payload's access rules.
  const { docs } = await t.payload.find({ collection: 'transcript-turns', overrideAccess: false, sort: 'position', where: { episode: { equals: live.id } } })
  expect(docs.map((turn) => turn.text)).toEqual(['One two.', 'Three four five.', 'Six.'])
  // And the next import of the episode starts a second revision beside it.
  const { importTranscript } = await import('../src/import/importTranscript')
  const report = await importTranscript({
    content: '---\nepisode: "Live"\npermalink: /live\n---\n**Ann:** [00:00:01] Changed.',
    fileName: 'live.md',
    payload: t.payload,
    status: 'draft',
  })
  expect([report.status, report.errors]).toEqual(['updated', []])
  expect((await t.payload.find({ collection: 'transcript-turns', overrideAccess: false, where: { episode: { equals: live.id } } })).docs).toHaveLength(3)
})

test('episodes from before shows join the default show, each with a guid that every version carries', async () => {
  const shows = await sqlOf(`SELECT id, title, slug FROM shows`)
  expect(shows).toEqual([{ id: expect.any(Number), slug: 'open-source-audio', title: 'Open Source Audio' }])
  const episodes = await sqlOf(`SELECT id, show_id, guid FROM episodes ORDER BY id`)
  expect(episodes.length).toBeGreaterThanOrEqual(2)
  for (const episode of episodes) {
    expect(episode.show_id).toBe(shows[0].id)
    expect(episode.guid).toMatch(/^[0-9a-f-]{36}$/)
  }
  expect(new Set(episodes.map((episode) => episode.guid)).size).toBe(episodes.length)
  const versions = await sqlOf(`SELECT v.version_guid, v.version_show_id, e.guid, e.show_id FROM _episodes_v v JOIN episodes e ON e.id = v.parent_id`)
  for (const version of versions) expect([version.version_guid, version.version_show_id]).toEqual([version.guid, version.show_id])
})
