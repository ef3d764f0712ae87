import type { Endpoint, PayloadHandler } from 'payload'

import type { ImportReport } from '../import/importTranscript.ts'
import type { ResolvedPodcastOptions } from '../types.ts'

import { badRequest, RequestRefused } from '../errors.ts'
import { importBatch, summarize, type TranscriptSource } from '../import/importBatch.ts'
import { type ImportStatusOverride, importStatusOverrides } from '../import/mapStatus.ts'
import { queueImportBatch } from '../import/queueBatch.ts'
import { readUploadedFiles } from '../import/readUploadedFiles.ts'
import { pairSidecars } from '../import/sidecars.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'

const parseStatus = (value: unknown): ImportStatusOverride | undefined => {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'string' && (importStatusOverrides as readonly string[]).includes(value)) {
    return value as ImportStatusOverride
  }
  throw badRequest(`status must be one of: ${importStatusOverrides.join(', ')}`)
}

/**
 * A name of a show (slug or title; unknown ones are created) or of an episode (id or slug), for the
 * files of the request.
 */
const parseName = (field: 'episodeId' | 'show', value: unknown): string | undefined => {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value)
  if (typeof value !== 'string' || value.length > 200 || value.includes('\u0000')) {
    throw badRequest(`${field} must be ${field === 'show' ? 'a show’s slug or title' : 'an episode’s id or slug'} (at most 200 characters).`)
  }
  return value.trim() || undefined
}

const parseFlag = (value: unknown): boolean => value === true || value === 'true' || value === '1' || value === 'on'

type BulkRequest = {
  cleanup?: () => Promise<void>
  dryRun: boolean
  episodeId?: string
  show?: string
  sources: TranscriptSource[]
  status?: ImportStatusOverride
  wait: boolean
}

/** Reads a JSON body of at most `maxBytes`, refusing more (413) as soon as it arrives. */
const readJson = async (request: Request, maxBytes: number): Promise<unknown> => {
  if (Number(request.headers.get('content-length')) > maxBytes) throw new RequestRefused(`The body is larger than ${maxBytes} bytes.`, 413)
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of (request.body ?? []) as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength
    if (size > maxBytes) throw new RequestRefused(`The body is larger than ${maxBytes} bytes.`, 413)
    chunks.push(chunk)
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw badRequest('The body is not valid JSON.')
  }
}

const readRequest = async (request: Request, limits: ResolvedPodcastOptions['import']): Promise<BulkRequest> => {
  const contentType = request.headers.get('content-type') ?? ''
  if (contentType.includes('multipart/form-data')) {
    const { cleanup, fields, sources } = await readUploadedFiles(request, limits)
    try {
      return {
        cleanup,
        dryRun: parseFlag(fields.dryRun),
        episodeId: parseName('episodeId', fields.episodeId),
        show: parseName('show', fields.show),
        sources,
        status: parseStatus(fields.status),
        wait: parseFlag(fields.wait),
      }
    } catch (error) {
      await cleanup()
      throw error
    }
  }
  if (contentType.includes('application/json')) {
    const body = (await readJson(request, limits.maxJsonBody)) as {
      dryRun?: unknown
      episodeId?: unknown
      files?: unknown
      show?: unknown
      status?: unknown
      wait?: unknown
    } | null
    if (!body || typeof body !== 'object' || !Array.isArray(body.files)) throw badRequest('Expected {"files": [{"name", "content"}]}.')
    if (body.files.length > limits.maxFiles) throw new RequestRefused(`At most ${limits.maxFiles} files are accepted in one request.`, 413)
    const sources = body.files.map((file: unknown, index: number) => {
      const { content, name } = (file ?? {}) as { content?: unknown; name?: unknown }
      if (typeof name !== 'string' || typeof content !== 'string') {
        throw badRequest(`files[${index}] needs a string "name" and "content".`)
      }
      // A file name is stored (batches, reports); Postgres text cannot hold NUL.
      if (name.includes('\u0000')) throw badRequest(`files[${index}]: the name holds a NUL byte.`)
      return { name, content: async () => content }
    })
    return {
      dryRun: parseFlag(body.dryRun),
      episodeId: parseName('episodeId', body.episodeId),
      show: parseName('show', body.show),
      sources,
      status: parseStatus(body.status),
      wait: parseFlag(body.wait),
    }
  }
  throw new RequestRefused('Send multipart/form-data files or JSON {"files": [...]}.', 415)
}

/**
 * `POST /api/transcript-imports/bulk`: many files at once. More than `import.syncMaxFiles`
 * become a batch for the jobs queue (`202`, its progress at `/api/<batches>/:id`); up to that
 * many, or with `wait=true`, the request imports them and answers with a report per file.
 */
export const bulkImportHandler: PayloadHandler = async (req) => {
  if (!req.user) throw new RequestRefused('Log in to import transcripts.', 401)
  // Whoever may create transcript imports (editors and admins unless the app's access says otherwise) may bulk-import.
  const options = getPodcastOptions(req.payload)
  const { create } = req.payload.collections[options.slugs.transcriptImports].config.access
  if (!(await create({ req }))) throw new RequestRefused('Your role may not import transcripts.', 403)
  const { cleanup, dryRun, episodeId, show, sources: files, status, wait } = await readRequest(req as unknown as Request, options.import)
  // A transcript and its YAML sidecar, sent together, are paired by stem.
  const sources = pairSidecars(files)
  try {
    if (!sources.length) throw badRequest('No files were sent.')
    if (!wait && !parseFlag(req.searchParams.get('wait')) && sources.length > options.import.syncMaxFiles) {
      const batch = await queueImportBatch({ dryRun, episode: episodeId, payload: req.payload, show, sources, status, user: req.user })
      const location = `${req.payload.config.routes.api}/${options.slugs.transcriptImportBatches}/${batch.id}`
      return Response.json({ batch }, { headers: { 'Cache-Control': 'no-store', Location: location }, status: 202 })
    }
    const results: ImportReport[] = []
    for await (const report of importBatch({ dryRun, episode: episodeId, payload: req.payload, show, sources, status, user: req.user })) {
      results.push(report)
    }
    return Response.json({ dryRun, results, summary: summarize(results) }, { headers: { 'Cache-Control': 'no-store' } })
  } finally {
    await cleanup?.()
  }
}

export const bulkImportEndpoint: Endpoint = { handler: bulkImportHandler, method: 'post', path: '/bulk' }
