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

type Entry = { at: number; generation: number; value: Promise<unknown> }
const entries = new Map<string, Entry>()
let generation = 0

export const forgetSearchAnswers = () => {
  generation += 1
  entries.clear()
}

/** `compute`'s answer for `key`, kept for TTL_MS unless a write came between. */
export const keptSearchAnswer = <T>(key: string, compute: () => Promise<T>): Promise<T> => {
  if (!(TTL_MS > 0)) return compute()
  const now = Date.now()
  const kept = entries.get(key)
  if (kept && kept.generation === generation && now - kept.at < TTL_MS) return kept.value as Promise<T>
  const value = compute()
  const entry = { at: now, generation, value }
  entries.delete(key)
  entries.set(key, entry)
  // A failed search is not kept.
  value.catch(() => entries.get(key) === entry && entries.delete(key))
  // The oldest go first (a Map iterates in insertion order).
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string)
  return value
}
