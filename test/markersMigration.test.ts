/**
 * The markers migration on data from before markers: speakers the importer made of structure
 * ("Break") become marker turns; they, their guest profiles and their episode links go; the
 * counts become speech only; real people stay.
 */
import { createPayloadBefore, type TestPayload } from './helpers/payload'

let t: TestPayload
let sqlOf: (text: string, values?: unknown[]) => Promise<any[]>
let migrateAll: () => Promise<void>

beforeAll(async () => {
  ;({ migrateAll, sqlOf, t } = await createPayloadBefore('_markers'))
}, 120_000)
afterAll(async () => {
  await t?.teardown()
})

test('marker speakers become marker turns; they, their guests and their links go; counts are of speech', async () => {
  const [show] = await sqlOf(`INSERT INTO shows (title, slug) VALUES ('S', 's') RETURNING id`)
  const [episode] = await sqlOf(
    `INSERT INTO episodes (title, slug, _status, workflow_status, show_id, guid, transcript_turn_count, transcript_word_count) VALUES ('E', 'e', 'published', 'published', $1, 'g-1', 3, 7) RETURNING id`,
    [show.id],
  )
  const [revision] = await sqlOf(
    `INSERT INTO transcript_revisions (episode_id, turn_count, word_count, is_current, is_published, is_latest) VALUES ($1, 3, 7, true, true, true) RETURNING id`,
    [episode.id],
  )
  await sqlOf(`UPDATE episodes SET transcript_revision_id = $1 WHERE id = $2`, [revision.id, episode.id])
  await sqlOf(
    `INSERT INTO _episodes_v (parent_id, version_title, version__status, version_transcript_revision_id, version_transcript_turn_count, latest) VALUES ($1, 'E', 'published', $2, 3, true)`,
    [episode.id, revision.id],
  )
  const [breakGuest] = await sqlOf(`INSERT INTO guests (name, slug, appears_in_published) VALUES ('Break', 'break', true) RETURNING id`)
  const [jane] = await sqlOf(`INSERT INTO guests (name, slug, appears_in_published) VALUES ('Jane Doe', 'jane-doe', true) RETURNING id`)
  const [breakSpeaker] = await sqlOf(`INSERT INTO speakers (name, slug, role, guest_id) VALUES ('Break', 'break', 'guest', $1) RETURNING id`, [breakGuest.id])
  const [janeSpeaker] = await sqlOf(`INSERT INTO speakers (name, slug, role, guest_id) VALUES ('Jane Doe', 'jane-doe', 'guest', $1) RETURNING id`, [jane.id])
  await sqlOf(`INSERT INTO episodes_rels (parent_id, path, "order", guests_id) VALUES ($1, 'guests', 1, $2), ($1, 'guests', 2, $3)`, [
    episode.id,
    breakGuest.id,
    jane.id,
  ])
  for (const [position, speaker, label, text, words] of [
    [0, janeSpeaker.id, 'Jane', 'Hello there.', 2],
    [1, breakSpeaker.id, 'Break', '', 0],
    [2, janeSpeaker.id, 'Jane', 'And we are back again.', 5],
  ] as const) {
    await sqlOf(
      `INSERT INTO transcript_turns (episode_id, revision_id, position, speaker_id, speaker_label, text, word_count, start) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [episode.id, revision.id, position, speaker, label, text, words, position * 10],
    )
  }

  await migrateAll()

  expect(await sqlOf(`SELECT position::int, kind::text, speaker_id, speaker_label FROM transcript_turns ORDER BY position`)).toEqual([
    { kind: 'speech', position: 0, speaker_id: janeSpeaker.id, speaker_label: 'Jane' },
    { kind: 'marker', position: 1, speaker_id: null, speaker_label: 'Break' },
    { kind: 'speech', position: 2, speaker_id: janeSpeaker.id, speaker_label: 'Jane' },
  ])
  expect(await sqlOf(`SELECT name FROM speakers ORDER BY id`)).toEqual([{ name: 'Jane Doe' }])
  expect(await sqlOf(`SELECT name FROM guests ORDER BY id`)).toEqual([{ name: 'Jane Doe' }])
  expect(await sqlOf(`SELECT guests_id FROM episodes_rels WHERE parent_id = $1`, [episode.id])).toEqual([{ guests_id: jane.id }])
  expect(await sqlOf(`SELECT turn_count::int, word_count::int FROM transcript_revisions WHERE id = $1`, [revision.id])).toEqual([
    { turn_count: 2, word_count: 7 },
  ])
  expect(await sqlOf(`SELECT transcript_turn_count::int FROM episodes WHERE id = $1`, [episode.id])).toEqual([{ transcript_turn_count: 2 }])
  expect(await sqlOf(`SELECT version_transcript_turn_count::int FROM _episodes_v WHERE parent_id = $1`, [episode.id])).toEqual([
    { version_transcript_turn_count: 2 },
  ])
})
