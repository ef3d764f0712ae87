import type { TranscriptSource } from './importBatch.ts'
import type { ParseIssue } from './types.ts'

import { readFrontMatter } from './frontMatter.ts'

const SIDECAR = /\.ya?ml$/i
const stemOf = (name: string) => name.replace(/\.[^./\\]+$/, '').toLowerCase()

export const isSidecar = (name: string) => SIDECAR.test(name)

/**
 * Pairs YAML sidecars with the transcripts of the same stem (`ep-12.vtt` and `ep-12.yaml`, in the
 * same folder): each transcript gets its sidecar, and a sidecar with no transcript becomes a source
 * that fails with that reason, so the batch reports it and goes on.
 */
export const pairSidecars = (sources: TranscriptSource[]): TranscriptSource[] => {
  const sidecars = new Map(sources.filter((source) => isSidecar(source.name)).map((source) => [stemOf(source.name), source]))
  const paired = new Set<string>()
  const transcripts = sources
    .filter((source) => !isSidecar(source.name))
    .map((source) => {
      const sidecar = sidecars.get(stemOf(source.name))
      if (!sidecar) return source
      paired.add(stemOf(source.name))
      return { ...source, sidecar: sidecar.content }
    })
  const orphans = [...sidecars]
    .filter(([stem]) => !paired.has(stem))
    .map(([, source]) => ({ ...source, problem: `A sidecar without a transcript: no file named ${source.name.replace(SIDECAR, '')}.* beside it` }))
  return [...transcripts, ...orphans]
}

/** A sidecar's keys, read as front matter is (bounded, YAML only); its problems name the sidecar's lines. */
export const readSidecar = (text: string): { data: Record<string, unknown>; errors: ParseIssue[]; warnings: ParseIssue[] } => {
  const lines = ['---', ...text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/), '---']
  const { data, errors, warnings } = readFrontMatter(lines)
  const shift = (issue: ParseIssue) => ({ ...issue, message: `Sidecar: ${issue.message}` })
  return { data, errors: errors.map(shift), warnings: warnings.map(shift) }
}
