/**
 * The public's search answers, kept a few seconds per process: a search box sends the same few queries
 * over and over, and each costs Postgres a GIN scan and a ranking (20–100 ms of CPU for a common word or
 * a phrase) where a kept answer costs nothing. Staff's draft searches are never kept.
 *
 * Every write that can change what the public finds (revision flags, an episode's or a turn's vector)
 * drops this process's answers at once (`forgetSearchAnswers`); another process's answers live at most
 * `TTL_MS`, well inside the `max-age=60` the API already allows any HTTP cache.
 */
// SEARCH_KEEP_MS=0 turns it off (the search benchmark measures both).
const TTL_MS = Number(process.env.SEARCH_KEEP_MS ?? 10_000)
const MAX_ENTRIES = 500

type Entry = { at: number; value: Promise<unknown> }
// Per Payload instance: two apps in one process (tests, a host with two configs) never share answers.
const scopes = new WeakMap<object, { entries: Map<string, Entry>; generation: number }>()
let generation = 0

/** Every instance's answers go: each starts afresh at its next search. */
export const forgetSearchAnswers = () => {
  generation += 1
}

/** `compute`'s answer for `key` in `scope` (the Payload instance), kept for TTL_MS unless a write came between. */
export const keptSearchAnswer = <T>(scope: object, key: string, compute: () => Promise<T>): Promise<T> => {
  if (!(TTL_MS > 0)) return compute()
  let kept = scopes.get(scope)
  if (kept?.generation !== generation) scopes.set(scope, (kept = { entries: new Map(), generation }))
  const { entries } = kept
  const now = Date.now()
  const found = entries.get(key)
  if (found && now - found.at < TTL_MS) return found.value as Promise<T>
  const value = compute()
  const entry = { at: now, value }
  entries.delete(key)
  entries.set(key, entry)
  // A failed search is not kept.
  value.catch(() => entries.get(key) === entry && entries.delete(key))
  // The oldest go first (a Map iterates in insertion order).
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string)
  return value
}
