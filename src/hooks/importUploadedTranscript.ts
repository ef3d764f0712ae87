import type { CollectionBeforeChangeHook } from 'payload'

import { importTranscript } from '../import/importTranscript.ts'

/**
 * The import hook: an uploaded file is imported in a savepoint of the upload's own
 * transaction, so a failed import rolls back its episode writes while this document still
 * records why it failed, on one pool connection per upload.
 */
export const importUploadedTranscript: CollectionBeforeChangeHook = async ({ data, req }) => {
  const file = req.file
  if (!file?.data) return data
  const report = await importTranscript({
    content: file.data,
    dryRun: Boolean(data.dryRun),
    episode: data.attachTo === null || data.attachTo === undefined ? undefined : String(typeof data.attachTo === 'object' ? data.attachTo.id : data.attachTo),
    fileName: file.name,
    payload: req.payload,
    req,
    status: data.statusOverride ?? undefined,
    user: req.user,
  })
  return {
    ...data,
    createdGuests: report.createdGuests,
    createdSpeakers: report.createdSpeakers,
    episode: report.episode?.id ?? null,
    errors: report.errors,
    importedBy: req.user?.id ?? null,
    outcome: report.status,
    turns: report.turns,
    warnings: report.warnings,
    words: report.words,
  }
}
