import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { parseTranscript } from '../src/import/parseTranscript'
import type { ParsedTranscript } from '../src/import/types'
import { slugFromPermalink, slugify } from '../src/utilities/slugify'
import { corporaDir as corpora, describeCorpus, seUnlockedDir as seUnlocked } from './helpers/corpora'

const parse = (text: string, fileName = 'fixture.md'): ParsedTranscript => parseTranscript(text, { fileName })
const parseCorpus = (relative: string): ParsedTranscript => parseTranscript(readFileSync(path.join(corpora, relative)), { fileName: path.basename(relative) })
const fm = (body: string): string => `---\nepisode: "Fixture episode"\n---\n${body}`
/** Turns as [label, start, text] triples, for compact assertions. */
const brief = (result: ParsedTranscript) => result.turns.map((turn) => [turn.speakerLabel, turn.start, turn.text])

describe('speaker label shapes', () => {
  test.each([
    ['**Name:** [00:01:05] text', '**Ada:** [00:01:05] Hello there.'],
    ['**Name:**[00:01:05] text', '**Ada:**[00:01:05] Hello there.'],
    ['[00:01:05] **Name:** text', '[00:01:05] **Ada:** Hello there.'],
    ['**Name:**: [..] text', '**Ada:**: [00:01:05] Hello there.'],
    ['**Name:[..]** text', '**Ada:[00:01:05]** Hello there.'],
    ['**[..] Name:** text', '**[00:01:05] Ada:** Hello there.'],
    ['**Name**: [..] text', '**Ada**: [00:01:05] Hello there.'],
    ['Name: [..] text', 'Ada: [00:01:05] Hello there.'],
    ['Name [..]: text', 'Ada [00:01:05]: Hello there.'],
    ['** Name: ** text', '** Ada: ** [00:01:05] Hello there.'],
    ['[..] Name: text', '[00:01:05] Ada: Hello there.'],
    ['__Name__: text', '__Ada__: [00:01:05] Hello there.'],
    ['**Name:** 00:00:00 text', '**Ada:** 00:01:05 Hello there.'],
    ['0:00:14.1 **Name** text', '0:01:05 **Ada** Hello there.'],
    ['**Name**  00:03 text', '**Ada**  01:05 Hello there.'],
  ])('%s', (_shape, line) => {
    const result = parse(fm(`${line}\n\n${line.replace('Ada', 'Bob').replace('01:05', '01:09')}\n`))
    expect(result.errors).toEqual([])
    expect(result.speakers).toEqual(['Ada', 'Bob'])
    expect(brief(result)).toEqual([
      ['Ada', 65, 'Hello there.'],
      ['Bob', 69, 'Hello there.'],
    ])
    expect(result.turns[0]).toMatchObject({ line: 4, timestamp: expect.stringMatching(/01:05$/) })
  })

  test('a timestamp alone on its line belongs to the label on the next line', () => {
    const result = parse(fm('[00:00:00]\n**Ada:** Hello.\nStill Ada.\n[00:00:07]\n\n**Bob:** Hi.\n'))
    expect(brief(result)).toEqual([
      ['Ada', 0, 'Hello.\nStill Ada.'],
      ['Bob', 7, 'Hi.'],
    ])
    // A turn starts where its stamp is.
    expect(result.turns.map((turn) => turn.line)).toEqual([4, 7])
  })

  test('Otter exports: `**Dr. Name** 00:03` or `**Name**  (00:03):`, text on the next line', () => {
    const otter = parse(fm('**Dr. Ada** 00:03\nHello and welcome.\n\n**Bob Stone** 01:30\nThanks.\n'))
    expect(brief(otter)).toEqual([
      ['Dr. Ada', 3, 'Hello and welcome.'],
      ['Bob Stone', 90, 'Thanks.'],
    ])
    const parenthesised = parse(fm('**Dr. Ada**  (00:03):\nHello and welcome.\n\n**Bob Stone** (1:01:30):\nThanks.\n'))
    expect(brief(parenthesised)).toEqual([
      ['Dr. Ada', 3, 'Hello and welcome.'],
      ['Bob Stone', 3690, 'Thanks.'],
    ])
  })

  test('thepodlets: `[0:00:41.9] CC: text` with fractional seconds', () => {
    const result = parse(fm('[0:00:41.9] CC: Welcome.\n\n[0:01:02.25] JR: Thanks.\n'))
    expect(result.turns.map((turn) => [turn.speakerLabel, turn.start, turn.timestamp])).toEqual([
      ['CC', 41.9, '0:00:41.9'],
      ['JR', 62.25, '0:01:02.25'],
    ])
  })

  test('bitcointranscripts: `Speaker 0: 00:00:00` and `Name – 00:02:46:` with the text below', () => {
    const speakers = parse(fm('Speaker 0: 00:00:16\n\nLive from Utrecht.\nHey.\n\nSpeaker 1: 00:00:27\n\nHello.\n'))
    expect(brief(speakers)).toEqual([
      ['Speaker 0', 16, 'Live from Utrecht.\nHey.'],
      ['Speaker 1', 27, 'Hello.'],
    ])
    const dashed = parse(fm('James – 00:02:46:\n\nHey, Stephan.\n\nStephan- 00:02:50:\n\nDamn.\n'))
    expect(brief(dashed)).toEqual([
      ['James', 166, 'Hey, Stephan.'],
      ['Stephan', 170, 'Damn.'],
    ])
  })

  test('plain `Name:` turns without timestamps, when the labels recur', () => {
    const result = parse(
      fm('Pierre: Welcome to the show.\nroasbeef: Not bad.\nPierre: So tell us.\nAaron van Wirdum:\nMiniscript.\nroasbeef: Sure.\nAaron van Wirdum: Yes.\n'),
    )
    expect(result.speakers).toEqual(['Pierre', 'roasbeef', 'Aaron van Wirdum'])
    expect(brief(result)[3]).toEqual(['Aaron van Wirdum', null, 'Miniscript.'])
    expect(result.turns).toHaveLength(6)
  })

  test('an alias in parentheses ties `Marty Bent (MB):` to later `MB:` turns', () => {
    const result = parse(fm('Marty Bent (MB): Hello.\nMatt Corallo (MC): Hi.\nMB: Question?\nMC: Answer.\n'))
    expect(result.speakers).toEqual(['Marty Bent (MB)', 'Matt Corallo (MC)', 'MB', 'MC'])
  })

  test('Otter plain export: `Speaker 1  0:03` alone on its line', () => {
    const result = parse(fm('Speaker 1  0:03\nHello.\n\nSpeaker 2  0:05\nHi.\n'))
    expect(brief(result)).toEqual([
      ['Speaker 1', 3, 'Hello.'],
      ['Speaker 2', 5, 'Hi.'],
    ])
  })

  test('names in scripts without letter case', () => {
    const result = parse(fm('[00:00:01] 田中: こんにちは。\n[00:00:02] José Ñúñez: Hola.\n'))
    expect(result.speakers).toEqual(['田中', 'José Ñúñez'])
  })

  test('speaker labels are trimmed and lose their decoration and colons', () => {
    const result = parse(fm('**  Dr.  Ada Lovelace :  ** [00:00:01] One.\n__Bob:__: [00:00:02] Two.\n'))
    expect(result.speakers).toEqual(['Dr. Ada Lovelace', 'Bob'])
  })
})

describe('turn text', () => {
  test('continuation paragraphs, with or without a timestamp, stay in the turn verbatim', () => {
    const result = parse(
      fm(
        [
          '**Ada:** [00:05:00] First paragraph,',
          'wrapped here.  ',
          '',
          'Second paragraph.',
          '',
          '[00:05:10] Third paragraph with *emphasis* and a [link](https://example.com).',
          '',
          '',
          '**Bob:** [00:05:20] Reply.',
        ].join('\n'),
      ),
    )
    expect(brief(result)).toEqual([
      ['Ada', 300, 'First paragraph,\nwrapped here.\n\nSecond paragraph.\n\n[00:05:10] Third paragraph with *emphasis* and a [link](https://example.com).'],
      ['Bob', 320, 'Reply.'],
    ])
    expect(result.turns[0].wordCount).toBe(14)
    expect(result.wordCount).toBe(15)
  })

  test('a bold name in the middle of a sentence is not a new turn', () => {
    const result = parse(fm('**Michaela:** [00:00:00] Today I talk to **Suz:** Hinton.\n**Suz:** is an engineer.\n\n**Suz:** [00:00:34] Thanks.\n'))
    expect(brief(result)).toEqual([
      ['Michaela', 0, 'Today I talk to **Suz:** Hinton.'],
      // A line-initial label starts a turn even without a stamp.
      ['Suz', null, 'is an engineer.'],
      ['Suz', 34, 'Thanks.'],
    ])
    const prose = parse(fm('**Ada:** [00:00:01] We met at 10:30 and read **Note:** the docs.\n'))
    expect(prose.speakers).toEqual(['Ada'])
  })

  test('non-speech is kept: its own turn before the first speaker, text after', () => {
    const result = parse(fm('( *intro music* )\n\n**Ada:** [00:00:05] Welcome.\n\n[00:30:00] ( *outro music* )\n'))
    expect(brief(result)).toEqual([
      [null, null, '( *intro music* )'],
      ['Ada', 5, 'Welcome.\n\n[00:30:00] ( *outro music* )'],
    ])
  })

  test('a label alone on its line takes the text (and stamp) below it', () => {
    const result = parse(fm('**Ada:**\n[00:00:03] Hello.\n\n**Bob:**\n\n(*laugh*)\n\n[00:00:09] Funny.\n'))
    expect(brief(result)).toEqual([
      ['Ada', 3, 'Hello.'],
      // Bob's turn has no stamp of its own: its first paragraph stamp tells when it runs.
      ['Bob', 9, '(*laugh*)\n\n[00:00:09] Funny.'],
    ])
  })

  test('HTML entities are decoded, named and numeric', () => {
    const result = parse(
      fm('**Ada:** [00:00:01] I&#39;m &ldquo;here&rdquo; &amp; &lt;ok&gt; &mdash; &hellip;&nbsp;&#x2764; &rsquo;&lsquo;&quot;&ndash; &bogus;\n'),
    )
    expect(result.turns[0].text).toBe('I\'m “here” & <ok> — …\u00a0❤ ’‘"– &bogus;')
  })

  test('a labelled turn with no text is left out with a warning', () => {
    const result = parse(fm('**Ada:** [00:00:01] One.\n\n**Bob:** [00:00:02]\n\n**Ada:** [00:00:03] Two.\n'))
    expect(result.speakers).toEqual(['Ada'])
    expect(result.warnings).toEqual([{ line: 6, message: 'Turn of Bob has no text; it is left out' }])
  })
})

describe('encoding', () => {
  test('BOM and CRLF', () => {
    const text =
      '\ufeff---\r\nepisode: "Episode 3: CRLF"\r\npermalink: /crlf\r\n---\r\n\r\n**Ada:** [00:00:01] One,\r\ntwo.\r\n\r\n**Bob:** [00:00:02] Three.\r\n'
    const result = parseTranscript(Buffer.from(text, 'utf8'), { fileName: 'crlf.md' })
    expect(result.errors).toEqual([])
    expect(result.title).toBe('Episode 3: CRLF')
    expect(result.episodeNumber).toBe(3)
    expect(brief(result)).toEqual([
      ['Ada', 1, 'One,\ntwo.'],
      ['Bob', 2, 'Three.'],
    ])
    expect(result.turns[1].line).toBe(9)
  })

  test('checksum is the sha256 of the bytes as received', () => {
    const bytes = Buffer.from('\ufeff**Ada:** [00:00:01] One.\n', 'utf8')
    const result = parseTranscript(bytes, { fileName: 'a.md' })
    expect(result.checksum).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(result.format).toBe('markdown')
    expect(parse('**Ada:** [00:00:01] One.\n').checksum).toBe(createHash('sha256').update('**Ada:** [00:00:01] One.\n').digest('hex'))
  })
})

describe('monologues and timestamp warnings', () => {
  test('no speaker labels: one unattributed turn and a warning', () => {
    const result = parse(fm('\n[00:00:00] Hello and welcome.\nMore words.\n\n[00:02:00] Later on.\n'))
    expect(brief(result)).toEqual([[null, 0, 'Hello and welcome.\nMore words.\n\n[00:02:00] Later on.']])
    expect(result.speakers).toEqual([])
    expect(result.warnings).toEqual([{ line: 5, message: 'No speaker labels found: the whole text is one unattributed turn' }])
  })

  test('prose with the odd `Word:` line is still a monologue', () => {
    const result = parse(fm('Note: this is prose.\nIt goes on.\nUpdate: more prose.\nTo self: nothing.\n'))
    expect(result.turns).toHaveLength(1)
    expect(result.turns[0].speakerLabel).toBeNull()
  })

  test('plain `Word:` lines are not labels in a file that marks speakers in bold', () => {
    const result = parse(fm('**Ada:** [00:00:01] See the repo at\nGitHub: ada/repo and\nGitHub: ada/other.\n'))
    expect(result.speakers).toEqual(['Ada'])
    expect(result.turns[0].text).toBe('See the repo at\nGitHub: ada/repo and\nGitHub: ada/other.')
  })

  test('backwards and malformed timestamps warn with the line of the original file', () => {
    const result = parse(
      [
        '---',
        'episode: "Warnings"',
        '--- ',
        '',
        '**Ada:** [00:00:10] One.',
        '**Bob:** [00:00:05] Two.',
        '**Ada:** [00:00::12] Three.',
        '**Bob:** [00:00:20] Four.',
        '[0:00:19.5] Overlapping speech is not out of order.',
        '**Ada:** [00:00:12] Five.',
      ].join('\n'),
    )
    expect(result.errors).toEqual([])
    expect(result.warnings).toEqual([
      { line: 6, message: 'Timestamp 00:00:05 goes backwards (line 5 has 00:00:10)' },
      { line: 7, message: 'Malformed timestamp "00:00::12"' },
      { line: 10, message: 'Timestamp 00:00:12 goes backwards (line 9 has 0:00:19.5)' },
    ])
    expect(result.turns[2]).toMatchObject({ speakerLabel: 'Ada', start: null, text: 'Three.', timestamp: '00:00::12' })
  })

  test('a time at the start of a prose line is not a timestamp', () => {
    const result = parse(fm('**Ada:** [00:10:00] We meet on Tuesdays at\n9:00 AM Eastern.\n'))
    expect(result.warnings).toEqual([])
    expect(result.turns[0].text).toBe('We meet on Tuesdays at\n9:00 AM Eastern.')
  })
})

describe('front matter and title', () => {
  test('fields, trailing spaces after the closing fence, `---` inside a value', () => {
    const result = parse(
      '---\nepisode: "Transcript Episode 1 --- Cassidy Williams"\npermalink: /episode-1-cassidy-williams\nstatus: publish\ntype: transcript\nguests:\n  - Cassidy\n---   \n\n**Ada:** [00:00:00] Hi.\n',
    )
    expect(result).toMatchObject({
      episodeNumber: 1,
      errors: [],
      frontMatter: {
        episode: 'Transcript Episode 1 --- Cassidy Williams',
        guests: ['Cassidy'],
        permalink: '/episode-1-cassidy-williams',
        status: 'publish',
        type: 'transcript',
      },
      permalink: '/episode-1-cassidy-williams',
      slug: 'episode-1-cassidy-williams',
      status: 'publish',
      title: 'Transcript Episode 1 --- Cassidy Williams',
      type: 'transcript',
    })
    expect(result.turns[0].line).toBe(10)
  })

  test('YAML dates and numbers become JSON-safe values', () => {
    const result = parse('---\nepisode: 12\ndate: 2023-01-14\nduration: 61.5\nnested:\n  when: 2020-02-11T10:00:00Z\n---\n**Ada:** [00:00:00] Hi.\n')
    expect(result.frontMatter).toEqual({
      date: '2023-01-14T00:00:00.000Z',
      duration: 61.5,
      episode: 12,
      nested: { when: '2020-02-11T10:00:00.000Z' },
    })
    expect(result.title).toBe('Episode 12')
    expect(result.episodeNumber).toBe(12)
    expect(result.slug).toBe('episode-12')
    expect(JSON.parse(JSON.stringify(result.frontMatter))).toEqual(result.frontMatter)
  })

  test('`title` wins over a numeric `episode`; `EP 12` and `Ep. 7` give episode numbers', () => {
    const both = parse('---\ntitle: "Silent Payments part 2"\nepisode: 94\n---\n**Ada:** [00:00:00] Hi.\n')
    expect([both.title, both.episodeNumber, both.slug]).toEqual(['Silent Payments part 2', 94, 'silent-payments-part-2'])
    expect(parse('---\ntitle: "EP 12 - Tools"\n---\nx\n').episodeNumber).toBe(12)
    expect(parse('---\ntitle: "Ep. 7: Tools"\n---\nx\n').episodeNumber).toBe(7)
    expect(parse('---\ntitle: "Episode with Kim Scott"\n---\nx\n').episodeNumber).toBeNull()
  })

  test('without front matter the title is the first `#` heading, which is not turn text', () => {
    const result = parse('\n# Episode 22: Jigyasa Grover\n\n**Ada:** [00:00:00] Hi.\n\n**Bob:** [00:00:01] Hello.\n', 'ignored.md')
    expect(result).toMatchObject({ episodeNumber: 22, frontMatter: {}, permalink: null, slug: 'episode-22-jigyasa-grover', status: null })
    expect(result.title).toBe('Episode 22: Jigyasa Grover')
    expect(brief(result)).toEqual([
      ['Ada', 0, 'Hi.'],
      ['Bob', 1, 'Hello.'],
    ])
  })

  test('without front matter or heading the title comes from the file name', () => {
    const result = parse('**Ada:** [00:00:00] Hi.\n', 'uploads/EP_54_happy-devs.md')
    expect([result.title, result.slug, result.episodeNumber]).toEqual(['EP 54 happy devs', 'ep-54-happy-devs', 54])
  })

  test('invalid YAML is a warning with its line; a `---js` block is never evaluated', () => {
    const invalid = parse('---\ntitle: ok\nbroken: "unterminated\n---\n**Ada:** [00:00:00] Hi.\n', 'invalid.md')
    expect(invalid.errors).toEqual([])
    expect(invalid.title).toBe('invalid')
    expect(invalid.warnings).toHaveLength(1)
    expect(invalid.warnings[0].message).toMatch(/^Front matter is not valid YAML/)
    expect(invalid.warnings[0].line).toBeGreaterThanOrEqual(3)

    const script = parse('---js\n{ title: (() => { throw new Error("evaluated") })() }\n---\n**Ada:** [00:00:00] Hi.\n', 'script.md')
    expect(script.errors).toEqual([])
    expect(script.frontMatter).toEqual({})
    expect(script.title).toBe('script')
  })

  test('self-referencing YAML aliases cannot blow up the front matter: the file gets an error', () => {
    const result = parse('---\ntitle: Loop\nself: &a [*a]\n---\n**Ada:** [00:00:00] Hi.\n')
    expect(result.errors).toEqual([
      {
        line: 1,
        message: 'Front matter is too large or nested too deeply (more than 10,000 values or 32 levels, as YAML aliases can make it); the file is not imported',
      },
    ])
    expect(result.frontMatter).toEqual({})
  })

  test('front matter that is never closed is read as text', () => {
    const result = parse('---\n**Ada:** [00:00:00] Hi.\n', 'open.md')
    expect(result.warnings).toContainEqual({ line: 1, message: 'Front matter is never closed; it is read as text' })
    expect(result.speakers).toEqual(['Ada'])
  })
})

describe('rejected input', () => {
  test('binary input (NUL bytes)', () => {
    const result = parseTranscript(Buffer.from([0x2a, 0x2a, 0x41, 0x00, 0x42]), { fileName: 'audio.mp3' })
    expect(result.errors).toEqual([{ line: 1, message: 'File is binary, not text (NUL byte at offset 3)' }])
    expect(result.turns).toEqual([])
    expect(result.title).toBe('audio')
  })

  test('non-UTF-8 input, with the offset of the bad byte', () => {
    const latin1 = Buffer.concat([Buffer.from('**Ada:** [00:00:00] Caf', 'utf8'), Buffer.from([0xe9]), Buffer.from(' au lait\n')])
    expect(parseTranscript(latin1, { fileName: 'latin1.md' }).errors).toEqual([
      { line: 1, message: 'File is not valid UTF-8 text (invalid byte at offset 23)' },
    ])
    // An overlong encoding of `/` is invalid too.
    expect(parseTranscript(Buffer.from([0x61, 0xc0, 0xaf]), { fileName: 'x.md' }).errors[0].message).toBe(
      'File is not valid UTF-8 text (invalid byte at offset 1)',
    )
  })

  test('UTF-16 input is named as such', () => {
    const utf16 = Buffer.from('\ufeff**Ada:** Hi', 'utf16le')
    expect(parseTranscript(utf16, { fileName: 'x.md' }).errors[0].message).toBe('File is UTF-16 text; save it as UTF-8 and import it again')
  })

  test('oversized input, against the default and a given limit', () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x61)
    expect(parseTranscript(big, { fileName: 'big.md' }).errors).toEqual([{ line: 1, message: 'File is too large (5242881 bytes; the limit is 5242880 bytes)' }])
    const result = parseTranscript('**Ada:** [00:00:00] Hi.\n', { fileName: 'a.md', maxFileSize: 10 })
    expect(result.errors).toEqual([{ line: 1, message: 'File is too large (24 bytes; the limit is 10 bytes)' }])
    expect(result.checksum).toMatch(/^[0-9a-f]{64}$/)
  })

  test('empty input, or nothing but whitespace and punctuation', () => {
    for (const text of ['', '\n\n  \n', '\ufeff', '***\n\n---\n']) {
      expect(parse(text, 'empty.md').errors).toEqual([{ line: 1, message: 'File has neither front matter nor any transcript text' }])
    }
  })

  test('front matter without a body is only a warning', () => {
    const result = parse('---\nepisode: "Episode 9"\n---\n\n')
    expect(result.errors).toEqual([])
    expect(result.turns).toEqual([])
    expect(result.warnings).toEqual([{ line: 4, message: 'No transcript text after the front matter' }])
  })
})

describe('slugify', () => {
  test.each([
    ['Transcript Episode 21 with Amir Salihefendić', 'transcript-episode-21-with-amir-salihefendic'],
    ['  Tomasz Łakomy — Ærø & Straße!  ', 'tomasz-lakomy-aero-strasse'],
    ["What's new in Bitcoin Core v30?", 'whats-new-in-bitcoin-core-v30'],
    ['日本語', ''],
  ])('%s', (text, slug) => {
    expect(slugify(text)).toBe(slug)
  })

  test('is at most 120 characters and never ends with a dash', () => {
    const slug = slugify(`${'word '.repeat(23)}abcdefghij`)
    expect(slug.length).toBeLessThanOrEqual(120)
    expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  })

  test.each([
    ['/episode-1-cassidy-williams', 'episode-1-cassidy-williams'],
    ['/relationships-code-reviews/', 'relationships-code-reviews'],
    ['https://example.com/podcast/Episode_2%20Scott?ref=x#top', 'episode-2-scott'],
    ['/', ''],
  ])('slugFromPermalink(%s)', (permalink, slug) => {
    expect(slugFromPermalink(permalink)).toBe(slug)
  })
})

describeCorpus('se-unlocked corpus', () => {
  const files = readdirSync(seUnlocked).filter((name) => name.endsWith('.md'))
  // One voice throughout (the host alone); EP_54 does not even label her.
  const monologues = new Set([
    'EP_25_Michaela.md',
    'EP_50_Measure_Productivity.md',
    'EP_52_Michaela_Engineering_Values.md',
    'EP_54_Michaela_Productivity_Happiness.md',
    'EP_77_Reationships_Code_Reviews.md',
  ])

  test('is all there', () => {
    expect(files.length).toBeGreaterThanOrEqual(59)
  })

  test.each(files)('%s parses', (name) => {
    const result = parseCorpus(`se-unlocked/Transcripts/${name}`)
    expect(result.errors).toEqual([])
    expect(result.turns.length).toBeGreaterThanOrEqual(1)
    expect(result.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
    expect(result.status).toBe('publish')
    if (name === 'EP_54_Michaela_Productivity_Happiness.md') {
      expect(result.turns).toHaveLength(1)
      expect(result.turns[0].speakerLabel).toBeNull()
    } else {
      expect(result.turns.some((turn) => turn.speakerLabel !== null)).toBe(true)
    }
    if (!monologues.has(name)) expect(result.speakers.length).toBeGreaterThanOrEqual(2)
    for (const turn of result.turns) {
      expect(turn.text).not.toBe('')
      expect(turn.text).not.toMatch(/^\s|\s$/)
    }
  })

  test('EP_01: `**Name:** [00:00:00] text`', () => {
    const result = parseCorpus('se-unlocked/Transcripts/EP_01_Cassidy.md')
    expect(result).toMatchObject({ episodeNumber: 1, slug: 'episode-1-cassidy-williams', title: 'Transcript Episode 1 Cassidy Williams' })
    expect(result.turns).toHaveLength(66)
    expect(result.speakers).toEqual(['Michaela', 'Cassidy'])
    expect(result.turns[0]).toMatchObject({ line: 8, speakerLabel: 'Michaela', start: 0, timestamp: '00:00:00' })
    expect(result.turns[0].text).toMatch(/^Hello, and welcome to the Software Engineering Unlocked\npodcast\. I'm your host/)
    expect(result.turns[1]).toEqual({
      line: 30,
      speakerLabel: 'Cassidy',
      start: 90,
      text: 'Yes. Thank you for having me.',
      timestamp: '00:01:30',
      wordCount: 6,
    })
    expect(result.turns[65]).toMatchObject({
      line: 889,
      start: 3524,
      text: "I hope you've enjoyed another episode of the Software\nEngineering Unlocked Podcast. Don't forget to subscribe. And I talk to you\nagain in two weeks. Bye!",
    })
    expect(result.warnings).toEqual([])
  })

  test('EP_10: `**Name:**: [..]` and bold names mid-sentence', () => {
    const result = parseCorpus('se-unlocked/Transcripts/EP_10_Suz_Hinton.md')
    expect(result.episodeNumber).toBe(10)
    expect(result.turns).toHaveLength(77)
    expect(result.speakers).toEqual(['Michaela', 'Suz'])
    expect(result.turns[0].text).toContain('talk to **Suz:** Hinton. **Suz:** is a senior software engineer at Stripe.')
    expect(result.turns[1]).toMatchObject({ line: 18, speakerLabel: 'Suz', start: 34, text: "Thanks. I'm really happy to be here. Yeah." })
    expect(result.turns[2]).toMatchObject({ line: 20, speakerLabel: 'Michaela', start: 36 })
    expect(result.turns[2].text).toMatch(/^Thank you so much\.\nSo, so you recently started working at Stripe\./)
  })

  test('EP_12: `**Name:[00:00:02]**` and paragraphs', () => {
    const result = parseCorpus('se-unlocked/Transcripts/EP_12_Courtland_Allen.md')
    expect(result.turns).toHaveLength(44)
    expect(result.speakers).toEqual(['Michaela', 'Courtland'])
    expect(result.turns[0]).toMatchObject({ speakerLabel: 'Michaela', start: 2, timestamp: '00:00:02' })
    const paragraphs = result.turns[0].text.split('\n\n')
    expect(paragraphs).toHaveLength(2)
    expect(paragraphs[1]).toMatch(/^I'm hugely inspired by Courtland and many of the Indie Hackers/)
    expect(result.turns[1]).toMatchObject({ line: 12, speakerLabel: 'Courtland', start: 32 })
    expect(result.turns[1].text).toBe("Thanks so much for having me. I'm excited to be on the show.")
  })

  test('EP_22: `**Name:**[00:00:00]` without a space', () => {
    const result = parseCorpus('se-unlocked/Transcripts/EP_22_Jigyasa_Grover.md')
    expect(result).toMatchObject({ episodeNumber: 22, title: 'Transcript Episode 22: Jigyasa Grover' })
    expect(result.turns).toHaveLength(73)
    expect(result.speakers).toEqual(['Michaela', 'Jigyasa'])
    expect(result.turns[1]).toMatchObject({ line: 25, speakerLabel: 'Jigyasa', start: 65 })
    expect(result.turns[1].text).toMatch(/^Thank you, Michaela\. I'm so excited to be/)
    expect(result.turns[72]).toMatchObject({ line: 709, speakerLabel: 'Michaela', start: 2487 })
  })

  test('EP_47: timestamps alone on the line above the label', () => {
    const result = parseCorpus('se-unlocked/Transcripts/EP_47_Scott_Bryant.md')
    expect(result.turns).toHaveLength(43)
    expect(result.speakers).toEqual(['Michaela', 'Trier', 'Kim'])
    expect(result.turns.slice(0, 3).map((turn) => [turn.line, turn.speakerLabel, turn.start, turn.timestamp])).toEqual([
      [8, 'Michaela', 0, '00:00:00'],
      [37, 'Trier', 120, '00:02:00'],
      [40, 'Kim', 121, '00:02:01'],
    ])
    expect(result.turns[1].text).toBe('Thank you for having us.')
    expect(result.turns[2].text).toBe("Thanks so much. It's an honor to be here with you.")
    expect(result.turns[42].text).toMatch(/^I hope you enjoyed another episode of the Software Engineering/)
    expect(result.turns[42].start).toBe(2655)
  })

  test('EP_50: `[00:00:00] Name: text` without bold', () => {
    const result = parseCorpus('se-unlocked/Transcripts/EP_50_Measure_Productivity.md')
    expect(result.turns).toHaveLength(1)
    expect(result.speakers).toEqual(['Michaela'])
    expect(result.turns[0]).toMatchObject({ line: 8, start: 0, timestamp: '00:00:00' })
    expect(result.turns[0].text).toMatch(/^Hello, and welcome to the software engineering unlocked\npodcast\./)
    expect(result.turns[0].text).toContain('\n\n[00:02:00] We start in 1440')
  })

  test('EP_58: Otter `**Dr. Name** 00:03` with the text below, entities decoded', () => {
    const result = parseCorpus('se-unlocked/Transcripts/EP_58_Cat_Hicks.md')
    expect(result.turns).toHaveLength(47)
    expect(result.speakers).toEqual(['Dr. Michaela', 'Dr. Cat Hicks'])
    expect(result.turns[0]).toMatchObject({ line: 8, start: 3, timestamp: '00:03' })
    expect(result.turns[0].text).toMatch(/^\( \*intro music begins\* \) Hello, and welcome/)
    expect(result.turns[0].text).toContain("So I'm\nsuper, super, super thrilled")
    expect(result.turns[1]).toEqual({
      line: 31,
      speakerLabel: 'Dr. Cat Hicks',
      start: 90,
      text: "Thank you so much. I'm really excited to be here.",
      timestamp: '01:30',
      wordCount: 10,
    })
    expect(result.turns.every((turn) => !turn.text.includes('&#39;'))).toBe(true)
  })

  test('EP_59: `**Name**  (00:03):` and a stamp that goes backwards', () => {
    const result = parseCorpus('se-unlocked/Transcripts/EP_59_Paige_Bailey.md')
    expect(result.turns).toHaveLength(37)
    // Labels as written; the importer matches `Dr.McKayla` and `Dr. McKayla` as aliases.
    expect(result.speakers).toEqual(['Dr.McKayla', 'Paige Bailey', 'Dr. McKayla'])
    expect(result.turns[0]).toMatchObject({ line: 8, speakerLabel: 'Dr.McKayla', start: 3, timestamp: '00:03' })
    expect(result.turns[0].text).toMatch(/^Hello and welcome to the Software Engineering Unlocked podcast! I'm your host,/)
    const backwards = result.turns.find((turn) => turn.line === 291)
    expect(backwards).toMatchObject({ speakerLabel: 'Paige Bailey', start: 1126 })
    expect(backwards?.text).toMatch(/^Yeah, but it's it's ah, it's the same for you know/)
    expect(result.warnings).toEqual([{ line: 291, message: 'Timestamp 18:46 goes backwards (line 288 has 19:44)' }])
  })

  test('EP_60: `**Name**  00:04 text`, also glued to the text', () => {
    const result = parseCorpus('se-unlocked/Transcripts/EP_60_Yehonathan_Sharvit.md')
    expect(result.turns).toHaveLength(57)
    expect(result.speakers).toEqual(['Dr. McKayla', 'Yehonathan Sharvit'])
    expect(result.turns[1]).toMatchObject({
      line: 38,
      speakerLabel: 'Yehonathan Sharvit',
      start: 79,
      text: "Hello, McKayla, I'm really glad to be here with\nyou.",
    })
    const glued = result.turns.find((turn) => turn.line === 477)
    expect(glued).toMatchObject({ speakerLabel: 'Dr. McKayla', start: 1545, timestamp: '25:45' })
    expect(glued?.text).toMatch(/^Yeah\. And so Manning, right/)
  })

  test('EP_62: `[00:00:00] **Dr. Name:** text`', () => {
    const result = parseCorpus('se-unlocked/Transcripts/EP_62_Dagna_Bieda.md')
    expect(result.turns).toHaveLength(81)
    expect(result.speakers).toEqual(['Dr. McKayla', 'Dagna Bieda'])
    expect(result.turns.slice(0, 2).map((turn) => [turn.line, turn.speakerLabel, turn.start])).toEqual([
      [8, 'Dr. McKayla', 0],
      [14, 'Dr. McKayla', 24],
    ])
    expect(result.turns[1].text).toMatch(/^And today I will learn everything around how to get\na job,/)
  })

  test('EP_63: `[00:00:00] **Dr. Name** text` without a colon', () => {
    const result = parseCorpus('se-unlocked/Transcripts/EP_63_Jess_Rose.md')
    expect(result.turns).toHaveLength(116)
    expect(result.speakers).toEqual(['Dr. McKayla', 'Jess Rose'])
    expect(result.turns[0].text).toContain('\n[Mergify](https://www.mergify.com/')
    expect(result.turns.slice(-3).map((turn) => [turn.line, turn.speakerLabel, turn.start])).toEqual([
      [796, 'Jess Rose', 2941],
      [799, 'Dr. McKayla', 2946],
      [801, 'Dr. McKayla', 2946],
    ])
    expect(result.turns[114].text).toBe('Okay, bye-bye.')
  })

  test('EP_05 and EP_20: non-speech before the first speaker is its own turn', () => {
    const alper = parseCorpus('se-unlocked/Transcripts/EP_05_Alper.md')
    expect(brief(alper)[0]).toEqual([null, null, '(Intro music)'])
    expect(alper.turns[1]).toMatchObject({ line: 10, speakerLabel: 'Michaela', start: 0 })
    const tudor = parseCorpus('se-unlocked/Transcripts/EP_20_Tudor_Girba.md')
    expect(brief(tudor)[0]).toEqual([null, null, '( intro music )'])
    expect(tudor.speakers).toEqual(['Michaela', 'Tudor'])
  })

  test('EP_25: a label alone, then non-speech, then stamped paragraphs', () => {
    const result = parseCorpus('se-unlocked/Transcripts/EP_25_Michaela.md')
    expect(result.turns).toHaveLength(1)
    expect(result.turns[0]).toMatchObject({ line: 8, speakerLabel: 'Michaela', start: 0 })
    expect(result.turns[0].text).toMatch(/^\(\*intro music\*\)\n\n\[00:00:00\] Hello and welcome to this Software Engineering\nUnlocked podcast!/)
  })

  test('EP_54: no labels at all, `title` instead of `episode`', () => {
    const result = parseCorpus('se-unlocked/Transcripts/EP_54_Michaela_Productivity_Happiness.md')
    expect(result).toMatchObject({ episodeNumber: 54, speakers: [], title: 'Episode 54 Michaela on "Are Happy Devs more Productive?"' })
    expect(result.turns[0]).toMatchObject({ line: 8, speakerLabel: null, start: 0 })
    expect(result.turns[0].text).toMatch(/^Hello and welcome to the software engineering unlocked podcast\. I'm your\nhost/)
    expect(result.warnings).toEqual([{ line: 8, message: 'No speaker labels found: the whole text is one unattributed turn' }])
  })

  test('malformed stamps in EP_32, EP_42 and EP_44 are warnings, and their turns have no start', () => {
    expect(parseCorpus('se-unlocked/Transcripts/EP_32_Nader_Dabit.md').warnings).toEqual([
      { line: 677, message: 'Malformed timestamp "00:42::57"' },
      { line: 846, message: 'Malformed timestamp "00:53::06"' },
    ])
    const karl = parseCorpus('se-unlocked/Transcripts/EP_42_Karl_Hughes.md')
    expect(karl.warnings).toContainEqual({ line: 900, message: 'Malformed timestamp "00.54.43"' })
    expect(karl.turns.find((turn) => turn.line === 900)).toMatchObject({ speakerLabel: 'Karl', start: null, text: 'Thanks Machaela.' })
    expect(parseCorpus('se-unlocked/Transcripts/EP_44_Patrick_Wagstrom.md').warnings).toContainEqual({
      line: 443,
      message: 'Malformed timestamp "00:23 :22"',
    })
  })

  test('EP_06: a closing fence with a trailing space', () => {
    const result = parseCorpus('se-unlocked/Transcripts/EP_06_Derrick_Stolee.md')
    expect(result.frontMatter).toEqual({
      episode: 'Transcript GitHub Episode 6 Derrick Stolee',
      permalink: '/episode-6-derrick-stolee',
      status: 'publish',
      type: 'transcript',
    })
    expect(result.turns[0]).toMatchObject({ line: 8, speakerLabel: 'Michaela' })
  })
})

describeCorpus('other Markdown corpora', () => {
  const list = (dir: string, pattern: RegExp): string[] =>
    readdirSync(path.join(corpora, dir), { recursive: true, encoding: 'utf8' })
      .filter((name) => pattern.test(name) && !/^(LICENSE|readme)/i.test(path.basename(name)))
      .map((name) => path.join(dir, name))

  test.each([
    ['thepodlets', list('thepodlets/site/_episodes', /\.md$/)],
    ['bitcointranscripts', list('bitcointranscripts', /\.md$/)],
    ['orbit.fm', list('orbit.fm/transcripts', /\.txt$/)],
  ])('%s files parse, with speakers', (_family, files) => {
    expect(files.length).toBeGreaterThanOrEqual(20)
    const results = files.map(parseCorpus)
    for (const result of results) expect(result.errors).toEqual([])
    const withSpeakers = results.filter((result) => result.speakers.length >= 2)
    expect(withSpeakers.length).toBe(results.length)
  })

  test('thepodlets 001: `[00:00:08] ANNOUNCER: text`, section markers kept as text', () => {
    const result = parseCorpus('thepodlets/site/_episodes/001-cloud-native.md')
    expect(result).toMatchObject({ episodeNumber: 1, title: 'Cloud Native' })
    expect(result.speakers).toEqual(['ANNOUNCER', 'KN', 'NL', 'CC', 'DC', 'JR'])
    expect(result.turns).toHaveLength(146)
    expect(brief(result)[0]).toEqual([null, null, 'EPISODE 01\n\n[INTRODUCTION]'])
    expect(result.turns.find((turn) => turn.line === 102)).toMatchObject({
      speakerLabel: 'NL',
      start: 33,
      text: 'Hi. I’m Nicholas Lane. I’m a cloud native Architect.',
    })
  })

  test('bitcointranscripts: `Speaker 0: 00:00:16` and `James – 00:02:46:` with the text below', () => {
    const silent = parseCorpus('bitcointranscripts/bitcoin-explained/silent-payments-part-2.md')
    expect(silent).toMatchObject({ episodeNumber: 94, title: 'Silent Payments part 2' })
    expect(silent.speakers).toEqual(['Speaker 0', 'Speaker 1', 'Speaker 2', 'Speaker 3'])
    expect(silent.turns).toHaveLength(224)
    expect(silent.turns[0]).toMatchObject({ speakerLabel: 'Speaker 0', start: 16 })
    expect(silent.turns[0].text).toMatch(/^Live from Utrecht, this is Bitcoin Explained\.\nHey Sjoers\.\nHello\./)

    const hodl = parseCorpus('bitcointranscripts/stephan-livera-podcast/2023-01-14-james-obeirne-a-new-way-to-hodl.md')
    expect(hodl.speakers).toEqual(['James', 'Stephan', 'Speaker A'])
    expect(hodl.turns).toHaveLength(71)
    expect(hodl.turns[1]).toMatchObject({
      speakerLabel: 'James',
      start: 166,
      text: 'Hey, Stephan, it’s great to be back. I think it’s been almost four years.',
      timestamp: '00:02:46',
    })
  })

  test('orbit.fm: `0:00:12.9 **Name** text` with BOM, mixed line endings and malformed stamps', () => {
    const result = parseCorpus('orbit.fm/transcripts/BookBytes-035.txt')
    expect(result).toMatchObject({ errors: [], slug: 'bookbytes-035', title: 'BookBytes 035' })
    expect(result.speakers).toEqual(['Adam Garrett-Harris', 'Jason Staten'])
    expect(result.turns).toHaveLength(343)
    expect(brief(result)[0]).toEqual([null, null, '(Intro music: Electro swing)'])
    expect(result.turns[1]).toMatchObject({ line: 4, speakerLabel: 'Adam Garrett-Harris', start: 12.9 })
    expect(result.turns.every((turn) => !turn.text.includes('\r'))).toBe(true)

    const malformed = parseCorpus('orbit.fm/transcripts/bookbytes-010.txt')
    expect(malformed.warnings).toContainEqual({ line: 27, message: 'Malformed timestamp ":00:40.6"' })
    expect(malformed.turns.find((turn) => turn.line === 27)).toMatchObject({ speakerLabel: 'Jason Staten', start: null })
  })
})

test('a label may sit in a Markdown heading, as older se-unlocked files wrote it; a heading without one is text', () => {
  const parsed = parseTranscript(
    '---\nepisode: "Episode 3: Heading labels"\n---\n\n### Michaela: [00:00:00]\n\nHello and welcome.\n\n### Sandeep: [00:00:10]\n\nThanks for having me.\n\n## Michaela [00:00:20]\n\nGreat.\n\n## Introduction\n\nSome prose.\n',
    { fileName: 'h.md' },
  )
  expect(parsed.turns.map((turn) => [turn.speakerLabel, turn.start, turn.text])).toEqual([
    ['Michaela', 0, 'Hello and welcome.'],
    ['Sandeep', 10, 'Thanks for having me.'],
    ['Michaela', 20, 'Great.\n\n## Introduction\n\nSome prose.'],
  ])
  // Without front matter, the first heading is still the title.
  expect(parseTranscript('# Episode 9: A title\n\n**Ann:** Hi.\n', { fileName: 't.md' }).title).toBe('Episode 9: A title')
})

test('stage directions on lines of their own stay in the turn they sit in, and start none', () => {
  const { turns } = parseTranscript('**Ann:** [00:00:01] Hello there.\n\n[music]\n\n**Bob:** [00:00:05] (laughs) Right.\n\n[inaudible]\n\n(Laughs)\n', {
    fileName: 'directions.md',
  })
  expect(turns.map((turn) => [turn.speakerLabel, turn.text])).toEqual([
    ['Ann', 'Hello there.\n\n[music]'],
    ['Bob', '(laughs) Right.\n\n[inaudible]\n\n(Laughs)'],
  ])
})
