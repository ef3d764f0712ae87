/**
 * The people migration: aliases normalise further (degrees, suffixes, middle initials), and
 * speakers whose aliases now meet are merged into the oldest, with a merges record.
 */
import { createPayloadBefore, type TestPayload } from './helpers/payload'

let t: TestPayload
let sqlOf: (text: string, values?: unknown[]) => Promise<any[]>
let migrateAll: () => Promise<void>

beforeAll(async () => {
  ;({ migrateAll, sqlOf, t } = await createPayloadBefore('_people'))
}, 120_000)
afterAll(async () => {
  await t?.teardown()
})

test('two spellings of one person become one speaker; their turns and aliases go with it', async () => {
  const [episode] = await sqlOf(
    `INSERT INTO episodes (title, slug, _status, workflow_status, guid) VALUES ('E', 'e', 'published', 'published', 'g-e') RETURNING id`,
  )
  const speaker = async (name: string, normalized: string) => {
    const [row] = await sqlOf(`INSERT INTO speakers (name, slug, role) VALUES ($1, $2, 'guest') RETURNING id`, [name, normalized.replace(/ /g, '-')])
    await sqlOf(`INSERT INTO speakers_aliases (_order, _parent_id, id, label, normalized) VALUES (1, $1, $2, $3, $4)`, [
      row.id,
      `alias-${row.id}`,
      name,
      normalized,
    ])
    await sqlOf(`INSERT INTO transcript_turns (episode_id, position, speaker_id, speaker_label, text, word_count) VALUES ($1, $2, $3, $4, 'Hi.', 1)`, [
      episode.id,
      Number(row.id),
      row.id,
      name,
    ])
    return row.id as number
  }
  const first = await speaker('Mireille B. Reece, Psy.D', 'mireille b reece psy d')
  const second = await speaker('Mireille Reece, PsyD', 'mireille reece psyd')
  const other = await speaker('Kent C. Dodds', 'kent c dodds')

  await migrateAll()

  expect(await sqlOf(`SELECT id FROM speakers ORDER BY id`)).toEqual([{ id: first }, { id: other }])
  expect(await sqlOf(`SELECT DISTINCT speaker_id FROM transcript_turns ORDER BY speaker_id`)).toEqual([{ speaker_id: first }, { speaker_id: other }])
  expect(await sqlOf(`SELECT _parent_id AS parent, normalized FROM speakers_aliases ORDER BY _parent_id, normalized`)).toEqual([
    { normalized: 'mireille reece', parent: first },
    { normalized: 'kent dodds', parent: other },
  ])
  expect(await sqlOf(`SELECT kind::text, from_id, into_id, moved_turns::int FROM merges`)).toEqual([
    { from_id: String(second), into_id: String(first), kind: 'speaker', moved_turns: 1 },
  ])
})
