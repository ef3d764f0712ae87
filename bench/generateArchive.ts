import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { FIRST_NAMES, LAST_NAMES, random, stamp } from './corpusParts'

/**
 * The shape of a real archive, sampled from ../shared/corpora (6 podcasts, 155 Markdown files) and the
 * people issue's 2,000-file network:
 * - speech turns per file: medians 47–247 by podcast, about 170 over the network; here a skewed spread
 *   of 20–600 around a median of about 150;
 * - 2–6 voices per file, and new people in 64–90% of the files; here one or two guests, new in 80%;
 * - several shows, each with its own hosts: here four;
 * - markers (`**Break:** [17:38]` in about 80% of files, intros, outros, jingles) and stage directions
 *   (`[music]`, `(laughs)`), 1–42 a file;
 * - 180–900 characters a turn, from a vocabulary large enough for search to mean something.
 * The text is generated here; no corpus file is copied.
 */
const FIRST = FIRST_NAMES
const LAST = LAST_NAMES
const SHOWS = [
  { hosts: ['Michaela Greiler'], title: 'Software Engineering Unlocked' },
  { hosts: ['Jeff Meyerson', 'Lee Atchison'], title: 'Data Hour' },
  { hosts: ['Kelsey Brandt'], title: 'Ship It Weekly' },
  { hosts: ['Marcus Webb', 'Ines Duarte'], title: 'Open Source Stories' },
]
const VOCABULARY = (
  'so the thing about software is that we keep learning how teams work and what makes code reviews useful for everyone involved in ' +
  'shipping database index query latency postgres kubernetes cluster deploy rollback incident postmortem onboarding mentoring career ' +
  'architecture microservices monolith testing coverage flaky pipeline release feature flag product customer feedback design system ' +
  'accessibility performance memory garbage collector compiler rust python javascript typescript golang security vulnerability patch ' +
  'open source maintainer community funding burnout documentation tutorial conference keynote podcast episode listener question ' +
  'really actually basically you know I think right yeah exactly because when then there this those very much'
).split(' ')
const DIRECTIONS = ['[music]', '(laughs)', '[inaudible]', '[crosstalk]', '(laughter)']
const MARKERS = ['Break', 'Ad', 'Sponsor', 'Jingle']

/** Writes `files` transcripts shaped like a real network's archive and returns their paths. */
export const generateArchive = async (dir: string, files: number): Promise<string[]> => {
  await mkdir(dir, { recursive: true })
  const next = random(7)
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]
  const people: string[] = []
  let fresh = 0
  const newPerson = () => {
    // Every combination once, then numbered: a new guest is a new person.
    const n = fresh++
    const name = `${FIRST[n % FIRST.length]} ${LAST[Math.floor(n / FIRST.length) % LAST.length]}`
    return n < FIRST.length * LAST.length ? name : `${name} ${Math.floor(n / (FIRST.length * LAST.length)) + 1}`
  }
  const paths: string[] = []
  for (let f = 0; f < files; f++) {
    const show = SHOWS[f % SHOWS.length]
    const guestCount = next() < 0.7 ? 1 : next() < 0.85 ? 2 : 3
    const guests = Array.from({ length: guestCount }, () => {
      const returning = people.length > 0 && next() < 0.2
      const name = returning ? pick(people) : newPerson()
      if (!returning) people.push(name)
      return name
    })
    // Half the files label guests by first name, leaving the whole name to the title.
    const firstNames = next() < 0.5
    const firstName = (name: string) => name.split(' ')[0]
    const voices = [...show.hosts.map(firstName), ...guests.map((name) => (firstNames ? firstName(name) : name))]
    // Skewed: most episodes near the median, a few long ones.
    const turns = Math.max(20, Math.min(600, Math.round(150 * Math.exp((next() + next() + next() - 1.5) * 1.1))))
    const breaks = new Set(next() < 0.8 ? Array.from({ length: 1 + Math.floor(next() * 2) }, () => Math.floor(next() * turns)) : [])
    const lines = [
      `---`,
      `episode: "Episode ${f + 1}: ${guests.join(' and ')} on ${pick(VOCABULARY)} and ${pick(VOCABULARY)}"`,
      `permalink: /${show.title.toLowerCase().replaceAll(' ', '-')}/${f + 1}-${guests[0].toLowerCase().replaceAll(' ', '-')}`,
      `status: publish`,
      `show: ${show.title}`,
      `date: ${new Date(Date.UTC(2020, 0, 1) + f * 86_400_000).toISOString()}`,
      `---`,
      ``,
    ]
    let at = 0
    if (next() < 0.3) lines.push(`**Intro:** [00:00:00]`, '')
    for (let t = 0; t < turns; t++) {
      if (breaks.has(t)) lines.push(`**${pick(MARKERS)}:** [${stamp(at)}]`, '')
      const words = Array.from({ length: 5 + Math.floor(next() * next() * 180) }, () => pick(VOCABULARY))
      if (next() < 0.04) words.splice(Math.floor(next() * words.length), 0, pick(DIRECTIONS))
      lines.push(`**${voices[t % voices.length]}:** [${stamp(at)}] ${words.join(' ')}.`, '')
      if (next() < 0.02) lines.push(pick(DIRECTIONS), '')
      at += 5 + Math.floor(next() * 60)
    }
    if (next() < 0.2) lines.push(`**Outro:** [${stamp(at)}]`, '')
    const file = path.join(dir, `archive-${String(f + 1).padStart(4, '0')}.md`)
    await writeFile(file, lines.join('\n'))
    paths.push(file)
  }
  return paths
}
