import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The shared corpora live beside the repo (`../shared/corpora`), for CI too; never copied in. */
export const corporaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpora')

export const seUnlockedDir = path.join(corporaDir, 'se-unlocked/Transcripts')

export const readCorpusFile = (relative: string): Buffer => readFileSync(path.join(corporaDir, relative))

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
