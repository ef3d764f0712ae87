import type { Payload, PayloadRequest } from 'payload'

import type { ImportStatusOverride } from './mapStatus'

import { type ImportReport, importTranscript } from './importTranscript'

export type TranscriptSource = {
  /** Read lazily, so a folder of any size streams through memory one file at a time. */
  content: () => Promise<Buffer | string>
  name: string
}

export type BatchSummary = Record<ImportReport['status'], number> & { total: number }

export const emptySummary = (): BatchSummary => ({ failed: 0, imported: 0, total: 0, unchanged: 0, updated: 0 })

/**
 * Imports files one after another, each in its own transaction: a failing file
 * is reported and the batch goes on.
 */
export async function* importBatch({
  dryRun,
  payload,
  sources,
  status,
  user,
}: {
  dryRun?: boolean
  payload: Payload
  sources: AsyncIterable<TranscriptSource> | Iterable<TranscriptSource>
  status?: ImportStatusOverride
  user?: PayloadRequest['user']
}): AsyncGenerator<ImportReport> {
  for await (const source of sources) {
    let content: Buffer | string
    try {
      content = await source.content()
    } catch (error) {
      yield {
        createdGuests: 0,
        createdSpeakers: 0,
        dryRun: Boolean(dryRun),
        durationMs: 0,
        episode: null,
        errors: [{ line: null, message: `Could not read file: ${error instanceof Error ? error.message : String(error)}` }],
        file: source.name,
        status: 'failed',
        turns: 0,
        warnings: [],
        words: 0,
      }
      continue
    }
    yield await importTranscript({ content, dryRun, fileName: source.name, payload, status, user })
  }
}

export const summarize = (reports: ImportReport[]): BatchSummary =>
  reports.reduce((summary, report) => {
    summary[report.status]++
    summary.total++
    return summary
  }, emptySummary())
