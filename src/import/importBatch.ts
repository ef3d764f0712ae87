import type { Payload, PayloadRequest } from 'payload'

import type { ImportStatusOverride } from './mapStatus.ts'

import { type ImportReport, importTranscript } from './importTranscript.ts'

export type TranscriptSource = {
  /** Read lazily, so a folder of any size streams through memory one file at a time. */
  content: () => Promise<Buffer | string>
  name: string
  /** Why this source cannot be imported (a sidecar without its transcript): reported as a failure. */
  problem?: string
  /** The transcript's YAML sidecar (import/sidecars). */
  sidecar?: () => Promise<Buffer | string>
}

export type BatchSummary = Record<ImportReport['status'], number> & { total: number }

export const emptySummary = (): BatchSummary => ({ failed: 0, imported: 0, total: 0, unchanged: 0, updated: 0 })

/** Files imported at once by default: one parses while another waits on Postgres. */
export const DEFAULT_IMPORT_CONCURRENCY = 3

/**
 * Imports files, each in its own transaction, `concurrency` at a time, reporting
 * in input order: a failing file is reported and the batch goes on. Sources are
 * read only when their turn comes, so memory stays bounded for any folder size.
 */
export async function* importBatch({
  concurrency = DEFAULT_IMPORT_CONCURRENCY,
  dryRun,
  episode,
  payload,
  show,
  sources,
  status,
  user,
}: {
  concurrency?: number
  dryRun?: boolean
  /** Attach every file to this episode (id or slug): importTranscript's `episode`. */
  episode?: string
  payload: Payload
  /** The show of files that name none (importTranscript). */
  show?: string
  sources: AsyncIterable<TranscriptSource> | Iterable<TranscriptSource>
  status?: ImportStatusOverride
  user?: PayloadRequest['user']
}): AsyncGenerator<ImportReport> {
  const importOne = async (source: TranscriptSource): Promise<ImportReport> => {
    let content: Buffer | string
    let sidecar: Buffer | string | undefined
    try {
      if (source.problem) throw new Error(source.problem)
      content = await source.content()
      sidecar = await source.sidecar?.()
    } catch (error) {
      return {
        createdGuests: 0,
        createdSpeakers: 0,
        dryRun: Boolean(dryRun),
        durationMs: 0,
        episode: null,
        errors: [{ line: null, message: source.problem ?? `Could not read file: ${error instanceof Error ? error.message : String(error)}` }],
        file: source.name,
        status: 'failed',
        turns: 0,
        warnings: [],
        words: 0,
      }
    }
    return importTranscript({ content, dryRun, episode, fileName: source.name, payload, show, sidecar, status, user })
  }
  const inFlight: Promise<ImportReport>[] = []
  for await (const source of sources) {
    inFlight.push(importOne(source))
    const oldest = inFlight.length >= Math.max(1, concurrency) ? inFlight.shift() : undefined
    if (oldest) yield await oldest
  }
  for (const report of inFlight) yield await report
}

export const summarize = (reports: ImportReport[]): BatchSummary =>
  reports.reduce((summary, report) => {
    summary[report.status]++
    summary.total++
    return summary
  }, emptySummary())
