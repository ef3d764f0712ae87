/**
 * The episodes' search migration on data from before it: every episode gets the vector the plugin
 * keeps (title A, summary B, the show notes' Lexical text C, in its transcript's language); the
 * suggestions' migration builds the vocabulary of published words as the plugin rebuilds it; turns get
 * their public flag.
 */
import { refreshEpisodeSearch } from '../src/db/episodeSearch'
import { rebuildSearchWords } from '../src/db/suggest'
import { createPayloadBefore, type TestPayload } from './helpers/payload'

let t: TestPayload
let sqlOf: (text: string, values?: unknown[]) => Promise<any[]>
let migrateAll: () => Promise<void>

beforeAll(async () => {
  ;({ migrateAll, sqlOf, t } = await createPayloadBefore('_search_episodes'))
}, 120_000)
afterAll(async () => {
  await t?.teardown()
})

test('existing episodes get their title, summary and show notes indexed, as the plugin indexes them', async () => {
  const notes = { root: { children: [{ children: [{ text: 'Sidecars and operators', type: 'text' }], type: 'paragraph' }], type: 'root' } }
  const rows = await sqlOf(
    `INSERT INTO episodes (title, slug, summary, show_notes, transcript_language, _status) VALUES
       ('Running clusters', 'en', 'Teams **review** code', $1, 'en', 'published'),
       ('Häuser bauen', 'de', NULL, NULL, 'de-AT', 'draft')
     RETURNING id`,
    [JSON.stringify(notes)],
  )
  await migrateAll()
  const indexed = await sqlOf(`SELECT slug, search_config, search::text AS search FROM episodes ORDER BY slug`)
  expect(indexed).toEqual([
    { search: "'bau':2A 'haus':1A", search_config: 'german', slug: 'de' },
    {
      search: "'cluster':2A 'code':5B 'oper':8C 'review':4B 'run':1A 'sidecar':6C 'team':3B",
      search_config: 'english',
      slug: 'en',
    },
  ])
  // The plugin's own indexing gives the same vectors.
  await refreshEpisodeSearch(
    t.payload,
    {},
    rows.map((row) => row.id),
  )
  expect(await sqlOf(`SELECT slug, search_config, search::text AS search FROM episodes ORDER BY slug`)).toEqual(indexed)
})

test('the vocabulary holds the published words only, as the plugin rebuilds it', async () => {
  // Fresh data on the migrated database: a published episode with a published and a draft revision.
  const [episode] = await sqlOf(`INSERT INTO episodes (title, slug, _status) VALUES ('Quiet harbours', 'q', 'published') RETURNING id`)
  const [published] = await sqlOf(`INSERT INTO transcript_revisions (episode_id, is_published) VALUES ($1, true) RETURNING id`, [episode.id])
  const [draft] = await sqlOf(`INSERT INTO transcript_revisions (episode_id, is_latest) VALUES ($1, true) RETURNING id`, [episode.id])
  await sqlOf(
    `INSERT INTO transcript_turns (episode_id, revision_id, position, text, kind) VALUES
       ($1, $2, 0, 'Lighthouses at 42 knots', 'speech'), ($1, $2, 1, 'Sponsor', 'marker'), ($1, $3, 0, 'Unreleased words', 'speech')`,
    [episode.id, published.id, draft.id],
  )
  // Run the migration's build again on this data (down and up), then the plugin's.
  const { migrations } = await import('../migrations/index')
  const migration = migrations.find((m) => m.name.endsWith('_search_suggestions'))!
  const db = t.payload.db as never as { drizzle: unknown }
  await migration.down({ db: db.drizzle, payload: t.payload, req: {} } as never)
  await migration.up({ db: db.drizzle, payload: t.payload, req: {} } as never)
  const built = await sqlOf(`SELECT word, documents FROM podcast_search_words ORDER BY word`)
  expect(built.map((row) => row.word)).toEqual(
    ['and', 'clusters', 'code', 'harbours', 'lighthouses', 'knots', 'operators', 'quiet', 'review', 'running', 'sidecars', 'teams'].sort(),
  )
  await rebuildSearchWords(t.payload)
  expect(await sqlOf(`SELECT word, documents FROM podcast_search_words ORDER BY word`)).toEqual(built)
})

test('turns get their revision’s isPublished as their public flag', async () => {
  const { migrations } = await import('../migrations/index')
  const migration = migrations.find((m) => m.name.endsWith('_search_public_turns'))!
  const db = t.payload.db as never as { drizzle: unknown }
  await migration.down({ db: db.drizzle, payload: t.payload, req: {} } as never)
  await migration.up({ db: db.drizzle, payload: t.payload, req: {} } as never)
  expect(await sqlOf(`SELECT t.text, t.is_public FROM transcript_turns t ORDER BY t.id`)).toEqual([
    { is_public: true, text: 'Lighthouses at 42 knots' },
    { is_public: true, text: 'Sponsor' },
    { is_public: false, text: 'Unreleased words' },
  ])
})
