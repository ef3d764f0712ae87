/**
 * Search beyond turns: hits on episodes' titles, summaries and show notes, the filters by guest, season,
 * publication date and type, `group=episode` (REST and GraphQL `SearchEpisodes`), ranking a reader would
 * agree with, and not one word of a draft on any path, including a live episode's newer draft.
 */
import type { Payload } from 'payload'

import { rebuildSearchWords, rebuildSearchWordsIfChanged } from '../src/db/suggest'
import { forgetSearchAnswers } from '../src/search/resultCache'
import { queryDatabase } from './helpers/database'
import { importTranscript } from '../src/import/importTranscript'
import { createTestPayload, type TestPayload } from './helpers/payload'
import { createRestClient, type RestClient } from './helpers/restClient'
import { createUser, PASSWORD } from './helpers/users'

let t: TestPayload
let payload: Payload
let rest: RestClient
let editor: string
let graceId: number | string

/** Lexical show notes of one paragraph per string. */
const notes = (...paragraphs: string[]) => ({
  root: {
    type: 'root',
    children: paragraphs.map((text) => ({
      type: 'paragraph',
      children: [{ type: 'text', detail: 0, format: 0, mode: 'normal', style: '', text, version: 1 }],
      direction: 'ltr' as const,
      format: '' as const,
      indent: 0,
      textFormat: 0,
      version: 1,
    })),
    direction: 'ltr' as const,
    format: '' as const,
    indent: 0,
    version: 1,
  },
})

const importEpisode = async (slug: string, title: string, status: string, turns: string[]) => {
  const content = `---\ntitle: "${title}"\npermalink: /${slug}\nstatus: ${status}\n---\n\n${turns.join('\n\n')}\n`
  const report = await importTranscript({ content, fileName: `${slug}.md`, payload })
  expect(report.errors).toEqual([])
  return (await payload.find({ collection: 'episodes', draft: true, where: { slug: { equals: slug } } })).docs[0]
}

/** A published episode's fields, saved as a publish (the main document changes). */
const publishWith = async (id: number | string, data: Record<string, unknown>) => {
  await payload.update({ collection: 'episodes', data: { ...data, _status: 'published' }, id })
}

type Hit = {
  episode: { slug: string; title: string }
  field: string
  score: number
  snippet: string
  speaker: null | { name: string }
  turn: null | { position: number }
  url: string
}
type Page<T> = { docs: T[]; hasNextPage: boolean; limit: number; page: number; suggestion: null | string; totalDocs: number }
type Group = { best: Omit<Hit, 'episode'>; episode: { slug: string; title: string }; hits: number }

const search = async (query: string, token?: string) => {
  const res = await rest.get<Page<Hit>>(`/search?${query}`, { token })
  expect([query, res.status]).toEqual([query, 200])
  return res.body
}
const groups = async (query: string, token?: string) => {
  const res = await rest.get<Page<Group>>(`/search?group=episode&${query}`, { token })
  expect([query, res.status]).toEqual([query, 200])
  return res.body
}
const where = (hits: Hit[]) => hits.map((hit) => `${hit.episode.slug}#${hit.turn?.position ?? hit.field}`)
const episodesOf = (hits: Hit[]) => [...new Set(hits.map((hit) => hit.episode.slug))].sort()

beforeAll(async () => {
  t = await createTestPayload()
  payload = t.payload
  rest = await createRestClient()
  await createUser(payload, 'editor')
  editor = await rest.login('editor@example.com', PASSWORD)
  const grace = await payload.create({ collection: 'guests', data: { name: 'Grace Hopper' } })
  graceId = grace.id
  const secretGuest = await payload.create({ collection: 'guests', data: { name: 'Quentin Secretguest' } })

  const scale = await importEpisode('scale', 'Kubernetes at scale', 'publish', [
    '**Ann Host:** [00:00:01] We run Kubernetes clusters.',
    '**Ann Host:** [00:00:05] Hopper said so.',
    '**Bob Guest:** [00:00:09] Budgets matter.',
  ])
  await publishWith(scale.id, {
    episodeType: 'full',
    guests: [grace.id],
    publishedAt: '2025-01-10T12:00:00.000Z',
    season: 1,
    showNotes: notes('Operators and sidecars.', 'Links to the talk.'),
    summary: 'How **teams** run clusters, and why <script>alert(1)</script> is not a plan.',
  })
  const budget = await importEpisode('budget', 'Budget talk', 'publish', [
    '**Ann Host:** [00:00:01] Kubernetes came up once.',
    '**Ann Host:** [00:00:05] Kubernetes, kubernetes and Kubernetes again.',
    '**Ann Host:** [00:00:09] Hopper said it.',
  ])
  await publishWith(budget.id, { episodeType: 'bonus', publishedAt: '2025-06-01T00:00:00.000Z', season: 2 })
  const trailer = await importEpisode('trailer', 'Season two trailer', 'publish', ['**Ann Host:** [00:00:01] A Kubernetes teaser.'])
  await publishWith(trailer.id, { episodeType: 'trailer', publishedAt: '2025-07-01T00:00:00.000Z', season: 2 })
  await importEpisode('hidden', 'Zanzibar secrets', 'draft', [
    '**Ann Host:** [00:00:01] Zanzibar and Kubernetes, in a draft.',
    '**Zed Secretspeaker:** [00:00:05] Only a draft hears me.',
  ])
  // A live episode with a newer draft: the public reads the published title, summary, notes and guests only.
  const live = await importEpisode('live', 'Public title', 'publish', ['**Ann Host:** [00:00:01] Walrus facts.'])
  await publishWith(live.id, { publishedAt: '2025-03-01T00:00:00.000Z', summary: 'Published summary.' })
  await payload.update({
    collection: 'episodes',
    data: { guests: [secretGuest.id], showNotes: notes('Aardvark notes.'), summary: 'Aardvark summary.', title: 'Aardvark leak' },
    draft: true,
    id: live.id,
  })
}, 180_000)
afterAll(async () => {
  await t?.teardown()
})

test('ranked as a reader would: the episode titled with the word, then the turn saying it most, then its episode’s turn', async () => {
  const { docs, totalDocs } = await search('q=kubernetes')
  // The title hit, then three "kubernetes" in one turn, then a turn of the episode titled "Kubernetes…"
  // (boosted above the single mentions elsewhere), then those.
  expect(where(docs)).toEqual(['scale#title', 'budget#1', 'scale#0', 'trailer#0', 'budget#0'])
  expect(totalDocs).toBe(5)
  expect(docs[0]).toMatchObject({
    episode: { slug: 'scale', title: 'Kubernetes at scale' },
    field: 'title',
    snippet: '<mark>Kubernetes</mark> at scale',
    speaker: null,
    turn: null,
    url: 'http://localhost:3000/episodes/scale',
  })
  expect(docs[0].score).toBeGreaterThan(docs[1].score)
  // A guest's name in the query lifts the turns of the episodes they are on: same words, same length.
  expect(where((await search('q=hopper')).docs)).toEqual(['scale#1', 'budget#2'])
})

test('episode-level hits: summary and Lexical show notes as escaped plain text, <mark> the only tag', async () => {
  const [notesHit] = (await search('q=sidecars')).docs
  expect(notesHit).toMatchObject({ field: 'showNotes', snippet: 'Operators and <mark>sidecars</mark>. Links to the talk', speaker: null, turn: null })
  const summary = await search('q=teams')
  expect(where(summary.docs)).toEqual(['scale#summary'])
  expect(summary.docs[0].snippet).toContain('How <mark>teams</mark> run clusters')
  expect(summary.docs[0].snippet).not.toContain('**')
  const script = (await search('q=alert')).docs[0].snippet
  expect(script).toContain('&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;')
  expect(script).not.toMatch(/<(?!\/?mark>)/)
  // A speaker filter asks for turns: no episode-level hits.
  expect(where((await search('q=kubernetes&speaker=ann-host')).docs)).toEqual(['budget#1', 'scale#0', 'trailer#0', 'budget#0'])
})

test('filters: guest (slug or id), season, type, publication dates', async () => {
  expect(episodesOf((await search('q=kubernetes&guest=grace-hopper')).docs)).toEqual(['scale'])
  expect(episodesOf((await search(`q=kubernetes&guest=${graceId}`)).docs)).toEqual(['scale'])
  expect((await search('q=kubernetes&guest=nobody')).totalDocs).toBe(0)
  expect(episodesOf((await search('q=kubernetes&season=2')).docs)).toEqual(['budget', 'trailer'])
  expect(episodesOf((await search('q=kubernetes&season=1')).docs)).toEqual(['scale'])
  expect(episodesOf((await search('q=kubernetes&type=trailer')).docs)).toEqual(['trailer'])
  expect(episodesOf((await search('q=kubernetes&type=bonus')).docs)).toEqual(['budget'])
  expect(episodesOf((await search('q=kubernetes&type=full')).docs)).toEqual(['scale'])
  expect(episodesOf((await search('q=kubernetes&after=2025-05-01')).docs)).toEqual(['budget', 'trailer'])
  expect(episodesOf((await search('q=kubernetes&before=2025-05-01')).docs)).toEqual(['scale'])
  // `after` is inclusive, `before` exclusive: June 1st, midnight UTC, is in; July 1st is out.
  expect(episodesOf((await search('q=kubernetes&after=2025-06-01&before=2025-07-01')).docs)).toEqual(['budget'])
  expect(episodesOf((await search('q=kubernetes&after=2025-06-01T00:00:01Z')).docs)).toEqual(['trailer'])
  expect(episodesOf((await search('q=kubernetes&after=2025-06-01T02:00:00%2B02:00&season=2&type=bonus')).docs)).toEqual(['budget'])
  // Filters and pages together; limit ≤ 100.
  const page = await search('q=kubernetes&season=2&limit=1&page=2')
  expect([where(page.docs), page.totalDocs, page.hasNextPage]).toEqual([['trailer#0'], 3, true])
})

test('bad filters are 400s that name the parameter', async () => {
  for (const [query, name] of [
    ['after=2025-02-31', 'after'],
    ['after=yesterday', 'after'],
    ['before=2025-13-01', 'before'],
    ['before=2025-01-01T25:00:00Z', 'before'],
    ['type=episode', 'type'],
    ['season=-1', 'season'],
    ['season=1.5', 'season'],
    ['group=show', 'group'],
    ['limit=101', 'limit'],
    ['guest=a%00b', 'guest'],
  ]) {
    const res = await rest.get<{ errors: { message: string }[] }>(`/search?q=kubernetes&${query}`)
    expect([query, res.status, res.body.errors?.[0]?.message.startsWith(name)]).toEqual([query, 400, true])
  }
})

test('group=episode: episodes with their number of hits and best hit, best first, in pages', async () => {
  const grouped = await groups('q=kubernetes')
  expect(grouped.docs.map((doc) => [doc.episode.slug, doc.hits, doc.best.turn?.position ?? doc.best.field])).toEqual([
    ['scale', 2, 'title'],
    ['budget', 2, 1],
    ['trailer', 1, 0],
  ])
  expect([grouped.totalDocs, grouped.page, grouped.limit, grouped.hasNextPage, grouped.suggestion]).toEqual([3, 1, 20, false, null])
  expect(grouped.docs[1].best).toMatchObject({ field: 'transcript', speaker: { name: 'Ann Host' }, url: 'http://localhost:3000/episodes/budget?t=5#turn-1' })
  expect(grouped.docs[1].best.snippet).toBe('<mark>Kubernetes</mark>, <mark>kubernetes</mark> and <mark>Kubernetes</mark> again')
  const second = await groups('q=kubernetes&limit=1&page=2')
  expect([second.docs.map((doc) => doc.episode.slug), second.totalDocs, second.hasNextPage]).toEqual([['budget'], 3, true])
  expect((await groups('q=kubernetes&guest=grace-hopper')).docs.map((doc) => doc.episode.slug)).toEqual(['scale'])
})

test('GraphQL: SearchTranscripts with the new filters, and SearchEpisodes, answer as REST does', async () => {
  const TRANSCRIPTS = `query($q: String!, $season: Int, $type: String, $after: String, $guest: String) {
    SearchTranscripts(q: $q, season: $season, type: $type, after: $after, guest: $guest) { totalDocs docs { field episode { slug } turn { position } } } }`
  type Transcripts = {
    SearchTranscripts: null | { docs: { episode: { slug: string }; field: string; turn: null | { position: number } }[]; totalDocs: number }
  }
  const run = async (variables: Record<string, unknown>, query = '') => {
    const res = await rest.graphql<Transcripts>(TRANSCRIPTS, variables)
    expect(res.body.errors).toBeUndefined()
    const rested = await search(`q=kubernetes${query}`)
    expect(res.body.data.SearchTranscripts?.totalDocs).toBe(rested.totalDocs)
    expect(res.body.data.SearchTranscripts?.docs.map((hit) => `${hit.episode.slug}#${hit.turn?.position ?? hit.field}`)).toEqual(where(rested.docs))
  }
  await run({ q: 'kubernetes' })
  await run({ q: 'kubernetes', season: 2, type: 'bonus' }, '&season=2&type=bonus')
  await run({ after: '2025-05-01', q: 'kubernetes' }, '&after=2025-05-01')
  await run({ guest: 'grace-hopper', q: 'kubernetes' }, '&guest=grace-hopper')
  const bad = await rest.graphql<Transcripts>(TRANSCRIPTS, { q: 'kubernetes', type: 'movie' })
  expect(bad.body.errors?.[0]?.message).toBe('type must be one of full, trailer, bonus.')

  const EPISODES = `query($q: String!, $limit: Int, $page: Int) { SearchEpisodes(q: $q, limit: $limit, page: $page) {
    totalDocs hasNextPage suggestion docs { hits episode { slug title } best { field snippet url turn { position } speaker { name } } } } }`
  type Episodes = { SearchEpisodes: null | { docs: Group[]; hasNextPage: boolean; totalDocs: number } }
  const res = await rest.graphql<Episodes>(EPISODES, { limit: 2, q: 'kubernetes' })
  expect(res.body.errors).toBeUndefined()
  const rested = await groups('q=kubernetes&limit=2')
  expect(res.body.data.SearchEpisodes).toEqual({
    docs: rested.docs.map((doc) => ({
      best: {
        field: doc.best.field,
        snippet: doc.best.snippet,
        speaker: doc.best.speaker && { name: doc.best.speaker.name },
        turn: doc.best.turn && { position: doc.best.turn.position },
        url: doc.best.url,
      },
      episode: { slug: doc.episode.slug, title: doc.episode.title },
      hits: doc.hits,
    })),
    hasNextPage: true,
    suggestion: null,
    totalDocs: 3,
  })
})

test('not a word of a draft on any path: a draft episode, a live episode’s newer draft title, summary, notes and guest', async () => {
  // Payload writes a live episode's main document only on a publish: the draft save left it published as it was.
  const [live] = (await payload.find({ collection: 'episodes', where: { slug: { equals: 'live' } } })).docs
  expect([live.title, live.summary, live._status]).toEqual(['Public title', 'Published summary.', 'published'])
  for (const word of ['aardvark', 'leak', 'zanzibar', 'secrets', 'quentin']) {
    const flat = await search(`q=${word}`)
    expect([word, flat.totalDocs, flat.docs]).toEqual([word, 0, []])
    const grouped = await groups(`q=${word}`)
    expect([word, grouped.totalDocs, grouped.docs]).toEqual([word, 0, []])
    const gql = await rest.graphql<{ SearchEpisodes: { totalDocs: number }; SearchTranscripts: { totalDocs: number } }>(
      `query($q: String!) { SearchTranscripts(q: $q) { totalDocs } SearchEpisodes(q: $q) { totalDocs } }`,
      { q: word },
    )
    expect([word, gql.body.data]).toEqual([word, { SearchEpisodes: { totalDocs: 0 }, SearchTranscripts: { totalDocs: 0 } }])
  }
  // The draft's guest filter finds nothing for the public; the draft episode's turns count for nobody.
  expect((await search('q=walrus&guest=quentin-secretguest')).totalDocs).toBe(0)
  expect(episodesOf((await search('q=kubernetes')).docs)).not.toContain('hidden')
  // The live episode's turns show its published title, and its published words are found.
  const walrus = await search('q=walrus')
  expect(walrus.docs.map((hit) => hit.episode.title)).toEqual(['Public title'])
  expect(where((await search('q=published')).docs)).toEqual(['live#summary'])
  // Staff with draft=true search the latest versions: title, summary, notes, guest and the draft episode.
  expect(where((await search('q=aardvark&draft=true', editor)).docs)).toEqual(['live#title'])
  expect((await search('q=walrus&guest=quentin-secretguest&draft=true', editor)).totalDocs).toBe(1)
  expect(where((await search('q=zanzibar&draft=true', editor)).docs).sort()).toEqual(['hidden#0', 'hidden#title'])
  expect((await groups('q=aardvark&draft=true', editor)).docs.map((doc) => [doc.episode.title, doc.best.field])).toEqual([['Aardvark leak', 'title']])
})

test('the public’s answers are kept a few seconds, until a write; staff’s drafts never', async () => {
  const before = await search('q=walrus')
  expect(before.totalDocs).toBe(1)
  // Behind the plugin's back, the turn loses the word: the kept answer still has it, staff's draft search does not.
  await queryDatabase(t.url, `UPDATE transcript_turns SET search = to_tsvector('english', 'nothing') WHERE text LIKE '%Walrus%'`)
  expect(await search('q=walrus')).toEqual(before)
  expect((await search('q=walrus&draft=true', editor)).totalDocs).toBe(0)
  // Any write that can change what the public finds drops the kept answers (here, as syncRevisionFlags does).
  forgetSearchAnswers()
  expect((await search('q=walrus')).totalDocs).toBe(0)
  await queryDatabase(t.url, `UPDATE transcript_turns SET search = to_tsvector('english', text) WHERE text LIKE '%Walrus%'`)
  forgetSearchAnswers()
  expect((await search('q=walrus')).totalDocs).toBe(1)
})

test('suggestions: the nearest published word or public speaker, never a draft’s, checked against the live search', async () => {
  await rebuildSearchWords(payload)
  const typo = await search('q=kubernetis')
  expect([typo.totalDocs, typo.docs, typo.suggestion]).toEqual([0, [], 'kubernetes'])
  expect((await groups('q=kubernetis')).suggestion).toBe('kubernetes')
  // Each unknown word is replaced, the rest stays as written; and the whole must find something ("Budgets"
  // and "clusters" are in two turns).
  expect((await search('q=kubernetes%20clustres')).suggestion).toBe('kubernetes clusters')
  expect((await search('q=budgets%20clustres')).suggestion).toBeNull()
  const gql = await rest.graphql<{ SearchEpisodes: { suggestion: string }; SearchTranscripts: { suggestion: string } }>(
    `query($q: String!) { SearchTranscripts(q: $q) { suggestion } SearchEpisodes(q: $q) { suggestion } }`,
    { q: 'sidecarz' },
  )
  expect(gql.body.data).toEqual({ SearchEpisodes: { suggestion: 'sidecars' }, SearchTranscripts: { suggestion: 'sidecars' } })
  // Within the filters: no episode of season 1 says "teaser".
  expect((await search('q=teasr')).suggestion).toBe('teaser')
  expect((await search('q=teasr&season=1')).suggestion).toBeNull()
  // A public speaker's name misspelt.
  expect((await search('q=Bob%20Gueest')).suggestion).toBe('Bob Guest')
  // Not a word only a draft has: not the draft episode's, not a live episode's draft title or notes, not a draft-only speaker.
  for (const word of ['zanzibar', 'aardvark', 'secretspeaker']) {
    expect([word, await t.payload.db.drizzle.execute(`SELECT word FROM podcast_search_words WHERE word = '${word}'`).then((r) => r.rows)]).toEqual([word, []])
  }
  for (const query of ['zanzibat', 'aardvarc', 'Zed%20Secretspeakr', 'secretspeakr']) {
    const res = await search(`q=${query}`)
    expect([query, res.suggestion]).toEqual([query, null])
  }
  // Unpublished since the vocabulary was built: the word is still in it, but never suggested.
  const [trailer] = (await payload.find({ collection: 'episodes', where: { slug: { equals: 'trailer' } } })).docs
  await payload.update({ collection: 'episodes', data: { _status: 'draft' }, id: trailer.id })
  expect((await search('q=teasr')).suggestion).toBeNull()
})

test('the maintenance rebuilds the vocabulary when what the public reads changed, and only then', async () => {
  const vocabulary = (word: string) => queryDatabase(t.url, `SELECT word FROM podcast_search_words WHERE word = $1`, [word])
  // The first time in a process, always.
  await expect(rebuildSearchWordsIfChanged(payload)).resolves.toBeGreaterThan(0)
  await expect(rebuildSearchWordsIfChanged(payload)).resolves.toBeNull()
  // A new published episode: its words come in.
  await importEpisode('platypus', 'Platypus', 'publish', ['**Ann Host:** [00:00:01] The platypus lays eggs.'])
  await expect(rebuildSearchWordsIfChanged(payload)).resolves.toBeGreaterThan(0)
  expect(await vocabulary('platypus')).toEqual([{ word: 'platypus' }])
  await expect(rebuildSearchWordsIfChanged(payload)).resolves.toBeNull()
  // Unpublished: they go.
  const [episode] = (await payload.find({ collection: 'episodes', where: { slug: { equals: 'platypus' } } })).docs
  await payload.update({ collection: 'episodes', data: { _status: 'draft' }, id: episode.id })
  await expect(rebuildSearchWordsIfChanged(payload)).resolves.toBeGreaterThan(0)
  expect(await vocabulary('platypus')).toEqual([])
})
