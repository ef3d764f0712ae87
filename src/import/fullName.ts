import { normalizeAlias } from '../utilities/normalizeAlias.ts'

/** Where a guest's full name was found: recorded as a warning, so staff can check it. */
export type NameSource = 'file name' | 'front matter' | 'introduction' | 'permalink' | 'title' | 'transcript'

export type NameSources = {
  /** Front-matter `guests:` / `guest:` names. */
  frontMatter: string[]
  /** The first speech of the file, where hosts introduce their guests. */
  introduction: string
  permalink: null | string
  /** The file's name, often an archive's slug ("EP_35_Felienne_Hermans.md"). */
  fileName?: string
  /** All the speech, the last resort: a name mentioned anywhere ("… Daniel Piek said …"). */
  speech?: string
  title: string
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

// Words a slug has between names: "/episode-3-sandeep-panda-on-testing".
const SLUG_STOPWORDS = new Set('a about an and at by episode for from how in interview is of on part podcast the to what why with'.split(' '))

// Lower-case particles that belong to a surname ("Micha Hernandez van Leuffen").
const PARTICLES = 'al|bin|da|de|del|della|der|di|du|la|le|ten|ter|van|von'

/**
 * The label followed by one surname, after an optional middle initial ("Kent C. Dodds"), and a
 * particle with its name after it: text goes on in capitals after a name ("Nader Dabit Ready for
 * …"), so one surname only. A line break may fall inside the name, as transcripts wrap. A hyphen
 * right after the label joins words in slug-like titles ("Alexander-Serebrenik").
 */
const inText = (label: string, text: string): string[] => {
  const surname = `\\p{Lu}[\\p{L}'’-]*\\p{L}`
  const pattern = new RegExp(
    `(?:^|[^\\p{L}])(${escape(label)}(?:[ \\t]+\\p{Lu}\\.)?(?:[ \\t]+|[ \\t]*\\r?\\n[ \\t]*|-)${surname}(?:[ \\t]+(?:${PARTICLES})[ \\t]+${surname})?)`,
    'gu',
  )
  return [...text.matchAll(pattern)].map((match) => match[1].replace(/-(?=\p{Lu})/u, ' ').replace(/\s+/g, ' '))
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1)

const inSlug = (label: string, permalink: string): string[] => {
  const words = permalink
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
  const first = normalizeAlias(label)
  const names: string[] = []
  words.forEach((word, index) => {
    const next = words[index + 1]
    if (word === first && next && /^\p{L}{2,}$/u.test(next) && !SLUG_STOPWORDS.has(next)) names.push(`${label} ${capitalise(next)}`)
  })
  return names
}

const completeness = (name: string) => name.split(' ').length * 1000 + name.length

/**
 * A guest labelled by a first name only ("Sandeep") takes the whole name the file gives:
 * front matter first (it wins over everything), else the most complete of what the title,
 * the permalink and the introduction in the first speech say ("Kent C. Dodds" over "Kent Dodds").
 */
export const fullNameOf = (label: string, sources: NameSources): null | { name: string; source: NameSource } => {
  const first = label.trim()
  if (!first || /\s/.test(first)) return null
  const key = normalizeAlias(first)
  const fromFrontMatter = sources.frontMatter
    .map((name) => name.trim().replace(/\s+/g, ' '))
    .filter((name) => /\s/.test(name) && normalizeAlias(name.split(' ')[0]) === key)
    .sort((a, b) => completeness(b) - completeness(a))
  if (fromFrontMatter.length) return { name: fromFrontMatter[0], source: 'front matter' }
  const found: { name: string; source: NameSource }[] = [
    ...inText(first, sources.title).map((name) => ({ name, source: 'title' as const })),
    ...(sources.permalink ? inSlug(first, sources.permalink).map((name) => ({ name, source: 'permalink' as const })) : []),
    ...inText(first, sources.introduction).map((name) => ({ name, source: 'introduction' as const })),
  ]
  if (sources.fileName) {
    const stem = sources.fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '')
    found.push(...inSlug(first, stem).map((name) => ({ name, source: 'file name' as const })))
  }
  const best = found.sort((a, b) => completeness(b.name) - completeness(a.name))[0]
  if (best) return best
  // Only when nothing above names them: a mention anywhere in the speech.
  const mentioned = sources.speech ? inText(first, sources.speech).sort((a, b) => completeness(b) - completeness(a))[0] : undefined
  return mentioned ? { name: mentioned, source: 'transcript' } : null
}

/** Front-matter `guests:` (a list or one string) and `guest:`, as names. */
export const frontMatterGuests = (data: Record<string, unknown>): string[] =>
  [data.guests, data.guest]
    .flatMap((value) => (Array.isArray(value) ? value : [value]))
    .filter((value): value is string => typeof value === 'string' && value.trim() !== '')
