import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'

const TRANSCRIPT_EXTENSIONS = new Set(['.markdown', '.md', '.mdx', '.txt'])

const isGlob = (arg: string) => /[*?[]/.test(arg)

const globToRegExp = (pattern: string): RegExp => {
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]
    if (char === '*' && pattern[i + 1] === '*') {
      source += '.*'
      i++
      if (pattern[i + 1] === '/') i++
    } else if (char === '*') source += '[^/]*'
    else if (char === '?') source += '[^/]'
    else source += char.replace(/[.+^${}()|\\]/g, '\\$&')
  }
  return new RegExp(`^${source}$`)
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true })
  entries.sort((a, b) => a.name.localeCompare(b.name))
  for (const entry of entries) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) yield* walk(full)
    else if (entry.isFile()) yield full
  }
}

/**
 * Expands CLI arguments into transcript files: files as given, directories walked
 * recursively for Markdown/text files, and globs (`**`, `*`, `?`) for shells
 * that did not expand them. Missing paths are reported, not thrown.
 */
export const findTranscriptFiles = async (args: string[]): Promise<{ files: string[]; missing: string[] }> => {
  const files = new Set<string>()
  const missing: string[] = []
  for (const arg of args) {
    if (isGlob(arg)) {
      const segments = arg.split('/')
      const firstGlob = segments.findIndex(isGlob)
      const base = segments.slice(0, firstGlob).join('/') || '.'
      const matcher = globToRegExp(path.resolve(arg))
      let matched = false
      try {
        for await (const file of walk(base)) {
          if (matcher.test(path.resolve(file))) {
            files.add(path.resolve(file))
            matched = true
          }
        }
      } catch {
        // An unreadable base is the same as no match.
      }
      if (!matched) missing.push(arg)
      continue
    }
    const info = await stat(arg).catch(() => null)
    if (!info) missing.push(arg)
    else if (info.isDirectory()) {
      for await (const file of walk(arg)) {
        if (TRANSCRIPT_EXTENSIONS.has(path.extname(file).toLowerCase())) files.add(path.resolve(file))
      }
    } else files.add(path.resolve(arg))
  }
  return { files: [...files], missing }
}
