import type { ResolvedPodcastOptions } from '../types.ts'

import { normalizeAlias } from '../utilities/normalizeAlias.ts'

/**
 * Whether a label marks structure, not a voice (option `markers`): one of the marker words
 * ("Break", "Outro"), a phrase ending with one ("SNL Jingle", "Unpopular Opinions Theme"), or
 * one starting with a marker prefix ("Clip from the keynote"). Compared normalised, as aliases are.
 */
export const isMarkerLabel = (label: null | string, markers: ResolvedPodcastOptions['markers']): boolean => {
  if (!label) return false
  const normalized = normalizeAlias(label)
  if (!normalized) return false
  return (
    markers.labels.some((word) => normalized === word || normalized.endsWith(` ${word}`)) ||
    markers.prefixes.some((prefix) => normalized === prefix || normalized.startsWith(`${prefix} `))
  )
}
