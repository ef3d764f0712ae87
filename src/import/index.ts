/**
 * `payload-plugin-podcast/import`: the transcript parser (pure, no database) and the
 * transactional importer, for apps that import from their own code or tools.
 */
export { type BatchSummary, importBatch, summarize, type TranscriptSource } from './importBatch.ts'
export { type ImportIssue, type ImportOutcome, type ImportReport, importTranscript, type ImportTranscriptArgs } from './importTranscript.ts'
export { type ImportStatusOverride, importStatusOverrides } from './mapStatus.ts'
export { parseTranscript, type ParseTranscriptOptions } from './parseTranscript.ts'
export type { ParsedTranscript, ParsedTurn, ParseIssue } from './types.ts'
