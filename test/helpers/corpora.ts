import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** The shared corpora: `CORPORA_DIR`, else `../shared/corpora` beside the repo (CI has it there); never copied in. */
export const corporaDir = process.env.CORPORA_DIR ? path.resolve(process.env.CORPORA_DIR) : path.resolve(repoRoot, '../shared/corpora')

export const hasCorpora = existsSync(corporaDir)

export const seUnlockedDir = path.join(corporaDir, 'se-unlocked/Transcripts')

export const readCorpusFile = (relative: string): Buffer => readFileSync(path.join(corporaDir, relative))

let told = false
const skipping = () => {
  if (told) return
  told = true
  console.log(`Skipping the tests that read real transcripts: no corpora at ${corporaDir} (set CORPORA_DIR, or put shared/corpora beside the repo).`)
}

/**
 * `describe` for suites that read the corpora; without them, skipped with the reason printed
 * once. The body is not even run then (jest runs a skipped describe's body to collect it).
 */
export const describeCorpus = (name: string, fn: () => void) =>
  hasCorpora ? describe(name, fn) : (skipping(), describe(name, () => test.todo(`needs the corpora (${corporaDir})`)))

/** `test` for tests that read the corpora; without them, skipped with the reason printed once. */
export const testCorpus = (name: string, fn: jest.ProvidesCallback, timeout?: number) =>
  // Forwards the caller's test, whose body holds the assertions. (No jest global is touched before a
  // call: the benchmarks load this module outside jest.)
  // eslint-disable-next-line jest/expect-expect
  hasCorpora ? test(name, fn, timeout) : (skipping(), test.skip(name, fn, timeout))
