/**
 * Every published transcript as the files podcast apps and players read: WebVTT, SubRip,
 * Podcasting 2.0 JSON, HTML and plain text. Each is checked by an independent parser
 * (webvtt-parser, srt-parser-2, JSON.parse, parse5), never by the project's own reader; drafts
 * are 404 to the public in every format; the real corpora render valid files however messy.
 */
import type { Payload } from 'payload'

import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse as parseHtml, type DefaultTreeAdapterMap } from 'parse5'
import matter from 'gray-matter'
import SrtParser from 'srt-parser-2'
import webvtt from 'webvtt-parser'

import { importTranscript } from '../src/import/importTranscript'
import { parseTranscript } from '../src/import/parseTranscript'
import { isTimed, plainText, renditions, timeTurns, type RenditionTurn } from '../src/renditions'
import { hasCorpora, seUnlockedDir, testCorpus } from './helpers/corpora'
import { createTestPayload, latestTurnsOf, type TestPayload } from './helpers/payload'
import { createRestClient, type RestClient } from './helpers/restClient'
import { createUser, PASSWORD } from './helpers/users'

let t: TestPayload
let payload: Payload
let rest: RestClient
let editorToken: string

const FORMATS = ['vtt', 'srt', 'json', 'html', 'txt', 'md'] as const
const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  srt: 'application/x-subrip',
  txt: 'text/plain; charset=utf-8',
  vtt: 'text/vtt; charset=utf-8',
}

const LONG_TURN = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ')
const TIMED = `---
episode: "Episode 7: Files for every app"
permalink: /files
status: publish
---

**Michaela:** [00:00:01] Welcome to the *show*, with a [link](https://example.com) and \`code\`.

**Bartholomew Maximilian Fitzgerald-Worthington:** [00:00:05] Thanks & hello <script>alert(1)</script> --> there.

**Michaela:** [00:00:12] ${LONG_TURN}

**Michaela:** [00:00:40] Supercalifragilisticexpialidociousnessismically long word.

**Bartholomew Maximilian Fitzgerald-Worthington:** [00:00:30] This stamp runs backwards.

**Michaela:** [00:01:00] Goodbye.
`

const UNATTRIBUTED = {
  episode: { language: 'en', slug: 'u', title: 'U' },
  estimated: false,
  timed: true,
  turns: timeTurns(
    [
      { end: null, plain: 'Hello.', speaker: 'Ann', start: 0, text: 'Hello.', words: 1 },
      { end: null, plain: 'Said by nobody in particular.', speaker: null, start: 2, text: 'Said by nobody in particular.', words: 5 },
    ],
    6,
  ),
}

const vttParser = () => new webvtt.WebVTTParser()
type Cue = {
  endTime: number
  startTime: number
  text: string
  tree: { children: { children?: { value: string }[]; name?: string; type: string; value?: string }[] }
}
const parseVtt = (text: string) => vttParser().parse(text, 'metadata') as { cues: Cue[]; errors: { line: number; message: string }[] }

beforeAll(async () => {
  t = await createTestPayload()
  payload = t.payload
  rest = await createRestClient()
  await createUser(payload, 'editor')
  editorToken = await rest.login('editor@example.com', PASSWORD)
  for (const [fileName, content] of [
    ['files.md', TIMED],
    ['draft.md', TIMED.replace('permalink: /files', 'permalink: /secret-files').replace('status: publish', 'status: draft').replace('Episode 7', 'Episode 8')],
    [
      'untimed.md',
      `---\nepisode: "Episode 9: No clock"\npermalink: /untimed\nstatus: publish\n---\n\n**Ann:** One two three four.\n\n**Bob:** Five six.\n\n**Ann:** Seven eight nine ten eleven twelve.\n`,
    ],
  ]) {
    const report = await importTranscript({ content, fileName, payload })
    expect(report.errors).toEqual([])
  }
}, 120_000)
afterAll(async () => {
  await t?.teardown()
})

describe('times', () => {
  const turn = (start: null | number, words = 10, end: null | number = null): RenditionTurn => ({ end, plain: 'x', speaker: null, start, text: 'x', words })

  test('missing starts are shared out by words between their neighbours; a backwards or repeated one is placed after the previous', () => {
    const timed = timeTurns([turn(0, 10), turn(null, 30), turn(null, 10), turn(50), turn(40), turn(60), turn(60), turn(70)])
    expect(timed.map((t) => t.cueStart)).toEqual([0, 10, 40, 50, 55, 60, 65, 70])
    expect(timed.map((t) => t.estimated)).toEqual([false, true, true, false, true, false, true, false])
    // Every turn ends by the next one's start, so no cue of a split turn starts after the next turn.
    expect(timed.every((t, i) => i === timed.length - 1 || t.cueEnd <= timed[i + 1].cueStart)).toBe(true)
  })

  test('a turn ends at its own end, else the next start; the last at the duration, else after its words at 150 a minute', () => {
    expect(timeTurns([turn(0, 10, 3), turn(5, 10, 9), turn(7)], 100).map((t) => [t.cueStart, t.cueEnd])).toEqual([
      [0, 3],
      [5, 7],
      [7, 100],
    ])
    expect(timeTurns([turn(0), turn(5, 25)]).map((t) => t.cueEnd)).toEqual([5, 15])
    // Before the first known start, from 0; after the last, at speech rate.
    expect(timeTurns([turn(null, 10), turn(8, 10), turn(null, 5)]).map((t) => t.cueStart)).toEqual([0, 8, 12])
  })

  test('timed means at least 90% of turns carry a start', () => {
    expect(isTimed([...Array(9)].map(() => turn(1)).concat(turn(null)))).toBe(true)
    expect(isTimed([...Array(8)].map(() => turn(1)).concat(turn(null), turn(null)))).toBe(false)
  })

  test('Markdown is stripped for the text formats, a turn that opens like a list is still speech', () => {
    expect(plainText('Welcome to the *show*, [a link](https://x.y) and `code` &amp; **more**')).toBe('Welcome to the show, a link and code & more')
    expect(plainText('1. Not a list, # not a heading')).toBe('1. Not a list, # not a heading')
  })
})

describe('served', () => {
  test.each(FORMATS)('%s: the exact content type, public caching, any origin, 304 on a match', async (format) => {
    const res = await rest.get(`/episodes/files/transcript.${format}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe(CONTENT_TYPES[format])
    expect(res.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300')
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    const etag = res.headers.get('etag')!
    expect(etag).toMatch(/^"[\w-]{32}"$/)
    expect((await rest.get(`/episodes/files/transcript.${format}`, { headers: { 'If-None-Match': etag } })).status).toBe(304)
  })

  test('a draft is 404 to the public in every format; staff read it with draft=true, privately', async () => {
    for (const format of FORMATS) {
      const anonymous = await rest.get(`/episodes/secret-files/transcript.${format}`)
      expect([format, anonymous.status]).toEqual([format, 404])
      expect(JSON.stringify(anonymous.body)).not.toContain('Welcome')
      const staff = await rest.get(`/episodes/secret-files/transcript.${format}?draft=true`, { token: editorToken })
      expect([format, staff.status, staff.headers.get('cache-control')]).toEqual([format, 200, 'private, no-store'])
      expect(staff.headers.get('access-control-allow-origin')).not.toBe('*')
    }
    expect((await rest.get('/episodes/files/transcript.docx')).status).toBe(404)
    expect((await rest.get('/episodes/nothing-here/transcript.vtt')).status).toBe(404)
  })

  test('the public reads the published revision; staff with draft=true the draft one', async () => {
    const report = await importTranscript({
      content: TIMED.replace('status: publish', 'status: draft').replace('Goodbye.', 'Embargoed goodbye.'),
      fileName: 'files.md',
      payload,
    })
    expect(report.status).toBe('updated')
    for (const format of FORMATS) {
      const anonymous = await rest.get(`/episodes/files/transcript.${format}`)
      const text = typeof anonymous.body === 'string' ? anonymous.body : JSON.stringify(anonymous.body)
      expect([format, text.includes('Goodbye.'), text.includes('Embargoed')]).toEqual([format, true, false])
      const staff = await rest.get(`/episodes/files/transcript.${format}?draft=true`, { token: editorToken })
      const staffText = typeof staff.body === 'string' ? staff.body : JSON.stringify(staff.body)
      expect([format, staffText.replace(/\s+/g, ' ').includes('Embargoed goodbye.')]).toEqual([format, true])
    }
  })
})

describe('kept renditions', () => {
  test('a renamed speaker or an edited draft turn shows in the next file, on the next request', async () => {
    const before = await rest.get('/episodes/files/transcript.vtt')
    expect(before.body).toContain('<v Michaela Greiler>')
    const [michaela] = (await payload.find({ collection: 'speakers', where: { name: { equals: 'Michaela Greiler' } } })).docs
    await payload.update({ collection: 'speakers', data: { name: 'Michaela Renamed' }, id: michaela.id })
    const after = await rest.get('/episodes/files/transcript.vtt')
    expect(after.body).toContain('<v Michaela Renamed>')
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'))
    await payload.update({ collection: 'speakers', data: { name: 'Michaela Greiler' }, id: michaela.id })

    // A staff edit of a turn in the draft revision: the draft file changes, the public one does not.
    const draftText = async () => (await rest.get('/episodes/secret-files/transcript.txt?draft=true', { token: editorToken })).body as string
    expect(await draftText()).toContain('Welcome to the show')
    const episode = (await payload.find({ collection: 'episodes', draft: true, where: { slug: { equals: 'secret-files' } } })).docs[0]
    const [turn] = (await payload.find({ collection: 'transcript-turns', sort: 'position', where: { episode: { equals: episode.id } } })).docs
    const edited = await rest.patch(`/transcript-turns/${turn.id}`, { body: { text: 'Welcome, edited by staff.' }, token: editorToken })
    expect(edited.status).toBe(200)
    expect(await draftText()).toContain('Welcome, edited by staff.')
  })
})

describe('each format, by an independent parser', () => {
  test('WebVTT: valid, voice tags with the speaker’s name, lines of at most 65, times that never decrease', async () => {
    const { body } = await rest.get('/episodes/files/transcript.vtt')
    const { cues, errors } = parseVtt(body)
    expect(errors).toEqual([])
    // One stamp runs backwards: its time is estimated, and the file says so.
    expect(body).toMatch(/^WEBVTT\n\nNOTE\nSome cue times are estimated/)
    // The long turn is split; every cue has at most two lines of at most 65 characters.
    expect(cues.length).toBeGreaterThan(7)
    for (const cue of cues) {
      const lines = cue.text.replace(/^<v [^>]*>/, '').split('\n')
      expect(lines.length).toBeLessThanOrEqual(2)
      for (const line of lines) expect(line.replace(/&lt;|&gt;|&amp;/g, '.').length).toBeLessThanOrEqual(65)
    }
    for (let i = 1; i < cues.length; i++) expect(cues[i].startTime).toBeGreaterThanOrEqual(cues[i - 1].startTime)
    const voices = cues.map((cue) => cue.tree.children.find((node) => node.type === 'object' && node.name === 'v'))
    const names = cues.map((cue, i) => (voices[i] ? (cue.tree.children.find((node) => node.name === 'v') as unknown as { value: string }).value : null))
    expect(names[0]).toBe('Michaela Greiler')
    expect(names[1]).toBe('Bartholomew Maximilian Fitzgerald-Worthington')
    // The markup in the text is text: escaped, with the speech around it intact.
    expect(body).toContain('Thanks &amp; hello &lt;script&gt;alert(1)&lt;/script&gt; --&gt; there.')
    expect(cues[0].text).toBe('<v Michaela Greiler>Welcome to the show, with a link and code.')
    // The long turn: its cues share its time, from its start to the next turn's.
    const long = cues.filter((cue) => /word\d/.test(cue.text))
    expect(long.length).toBeGreaterThan(1)
    expect([long[0].startTime, long.at(-1)!.endTime]).toEqual([12, 40])
    // An unattributed turn has no voice tag.
    const unattributed = parseVtt(renditions.vtt.render({ ...UNATTRIBUTED }))
    expect([unattributed.errors, unattributed.cues.map((cue) => cue.text)]).toEqual([[], ['<v Ann>Hello.', 'Said by nobody in particular.']])
    expect(renditions.vtt.render(UNATTRIBUTED)).not.toContain('NOTE')
  })

  test('WebVTT of an untimed transcript: estimated times, said in a NOTE', async () => {
    const { body } = await rest.get('/episodes/untimed/transcript.vtt')
    const { cues, errors } = parseVtt(body)
    expect(errors).toEqual([])
    expect(body).toMatch(/^WEBVTT\n\nNOTE\n.*estimated/)
    expect(cues.map((cue) => [cue.startTime, cue.endTime])).toEqual([
      [0, 1.6],
      [1.6, 2.4],
      [2.4, 4.8],
    ])
  })

  test('SubRip: parses, Name: at each change of speaker, two lines of at most 32 a cue', async () => {
    const { body } = await rest.get('/episodes/files/transcript.srt')
    const cues = new SrtParser().fromSrt(body)
    expect(cues.length).toBeGreaterThan(7)
    expect(cues[0]).toMatchObject({ endSeconds: 5, startSeconds: 1, text: 'Michaela Greiler: Welcome to the\nshow, with a link and code.' })
    for (const cue of cues) {
      const lines = cue.text.split('\n')
      expect(lines.length).toBeLessThanOrEqual(2)
      // Only a single word, or a name too long for its line, stands longer.
      for (const line of lines)
        if (line.length > 32) expect([line, /^\S+$/.test(line) || line === 'Bartholomew Maximilian Fitzgerald-Worthington:']).toEqual([line, true])
    }
    // The long name stands on its own line, then the text.
    expect(cues[1].text.split('\n')[0]).toBe('Bartholomew Maximilian Fitzgerald-Worthington:')
    // The same speaker again: no second prefix.
    const after = cues.findIndex((cue) => cue.text.includes('word0'))
    expect(cues[after].text.startsWith('Michaela Greiler: word0')).toBe(true)
    expect(cues.filter((cue) => cue.text.startsWith('Michaela Greiler:'))).toHaveLength(3)
    expect(cues.some((cue) => cue.text.split('\n').includes('Supercalifragilisticexpialidociousnessismically'))).toBe(true)
  })

  test('Podcasting 2.0 JSON: a segment per turn, speaker, times and plain text', async () => {
    const { body, headers } = await rest.get('/episodes/files/transcript.json')
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(body.version).toBe('1.0.0')
    expect(body.segments).toHaveLength(6)
    expect(body.segments[0]).toEqual({ body: 'Welcome to the show, with a link and code.', endTime: 5, speaker: 'Michaela Greiler', startTime: 1 })
    expect(body.segments[1].body).toBe('Thanks & hello <script>alert(1)</script> --> there.')
    // The backwards stamp (00:00:30 after 00:00:40) is placed between its neighbours (00:00:40 and 00:01:00).
    expect(body.segments[4].startTime).toBeGreaterThan(40)
    expect(body.segments[4].startTime).toBeLessThan(60)
    // Unattributed: no speaker key.
    expect(JSON.parse(renditions.json.render(UNATTRIBUTED)).segments[1]).toEqual({ body: 'Said by nobody in particular.', endTime: 6, startTime: 2 })
    for (let i = 1; i < body.segments.length; i++) expect(body.segments[i].startTime).toBeGreaterThanOrEqual(body.segments[i - 1].startTime)
  })

  test('HTML: cite, time and p per turn, Markdown rendered, markup in the text escaped', async () => {
    const { body } = await rest.get('/episodes/files/transcript.html')
    const document = parseHtml(body, { sourceCodeLocationInfo: false }) as DefaultTreeAdapterMap['document']
    const elements: DefaultTreeAdapterMap['element'][] = []
    const walk = (node: DefaultTreeAdapterMap['parentNode']) => {
      for (const child of node.childNodes) {
        if ('tagName' in child) {
          elements.push(child)
          walk(child)
        }
      }
    }
    walk(document)
    const textOf = (node: DefaultTreeAdapterMap['element']): string =>
      node.childNodes.map((child) => ('value' in child ? child.value : 'tagName' in child ? textOf(child) : '')).join('')
    expect(elements.filter((el) => el.tagName === 'script')).toEqual([])
    expect(elements.filter((el) => el.tagName === 'p')).toHaveLength(6)
    expect(elements.filter((el) => el.tagName === 'cite').map(textOf)[0]).toBe('Michaela Greiler:')
    expect(elements.filter((el) => el.tagName === 'time').map((el) => el.attrs.find((a) => a.name === 'datetime')?.value)[1]).toBe('PT5S')
    expect(elements.filter((el) => el.tagName === 'em').map(textOf)).toEqual(['show'])
    expect(elements.filter((el) => el.tagName === 'a').map((el) => el.attrs.find((a) => a.name === 'href')?.value)).toEqual(['https://example.com'])
    expect(textOf(elements.filter((el) => el.tagName === 'p')[1])).toBe('Thanks & hello <script>alert(1)</script> --> there.')
  })

  test('plain text: the title, then Name: text paragraphs', async () => {
    const { body } = await rest.get('/episodes/files/transcript.txt')
    expect(body.split('\n\n').slice(0, 3)).toEqual([
      'Episode 7: Files for every app',
      'Michaela Greiler: Welcome to the show, with a link and code.',
      'Bartholomew Maximilian Fitzgerald-Worthington: Thanks & hello <script>alert(1)</script> --> there.',
    ])
  })
})

describe('the real corpora', () => {
  testCorpus(
    'every se-unlocked transcript renders VTT and SRT their parsers accept, with times that never decrease',
    () => {
      const files = readdirSync(seUnlockedDir).filter((name) => name.endsWith('.md'))
      expect(files.length).toBeGreaterThan(50)
      for (const name of files) {
        const parsed = parseTranscript(readFileSync(path.join(seUnlockedDir, name), 'utf8'), { fileName: name })
        if (!parsed.turns.length) continue
        const turns = parsed.turns.map((turn) => ({
          end: null,
          plain: plainText(turn.text),
          speaker: turn.speakerLabel ?? null,
          start: turn.start ?? null,
          text: turn.text,
          words: turn.wordCount,
        }))
        const timed = isTimed(turns)
        const withTimes = timeTurns(turns)
        const input = {
          episode: { language: 'en', slug: 'x', title: name },
          estimated: !timed || withTimes.some((turn) => turn.estimated),
          timed,
          turns: withTimes,
        }
        const vtt = parseVtt(renditions.vtt.render(input))
        expect([name, vtt.errors]).toEqual([name, []])
        for (let i = 1; i < vtt.cues.length; i++) expect([name, vtt.cues[i].startTime >= vtt.cues[i - 1].startTime]).toEqual([name, true])
        const srt = new SrtParser().fromSrt(renditions.srt.render(input))
        expect([name, srt.length]).toEqual([name, vtt.cues.length >= turns.length ? srt.length : -1])
        expect([name, srt.every((cue) => cue.endSeconds >= cue.startSeconds)]).toEqual([name, true])
      }
    },
    120_000,
  )
})

describe('the Markdown file reads back into the same episode', () => {
  type TurnRow = {
    end: null | number
    kind: null | string
    position: number
    speaker: null | number
    speakerLabel: null | string
    start: null | number
    text: string
  }
  const turnsOf = async (episodeId: number | string): Promise<TurnRow[]> => {
    const { turns: docs } = await latestTurnsOf(payload, episodeId)
    return docs.map((turn) => ({
      end: turn.end ?? null,
      kind: turn.kind ?? null,
      position: turn.position,
      speaker: (turn.speaker as null | number) ?? null,
      speakerLabel: turn.speakerLabel ?? null,
      start: turn.start ?? null,
      text: turn.text,
    }))
  }
  const metadataOf = async (episodeId: number | string) => {
    const episode = await payload.findByID({ collection: 'episodes', depth: 0, draft: true, id: episodeId })
    const {
      audio,
      chapters,
      duration,
      episodeNumber,
      episodeType,
      explicit,
      guests,
      guid,
      hosts,
      image,
      permalink,
      publishedAt,
      season,
      show,
      slug,
      summary,
      title,
      workflowStatus,
    } = episode
    return {
      audio,
      chapters: chapters?.map(({ image, startTime, title, url }) => ({ image, startTime, title, url })),
      duration,
      episodeNumber,
      episodeType,
      explicit,
      guests,
      guid,
      hosts,
      image,
      language: episode.transcript?.language,
      permalink,
      publishedAt,
      season,
      show,
      slug,
      summary,
      title,
      workflowStatus,
    }
  }
  /**
   * Imports a file, exports its Markdown, and imports that as a new episode (its permalink moved, its
   * guid left out: both are unique): everything must come back from the file alone, with the same
   * speakers (no new ones), turns and metadata.
   */
  const roundTrip = async (fileName: string, content: string) => {
    const first = await importTranscript({ content, fileName, payload })
    expect([fileName, first.errors]).toEqual([fileName, []])
    const id = first.episode!.id
    const counts = { guests: (await payload.count({ collection: 'guests' })).totalDocs, speakers: (await payload.count({ collection: 'speakers' })).totalDocs }
    const md = await rest.get(`/episodes/${first.episode!.slug}/transcript.md?draft=true`, { token: editorToken })
    expect([fileName, md.status, md.headers.get('content-type')]).toEqual([fileName, 200, 'text/markdown; charset=utf-8'])
    const { data } = matter(md.body as string)
    const before = await metadataOf(id)
    expect([fileName, data.guid, data.permalink ?? null]).toEqual([fileName, before.guid, before.permalink ?? null])
    const { guid: _guid, ...others } = data
    const copy = matter.stringify(matter(md.body as string).content, { ...others, permalink: `/copy-of-${before.slug}` })
    const second = await importTranscript({ content: copy, fileName: `copy-${fileName}`, payload })
    expect([fileName, second.errors, second.status]).toEqual([fileName, [], 'imported'])
    const after = await metadataOf(second.episode!.id)
    const same = (metadata: Awaited<ReturnType<typeof metadataOf>>) => ({ ...metadata, guid: undefined, permalink: undefined, slug: undefined })
    expect([fileName, same(after)]).toEqual([fileName, same(before)])
    expect([fileName, await turnsOf(second.episode!.id)]).toEqual([fileName, await turnsOf(id)])
    expect({
      guests: (await payload.count({ collection: 'guests' })).totalDocs,
      speakers: (await payload.count({ collection: 'speakers' })).totalDocs,
    }).toEqual(counts)
    return md.body as string
  }

  test('every key the import reads, timed and untimed turns, a continuation paragraph', async () => {
    const md = await roundTrip(
      'trip.md',
      `---\ntitle: "Episode 41: Round trip with Ann Example"\npermalink: /round-trip\nstatus: publish\ndate: 2024-03-01T10:00:00.000Z\nsummary: Out and back.\nshow: Trip Show\nguid: trip-guid-1\nnumber: 41\nseason: 2\ntype: bonus\nexplicit: true\nimage: https://example.com/trip.png\naudio: https://example.com/trip.mp3\naudio_bytes: 4242\naudio_type: audio/mpeg\nduration: 1:00:05\nlanguage: de\nchapters:\n  - { start: 0, title: Start }\n  - { start: "00:10:00", title: Middle, url: "https://example.com/m", image: "https://example.com/m.png" }\n---\n\n**Intro:** [00:00:00]\n\n**Michaela:** [00:00:01] Hello *there*.\n\nA continuation paragraph.\n\n**Ann:** No stamp on this one.\n\n**Ann:** [0:00:41.9] A fraction.\n`,
    )
    expect(md).toContain('**Ann:** No stamp on this one.')
    expect(md).toMatch(/^---\ntitle: 'Episode 41: Round trip with Ann Example'\n/)
  })

  testCorpus(
    'on every file of the se-unlocked corpus',
    async () => {
      const files = readdirSync(seUnlockedDir).filter((name) => name.endsWith('.md'))
      for (const name of files) await roundTrip(`se-${name}`, readFileSync(path.join(seUnlockedDir, name), 'utf8'))
    },
    300_000,
  )
})

if (!hasCorpora) test.todo('the corpora renditions need ../shared/corpora')
