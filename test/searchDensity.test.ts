/**
 * How a search finds its first matches (search/density): Postgres' printed tsquery read back, the share of
 * turns it matches estimated from the lexemes' frequencies, and the cheaper way picked by it.
 */
import { densityOf, parseTsquery, postingsOf, scanIsCheaper, type LexemeStats } from '../src/search/density'

// An archive of 300,000 turns: `softwar` in 59% of them, `code` in 40%, `review` in 30%.
const stats: LexemeStats = {
  frequencies: new Map([
    ['code', 0.4],
    ['review', 0.3],
    ['reviv', 0.01],
    ['softwar', 0.59],
  ]),
  rare: 0.0005,
  rows: 300_000,
}

test('tsqueries as Postgres prints them: operators by precedence, prefixes, quoted quotes', () => {
  expect(parseTsquery("'softwar':*")).toEqual({ kind: 'lexeme', prefix: true, text: 'softwar' })
  expect(parseTsquery("'code' <-> 'review' & !'bug' | 'it''s'")).toEqual({
    kind: 'or',
    left: {
      kind: 'and',
      left: { kind: 'phrase', left: { kind: 'lexeme', prefix: false, text: 'code' }, right: { kind: 'lexeme', prefix: false, text: 'review' } },
      right: { kind: 'not', node: { kind: 'lexeme', prefix: false, text: 'bug' } },
    },
    right: { kind: 'lexeme', prefix: false, text: "it's" },
  })
  expect(parseTsquery("( 'a' | 'b' ) <2> 'c':*AB")).toEqual({
    kind: 'phrase',
    left: { kind: 'or', left: { kind: 'lexeme', prefix: false, text: 'a' }, right: { kind: 'lexeme', prefix: false, text: 'b' } },
    right: { kind: 'lexeme', prefix: true, text: 'c' },
  })
  // A query of stop words only prints as nothing.
  expect(parseTsquery('')).toBeNull()
})

test('density: a prefix sums the lexemes it opens; and multiplies, or adds, not inverts', () => {
  expect(densityOf(parseTsquery("'softwar'"), stats)).toBeCloseTo(0.59)
  expect(densityOf(parseTsquery("'revi':*"), stats)).toBeCloseTo(0.31)
  expect(densityOf(parseTsquery("'zyzzyva':*"), stats)).toBeCloseTo(0.0005)
  expect(densityOf(parseTsquery("'code' <-> 'review'"), stats)).toBeCloseTo(0.12)
  expect(densityOf(parseTsquery("'code' | 'review'"), stats)).toBeCloseTo(0.58)
  expect(densityOf(parseTsquery("'code' & !'review'"), stats)).toBeCloseTo(0.28)
  // The index decodes every posting of the words asked for, none of those excluded.
  expect(postingsOf(parseTsquery("'code' & !'review'"), stats)).toBeCloseTo(120_000)
  expect(postingsOf(parseTsquery("'code' <-> 'review'"), stats)).toBeCloseTo(210_000)
})

test('a common word or phrase is read in order; a rare word, no word or no statistics, by the index', () => {
  expect(scanIsCheaper(["'softwar':*"], stats, 1000)).toBe(true)
  expect(scanIsCheaper(["'code' <-> 'review'"], stats, 1000)).toBe(true)
  expect(scanIsCheaper(["'zyzzyva':*"], stats, 1000)).toBe(false)
  expect(scanIsCheaper(["'reviv'"], stats, 1000)).toBe(false)
  expect(scanIsCheaper([''], stats, 1000)).toBe(false)
  expect(scanIsCheaper(["'softwar':*"], { ...stats, rows: 0 }, 1000)).toBe(false)
  // Two configurations: each query's matches count.
  expect(scanIsCheaper(["'reviv'", "'softwar'"], stats, 1000)).toBe(true)
})
