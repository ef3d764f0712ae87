import busboy from 'busboy'
import { createWriteStream, type WriteStream } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import type { TranscriptSource } from './importBatch.ts'

import { badRequest, RequestRefused } from '../errors.ts'

export type UploadedFiles = {
  /** Removes the spooled files; call it when the import is over. */
  cleanup: () => Promise<void>
  fields: Record<string, string>
  sources: TranscriptSource[]
}

const tooLarge = (message: string) => new RequestRefused(message, 413)

/**
 * Reads a multipart body as it arrives: each file is spooled to a temporary folder,
 * never held whole in memory, and the request is refused (413) the moment a file
 * passes `maxFileSize` or the files pass `maxFiles`. Buffering the whole form
 * (`request.formData()`) took six 50 MB files to 1.36 GB of RSS.
 */
export const readUploadedFiles = async (request: Request, { maxFiles, maxFileSize }: { maxFiles: number; maxFileSize: number }): Promise<UploadedFiles> => {
  if (!request.body) throw badRequest('The multipart body is empty.')
  const dir = await mkdtemp(path.join(os.tmpdir(), 'podcast-import-'))
  const cleanup = () => rm(dir, { force: true, recursive: true })
  const fields: Record<string, string> = {}
  const sources: TranscriptSource[] = []
  const writes: Promise<void>[] = []
  const streams: Readable[] = []
  const files: WriteStream[] = []
  try {
    let parser: busboy.Busboy
    try {
      parser = busboy({
        headers: { 'content-type': request.headers.get('content-type') ?? '' },
        limits: { fieldSize: 1024, fields: 20, files: maxFiles, fileSize: maxFileSize, parts: maxFiles + 20 },
      })
    } catch (error) {
      throw badRequest(`The multipart body cannot be read: ${(error as Error).message}.`)
    }
    const finished = new Promise<void>((resolve, reject) => {
      parser.on('field', (name, value) => (fields[name] = value))
      parser.on('file', (_name, stream, info) => {
        const name = info.filename || `file-${sources.length + 1}`
        const file = path.join(dir, String(sources.length))
        sources.push({ name, content: () => readFile(file) })
        streams.push(stream)
        stream.on('limit', () => reject(tooLarge(`${name} is larger than ${maxFileSize} bytes, the largest file accepted.`)))
        const out = createWriteStream(file)
        files.push(out)
        const write = pipeline(stream, out)
        write.catch(() => {}) // awaited below on success; after a refusal nobody waits for it
        writes.push(write)
      })
      parser.on('filesLimit', () => reject(tooLarge(`At most ${maxFiles} files are accepted in one request.`)))
      parser.on('partsLimit', () => reject(tooLarge('The form has too many parts.')))
      parser.on('fieldsLimit', () => reject(badRequest('The form has too many fields.')))
      parser.on('error', (error) => reject(badRequest(`The multipart body cannot be read: ${(error as Error).message}.`)))
      parser.on('close', resolve)
    })
    const body = Readable.fromWeb(request.body as never)
    // A client that hangs up mid-upload: the parse fails (pipe() alone would leave it waiting, with a file open).
    body.on('error', (error) => parser.destroy(error))
    body.pipe(parser)
    try {
      await finished
    } catch (error) {
      // Stop at once: no more of the body is read, and the open files' streams end.
      body.unpipe(parser)
      body.destroy()
      parser.destroy()
      for (const stream of streams) stream.destroy()
      throw error
    }
    await Promise.all(writes)
    return { cleanup, fields, sources }
  } catch (error) {
    // Close every file before removing the folder (a write still opening would recreate an entry in it).
    // Not the pipelines: one whose part was destroyed mid-way may never settle.
    await Promise.all(files.map((out) => (out.closed ? undefined : new Promise<void>((resolve) => out.once('close', () => resolve()).destroy()))))
    await cleanup()
    throw error
  }
}
