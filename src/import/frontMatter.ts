import matter from 'gray-matter'

import type { ParseIssue } from './types.ts'

export type FrontMatter = {
  /** Index of the first line after the front matter (0 when there is none). */
  bodyStart: number
  /** Every key, JSON-safe. */
  data: Record<string, unknown>
  /** Problems that stop the file from being imported (its metadata could not be read whole). */
  errors: ParseIssue[]
  /** Whether the file opens with a closed front-matter block. */
  present: boolean
  warnings: ParseIssue[]
}

const OPENING_FENCE = /^---[ \t]*$/
const CLOSING_FENCE = /^(?:---|\.\.\.)[ \t]*$/
// Enough for any real front matter; stops YAML alias bombs from expanding without end.
const MAX_NODES = 10_000
const MAX_DEPTH = 32

type Budget = { nodes: number; truncated: boolean }

/** Dates become ISO strings, Buffers base64; what JSON cannot hold becomes null. */
const toJsonSafe = (value: unknown, budget: Budget, depth: number): unknown => {
  budget.nodes += 1
  if (budget.nodes > MAX_NODES || depth > MAX_DEPTH) {
    budget.truncated = true
    return null
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64')
  if (Array.isArray(value)) return value.map((item) => toJsonSafe(item, budget, depth + 1))
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJsonSafe(item, budget, depth + 1)]))
  }
  return null
}

const yamlErrorLine = (error: unknown): number | null => {
  const mark = (error as { mark?: { line?: unknown } }).mark
  return typeof mark?.line === 'number' ? mark.line : null
}

/**
 * Finds the front matter by its fences (a closing `---` may carry trailing spaces, which
 * gray-matter alone would leave in the body) and parses the block with gray-matter.
 */
export const readFrontMatter = (lines: string[]): FrontMatter => {
  const none: FrontMatter = { bodyStart: 0, data: {}, errors: [], present: false, warnings: [] }
  if (lines.length === 0 || !OPENING_FENCE.test(lines[0])) return none
  let close = 1
  while (close < lines.length && !CLOSING_FENCE.test(lines[close])) close += 1
  if (close === lines.length) {
    return { ...none, warnings: [{ line: 1, message: 'Front matter is never closed; it is read as text' }] }
  }

  const result: FrontMatter = { bodyStart: close + 1, data: {}, errors: [], present: true, warnings: [] }
  // The block is re-fenced so no `---js` language tag from the file can select gray-matter's
  // eval-based JavaScript engine: it is always YAML.
  const block = `---\n${lines.slice(1, close).join('\n')}\n---\n`
  let data: unknown
  try {
    data = matter(block, { language: 'yaml' }).data
  } catch (error) {
    // js-yaml recurses once per level of nesting: a deep enough block overflows the stack.
    if (error instanceof RangeError) {
      result.errors.push({ line: 1, message: 'Front matter is nested too deeply to read; the file is not imported' })
      return result
    }
    const reason = (error as { reason?: unknown }).reason
    const line = yamlErrorLine(error)
    result.warnings.push({
      // Line 0 of the re-fenced block is the file's line 1.
      line: line === null ? 1 : line + 1,
      message: `Front matter is not valid YAML (${typeof reason === 'string' ? reason : String(error)}); it is ignored`,
    })
    return result
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    result.warnings.push({ line: 1, message: 'Front matter is not a list of keys and values; it is ignored' })
    return result
  }
  const budget: Budget = { nodes: 0, truncated: false }
  result.data = toJsonSafe(data, budget, 0) as Record<string, unknown>
  // Its status or date could be among what was cut: importing the rest could publish what should not be.
  if (budget.truncated) {
    result.errors.push({
      line: 1,
      message: `Front matter is too large or nested too deeply (more than ${MAX_NODES.toLocaleString('en')} values or ${MAX_DEPTH} levels, as YAML aliases can make it); the file is not imported`,
    })
    result.data = {}
  }
  return result
}
