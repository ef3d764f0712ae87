'use client'
import { useConfig, useDocumentInfo } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

type Option = { id: number | string; name: string }
type Moved = { aliases?: number; episodes: number; turns?: number }

/**
 * The admin's merge action on a speaker or a guest (REST `POST /api/<collection>/:id/merge`): pick the
 * person this one is the same as; their turns, aliases and episode links move there, and this one goes.
 */
export const MergePeople: React.FC = () => {
  const { collectionSlug, id } = useDocumentInfo()
  const {
    config: {
      routes: { admin, api },
      serverURL,
    },
  } = useConfig()
  const [query, setQuery] = useState('')
  const [options, setOptions] = useState<Option[]>([])
  const [into, setInto] = useState('')
  const [state, setState] = useState<{ error?: string; moved?: Moved; target?: Option; working?: boolean }>({})

  useEffect(() => {
    if (id === undefined || id === null) return
    const controller = new AbortController()
    const params = new URLSearchParams({ depth: '0', limit: '20', sort: 'name', 'select[name]': 'true', 'where[id][not_equals]': String(id) })
    if (query.trim()) params.set('where[name][like]', query.trim())
    fetch(`${serverURL}${api}/${collectionSlug}?${params}`, { credentials: 'include', signal: controller.signal })
      .then(async (res) => (res.ok ? ((await res.json()) as { docs: Option[] }).docs : []))
      .then(setOptions)
      .catch(() => {})
    return () => controller.abort()
  }, [api, collectionSlug, id, query, serverURL])

  if (id === undefined || id === null) return null
  const target = options.find((option) => String(option.id) === into)

  const merge = async () => {
    if (!target || !window.confirm(`Merge this ${collectionSlug === 'guests' ? 'guest' : 'speaker'} into “${target.name}”? This one is deleted.`)) return
    setState({ working: true })
    const res = await fetch(`${serverURL}${api}/${collectionSlug}/${id}/merge`, {
      body: JSON.stringify({ into: target.id }),
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    const body = (await res.json().catch(() => ({}))) as { errors?: { message: string }[]; moved?: Moved }
    setState(res.ok ? { moved: body.moved, target } : { error: body.errors?.[0]?.message ?? `The merge failed (${res.status}).` })
  }

  if (state.moved && state.target) {
    const { aliases, episodes, turns } = state.moved
    return (
      <div className="podcast-merge" data-testid="podcast-merge-done">
        <p>
          Merged into {state.target.name}: {turns ?? 0} turns, {aliases ?? 0} aliases, {episodes} episodes moved.
        </p>
        <a href={`${admin}/collections/${collectionSlug}/${state.target.id}`}>Open {state.target.name}</a>
      </div>
    )
  }
  return (
    <div className="podcast-merge field-type" style={{ marginBottom: '1.5rem' }}>
      <label className="field-label" htmlFor="podcast-merge-search">
        Merge into the same person
      </label>
      <input id="podcast-merge-search" onChange={(event) => setQuery(event.target.value)} placeholder="Search by name" type="search" value={query} />
      <select aria-label="Merge into" onChange={(event) => setInto(event.target.value)} style={{ display: 'block', marginTop: 8, width: '100%' }} value={into}>
        <option value="">Choose…</option>
        {options.map((option) => (
          <option key={option.id} value={String(option.id)}>
            {option.name}
          </option>
        ))}
      </select>
      <button className="btn btn--style-secondary btn--size-small" disabled={!target || state.working} onClick={merge} type="button">
        Merge
      </button>
      {state.error ? <p role="alert">{state.error}</p> : null}
    </div>
  )
}
