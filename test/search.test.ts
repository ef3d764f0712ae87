/**
 * Searching every published word: ranked turns with snippets and deep links, websearch syntax with a
 * prefix for the last word, filters, and not one word of a draft on any path (results, counts,
 * snippets); bad queries are 400s, never 500s.
 */
import type { Payload } from 'payload'

import fc from 'fast-check'

import { COUNT_CAP, searchEpisodeGroups, searchHits } from '../src/db/search'
import { readLexemeStats } from '../src/db/searchStats'
import { importTranscript } from '../src/import/importTranscript'
import { queryDatabase } from './helpers/database'
import { createTestPayload, type TestPayload } from './helpers/payload'
import { createRestClient, type RestClient } from './helpers/restClient'
import { createUser, PASSWORD } from './helpers/users'

let t: TestPayload
let payload: Payload
let rest: RestClient
let editor: string

const episode = (slug: string, status: string, turns: string[], extra = '') =>
  `---\ntitle: "${slug}"\npermalink: /${slug}\nstatus: ${status}\n${extra}---\n\n${turns.join('\n\n')}\n`

const importFile = async (slug: string, status: string, turns: string[], extra = '') => {
  const report = await importTranscript({ content: episode(slug, status, turns, extra), fileName: `${slug}.md`, payload })
  expect(report.errors).toEqual([])
  return report
}

type Hit = { episode: { slug: string }; field: string; snippet: string; speaker: null | { name: string }; turn: null | { position: number }; url: string }
const search = async (query: string, token?: string) => {
  const res = await rest.get<{ docs: Hit[]; totalDocs: number }>(`/search?${query}`, { token })
  expect([query, res.status]).toEqual([query, 200])
  return res
}
// A turn by its position, an episode-level hit by its field.
const where = (hits: Hit[]) => hits.map((hit) => `${hit.episode.slug}#${hit.turn?.position ?? hit.field}`)

beforeAll(async () => {
  t = await createTestPayload()
  payload = t.payload
  rest = await createRestClient()
  await createUser(payload, 'editor')
  editor = await rest.login('editor@example.com', PASSWORD)
  await importFile('reviews', 'publish', [
    '**Ann Search:** [00:00:01] We talk about code reviews today.',
    '**Bob Search:** [00:00:05] Testing, testing, and more testing: a testing strategy.',
    '**Break:** [00:00:09] A word from our sponsor.',
    '**Ann Search:** [00:00:12] Reviews are *hard*, and <script>alert(1)</script> is not a review.',
  ])
  await importFile('production', 'publish', ['**Ann Search:** [00:00:01] Testing in production is brave.'], 'show: Other Show\n')
  await importFile('secret', 'draft', ['**Ann Search:** [00:00:01] The secret roadmap of zebras.'])
  await importFile('later', 'publish', ['**Ann Search:** [00:00:01] Published words about llamas.'])
  // A draft re-import of a published episode: its words are not the public's until published.
  await importFile('later', 'draft', ['**Ann Search:** [00:00:01] Published words about llamas.', '**Ann Search:** [00:00:04] Unicorns, not yet public.'])
}, 120_000)
afterAll(async () => {
  await t?.teardown()
})

/** Turns whose public flag (the public's search reads it) disagrees with their revision's isPublished. */
const disagreeingFlags = () =>
  queryDatabase(t.url, `SELECT t.id FROM transcript_turns t JOIN transcript_revisions r ON r.id = t.revision_id WHERE t.is_public <> r.is_published`)

test('ranked: the turn that says it most comes first; every hit is a turn with its episode, speaker and deep link', async () => {
  const { body } = await search('q=testing')
  expect(where(body.docs)).toEqual(['reviews#1', 'production#0'])
  expect(body.totalDocs).toBe(2)
  expect(body.docs[0]).toMatchObject({
    episode: { slug: 'reviews', title: 'reviews' },
    speaker: { name: 'Bob Search', role: 'guest' },
    turn: { position: 1, start: 5, timestamp: '00:00:05' },
    url: 'http://localhost:3000/episodes/reviews?t=5#turn-1',
  })
  expect(body.docs[0].snippet).toContain('<mark>Testing</mark>')
})

test('websearch syntax: phrases, exclusion, or; the last word is a prefix', async () => {
  expect(where((await search('q=%22code%20reviews%22')).body.docs)).toEqual(['reviews#0'])
  expect(where((await search('q=testing%20-production')).body.docs)).toEqual(['reviews#1'])
  expect(where((await search('q=brave%20or%20hard')).body.docs).sort()).toEqual(['production#0', 'reviews#3'])
  // The episode's title "reviews" is a hit of its own.
  expect(where((await search('q=revi')).body.docs).sort()).toEqual(['reviews#0', 'reviews#3', 'reviews#title'])
  // Stemmed in the transcript's language: "review" finds "reviews" (two turns and the title).
  expect((await search('q=%22review%22')).body.totalDocs).toBe(3)
})

test('snippets are escaped text with the Markdown gone: <mark> is the only markup', async () => {
  const { body } = await search('q=alert')
  expect(body.docs[0].snippet).toContain('&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;')
  expect(body.docs[0].snippet).not.toMatch(/<(?!\/?mark>)/)
  expect(body.docs[0].snippet).not.toContain('*hard*')
})

test('not a word of a draft: not a draft episode, not the draft revision of a published one, not a marker', async () => {
  for (const word of ['zebras', 'roadmap', 'unicorns', 'sponsor']) {
    const { body } = await search(`q=${word}`)
    expect([word, body.totalDocs, body.docs]).toEqual([word, 0, []])
  }
  expect((await search('q=llamas')).body.totalDocs).toBe(1)
  // Staff with draft=true search the latest revisions, privately.
  const staff = await search('q=unicorns&draft=true', editor)
  expect(staff.body.totalDocs).toBe(1)
  expect(staff.headers.get('cache-control')).toBe('private, no-store')
  expect((await search('q=zebras&draft=true', editor)).body.totalDocs).toBe(1)
  expect((await rest.get('/search?q=zebras&draft=true')).status).toBe(403)
  // Publishing the draft makes its words public.
  const later = (await payload.find({ collection: 'episodes', where: { slug: { equals: 'later' } } })).docs[0]
  await payload.update({ collection: 'episodes', data: { _status: 'published' }, id: later.id })
  expect((await search('q=unicorns')).body.totalDocs).toBe(1)
  // And unpublishing hides them again, turns and title alike.
  await payload.update({ collection: 'episodes', data: { _status: 'draft' }, id: later.id })
  expect((await search('q=unicorns')).body.totalDocs).toBe(0)
  expect((await search('q=later')).body.totalDocs).toBe(0)
  await payload.update({ collection: 'episodes', data: { _status: 'published' }, id: later.id })
  expect((await search('q=unicorns')).body.totalDocs).toBe(1)
  expect(await disagreeingFlags()).toEqual([])
})

test('filters: show and speaker, by slug or id; pages', async () => {
  expect(where((await search('q=testing&show=other-show')).body.docs)).toEqual(['production#0'])
  expect(where((await search('q=testing&speaker=bob-search')).body.docs)).toEqual(['reviews#1'])
  const page = await search('q=testing&limit=1&page=2')
  expect([where(page.body.docs), page.body.totalDocs]).toEqual([['production#0'], 2])
  const anonymous = await search('q=testing')
  expect(anonymous.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300')
})

test('an edited turn is found by its new words at once', async () => {
  const [turn] = (await payload.find({ collection: 'transcript-turns', where: { text: { contains: 'brave' } } })).docs
  const res = await rest.patch(`/transcript-turns/${turn.id}`, { body: { text: 'Testing in production is reckless.' }, token: editor })
  expect(res.status).toBe(200)
  // A published turn's edit is a draft: staff find it, the public does not yet.
  expect((await search('q=reckless&draft=true', editor)).body.totalDocs).toBe(1)
  expect((await search('q=reckless')).body.totalDocs).toBe(0)
  expect(await disagreeingFlags()).toEqual([])
})

test('GraphQL SearchTranscripts answers the same, under the same rule', async () => {
  const QUERY = `query($q: String!, $draft: Boolean) { SearchTranscripts(q: $q, draft: $draft, limit: 5) {
    totalDocs docs { snippet url episode { slug } turn { position } speaker { name } } } }`
  type Answer = { SearchTranscripts: null | { docs: { episode: { slug: string }; snippet: string; turn: { position: number } }[]; totalDocs: number } }
  const rested = (await search('q=testing&limit=5')).body
  const res = await rest.graphql<Answer>(QUERY, { q: 'testing' })
  expect(res.body.errors).toBeUndefined()
  expect(res.body.data.SearchTranscripts?.totalDocs).toBe(rested.totalDocs)
  expect(res.body.data.SearchTranscripts?.docs.map((hit) => `${hit.episode.slug}#${hit.turn.position}`)).toEqual(where(rested.docs))
  expect(res.body.data.SearchTranscripts?.docs[0].snippet).toBe(rested.docs[0].snippet)
  // No draft words, and no draft search for the public.
  expect((await rest.graphql<Answer>(QUERY, { q: 'zebras' })).body.data.SearchTranscripts?.totalDocs).toBe(0)
  const refused = await rest.graphql<Answer>(QUERY, { draft: true, q: 'zebras' })
  expect(refused.body.data?.SearchTranscripts ?? null).toBeNull()
  expect(refused.body.errors?.[0]?.message).toBe('Only staff search drafts.')
})

test('bad queries are 400 with a reason; no query text makes a 500', async () => {
  for (const query of ['q=', 'q=%20%20', `q=${'a'.repeat(201)}`, 'q=a%00b', 'q=test&limit=101', 'q=test&page=0', 'q=test&show=a%00b']) {
    const res = await rest.get(`/search?${query}`)
    expect([query.slice(0, 30), res.status]).toEqual([query.slice(0, 30), 400])
  }
  await fc.assert(
    fc.asyncProperty(fc.string({ maxLength: 60, unit: fc.constantFrom(...'ab "-:*&|!()<>\'\\or AND é\u0301'.split('')) }), async (q) => {
      const res = await rest.get(`/search?q=${encodeURIComponent(q)}`)
      expect([q, [200, 400].includes(res.status)]).toEqual([q, true])
    }),
    { numRuns: 150 },
  )
})

test("a published episode's new transcript language re-reads its turns in that language's configuration", async () => {
  await importFile('haeuser', 'publish', ['**Dora Haus:** [00:00:01] Die alten Häuser stehen noch.'], 'language: en\n')
  // English does not stem "Häuser"; German makes it "haus".
  expect((await search('q=haus')).body.totalDocs).toBe(0)
  const episode = (await payload.find({ collection: 'episodes', where: { slug: { equals: 'haeuser' } } })).docs[0]
  const res = await rest.patch(`/episodes/${episode.id}`, { body: { _status: 'published', transcript: { language: 'de' } }, token: editor })
  expect(res.status).toBe(200)
  expect(where((await search('q=haus')).body.docs)).toEqual(['haeuser#0'])
  const turns = await queryDatabase(t.url, `SELECT search_config FROM transcript_turns WHERE episode_id = ${Number(episode.id)}`)
  expect(turns).toEqual([{ search_config: 'german' }])
})

test('reading the turns newest first finds what the GIN index finds: the same page, count and order, past the count cap', async () => {
  // 1,300 turns of one word: more than the COUNT_CAP the search counts to and ranks among.
  const turns = Array.from(
    { length: 1300 },
    (_, i) =>
      `**Cat Many:** [${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00] ${'quokka '.repeat(1 + (i % 4))}hops by wattle ${i}.`,
  )
  await importFile('many', 'publish', turns)
  await queryDatabase(t.url, 'ANALYZE transcript_turns')
  // What Postgres' statistics say the search should do (search/density).
  const stats = await readLexemeStats(payload)
  expect(stats.rows).toBeGreaterThanOrEqual(1300)
  expect(stats.frequencies.get('quokka')).toBeGreaterThan(0.9)
  const filters = (q: string, draft = false, speaker?: string) => ({ draft, limit: 20, page: 1, q, speaker })
  const totals: Record<string, number> = {}
  for (const q of ['quokka', 'quok', '"quokka hops"', 'wattle -quokka', 'testing or llamas', 'zebras', 'sponsor', 'unicorns']) {
    // By the speaker's index instead, with a speaker.
    const bySpeaker = await searchHits(payload, filters(q, false, 'cat-many'), undefined, 'inOrder')
    expect([q, bySpeaker]).toEqual([q, await searchHits(payload, filters(q, false, 'cat-many'), undefined, 'byIndex')])
    for (const draft of [false, true]) {
      const byIndex = await searchHits(payload, filters(q, draft), undefined, 'byIndex')
      const inOrder = await searchHits(payload, filters(q, draft), undefined, 'inOrder')
      expect([q, draft, inOrder]).toEqual([q, draft, byIndex])
      const groupsByIndex = await searchEpisodeGroups(payload, filters(q, draft), undefined, 'byIndex')
      expect([q, draft, await searchEpisodeGroups(payload, filters(q, draft), undefined, 'inOrder')]).toEqual([q, draft, groupsByIndex])
      if (!draft) totals[q] = byIndex.total
    }
  }
  // Counted to the cap; and still not a word of a draft, either way.
  expect((await searchHits(payload, filters('quokka', false, 'cat-many'), undefined, 'inOrder')).total).toBe(COUNT_CAP)
  expect(totals).toEqual({
    '"quokka hops"': COUNT_CAP,
    quok: COUNT_CAP,
    quokka: COUNT_CAP,
    sponsor: 0,
    'testing or llamas': 3,
    unicorns: 1,
    'wattle -quokka': 0,
    zebras: 0,
  })
  expect((await searchHits(payload, { ...filters('quokka'), page: COUNT_CAP / 20 + 1 }, undefined, 'inOrder')).hits).toEqual([])
  // Ranked among the newest COUNT_CAP matches: turns 300 to 1,299 of the 1,300.
  const positions = (await search('q=quokka&limit=100')).body.docs.map((hit) => hit.turn?.position ?? -1)
  expect([positions.length, Math.min(...positions) >= 1300 - COUNT_CAP]).toEqual([100, true])
  // Grouped, the episodes of the newest COUNT_CAP turns: the answer says there may be more.
  const grouped = (await search('q=quokka&group=episode')).body as unknown as { totalDocs: number; totalDocsCapped: boolean }
  expect([grouped.totalDocs, grouped.totalDocsCapped]).toEqual([1, true])
  const few = (await search('q=llamas&group=episode')).body as unknown as { totalDocs: number; totalDocsCapped: boolean }
  expect([few.totalDocs, few.totalDocsCapped]).toEqual([1, false])
})
