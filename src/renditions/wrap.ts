/**
 * Greedy word wrap to `width` characters. A word longer than a line stands alone on its own.
 * `prefix` (SRT's `Name:`) opens the first line, and stands on a line of its own when it and the
 * first word do not fit together.
 */
export const wrapWords = (text: string, width: number, prefix?: string): string[] => {
  const words = text.split(/\s+/).filter(Boolean)
  const lines: string[] = []
  let line = ''
  if (prefix) {
    if (words.length && prefix.length + 1 + words[0].length <= width) line = prefix
    else lines.push(prefix)
  }
  for (const word of words) {
    if (!line) line = word
    else if (line.length + 1 + word.length <= width) line += ` ${word}`
    else {
      lines.push(line)
      line = word
    }
  }
  if (line) lines.push(line)
  return lines
}

/** Lines grouped into cues of at most `perCue` lines. */
export const chunk = <T>(items: T[], size: number): T[][] => {
  const chunks: T[][] = []
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size))
  return chunks
}

/**
 * A turn's time shared out over its cues, in proportion to their characters: cue k runs from
 * `bounds[k]` to `bounds[k + 1]`.
 */
export const shareTime = (start: number, end: number, weights: number[]): number[] => {
  const total = weights.reduce((sum, weight) => sum + Math.max(1, weight), 0)
  const bounds = [start]
  let done = 0
  for (const weight of weights) {
    done += Math.max(1, weight)
    bounds.push(Math.round((start + ((end - start) * done) / total) * 1000) / 1000)
  }
  bounds[bounds.length - 1] = end
  return bounds
}
