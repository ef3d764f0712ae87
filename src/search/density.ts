/**
 * How a search finds its newest matches: by the GIN index (every match, then the newest of them), or by
 * reading the turns newest first (the primary key's index backwards) until it has enough. A GIN scan
 * decodes every posting of the query's words before it returns one row, so a word in half the archive
 * costs the same whether a page needs 20 matches or all of them (176,000 postings, about 25 ms, on the
 * benchmark's 300,000 turns), where reading newest first finds 1,000 of that word in 1,700 rows (about
 * 2 ms). A rare word is the other way round. Both find the same matches: the choice changes the time,
 * never the answer.
 */

/** The share of turns holding each of the archive's most common lexemes (Postgres' statistics). */
export type LexemeStats = { frequencies: Map<string, number>; rare: number; rows: number }

type Node = { kind: 'and' | 'or' | 'phrase'; left: Node; right: Node } | { kind: 'lexeme'; prefix: boolean; text: string } | { kind: 'not'; node: Node }

/** Parses a `tsquery` as Postgres prints it (`'code' <-> 'review' & !'bug' | 'softwar':*`). */
export const parseTsquery = (text: string): Node | null => {
  const tokens = text.match(/'(?:[^']|'')*'(?::[*A-D]+)?|<-?\d*>|[&|!()]/g) ?? []
  let at = 0
  const peek = () => tokens[at]
  const primary = (): Node | null => {
    const token = tokens[at++]
    if (token === undefined) return null
    if (token === '!') {
      const node = primary()
      return node && { kind: 'not', node }
    }
    if (token === '(') {
      const node = or()
      at++ // ')'
      return node
    }
    if (!token.startsWith("'")) return null
    const close = token.lastIndexOf("'")
    return { kind: 'lexeme', prefix: token.slice(close).includes('*'), text: token.slice(1, close).replaceAll("''", "'") }
  }
  const binary = (kind: 'and' | 'or' | 'phrase', matches: (token: string | undefined) => boolean, next: () => Node | null) => (): Node | null => {
    let left = next()
    while (left && matches(peek())) {
      at++
      const right = next()
      if (!right) return left
      left = { kind, left, right }
    }
    return left
  }
  const phrase = binary('phrase', (token) => Boolean(token?.startsWith('<')), primary)
  const and = binary('and', (token) => token === '&', phrase)
  const or = binary('or', (token) => token === '|', and)
  return or()
}

const frequencyOf = (node: Extract<Node, { kind: 'lexeme' }>, stats: LexemeStats) => {
  if (!node.prefix) return stats.frequencies.get(node.text) ?? stats.rare
  let sum = 0
  for (const [lexeme, frequency] of stats.frequencies) if (lexeme.startsWith(node.text)) sum += frequency
  return Math.min(1, sum || stats.rare)
}

/** The share of turns a query matches, its words taken as independent. */
export const densityOf = (node: Node | null, stats: LexemeStats): number => {
  if (!node) return 0
  switch (node.kind) {
    case 'lexeme':
      return frequencyOf(node, stats)
    case 'not':
      return 1 - densityOf(node.node, stats)
    case 'or': {
      const left = densityOf(node.left, stats)
      const right = densityOf(node.right, stats)
      return 1 - (1 - left) * (1 - right)
    }
    default:
      return densityOf(node.left, stats) * densityOf(node.right, stats)
  }
}

/** How many postings a GIN scan decodes: every one of each word the query asks for (not those it excludes). */
export const postingsOf = (node: Node | null, stats: LexemeStats): number => {
  if (!node) return 0
  if (node.kind === 'lexeme') return frequencyOf(node, stats) * stats.rows
  if (node.kind === 'not') return 0
  return postingsOf(node.left, stats) + postingsOf(node.right, stats)
}

// Measured on the benchmark's archive (2 cores, Postgres 15): a GIN posting into the bitmap 0.15 µs; a turn
// read newest first and matched 0.6 µs (a phrase: 27,000 turns in 17 ms); a match fetched, rechecked and
// sorted 0.5 µs.
const POSTING_US = 0.15
const ROW_US = 0.6
const FETCH_US = 0.5

/**
 * Whether reading the turns newest first finds `needed` matches of these queries (one per text-search
 * configuration, as Postgres prints them) sooner than the GIN index finds them all.
 */
export const scanIsCheaper = (queries: string[], stats: LexemeStats, needed: number): boolean => {
  if (!stats.rows || !queries.length) return false
  const trees = queries.map(parseTsquery)
  const density = Math.min(
    1,
    trees.reduce((sum, tree) => sum + densityOf(tree, stats), 0),
  )
  if (density <= 0) return false
  const postings = trees.reduce((sum, tree) => sum + postingsOf(tree, stats), 0)
  const scan = Math.min(stats.rows, needed / density) * ROW_US
  const index = postings * POSTING_US + density * stats.rows * FETCH_US
  return scan < index
}
