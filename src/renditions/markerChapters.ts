import type { MarkerRow } from '../db/transcript.ts'

import { normalizeAlias } from '../utilities/normalizeAlias.ts'
import { plainText } from './markdown.ts'

const BREAKS = new Set(['break', 'ad', 'ads', 'sponsor', 'sponsors'])
const MAX_TITLE = 60

/** The opening of a turn, cut at a sentence or word end, for a chapter title. */
const opening = (text: string) => {
  const plain = plainText(text)
  const sentence = /^(.{8,}?[.!?])(\s|$)/.exec(plain)?.[1] ?? plain
  if (sentence.length <= MAX_TITLE) return sentence
  return `${sentence.slice(0, MAX_TITLE).replace(/\s+\S*$/, '')}…`
}

/**
 * Chapters from an episode's timed markers, for an episode with none of its own (those are the
 * source of truth): a marker's own text titles it, else its label ("Intro", "Outro"); a break
 * without text takes the opening of the speech after it, or is simply "Break".
 */
export const markerChapters = (markers: MarkerRow[]): { startTime: number; title: string }[] =>
  markers.map((marker) => {
    const own = plainText(marker.text ?? '')
    const label = marker.label?.trim() || 'Section'
    if (own) return { startTime: marker.start, title: own.length > MAX_TITLE ? opening(own) : own }
    if (BREAKS.has(normalizeAlias(label))) return { startTime: marker.start, title: marker.next?.trim() ? opening(marker.next) : 'Break' }
    return { startTime: marker.start, title: label }
  })
