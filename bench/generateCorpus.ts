import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { FIRST_NAMES, LAST_NAMES, random, stamp } from './corpusParts'

// The first fifteen of each: the corpus this benchmark has always generated.
const FIRST = FIRST_NAMES.slice(0, 15)
const LAST = LAST_NAMES.slice(0, 15)
const WORDS = 'so the thing about software is that we keep learning how teams work and what makes code reviews useful for everyone involved in shipping'.split(
  ' ',
)

/** The se-unlocked turn shapes, rotated per file so the parser sees all of them. */
const SHAPES: ((name: string, at: string, text: string) => string)[] = [
  (name, at, text) => `**${name}:** [${at}] ${text}`,
  (name, at, text) => `**${name}:**[${at}] ${text}`,
  (name, at, text) => `[${at}] **${name}:** ${text}`,
  (name, at, text) => `[${at}]\n**${name}:** ${text}`,
]

/**
 * Writes `files` synthetic transcripts of `turnsPerFile` turns each (Markdown with
 * front matter, host plus one guest, a continuation paragraph now and then) and
 * returns their paths. The text is generated here; no corpus file is copied. With
 * `datedFrom`, each file's front matter has a date, a day after the one before. With `feed`, each
 * episode also has audio, three chapters and a second guest: what a podcast feed carries.
 */
export const generateCorpus = async (
  dir: string,
  files: number,
  turnsPerFile: number,
  { datedFrom, feed = false }: { datedFrom?: Date; feed?: boolean } = {},
): Promise<string[]> => {
  await mkdir(dir, { recursive: true })
  const next = random(42)
  const paths: string[] = []
  for (let f = 0; f < files; f++) {
    const guestFirst = FIRST[f % FIRST.length]
    const guest = `${guestFirst} ${LAST[Math.floor(f / FIRST.length) % LAST.length]}`
    const second = `${FIRST[(f + 7) % FIRST.length]} ${LAST[(f + 3) % LAST.length]}`
    const voices = feed ? ['Michaela', guestFirst, second.split(' ')[0]] : ['Michaela', guestFirst]
    const shape = SHAPES[f % SHAPES.length]
    // A day apart when dated, so that a list sorted by date is an archive's.
    const date = datedFrom ? [`date: ${new Date(datedFrom.getTime() + f * 86_400_000).toISOString()}`] : []
    const feedKeys = feed
      ? [
          `audio: https://media.example.com/bench/${f + 1}.mp3`,
          `audio_bytes: ${20_000_000 + f}`,
          `audio_type: audio/mpeg`,
          `duration: ${1800 + f}`,
          `chapters:`,
          ...['Intro', 'The conversation', 'Wrap-up'].flatMap((title, k) => [`  - start: ${k * 600}`, `    title: ${title}`]),
        ]
      : []
    const lines = [
      `---`,
      `episode: "Episode ${f + 1}: ${feed ? `${guest} and ${second}` : guest}"`,
      `permalink: /bench-episode-${f + 1}`,
      `status: publish`,
      ...date,
      ...feedKeys,
      `type: transcript`,
      `---`,
      ``,
    ]
    let at = 0
    for (let t = 0; t < turnsPerFile; t++) {
      const words = Array.from({ length: 8 + Math.floor(next() * 30) }, () => WORDS[Math.floor(next() * WORDS.length)])
      lines.push(shape(voices[t % voices.length], stamp(at), `${words.join(' ')}.`), '')
      if (next() < 0.1) lines.push(`And a continuation paragraph with **bold** and [a link](https://example.com).`, '')
      at += 5 + Math.floor(next() * 40)
    }
    const file = path.join(dir, `bench-${String(f + 1).padStart(4, '0')}.md`)
    await writeFile(file, lines.join('\n'))
    paths.push(file)
  }
  return paths
}
