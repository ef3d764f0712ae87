/**
 * Rendered transcript files, kept while what they were made from is unchanged (the caller's key
 * names the episode fields a file shows; `fingerprint` its revision and speakers, checked on every
 * request, so no instance serves a stale file). At most MAX_BYTES of text; the least recently
 * used go first. A 1,000-turn VTT took ~15 ms of CPU to render (Markdown stripping, wrapping) and
 * ~1 ms to check (bench:feed).
 */
const MAX_BYTES = 64 * 1024 * 1024

type Entry = { body: string; fingerprint: string }
const entries = new Map<string, Entry>()
let bytes = 0

export const keptRendition = (key: string, fingerprint: string): string | undefined => {
  const entry = entries.get(key)
  if (!entry || entry.fingerprint !== fingerprint) return undefined
  entries.delete(key)
  entries.set(key, entry)
  return entry.body
}

export const keepRendition = (key: string, fingerprint: string, body: string) => {
  const previous = entries.get(key)
  if (previous) {
    bytes -= previous.body.length
    entries.delete(key)
  }
  if (body.length > MAX_BYTES / 4) return
  entries.set(key, { body, fingerprint })
  bytes += body.length
  for (const [oldest, entry] of entries) {
    if (bytes <= MAX_BYTES) break
    entries.delete(oldest)
    bytes -= entry.body.length
  }
}
