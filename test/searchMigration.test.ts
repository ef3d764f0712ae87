/**
 * The episodes' search migration on data from before it: every episode gets the vector the plugin
 * keeps (title A, summary B, the show notes' Lexical text C, in its transcript's language).
 */
import { refreshEpisodeSearch } from '../src/db/episodeSearch'
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
