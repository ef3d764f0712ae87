import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { glob } from 'tinyglobby'

import { TRANSCRIPT_EXTENSIONS } from '../import/formats/index.ts'

const EXTENSIONS = new Set<string>(TRANSCRIPT_EXTENSIONS)

const isGlob = (arg: string) => /[*?[]/.test(arg)

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
      const matched = await glob(arg, { absolute: true, onlyFiles: true })
      for (const file of matched.sort()) files.add(path.resolve(file))
      if (!matched.length) missing.push(arg)
      continue
    }
    const info = await stat(arg).catch(() => null)
    if (!info) missing.push(arg)
    else if (info.isDirectory()) {
      for await (const file of walk(arg)) {
        if (EXTENSIONS.has(path.extname(file).toLowerCase())) files.add(path.resolve(file))
      }
    } else files.add(path.resolve(arg))
  }
  return { files: [...files], missing }
}
