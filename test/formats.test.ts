/**
 * Every common transcript format in: WebVTT (through webvtt-parser), SubRip and Podcasting 2.0
 * JSON, read into the same turns as Markdown, with every voice linked to a Speaker; bad files are
 * clear errors and the batch goes on; what the distribution exports as VTT, SRT or JSON reads back
 * to the same speech, speakers and times.
 */
import type { Payload } from 'payload'

import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { detectFormat, parseTranscriptFile } from '../src/import/formats'
import { looksLikeLabel } from '../src/import/formats/srt'
import { importBatch } from '../src/import/importBatch'
import { importTranscript } from '../src/import/importTranscript'
import { plainText, timeTurns } from '../src/renditions'
import { corporaDir, seUnlockedDir, testCorpus } from './helpers/corpora'
import { createTestPayload, latestTurnsOf, type TestPayload } from './helpers/payload'
import { createRestClient, type RestClient } from './helpers/restClient'
import { createUser, PASSWORD } from './helpers/users'

let t: TestPayload
let payload: Payload
let rest: RestClient
let editor: string

beforeAll(async () => {
  t = await createTestPayload()
  payload = t.payload
  rest = await createRestClient()
  await createUser(payload, 'editor')
  editor = await rest.login('editor@example.com', PASSWORD)
}, 120_000)
afterAll(async () => {
  await t?.teardown()
})

const parse = (fileName: string, text: string) => parseTranscriptFile(text, { fileName })
const shape = (fileName: string, text: string) => parse(fileName, text).turns.map((turn) => [turn.speakerLabel, turn.start, turn.end ?? null, turn.text])

describe('WebVTT', () => {
  test('voices (with classes), NOTE and STYLE blocks, ids, settings, multi-line cues; one voice’s cues are one turn', () => {
    const vtt = `WEBVTT - a title

STYLE
::cue { color: yellow }

NOTE written by hand

intro
00:00:01.000 --> 00:00:03.000 align:start line:0
<v.loud Sarah Smith>Welcome to
the show, Q&amp;A time.</v>

00:00:03.000 --> 00:00:04.500
<v Sarah Smith>Still me.

00:00:05.000 --> 00:00:06.000
<v Gillian>Hi!

00:00:06.000 --> 00:00:07.000
Nobody in particular.
`
    expect(shape('e.vtt', vtt)).toEqual([
      ['Sarah Smith', 1, 4.5, 'Welcome to the show, Q&A time. Still me.'],
      ['Gillian', 5, 6, 'Hi!'],
      [null, 6, 7, 'Nobody in particular.'],
    ])
    expect(parse('e.vtt', vtt).errors).toEqual([])
  })

  test('a file that is not WebVTT is an error on line 1; a backwards cue is a warning with its line', () => {
    expect(parse('bad.vtt', 'WEBVTTX\n\n00:00:01.000 --> 00:00:02.000\nHi\n').errors).toEqual([
      { line: 1, message: 'Not a WebVTT file: the first line must be "WEBVTT"' },
    ])
    const backwards = parse('back.vtt', 'WEBVTT\n\n00:00:05.000 --> 00:00:06.000\n<v A>One\n\n00:00:01.000 --> 00:00:02.000\n<v B>Two\n')
    expect(backwards.errors).toEqual([])
    expect(backwards.warnings.map((warning) => warning.line)).toContain(6)
  })
})

describe('SubRip', () => {
  test('Name:, >> Name:, - Name: and [Name] change the speaker; later cues keep it; [music] is a direction', () => {
    const srt = `1
00:00:01,000 --> 00:00:02,000
Travis Albritton: When you first get
started in podcasting,

2
00:00:02,000 --> 00:00:03,500
it is easy.

3
00:00:04.000 --> 00:00:05.000
>> Alban Brooke: I agree.

4
01:02,000 --> 01:03,000
[music]

5
00:01:04,000 --> 00:01:05,000
- Ludwig van Beethoven: Da da da dum.

6
00:01:06,000 --> 00:01:07,000
[Travis Albritton] Back to me.

7
00:01:08,000 --> 00:01:09,000
If you're using modern tools: this is prose.

8
00:01:10,000 --> 00:01:11,000
>> Someone else, unnamed.
`
    expect(shape('e.srt', srt)).toEqual([
      ['Travis Albritton', 1, 3.5, 'When you first get started in podcasting, it is easy.'],
      ['Alban Brooke', 4, 63, 'I agree. [music]'],
      ['Ludwig van Beethoven', 64, 65, 'Da da da dum.'],
      ['Travis Albritton', 66, 69, "Back to me. If you're using modern tools: this is prose."],
      [null, 70, 71, 'Someone else, unnamed.'],
    ])
    expect(looksLikeLabel('If you’re using modern tools')).toBe(false)
    expect(looksLikeLabel('Maria de la Cruz')).toBe(true)
  })

  test('a block without timings is skipped with a warning naming its line', () => {
    const parsed = parse('e.srt', '1\n00:00:01,000 --> 00:00:02,000\nAnn: Hi.\n\nnot a cue at all\n\n3\n00:00:03,000 --> 00:00:04,000\nStill Ann.\n')
    expect(parsed.turns.map((turn) => turn.text)).toEqual(['Hi. Still Ann.'])
    expect(parsed.warnings).toEqual([{ line: 5, message: 'SubRip: a block without cue timings; it is skipped' }])
  })
})

describe('Podcasting 2.0 JSON', () => {
  test('word-level segments of one speaker are one turn; another shape is an error', () => {
    const json = JSON.stringify({
      segments: [
        { body: 'I', endTime: 0.75, speaker: 'Darth Vader', startTime: 0.5 },
        { body: 'am', endTime: 1.25, speaker: 'Darth Vader', startTime: 1 },
        { body: 'No.', endTime: 3, speaker: 'Luke', startTime: 2.5 },
        { endTime: 4, startTime: 3.5 },
      ],
      version: '1.0.0',
    })
    expect(shape('e.json', json)).toEqual([
      ['Darth Vader', 0.5, 1.25, 'I am'],
      ['Luke', 2.5, 3, 'No.'],
    ])
    expect(parse('e.json', json).warnings).toEqual([{ line: 1, message: 'segments[3] has no text ("body"); it is skipped' }])
    expect(parse('other.json', '{"transcript": []}').errors).toEqual([{ line: 1, message: 'Not a Podcasting 2.0 transcript: expected {"segments": [...]}' }])
    expect(parse('broken.json', '{"segments": [').errors[0].message).toMatch(/^Not valid JSON/)
  })

  test('the format follows the extension, or the content when the name does not say', () => {
    expect(detectFormat('a.txt', 'WEBVTT\n\n')).toBe('vtt')
    expect(detectFormat('a.txt', '1\n00:00:01,000 --> 00:00:02,000\nHi')).toBe('srt')
    expect(detectFormat('a', '{"version":"1.0.0","segments":[]}')).toBe('json')
    expect(detectFormat('a.md', '**Ann:** Hi')).toBe('markdown')
  })
})

describe('imported', () => {
  testCorpus('the namespace’s and transcriptator’s VTT, SRT and JSON examples import with their speakers linked', async () => {
    const files = [
      'podcast-namespace/docs/examples/transcripts/example.vtt',
      'podcast-namespace/docs/examples/transcripts/example.srt',
      'podcast-namespace/docs/examples/transcripts/example.json',
      ...readdirSync(path.join(corporaDir, 'transcriptator/test/test_files'))
        // LaLaLand.json is another JSON (subtitles in milliseconds), not a Podcasting 2.0 transcript: below.
        .filter((name) => /\.(vtt|srt|json)$/.test(name) && name !== 'LaLaLand.json')
        .map((name) => `transcriptator/test/test_files/${name}`),
    ]
    for (const file of files) {
      const report = await importTranscript({
        content: readFileSync(path.join(corporaDir, file)),
        fileName: path.basename(file).replace(/^example/, `example-${file.split('.').pop()}`),
        payload,
      })
      expect([file, report.errors]).toEqual([file, []])
      expect([file, report.turns > 0]).toEqual([file, true])
      const turns = await payload.find({
        collection: 'transcript-turns',
        depth: 1,
        limit: 0,
        pagination: false,
        where: { episode: { equals: report.episode!.id } },
      })
      // Every attributed turn is linked to a speaker of that name (or a name of theirs).
      for (const turn of turns.docs.filter((doc) => doc.speakerLabel))
        expect([file, turn.speakerLabel, typeof turn.speaker === 'object' && turn.speaker !== null]).toEqual([file, turn.speakerLabel, true])
    }
    const other = await importTranscript({
      content: readFileSync(path.join(corporaDir, 'transcriptator/test/test_files/LaLaLand.json')),
      fileName: 'LaLaLand.json',
      payload,
    })
    expect([other.status, other.errors]).toEqual(['failed', [{ line: 1, message: 'Not a Podcasting 2.0 transcript: expected {"segments": [...]}' }]])
    // The namespace's example has "Q&amp;A": decoded whole, in Sarah's turn.
    const vtt = await payload.find({ collection: 'transcript-turns', where: { text: { contains: 'Welcome to Podcasting Q&A, where' } } })
    expect(vtt.docs.map((turn) => turn.speakerLabel)).toContain('Sarah')
    expect((await payload.find({ collection: 'transcript-turns', where: { text: { contains: '&;' } } })).totalDocs).toBe(0)
  })

  test('over REST: a bad file is reported with its line, and the rest of the batch imports', async () => {
    const res = await rest.post('/transcript-imports/bulk', {
      body: {
        files: [
          { content: 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Rest Voice>Over REST.\n', name: 'rest-one.vtt' },
          { content: 'not webvtt\n', name: 'rest-bad.vtt' },
          { content: '1\n00:00:01,000 --> 00:00:02,000\nSrt Voice: Over REST too.\n', name: 'rest-two.srt' },
        ],
        wait: true,
      },
      token: editor,
    })
    expect(res.status).toBe(200)
    expect(res.body.results.map((result: { file: string; status: string }) => [result.file, result.status])).toEqual([
      ['rest-one.vtt', 'imported'],
      ['rest-bad.vtt', 'failed'],
      ['rest-two.srt', 'imported'],
    ])
    expect(res.body.results[1].errors).toEqual([{ line: 1, message: 'Not a WebVTT file: the first line must be "WEBVTT"' }])
  })

  test('through the admin’s upload, a .vtt that arrives as text/plain', async () => {
    const form = new FormData()
    form.append('file', new Blob(['WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Upload Voice>Uploaded.\n'], { type: 'text/plain' }), 'uploaded.vtt')
    form.append('_payload', JSON.stringify({}))
    const res = await rest.post('/transcript-imports', { body: form, token: editor })
    expect([res.status, res.body.errors]).toEqual([201, undefined])
    expect(res.body.doc.outcome).toBe('imported')
    expect((await payload.find({ collection: 'speakers', where: { name: { equals: 'Upload Voice' } } })).totalDocs).toBe(1)
  })
})

describe('the distribution’s files read back', () => {
  /** Speech turns with their speaker, neighbours of one voice as one, with their start as the files give it. */
  const speechOf = async (episodeId: number | string, timed: boolean) => {
    const { episode, turns: docs } = await latestTurnsOf(payload, episodeId)
    const rows = docs.map((turn) => ({
      end: turn.end ?? null,
      kind: turn.kind ?? 'speech',
      plain: plainText(turn.text),
      speaker: null,
      speakerId: (turn.speaker as null | number) ?? null,
      start: turn.start ?? null,
      text: turn.text,
      words: turn.wordCount ?? 0,
    }))
    const times = (timed ? timeTurns(rows, episode.duration) : rows.map((row) => ({ ...row, cueStart: row.start ?? 0 }))) as ((typeof rows)[number] & {
      cueStart: number
    })[]
    const merged: { speaker: null | number; start: number; text: string }[] = []
    for (const turn of times) {
      if (turn.kind === 'marker' || !turn.plain) continue
      const last = merged.at(-1)
      if (last && last.speaker === turn.speakerId) last.text = `${last.text} ${turn.plain}`
      else merged.push({ speaker: turn.speakerId, start: turn.cueStart, text: turn.plain })
    }
    return merged.map((turn) => ({ ...turn, text: turn.text.replace(/\s+/g, ' ').trim() }))
  }

  testCorpus(
    'every se-unlocked file, exported as VTT, SRT and JSON, imports to the same speech, speakers and times',
    async () => {
      const files = readdirSync(seUnlockedDir).filter((name) => name.endsWith('.md'))
      for (const name of files) {
        const original = await importTranscript({ content: readFileSync(path.join(seUnlockedDir, name)), fileName: `rt-${name}`, payload })
        expect([name, original.errors]).toEqual([name, []])
        const expected = await speechOf(original.episode!.id, true)
        for (const format of ['vtt', 'srt', 'json']) {
          const file = await rest.get(`/episodes/${original.episode!.slug}/transcript.${format}?draft=true`, { token: editor })
          const content = typeof file.body === 'string' ? file.body : JSON.stringify(file.body)
          const copy = await importTranscript({ content, fileName: `${format}-${name.replace(/\.md$/, '')}.${format}`, payload })
          expect([name, format, copy.errors]).toEqual([name, format, []])
          const back = await speechOf(copy.episode!.id, false)
          expect([name, format, back.map((turn) => [turn.speaker, turn.text])]).toEqual([name, format, expected.map((turn) => [turn.speaker, turn.text])])
          const offBy = back.map((turn, i) => Math.abs(turn.start - expected[i].start))
          expect([name, format, Math.max(0, ...offBy) <= 1]).toEqual([name, format, true])
        }
      }
    },
    600_000,
  )
})

describe('metadata beside the transcript, and transcripts for existing episodes', () => {
  const VTT = 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Side Voice>Read with a sidecar.\n'

  test('a sidecar with the same stem gives a VTT its episode; one without a transcript is reported; the batch goes on', async () => {
    const res = await rest.post('/transcript-imports/bulk', {
      body: {
        files: [
          { content: VTT, name: 'side.vtt' },
          { content: 'title: "Episode 5: Sidecar"\npermalink: /sidecar-episode\nstatus: publish\nshow: Side Show\n', name: 'side.yaml' },
          { content: 'title: Alone\n', name: 'lonely.yml' },
          { content: VTT.replace('Side Voice', 'Named Voice'), name: 'Episode 6 Named By File.vtt' },
        ],
        wait: true,
      },
      token: editor,
    })
    expect(res.status).toBe(200)
    expect(
      res.body.results.map((result: { episode: null | { slug: string; status: string; title: string }; file: string; status: string }) => [
        result.file,
        result.status,
        result.episode,
      ]),
    ).toEqual([
      ['side.vtt', 'imported', expect.objectContaining({ slug: 'sidecar-episode', status: 'published', title: 'Episode 5: Sidecar' })],
      [
        'Episode 6 Named By File.vtt',
        'imported',
        expect.objectContaining({ slug: 'episode-6-named-by-file', status: 'draft', title: 'Episode 6 Named By File' }),
      ],
      ['lonely.yml', 'failed', null],
    ])
    expect(res.body.results[2].errors).toEqual([{ line: null, message: 'A sidecar without a transcript: no file named lonely.* beside it' }])
    const episode = (await payload.find({ collection: 'episodes', depth: 1, where: { slug: { equals: 'sidecar-episode' } } })).docs[0]
    expect(typeof episode.show === 'object' ? episode.show?.title : null).toBe('Side Show')
  })

  test('--episode / episodeId attaches a file to an existing episode: its metadata stays, a published one gets a draft revision', async () => {
    const published = await importTranscript({
      content: '---\ntitle: "Episode 7: Attached"\npermalink: /attached\nstatus: publish\n---\n\n**Ann:** The first words.\n',
      fileName: 'attached.md',
      payload,
    })
    expect(published.status).toBe('imported')
    const res = await rest.post('/transcript-imports/bulk', {
      body: {
        episodeId: 'attached',
        files: [{ content: 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>New words from the VTT.\n', name: 'whatever-title.vtt' }],
      },
      token: editor,
    })
    expect(res.body.results[0]).toMatchObject({ episode: { slug: 'attached', title: 'Episode 7: Attached' }, status: 'updated' })
    // The public keeps the published transcript; staff see the new one as the draft.
    expect((await rest.get('/episodes/attached/transcript')).body.docs.map((turn: { text: string }) => turn.text)).toEqual(['The first words.'])
    expect((await rest.get('/episodes/attached/transcript?draft=true', { token: editor })).body.docs.map((turn: { text: string }) => turn.text)).toEqual([
      'New words from the VTT.',
    ])
    const missing = await rest.post('/transcript-imports/bulk', {
      body: { episodeId: 'no-such-episode', files: [{ content: 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nx\n', name: 'x.vtt' }] },
      token: editor,
    })
    expect(missing.body.results[0]).toMatchObject({ errors: [{ message: 'No episode "no-such-episode" to attach the transcript to.' }], status: 'failed' })
  })

  test('the CLI pairs sidecars in a folder and takes --episode; the upload form attaches to an episode', async () => {
    const { runCli } = await import('../src/cli/runCli')
    const { mkdtemp, writeFile } = await import('node:fs/promises')
    const os = await import('node:os')
    const dir = await mkdtemp(path.join(os.tmpdir(), 'podcast-sidecar-'))
    await writeFile(path.join(dir, 'cli.srt'), '1\n00:00:01,000 --> 00:00:02,000\nCli Voice: From the CLI.\n')
    await writeFile(path.join(dir, 'cli.yaml'), 'title: "Episode 8: From a folder"\npermalink: /from-a-folder\n')
    await writeFile(path.join(dir, 'other.json'), '{"not": "a transcript"}')
    const out: string[] = []
    const io = { stderr: { write: () => true }, stdout: { write: (text: string) => out.push(text) } }
    expect(await runCli(['import', '--json', dir], { io, startPayload: async () => ({ payload, shutdown: async () => {} }) } as never)).toBe(0)
    expect(JSON.parse(out.join('')).results).toEqual([
      expect.objectContaining({ episode: expect.objectContaining({ slug: 'from-a-folder', title: 'Episode 8: From a folder' }), status: 'imported' }),
    ])
    const again: string[] = []
    await writeFile(path.join(dir, 'later.vtt'), 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Cli Voice>Attached from the CLI.\n')
    const code = await runCli(['import', '--json', '--episode', 'from-a-folder', path.join(dir, 'later.vtt')], {
      io: { ...io, stdout: { write: (text: string) => again.push(text) } },
      startPayload: async () => ({ payload, shutdown: async () => {} }),
    } as never)
    expect([code, JSON.parse(again.join('')).results[0].episode.slug]).toEqual([0, 'from-a-folder'])

    const target = (await payload.find({ collection: 'episodes', draft: true, where: { slug: { equals: 'sidecar-episode' } } })).docs[0]
    const form = new FormData()
    form.append('file', new Blob(['WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Side Voice>Uploaded onto it.\n'], { type: 'text/plain' }), 'upload-onto.vtt')
    form.append('_payload', JSON.stringify({ attachTo: target.id }))
    const res = await rest.post('/transcript-imports', { body: form, token: editor })
    expect([res.status, res.body.doc?.outcome]).toEqual([201, 'updated'])
    expect((await payload.findByID({ collection: 'episodes', depth: 0, draft: true, id: target.id })).title).toBe('Episode 5: Sidecar')
  })
})
