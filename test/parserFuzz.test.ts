/**
 * The parser against inputs nobody wrote on purpose: random text and bytes, and real
 * transcripts mutated at random (fast-check). It never throws, stays linear (a bound of
 * 50 ms + 2 ms per KB, far above its real cost, catches runaway backtracking), and each
 * kind of bad file gets a clear error.
 */
import fc from 'fast-check'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { MAX_LINE_LENGTH, parseTranscript } from '../src/import/parseTranscript'
import { corporaDir, hasCorpora } from './helpers/corpora'

const here = path.dirname(fileURLToPath(import.meta.url))
const seedDir = path.join(here, '..', 'src', 'seed', 'transcripts')
const boundMs = (input: Buffer | string) => 50 + (2 * Buffer.byteLength(input)) / 1024

/** Parses, and checks the result's shape and the time bound (a second run rules out a GC pause). */
const parseWithinBound = (input: Buffer | string) => {
  let result
  for (let attempt = 0; attempt < 2; attempt++) {
    const started = performance.now()
    result = parseTranscript(input, { fileName: 'fuzz.md' })
    if (performance.now() - started <= boundMs(input)) break
    if (attempt === 1) throw new Error(`parse took over ${boundMs(input).toFixed(0)} ms, twice, on ${Buffer.byteLength(input)} bytes`)
  }
  if (!result) throw new Error('no result')
  expect(Array.isArray(result.errors) && Array.isArray(result.warnings) && Array.isArray(result.turns)).toBe(true)
  // A file with errors imports nothing; one without has a title and a slug to import under.
  if (!result.errors.length) expect(result.title.length > 0 && result.slug.length > 0).toBe(true)
  for (const issue of [...result.errors, ...result.warnings]) expect(Number.isInteger(issue.line) && issue.message.length > 0).toBe(true)
  return result
}

/** Real transcripts to mutate: the seed's, and a sample of the corpora's when they are present. */
const realFiles = (): Buffer[] => {
  const files = readdirSync(seedDir).map((name) => readFileSync(path.join(seedDir, name)))
  // Without the corpora (a fresh clone), the seed's own transcripts are mutated alone.
  if (hasCorpora) {
    const corpus = corporaDir
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? walk(path.join(dir, entry.name)) : /\.(md|txt)$/i.test(entry.name) ? [path.join(dir, entry.name)] : [],
      )
    files.push(
      ...walk(corpus)
        .sort()
        .filter((_, index) => index % 25 === 0)
        .map((file) => readFileSync(file)),
    )
  }
  return files
}

const lineOf = fc.oneof(
  fc.string({ maxLength: 200, unit: 'grapheme' }),
  fc.constantFrom('---', '...', '**Ann:**', '[00:00:01]', 'Ann: ', '# Title', '> quote', '&amp;', '\t', '**', '[', ':', '---js', '&a [*a]'),
  fc
    .tuple(fc.constantFrom('**', '', '__'), fc.string({ maxLength: 30 }), fc.constantFrom(':**', ':', '**:'), fc.string({ maxLength: 80 }))
    .map((parts) => parts.join('')),
)

test('random text, random lines and random bytes never throw and stay within the bound', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ maxLength: 5000, unit: 'binary' }),
        fc.array(lineOf, { maxLength: 300 }).map((lines) => lines.join('\n')),
        fc.uint8Array({ maxLength: 5000 }).map((bytes) => Buffer.from(bytes)),
      ),
      (input) => {
        parseWithinBound(input)
      },
    ),
    { numRuns: 1500 },
  )
})

test('real transcripts mutated at random never throw and stay within the bound', () => {
  const files = realFiles()
  expect(files.length).toBeGreaterThanOrEqual(3)
  const mutation = fc.oneof(
    fc.record({ at: fc.nat(), bytes: fc.uint8Array({ maxLength: 64 }), kind: fc.constant('insert' as const) }),
    fc.record({ at: fc.nat(), kind: fc.constant('delete' as const), length: fc.nat({ max: 2000 }) }),
    fc.record({ at: fc.nat(), kind: fc.constant('duplicate' as const), length: fc.nat({ max: 5000 }) }),
    fc.record({ at: fc.nat(), kind: fc.constant('text' as const), text: lineOf }),
  )
  fc.assert(
    fc.property(fc.nat({ max: files.length - 1 }), fc.array(mutation, { maxLength: 8 }), (index, mutations) => {
      let bytes = files[index]
      for (const change of mutations) {
        const at = change.at % (bytes.length + 1)
        if (change.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(change.bytes), bytes.subarray(at)])
        else if (change.kind === 'delete') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + change.length)])
        else if (change.kind === 'duplicate') bytes = Buffer.concat([bytes.subarray(0, at + change.length), bytes.subarray(at)])
        else bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(`\n${change.text}\n`), bytes.subarray(at)])
      }
      parseWithinBound(bytes)
    }),
    { numRuns: 400 },
  )
})

describe('each kind of bad file gets a clear error', () => {
  const errorsOf = (input: Buffer | string) => parseWithinBound(input).errors.map((error) => error.message)
  const laughs = [
    '---',
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ...'bcdefghi'.split('').map((name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcdefgh'[index]}`).join(',')}]`),
    '---',
    '**Ann:** Hello.',
  ].join('\n')

  test.each([
    ['oversized', Buffer.alloc(5 * 1024 * 1024 + 1, 'a'), /^File is too large \(5242881 bytes; the limit is 5242880 bytes\)$/],
    ['binary', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /^File is binary, not text \(NUL byte at offset 8\)$/],
    ['invalid UTF-8', Buffer.from('**Ann:** caf\xe9 au lait', 'latin1'), /^File is not valid UTF-8 text \(invalid byte at offset 12\)$/],
    ['a NUL byte in text', '**Ann:** Hello\u0000world', /^File is binary, not text \(NUL byte at offset 14\)$/],
    [
      'a 1 MB single line',
      `**Ann:** ${'word '.repeat(210_000)}`,
      new RegExp(`^Line 1 is 1,050,009 characters long; the limit is ${MAX_LINE_LENGTH.toLocaleString('en')} \\(has the file lost its line breaks\\?\\)$`),
    ],
    [
      'deeply nested YAML',
      `---\nx: ${'['.repeat(5000)}${']'.repeat(5000)}\n---\n**Ann:** Hello.`,
      /^Front matter is nested too deeply to read; the file is not imported$/,
    ],
    [
      'YAML nested past the limit',
      `---\na:\n${Array.from({ length: 40 }, (_, i) => `${' '.repeat(i + 1)}b${i}:`).join('\n')} x\n---\n**Ann:** Hello.`,
      /^Front matter is too large or nested too deeply/,
    ],
    [
      'YAML aliases (billion laughs)',
      laughs,
      /^Front matter is too large or nested too deeply \(more than 10,000 values or 32 levels, as YAML aliases can make it\); the file is not imported$/,
    ],
  ])('%s', (_name, input, message) => {
    const errors = errorsOf(input)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(message)
  })
})
