import type { CollectionBeforeChangeHook } from 'payload'

import { normalizeAlias } from '../utilities/normalizeAlias.ts'

type Alias = { id?: string; label: string; normalized?: string | null }

/** Keeps each alias's match key in step with its label, and the speaker's own name as an alias. */
export const normalizeSpeakerAliases: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  if (!data || (data.aliases === undefined && data.name === undefined)) return data
  // A partial update that only renames must not drop the stored aliases.
  const aliases: Alias[] = Array.isArray(data.aliases) ? data.aliases : (originalDoc?.aliases ?? [])
  const name: unknown = data.name ?? originalDoc?.name
  const seen = new Set<string>()
  const next: Alias[] = []
  for (const alias of aliases) {
    const normalized = normalizeAlias(alias.label ?? '')
    if (!normalized || seen.has(normalized)) continue
    seen.add(normalized)
    next.push({ ...alias, normalized })
  }
  if (typeof name === 'string') {
    const normalizedName = normalizeAlias(name)
    if (normalizedName && !seen.has(normalizedName)) next.push({ label: name, normalized: normalizedName })
  }
  return { ...data, aliases: next }
}
