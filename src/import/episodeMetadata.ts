import type { ImportIssue } from './importTranscript.ts'

import { episodeTypes } from '../collections/episodeTypes.ts'

type Chapter = { image?: string; startTime: number; title: string; url?: string }

/** The episode fields front matter may carry besides the title and status (the feed's metadata). */
export type EpisodeMetadata = {
  audio?: { byteLength?: number; mimeType?: string; url?: string }
  chapters?: Chapter[]
  duration?: number
  episodeNumber?: number
  episodeType?: string
  explicit?: boolean
  guid?: string
  image?: string
  season?: number
  /** A show's slug or title. */
  show?: string
}

const HMS = /^(?:(\d+):)?([0-5]?\d):([0-5]\d(?:\.\d+)?)$/

/** Seconds from a number or `hh:mm:ss` / `mm:ss` (with an optional fraction). */
export const secondsOf = (value: unknown): number | undefined => {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed)
  const match = HMS.exec(trimmed)
  return match ? Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]) : undefined
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : typeof value === 'number' ? String(value) : undefined)
const wholeNumber = (value: unknown) => {
  const number = typeof value === 'string' && value.trim() ? Number(value) : value
  return typeof number === 'number' && Number.isInteger(number) && number >= 0 ? number : undefined
}
const webUrl = (value: unknown) => {
  const url = text(value)
  return url && /^https?:\/\/\S+$/i.test(url) ? url : undefined
}
const flag = (value: unknown) => {
  if (typeof value === 'boolean') return value
  const word = text(value)?.toLowerCase()
  if (word === undefined) return undefined
  if (['true', 'yes', 'explicit'].includes(word)) return true
  if (['false', 'no', 'clean'].includes(word)) return false
  return undefined
}

/**
 * Maps the feed keys of front matter (`audio`, `audio_bytes`, `audio_type`, `duration`, `number`,
 * `season`, `type`, `explicit`, `guid`, `image`, `show`, `chapters`) to episode fields. A key
 * whose value cannot be used is left out with a warning; the file still imports.
 */
export const episodeMetadata = (fm: Record<string, unknown>): { metadata: EpisodeMetadata; warnings: ImportIssue[] } => {
  const metadata: EpisodeMetadata = {}
  const warnings: ImportIssue[] = []
  const skip = (key: string, why: string) => warnings.push({ line: null, message: `Front matter \`${key}\` ${why}; it is ignored` })
  const has = (key: string) => fm[key] !== undefined && fm[key] !== null && fm[key] !== ''

  if (has('audio')) {
    const url = webUrl(fm.audio)
    if (url) metadata.audio = { url }
    else skip('audio', 'is not a web address')
  }
  if (has('audio_bytes')) {
    const bytes = wholeNumber(fm.audio_bytes)
    if (bytes === undefined) skip('audio_bytes', 'is not a whole number of bytes')
    else metadata.audio = { ...metadata.audio, byteLength: bytes }
  }
  if (has('audio_type')) {
    const type = text(fm.audio_type)
    if (type && /^audio\/[\w.+-]+$|^video\/[\w.+-]+$/.test(type)) metadata.audio = { ...metadata.audio, mimeType: type }
    else skip('audio_type', 'is not an audio type such as audio/mpeg')
  }
  if (has('duration')) {
    const duration = secondsOf(fm.duration)
    if (duration === undefined) skip('duration', 'is neither seconds nor hh:mm:ss')
    else metadata.duration = duration
  }
  if (has('number')) {
    const number = wholeNumber(fm.number)
    if (number === undefined) skip('number', 'is not a whole number')
    else metadata.episodeNumber = number
  }
  if (has('season')) {
    const season = wholeNumber(fm.season)
    if (season === undefined) skip('season', 'is not a whole number')
    else metadata.season = season
  }
  // `type: transcript` in older archives describes the file, not the episode: only episode types count.
  const type = text(fm.type)?.toLowerCase()
  if (type && episodeTypes.some((option) => option.value === type)) metadata.episodeType = type
  if (has('explicit')) {
    const explicit = flag(fm.explicit)
    if (explicit === undefined) skip('explicit', 'is neither true nor false')
    else metadata.explicit = explicit
  }
  if (has('guid')) metadata.guid = text(fm.guid)
  if (has('image')) {
    const image = webUrl(fm.image)
    if (image) metadata.image = image
    else skip('image', 'is not a web address')
  }
  if (has('show')) metadata.show = text(fm.show)
  if (has('chapters')) {
    if (!Array.isArray(fm.chapters)) skip('chapters', 'is not a list')
    else {
      const chapters: Chapter[] = []
      fm.chapters.forEach((entry, index) => {
        const chapter = (entry ?? {}) as Record<string, unknown>
        const startTime = secondsOf(chapter.start ?? chapter.startTime)
        const title = text(chapter.title)
        if (startTime === undefined || !title) return skip(`chapters[${index}]`, 'needs a start (seconds or hh:mm:ss) and a title')
        chapters.push({
          startTime,
          title,
          ...(webUrl(chapter.url) ? { url: webUrl(chapter.url) } : {}),
          ...(webUrl(chapter.image) ? { image: webUrl(chapter.image) } : {}),
        })
      })
      metadata.chapters = chapters.sort((a, b) => a.startTime - b.startTime)
    }
  }
  return { metadata, warnings }
}
