import type { ParsedTranscript } from '../types.ts'

import { DEFAULT_MAX_FILE_SIZE } from '../../defaults.ts'
import { decodeSource } from '../decodeSource.ts'
import { parseTranscript, type ParseTranscriptOptions } from '../parseTranscript.ts'
import { parsePodcastJson } from './podcastJson.ts'
import { parseSrt } from './srt.ts'
import { parseVtt } from './vtt.ts'

/** The extensions the import reads, in every path (CLI, bulk endpoint, upload). */
export const TRANSCRIPT_EXTENSIONS = ['.json', '.markdown', '.md', '.mdx', '.srt', '.txt', '.vtt'] as const

/**
 * Which reader a file needs: by its extension, and by what it holds when the name does not say
 * (a `.txt` that starts with "WEBVTT", SubRip timings, or JSON with segments).
 */
export const detectFormat = (fileName: string, text: string): ParsedTranscript['format'] => {
  const extension = /\.[^./\\]+$/.exec(fileName.toLowerCase())?.[0]
  if (extension === '.vtt') return 'vtt'
  if (extension === '.srt') return 'srt'
  if (extension === '.json') return 'json'
  const head = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 300)
  if (/^WEBVTT(?:[ \t]|\r?\n|$)/.test(head)) return 'vtt'
  if (/^\d+\s*\r?\n\s*(?:\d+:)?\d{1,2}:\d{2}[,.]\d{1,3}\s*-->/.test(head)) return 'srt'
  if (/^\{[\s\S]*"segments"\s*:/.test(head)) return 'json'
  return 'markdown'
}

/** Reads a transcript file of any supported format into the one shape the importer writes. */
export const parseTranscriptFile = (input: Buffer | string, options: ParseTranscriptOptions): ParsedTranscript => {
  const source = decodeSource(input, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE)
  switch (detectFormat(options.fileName, source.text)) {
    case 'vtt':
      return parseVtt(options.fileName, source, options.metadata)
    case 'srt':
      return parseSrt(options.fileName, source, options.metadata)
    case 'json':
      return parsePodcastJson(options.fileName, source, options.metadata)
    default:
      return parseTranscript(input, options)
  }
}
