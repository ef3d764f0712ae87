import { open, readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { glob } from 'tinyglobby'

import { TRANSCRIPT_EXTENSIONS } from '../import/formats/index.ts'

// Transcripts, and the YAML sidecars that carry the metadata of those without front matter.
const EXTENSIONS = new Set<string>([...TRANSCRIPT_EXTENSIONS, '.yaml', '.yml'])

const isGlob = (arg: string) => /[*?[]/.test(arg)

/** A `.json` file in a folder is a transcript when it has `segments` (Podcasting 2.0); other JSON lies beside transcripts. */
const isTranscriptJson = async (file: string) => {
  const handle = await open(file, 'r')
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8192), 0, 8192, 0)
    return /"segments"\s*:/.test(buffer.subarray(0, bytesRead).toString('utf8'))
  } finally {
    await handle.close()
  }
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
 * recursively for transcripts (Markdown, text, WebVTT, SubRip, Podcasting 2.0 JSON) and their
 * YAML sidecars, and globs (`**`, `*`, `?`) for shells
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
        const extension = path.extname(file).toLowerCase()
        if (EXTENSIONS.has(extension) && (extension !== '.json' || (await isTranscriptJson(file)))) files.add(path.resolve(file))
      }
    } else files.add(path.resolve(arg))
  }
  return { files: [...files], missing }
}
