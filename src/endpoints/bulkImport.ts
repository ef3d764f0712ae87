import type { Endpoint, PayloadHandler } from 'payload'

import { APIError } from 'payload'

import type { ImportReport } from '../import/importTranscript'

import { isEditor } from '../access'
import { importBatch, summarize, type TranscriptSource } from '../import/importBatch'
import { type ImportStatusOverride, importStatusOverrides } from '../import/mapStatus'

const parseStatus = (value: unknown): ImportStatusOverride | undefined => {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'string' && (importStatusOverrides as readonly string[]).includes(value)) {
    return value as ImportStatusOverride
  }
  throw new APIError(`status must be one of: ${importStatusOverrides.join(', ')}`, 400, undefined, true)
}

const parseFlag = (value: unknown): boolean => value === true || value === 'true' || value === '1' || value === 'on'

const readRequest = async (
  request: Request,
): Promise<{ dryRun: boolean; sources: TranscriptSource[]; status?: ImportStatusOverride }> => {
  const contentType = request.headers.get('content-type') ?? ''
  if (contentType.includes('multipart/form-data')) {
    const form = await request.formData()
    const sources: TranscriptSource[] = []
    for (const value of form.values()) {
      if (typeof value === 'object' && 'arrayBuffer' in value) {
        const file = value as File
        sources.push({ name: file.name, content: async () => Buffer.from(await file.arrayBuffer()) })
      }
    }
    return { dryRun: parseFlag(form.get('dryRun')), sources, status: parseStatus(form.get('status')) }
  }
  if (contentType.includes('application/json')) {
    let body: { dryRun?: unknown; files?: unknown; status?: unknown }
    try {
      body = await request.json()
    } catch {
      throw new APIError('The body is not valid JSON.', 400, undefined, true)
    }
    if (!Array.isArray(body.files)) throw new APIError('Expected {"files": [{"name", "content"}]}.', 400, undefined, true)
    const sources = body.files.map((file: unknown, index: number) => {
      const { content, name } = (file ?? {}) as { content?: unknown; name?: unknown }
      if (typeof name !== 'string' || typeof content !== 'string') {
        throw new APIError(`files[${index}] needs a string "name" and "content".`, 400, undefined, true)
      }
      return { name, content: async () => content }
    })
    return { dryRun: parseFlag(body.dryRun), sources, status: parseStatus(body.status) }
  }
  throw new APIError('Send multipart/form-data files or JSON {"files": [...]}.', 415, undefined, true)
}

/** `POST /api/transcript-imports/bulk`: many files at once, a report per file. */
export const bulkImportHandler: PayloadHandler = async (req) => {
  if (!req.user) throw new APIError('Log in to import transcripts.', 401, undefined, true)
  if (!isEditor(req.user)) throw new APIError('Only editors and admins may import transcripts.', 403, undefined, true)
  const { dryRun, sources, status } = await readRequest(req as unknown as Request)
  if (!sources.length) throw new APIError('No files were sent.', 400, undefined, true)

  const results: ImportReport[] = []
  for await (const report of importBatch({ dryRun, payload: req.payload, sources, status, user: req.user })) {
    results.push(report)
  }
  return Response.json({ dryRun, results, summary: summarize(results) }, { headers: { 'Cache-Control': 'no-store' } })
}

export const bulkImportEndpoint: Endpoint = { handler: bulkImportHandler, method: 'post', path: '/bulk' }
