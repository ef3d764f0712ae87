'use client'
import { useConfig } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

type Report = { errors: { line: null | number; message: string }[]; file: string; status: string; warnings: { line: null | number; message: string }[] }
type Batch = { done?: number; id: number | string; status: string; total: number }

/**
 * Import many files in one request, above the imports list: a transcript and its YAML sidecar
 * (`<stem>.yaml`) are paired by stem, which Payload's own bulk upload (one request per file)
 * cannot do. Up to `import.syncMaxFiles` files report at once; more become a batch, followed here.
 */
export const BulkImportFiles: React.FC<{ batchesSlug: string; importsSlug: string; statuses: string[] }> = ({ batchesSlug, importsSlug, statuses }) => {
  const {
    config: {
      routes: { admin, api },
      serverURL,
    },
  } = useConfig()
  const [files, setFiles] = useState<File[]>([])
  const [status, setStatus] = useState('')
  const [show, setShow] = useState('')
  const [working, setWorking] = useState(false)
  const [error, setError] = useState<string>()
  const [results, setResults] = useState<Report[]>()
  const [batch, setBatch] = useState<Batch>()

  // A batch runs in the jobs queue: follow its progress until it ends.
  useEffect(() => {
    if (!batch || ['cancelled', 'done', 'failed'].includes(batch.status)) return
    const timer = setTimeout(async () => {
      const res = await fetch(`${serverURL}${api}/${batchesSlug}/${batch.id}`, { credentials: 'include' }).catch(() => undefined)
      if (res?.ok) setBatch((await res.json()) as Batch)
    }, 2000)
    return () => clearTimeout(timer)
  }, [api, batch, batchesSlug, serverURL])

  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    if (!files.length) return
    setWorking(true)
    setError(undefined)
    setResults(undefined)
    setBatch(undefined)
    const form = new FormData()
    for (const file of files) form.append('files', file, file.name)
    if (status) form.append('status', status)
    if (show.trim()) form.append('show', show.trim())
    try {
      const res = await fetch(`${serverURL}${api}/${importsSlug}/bulk`, { body: form, credentials: 'include', method: 'POST' })
      const body = (await res.json().catch(() => ({}))) as { batch?: Batch; errors?: { message: string }[]; results?: Report[] }
      if (!res.ok) setError(body.errors?.[0]?.message ?? `The import failed (${res.status}).`)
      else if (body.batch) setBatch(body.batch)
      else setResults(body.results ?? [])
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason))
    } finally {
      setWorking(false)
    }
  }

  return (
    <form className="podcast-bulk-import" onSubmit={submit} style={{ marginBottom: '2rem' }}>
      <h3>Import files</h3>
      <p>Markdown, WebVTT, SubRip or Podcasting 2.0 JSON; a YAML sidecar with the same name gives a transcript its episode.</p>
      <input
        accept=".md,.markdown,.txt,.vtt,.srt,.json,.yaml,.yml"
        aria-label="Transcript files"
        multiple
        onChange={(event) => setFiles([...(event.target.files ?? [])])}
        type="file"
      />
      <select aria-label="Status" onChange={(event) => setStatus(event.target.value)} value={status}>
        <option value="">Status from each file</option>
        {statuses.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </select>
      <input aria-label="Show" onChange={(event) => setShow(event.target.value)} placeholder="Show (slug or title)" type="text" value={show} />
      <button className="btn btn--style-primary btn--size-small" disabled={!files.length || working} type="submit">
        {working ? 'Importing…' : `Import ${files.length || ''} file${files.length === 1 ? '' : 's'}`}
      </button>
      {error ? <p role="alert">{error}</p> : null}
      {batch ? (
        <p data-testid="podcast-bulk-batch">
          Batch <a href={`${admin}/collections/${batchesSlug}/${batch.id}`}>{String(batch.id)}</a>: {batch.status}, {batch.done ?? 0} of {batch.total} files
        </p>
      ) : null}
      {results ? (
        <table data-testid="podcast-bulk-results">
          <tbody>
            {results.map((report) => (
              <tr key={report.file}>
                <td>{report.file}</td>
                <td>{report.status}</td>
                <td>{[...report.errors, ...report.warnings].map((note) => `${note.line === null ? '' : `line ${note.line}: `}${note.message}`).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </form>
  )
}
