/**
 * Distribution: shows and their podcast feeds. Each feed is read back by independent parsers
 * (fast-xml-parser's strict validator, Podcast Index's podcast-partytime) and checked against
 * Apple's required tags; drafts, scheduled, unpublished and archived episodes never appear, nor
 * one without audio; guids stay put; only editors write shows.
 */
import type { Payload } from 'payload'

import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { parseFeed } from 'podcast-partytime'
import sharp from 'sharp'
import { v5 as uuidv5 } from 'uuid'

import { importTranscript } from '../src/import/importTranscript'
import { seedApp } from '../server/seedApp'
import { seUnlockedDir, testCorpus } from './helpers/corpora'
import { createTestPayload, type TestPayload } from './helpers/payload'
import { createRestClient, type RestClient } from './helpers/restClient'
import { createUser, PASSWORD } from './helpers/users'

let t: TestPayload
let payload: Payload
let rest: RestClient
let editor: string
let author: string
let showSlug: string

const xml = new XMLParser({
  attributeNamePrefix: '@',
  ignoreAttributes: false,
  isArray: (name) => ['item', 'itunes:category', 'podcast:person', 'podcast:transcript'].includes(name),
})

/** Apple's required channel and item tags (Apple Podcasts RSS requirements), checked on the parsed XML. */
const appleProblems = (text: string): string[] => {
  const problems: string[] = []
  const channel = xml.parse(text).rss.channel
  for (const tag of ['title', 'link', 'description', 'language', 'itunes:author', 'itunes:type']) if (!channel[tag]) problems.push(`channel ${tag}`)
  if (!channel['itunes:image']?.['@href']) problems.push('channel itunes:image')
  if (!channel['itunes:category']?.[0]?.['@text']) problems.push('channel itunes:category')
  if (!['true', 'false'].includes(String(channel['itunes:explicit']))) problems.push('channel itunes:explicit')
  if (!channel['itunes:owner']?.['itunes:email'] || !channel['itunes:owner']?.['itunes:name']) problems.push('channel itunes:owner')
  for (const item of channel.item ?? []) {
    if (!item.title) problems.push('item title')
    const enclosure = item.enclosure ?? {}
    if (!/^https?:\/\//.test(enclosure['@url'] ?? '') || !/^\d+$/.test(enclosure['@length'] ?? '') || !enclosure['@type'])
      problems.push(`item enclosure of ${item.title}`)
    if (!item.guid?.['#text'] && !item.guid) problems.push(`item guid of ${item.title}`)
    if (Number.isNaN(Date.parse(item.pubDate))) problems.push(`item pubDate of ${item.title}`)
  }
  return problems
}

const feedOf = async (slug: string, headers: Record<string, string> = {}) => rest.get<string>(`/shows/${slug}/feed.xml`, { headers })

const importFile = async (name: string, front: string, body = '**Michaela:** [00:00:01] Hello.\n\n**Ann Guest:** [00:00:05] Hi there.\n') => {
  const report = await importTranscript({ content: `---\n${front}\n---\n\n${body}`, fileName: name, payload })
  expect(report.errors).toEqual([])
  return report
}

beforeAll(async () => {
  t = await createTestPayload()
  payload = t.payload
  rest = await createRestClient()
  await seedApp(payload)
  await createUser(payload, 'editor')
  await createUser(payload, 'author')
  editor = await rest.login('editor@example.com', PASSWORD)
  author = await rest.login('author@example.com', PASSWORD)
  showSlug = (await payload.find({ collection: 'shows', limit: 1 })).docs[0].slug as string
}, 120_000)
afterAll(async () => {
  await t?.teardown()
})

describe('the seeded demo show’s feed', () => {
  test('served as RSS to anyone: exact type, public caching, any origin, 304 by ETag and by date', async () => {
    const res = await feedOf(showSlug)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300')
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    const etag = res.headers.get('etag')!
    const modified = res.headers.get('last-modified')!
    expect(etag).toMatch(/^"[\w-]{32}"$/)
    expect(Number.isNaN(Date.parse(modified))).toBe(false)
    expect((await feedOf(showSlug, { 'If-None-Match': etag })).status).toBe(304)
    expect((await feedOf(showSlug, { 'If-Modified-Since': modified })).status).toBe(304)
    expect((await feedOf(showSlug, { 'If-None-Match': '"other"' })).status).toBe(200)
    expect((await feedOf('no-such-show')).status).toBe(404)
  })

  test('a strict XML parse, Podcast Index’s parser with nothing missing, and Apple’s required tags', async () => {
    const { body } = await feedOf(showSlug)
    expect(XMLValidator.validate(body)).toBe(true)
    expect(appleProblems(body)).toEqual([])
    const feed = parseFeed(body)
    expect(feed).not.toBeNull()
    // The two published episodes with audio; the draft (episode 3) is not there.
    expect(feed!.items.map((item) => item.title)).toEqual([
      'Episode 2: Searchable Transcripts with Tomás Ortega',
      'Episode 1: Welcome to Open Source Audio with Priya Raman',
    ])
    const feedUrl = `http://localhost:3000/api/shows/${showSlug}/feed.xml`
    expect(feed).toMatchObject({
      explicit: false,
      guid: uuidv5('localhost:3000/api/shows/' + showSlug + '/feed.xml', 'ead4c236-bf58-58c6-a2c6-a6b28d128cb6'),
      locked: false,
      owner: { email: 'admin@example.com', name: 'Podcast Admin' },
    })
    expect(feed!.pubsub?.self).toBe(feedUrl)
    expect(feed!.itunesCategory).toEqual(['Technology'])
    expect(feed!.podcastPeople).toEqual([expect.objectContaining({ name: 'Michaela Greiler', role: 'Host' })])
    const [two, one] = feed!.items
    expect(one.enclosure).toEqual({ length: 1680000, type: 'audio/mpeg', url: 'https://example.com/podcast/episode-1.mp3' })
    expect(one.duration).toBe(70)
    expect(one.itunesEpisode).toBe(1)
    expect(one.podcastPeople).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Michaela Greiler', role: 'Host' }),
        expect.objectContaining({ name: 'Priya Raman', role: 'Guest' }),
      ]),
    )
    expect(one.podcastTranscripts?.map((transcript) => [transcript.type, transcript.url.replace(/^.*\/episodes\//, ''), transcript.rel ?? null])).toEqual([
      ['text/vtt', 'episode-1-welcome-priya-raman/transcript.vtt', 'captions'],
      // partytime names SubRip by its own enum; the feed says application/x-subrip (checked below).
      ['application/srt', 'episode-1-welcome-priya-raman/transcript.srt', null],
      ['application/json', 'episode-1-welcome-priya-raman/transcript.json', null],
      ['text/html', 'episode-1-welcome-priya-raman/transcript.html', null],
    ])
    expect(body).toContain(
      '<podcast:transcript url="http://localhost:3000/api/episodes/episode-1-welcome-priya-raman/transcript.srt" type="application/x-subrip" language="en"/>',
    )
    expect(one.podcastChapters).toEqual({
      type: 'application/json+chapters',
      url: 'http://localhost:3000/api/episodes/episode-1-welcome-priya-raman/chapters.json',
    })
    expect(two.podcastChapters).toBeUndefined()
    // Every URL the feed gives resolves to its file.
    for (const transcript of one.podcastTranscripts ?? []) {
      const file = await rest.get(new URL(transcript.url).pathname.replace(/^\/api/, ''))
      expect([transcript.type, file.status]).toEqual([transcript.type, 200])
    }
  })

  test('chapters.json is the namespace’s JSON chapters', async () => {
    const res = await rest.get('/episodes/episode-1-welcome-priya-raman/chapters.json')
    expect(res.headers.get('content-type')).toBe('application/json+chapters')
    expect(res.body).toEqual({
      chapters: [
        { startTime: 0, title: 'Welcome' },
        { startTime: 16, title: 'How Priya got into audio publishing' },
        { startTime: 44, title: 'Advice for teams starting today' },
      ],
      title: 'Episode 1: Welcome to Open Source Audio with Priya Raman',
      version: '1.2.0',
    })
    expect((await rest.get('/episodes/episode-3-editorial-workflows/chapters.json')).status).toBe(404)
  })
})

describe('what a feed leaves out', () => {
  test('draft, scheduled, unpublished, archived, and published without audio: none appear', async () => {
    const audio = 'audio: https://example.com/a.mp3\naudio_bytes: 10'
    await importFile('f-draft.md', `episode: "Feed draft"\nstatus: draft\n${audio}`)
    await importFile('f-future.md', `episode: "Feed scheduled"\nstatus: future\ndate: 2999-01-01T00:00:00Z\n${audio}`)
    const unpublished = await importFile('f-unpub.md', `episode: "Feed unpublished"\nstatus: publish\n${audio}`)
    const archived = await importFile('f-archived.md', `episode: "Feed archived"\nstatus: publish\n${audio}`)
    await importFile('f-silent.md', `episode: "Feed without audio"\nstatus: publish`)
    await importFile('f-live.md', `episode: "Feed live"\nstatus: publish\n${audio}`)
    for (const [report, workflowStatus] of [
      [unpublished, 'unpublished'],
      [archived, 'archived'],
    ] as const) {
      const res = await rest.patch(`/episodes/${report.episode!.id}`, { body: { workflowStatus }, token: editor })
      expect(res.status).toBe(200)
    }
    const { body } = await feedOf(showSlug)
    const titles = parseFeed(body)!.items.map((item) => item.title)
    expect(titles).toContain('Feed live')
    for (const hidden of ['Feed draft', 'Feed scheduled', 'Feed unpublished', 'Feed archived', 'Feed without audio']) expect(titles).not.toContain(hidden)
    // The admin says why the silent one is left out.
    const silent = await rest.get('/episodes?where[slug][equals]=feed-without-audio&depth=0', { token: editor })
    expect(silent.body.docs[0].feedStatus).toBe('Not in the feed: it has no audio URL (Audio tab).')
  })

  test('a draft edit of a published episode: the feed keeps the published version until it is published', async () => {
    const live = (await payload.find({ collection: 'episodes', where: { slug: { equals: 'feed-live' } } })).docs[0]
    await payload.update({ collection: 'episodes', data: { title: 'Feed live, edited in secret' }, draft: true, id: live.id })
    const { body } = await feedOf(showSlug)
    expect(body).toContain('<title>Feed live</title>')
    expect(body).not.toContain('edited in secret')
    // Published: the next request renders again (the cached feed is no longer current).
    await payload.update({ collection: 'episodes', data: { _status: 'published', title: 'Feed live, renamed' }, id: live.id })
    expect((await feedOf(showSlug)).body).toContain('<title>Feed live, renamed</title>')
  })
})

describe('every episode', () => {
  test('a feed holds all of a show’s episodes, past the largest page a client may ask for', async () => {
    for (let i = 0; i < 103; i++) {
      await importFile(
        `many-${i}.md`,
        `episode: "Many ${i}"\nstatus: publish\nshow: Many Episodes\naudio: https://example.com/m${i}.mp3\ndate: 2020-01-01T00:${String(i % 60).padStart(2, '0')}:00Z`,
      )
    }
    const feed = parseFeed((await feedOf('many-episodes')).body)!
    expect(feed.items).toHaveLength(103)
    // Anonymous clients still get at most 100 through the API.
    expect((await rest.get('/episodes?limit=0&where[show.slug][equals]=many-episodes')).body.docs).toHaveLength(100)
  }, 60_000)
})

describe('identity', () => {
  test('an episode’s guid is given once or generated, and a new slug does not change it', async () => {
    const given = await importFile('f-guid.md', 'episode: "Feed guid"\nstatus: publish\nguid: urn:uuid:fixed-guid-1\naudio: https://example.com/g.mp3')
    const episode = await payload.findByID({ collection: 'episodes', id: given.episode!.id })
    expect(episode.guid).toBe('urn:uuid:fixed-guid-1')
    await rest.patch(`/episodes/${episode.id}`, { body: { guid: 'something-else', slug: 'feed-guid-moved' }, token: editor })
    const after = await payload.findByID({ collection: 'episodes', id: episode.id })
    expect([after.slug, after.guid]).toEqual(['feed-guid-moved', 'urn:uuid:fixed-guid-1'])
    const generated = await payload.findByID({
      collection: 'episodes',
      id: (await importFile('f-gen.md', 'episode: "Feed generated"\nstatus: draft')).episode!.id,
    })
    expect(generated.guid).toMatch(/^[0-9a-f-]{36}$/)
  })

  test('a show’s podcastGuid never changes once set; the refused write leaves the show as it was', async () => {
    const before = (await payload.find({ collection: 'shows', where: { slug: { equals: showSlug } } })).docs[0]
    expect(before.podcastGuid).toMatch(/^[0-9a-f-]{36}$/)
    const res = await rest.patch(`/shows/${before.id}`, { body: { podcastGuid: '00000000-0000-5000-8000-000000000000' }, token: editor })
    expect(res.status).toBe(400)
    const after = await payload.findByID({ collection: 'shows', id: before.id })
    expect(after.podcastGuid).toBe(before.podcastGuid)
    expect(after.updatedAt).toBe(before.updatedAt)
  })

  test('artwork must be what Apple takes: a square JPEG or PNG of 1400 to 3000 pixels', async () => {
    const image = async (width: number, height: number, format: 'png' | 'webp' = 'png') => {
      const data = await sharp({ create: { background: { b: 0, g: 0, r: 0 }, channels: 3, height, width } })
        [format]()
        .toBuffer()
      return payload.create({
        collection: 'media',
        data: {},
        file: { data, mimetype: `image/${format}`, name: `art-${width}x${height}.${format}`, size: data.length },
      })
    }
    const show = (await payload.find({ collection: 'shows', depth: 0, where: { slug: { equals: showSlug } } })).docs[0]
    for (const [width, height, format] of [
      [1400, 1000, 'png'],
      [1000, 1000, 'png'],
      [1400, 1400, 'webp'],
    ] as const) {
      const media = await image(width, height, format)
      const res = await rest.patch(`/shows/${show.id}`, { body: { artwork: media.id }, token: editor })
      expect([width, height, format, res.status]).toEqual([width, height, format, 400])
    }
    expect((await payload.findByID({ collection: 'shows', depth: 0, id: show.id })).artwork).toBe(show.artwork)
    const square = await image(1500, 1500)
    expect((await rest.patch(`/shows/${show.id}`, { body: { artwork: square.id }, token: editor })).status).toBe(200)
    expect((await payload.findByID({ collection: 'shows', depth: 0, id: show.id })).artwork).toBe(square.id)
    const read = await rest.get(`/shows/${show.id}`)
    expect(read.body.feedUrl).toBe(`/api/shows/${showSlug}/feed.xml`)
  })

  test('only editors write shows; the public reads them', async () => {
    const anonymous = await rest.post('/shows', { body: { title: 'Pirate show' } })
    const byAuthor = await rest.post('/shows', { body: { title: 'Pirate show' }, token: author })
    expect([anonymous.status, byAuthor.status]).toEqual([403, 403])
    const show = (await payload.find({ collection: 'shows', where: { slug: { equals: showSlug } } })).docs[0]
    expect((await rest.patch(`/shows/${show.id}`, { body: { title: 'Hijacked' }, token: author })).status).toBe(403)
    expect((await payload.findByID({ collection: 'shows', id: show.id })).title).toBe(show.title)
    expect((await payload.find({ collection: 'shows', where: { title: { equals: 'Pirate show' } } })).totalDocs).toBe(0)
    const created = await rest.post('/shows', {
      body: { categories: [{ category: 'Technology', subcategory: 'Documentary' }], title: 'Second show' },
      token: editor,
    })
    expect(created.status).toBe(400)
    const ok = await rest.post('/shows', {
      body: { categories: [{ category: 'Society & Culture', subcategory: 'Documentary' }], title: 'Second show' },
      token: editor,
    })
    expect(ok.status).toBe(201)
    expect(ok.body.doc.missingForApple).toBe('description, artwork, author, owner name, owner email')
    expect((await rest.get(`/shows/${ok.body.doc.id}`)).status).toBe(200)
  })
})

describe('shows in imports', () => {
  test('front-matter show names a show, created with a warning when unknown; each feed has its own episodes', async () => {
    const report = await importFile('f-other.md', 'episode: "On the other show"\nstatus: publish\nshow: Night Shift\naudio: https://example.com/n.mp3')
    expect(report.warnings).toEqual([{ line: null, message: 'Show “Night Shift” did not exist: it was created' }])
    const again = await importFile('f-other-2.md', 'episode: "Also on the other show"\nstatus: publish\nshow: night-shift\naudio: https://example.com/n2.mp3')
    expect(again.warnings).toEqual([])
    const night = parseFeed((await feedOf('night-shift')).body)!
    expect(night.items.map((item) => item.title)).toEqual(['Also on the other show', 'On the other show'])
    expect(parseFeed((await feedOf(showSlug)).body)!.items.map((item) => item.title)).not.toContain('On the other show')
  })

  test('imports naming the same new show at once make one show', async () => {
    const reports = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        importTranscript({
          content: `---\nepisode: "Race ${i}"\nstatus: draft\nshow: Race Show\n---\n\n**Ann:** Hi ${i}.\n`,
          fileName: `race-${i}.md`,
          payload,
        }),
      ),
    )
    expect(reports.map((report) => [report.status, report.errors])).toEqual([0, 1, 2, 3].map(() => ['imported', []]))
    expect((await payload.find({ collection: 'shows', where: { title: { equals: 'Race Show' } } })).totalDocs).toBe(1)
  })

  test('the bulk endpoint’s show puts files that name none in that show', async () => {
    const res = await rest.post('/transcript-imports/bulk', {
      body: {
        files: [
          { content: '---\nepisode: "Bulk one"\nstatus: publish\naudio: https://example.com/b1.mp3\n---\n\n**Ann:** Hi.', name: 'b1.md' },
          { content: '---\nepisode: "Bulk two"\nstatus: publish\nshow: night-shift\naudio: https://example.com/b2.mp3\n---\n\n**Ann:** Hi.', name: 'b2.md' },
        ],
        show: 'Bulk Show',
      },
      token: editor,
    })
    expect([res.status, res.body.summary]).toEqual([200, expect.objectContaining({ failed: 0, imported: 2 })])
    expect(parseFeed((await feedOf('bulk-show')).body)!.items.map((item) => item.title)).toEqual(['Bulk one'])
    expect(parseFeed((await feedOf('night-shift')).body)!.items.map((item) => item.title)).toContain('Bulk two')
    const refused = await rest.post('/transcript-imports/bulk', { body: { files: [], show: 'x'.repeat(201) }, token: editor })
    expect(refused.status).toBe(400)
  })

  test('feed keys of the front matter become episode fields; unusable ones are warned about', async () => {
    const report = await importFile(
      'f-keys.md',
      'episode: "Keys"\nstatus: draft\naudio: https://example.com/k.mp3\naudio_bytes: 1234\naudio_type: audio/x-m4a\nduration: "1:02:03"\nnumber: 12\nseason: 3\ntype: bonus\nexplicit: yes\nimage: https://example.com/k.png\nchapters:\n  - { start: "00:10", title: Intro }\n  - { start: 0, title: Cold open, url: "https://example.com" }\n  - { title: No start }\naudio_bytes_wrong: 1\n',
    )
    expect(report.warnings).toEqual([{ line: null, message: 'Front matter `chapters[2]` needs a start (seconds or hh:mm:ss) and a title; it is ignored' }])
    const episode = await payload.findByID({ collection: 'episodes', draft: true, id: report.episode!.id })
    expect(episode).toMatchObject({
      audio: { byteLength: 1234, mimeType: 'audio/x-m4a', url: 'https://example.com/k.mp3' },
      duration: 3723,
      episodeNumber: 12,
      episodeType: 'bonus',
      explicit: true,
      image: 'https://example.com/k.png',
      season: 3,
    })
    expect(episode.chapters?.map((chapter) => [chapter.startTime, chapter.title, chapter.url ?? null])).toEqual([
      [0, 'Cold open', 'https://example.com'],
      [10, 'Intro', null],
    ])
    const bad = await importFile('f-bad.md', 'episode: "Bad keys"\nstatus: draft\naudio: not a url\nduration: soon')
    expect(bad.warnings.map((warning) => warning.message)).toEqual([
      'Front matter `audio` is not a web address; it is ignored',
      'Front matter `duration` is neither seconds nor hh:mm:ss; it is ignored',
    ])
  })
})

describe('a show from the real corpus', () => {
  testCorpus(
    'se-unlocked imported as a show with audio keys added: a valid feed, every episode in it',
    async () => {
      const files = readdirSync(seUnlockedDir).filter((name) => name.endsWith('.md'))
      let imported = 0
      for (const [i, name] of files.entries()) {
        const source = readFileSync(path.join(seUnlockedDir, name), 'utf8')
        const audio = `audio: https://example.com/se-unlocked/${i}.mp3\naudio_bytes: ${1000 + i}\naudio_type: audio/mpeg\nshow: SE Unlocked\nstatus: publish\n`
        const content = source.startsWith('---\n') ? source.replace(/^status: .*\n/m, '').replace(/^---\n/, `---\n${audio}`) : `---\n${audio}---\n\n${source}`
        const report = await importTranscript({ content, fileName: name, payload })
        if (report.status !== 'failed') imported++
      }
      expect(imported).toBe(files.length)
      const { body, status } = await feedOf('se-unlocked')
      expect(status).toBe(200)
      expect(XMLValidator.validate(body)).toBe(true)
      const feed = parseFeed(body)!
      expect(feed.items).toHaveLength(files.length)
      for (const item of feed.items) {
        expect([item.title, item.enclosure.url.startsWith('https://example.com/se-unlocked/'), item.guid.length > 0, item.podcastTranscripts?.length]).toEqual([
          item.title,
          true,
          true,
          4,
        ])
      }
    },
    300_000,
  )
})
