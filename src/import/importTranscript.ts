import type { Payload, PayloadRequest } from 'payload'

import { createHash } from 'node:crypto'

import type { ResolvedPodcastOptions } from '../types.ts'
import type { WorkflowStatus } from '../workflow/fields.ts'
import type { ParsedTranscript } from './types.ts'

import { lockEpisodeBySlug, lockEpisodeSlug } from '../db/locks.ts'
import { attachRevision, insertRevision, syncRevisionFlags } from '../db/revisions.ts'
import { insertTurns, speakersByLabel, type TurnRow } from '../db/turns.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'
import { idOf } from '../utilities/idOf.ts'
import { withSavepoint, withTransaction } from '../db/transaction.ts'
import { syncPublicAppearances } from '../db/appearances.ts'
import { withinAuthorRights } from './authorRights.ts'
import { type ImportStatusOverride, mapStatus } from './mapStatus.ts'
import { parseTranscriptFile } from './formats/index.ts'
import { RequestRefused } from '../errors.ts'
import { idOrSlugWhere } from '../utilities/isRowId.ts'
import { episodeMetadata } from './episodeMetadata.ts'
import { isMarkerLabel } from './markers.ts'
import { readSidecar } from './sidecars.ts'
import { frontMatterGuests } from './fullName.ts'
import { defaultShow, findOrCreateShow } from '../shows/defaultShow.ts'
import { findShow, frequentVoices } from '../db/showHosts.ts'
import { searchConfigOf } from '../search/config.ts'
import { resolveSpeakers } from './resolveSpeakers.ts'

export type ImportIssue = {
  /** 1-based line in the file; null when the problem is not about one line. */
  line: null | number
  message: string
}

export type ImportOutcome = 'failed' | 'imported' | 'unchanged' | 'updated'

export type ImportReport = {
  createdGuests: number
  createdSpeakers: number
  dryRun: boolean
  durationMs: number
  episode: null | { id: number | string; slug: string; status: string; title: string }
  errors: ImportIssue[]
  file: string
  /** Until staff set the show's hosts: the voices heard in most of its episodes (option `import.hostShare`). */
  suggestedHosts?: string[]
  /** With dryRun, what would have happened; nothing was written. */
  status: ImportOutcome
  turns: number
  warnings: ImportIssue[]
  words: number
}

export type ImportTranscriptArgs = {
  content: Buffer | string
  dryRun?: boolean
  fileName: string
  payload: Payload
  /**
   * Attach the transcript to this existing episode (its id or slug): the file's own metadata is
   * ignored but for its language, and on a published episode it becomes a draft revision.
   */
  episode?: string
  /** The show (slug or title) of an episode whose front matter names none; an unknown one is created. */
  show?: string
  /** The file's YAML sidecar (`<stem>.yaml`): its keys, as front matter, for a file that has none. */
  sidecar?: Buffer | string
  /** Overrides the front matter's `status`. */
  status?: ImportStatusOverride
  /**
   * A request whose transaction the import joins, in a savepoint of its own (the upload
   * hook's): a failed import is rolled back to it, and the request's own writes go on.
   */
  req?: PayloadRequest
  /** Who imports: recorded in the episode's history. */
  user?: PayloadRequest['user']
}

class DryRunRollback extends Error {}

/** What the importer reads of an episode (the app's config may add fields; depth 0: relations are ids). */
type StoredEpisode = {
  show?: null | number | string
  audio?: null | { byteLength?: null | number; mimeType?: null | string; url?: null | string }
  episodeNumber?: null | number
  guests?: null | (number | string)[]
  hosts?: null | (number | string)[]
  id: number | string
  permalink?: null | string
  publishedAt?: null | string
  season?: null | number
  slug: string
  summary?: null | string
  title: string
  transcript?: null | { language?: null | string; revision?: null | number | string; sourceChecksum?: null | string }
  workflowStatus: WorkflowStatus
}

const emptyReport = (fileName: string, dryRun: boolean, parsed?: ParsedTranscript): ImportReport => ({
  createdGuests: 0,
  createdSpeakers: 0,
  dryRun,
  durationMs: 0,
  episode: null,
  errors: parsed?.errors ?? [],
  file: fileName,
  status: 'failed',
  turns: parsed?.turns.length ?? 0,
  warnings: parsed?.warnings ?? [],
  words: parsed?.wordCount ?? 0,
})

/**
 * Imports one transcript file as one transaction: its episode (upserted by slug),
 * speakers and guests, and its turns. On any failure nothing of the file is
 * written and the report says why; an unchanged file (same checksum) is a no-op.
 */
export const importTranscript = async ({
  content,
  dryRun = false,
  episode: attachTo,
  fileName,
  payload,
  req: callerReq,
  show,
  sidecar,
  status: statusOverride,
  user,
}: ImportTranscriptArgs): Promise<ImportReport> => {
  const started = performance.now()
  const options = getPodcastOptions(payload)
  const metadata = sidecar === undefined ? undefined : readSidecar(Buffer.isBuffer(sidecar) ? sidecar.toString('utf8') : sidecar)
  const parsed = parseTranscriptFile(content, {
    fileName,
    isMarker: (label) => isMarkerLabel(label, options.markers),
    maxFileSize: options.import.maxFileSize,
    metadata: metadata?.data,
  })
  if (metadata) {
    parsed.errors.unshift(...metadata.errors)
    parsed.warnings.unshift(...metadata.warnings)
    // A changed sidecar is a changed file: not "unchanged".
    parsed.checksum = createHash('sha256').update(parsed.checksum).update(String(sidecar)).digest('hex')
  }

  const report = emptyReport(fileName, dryRun, parsed)
  if (parsed.errors.length) {
    report.durationMs = performance.now() - started
    return report
  }
  try {
    const write = async (req: PayloadRequest) => {
      const target = attachTo === undefined ? parsed : await attachedTo(payload, req, parsed, attachTo)
      await writeTranscript({
        options,
        parsed: target,
        payload,
        report,
        req,
        show,
        statusOverride: statusOverride ?? (attachTo === undefined ? undefined : 'draft'),
      })
      if (dryRun) throw new DryRunRollback()
    }
    await (callerReq ? withSavepoint(payload, callerReq, write) : withTransaction(payload, user, write))
  } catch (error) {
    if (!(error instanceof DryRunRollback)) {
      report.status = 'failed'
      report.episode = null
      report.errors.push({ line: lineOf(error, parsed), message: describe(error) })
      payload.logger.warn({ error: report.errors.at(-1)?.message, file: fileName, line: report.errors.at(-1)?.line, msg: 'Import failed' })
    }
  }
  report.durationMs = performance.now() - started
  return report
}

/**
 * The parsed file as a new transcript of an existing episode: its slug (the import's key) and
 * metadata are the episode's, and only the file's language is kept.
 */
const attachedTo = async (payload: Payload, req: PayloadRequest, parsed: ParsedTranscript, idOrSlug: string): Promise<ParsedTranscript> => {
  const where = idOrSlugWhere(payload, idOrSlug)
  const { docs } = await payload.find({
    collection: getPodcastOptions(payload).slugs.episodes,
    depth: 0,
    draft: true,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    req,
    select: { episodeNumber: true, permalink: true, slug: true, title: true },
    where,
  })
  const episode = docs[0] as undefined | { episodeNumber?: null | number; permalink?: null | string; slug: string; title: string }
  if (!episode) throw new RequestRefused(`No episode "${idOrSlug}" to attach the transcript to.`, 404)
  const language = parsed.frontMatter.language
  return {
    ...parsed,
    episodeNumber: episode.episodeNumber ?? null,
    frontMatter: language === undefined ? {} : { language },
    permalink: episode.permalink ?? null,
    slug: episode.slug,
    status: null,
    title: episode.title,
  }
}

const writeTranscript = async ({
  options,
  parsed,
  payload,
  report,
  req,
  show,
  statusOverride,
}: {
  options: ResolvedPodcastOptions
  parsed: ParsedTranscript
  payload: Payload
  report: ImportReport
  req: PayloadRequest
  show?: string
  statusOverride?: ImportStatusOverride
}): Promise<void> => {
  const episodes = options.slugs.episodes
  // The caller (REST endpoint, upload access, CLI) has authorised the import, and the status is bounded by
  // the importing user's workflow rights below (withinAuthorRights): the writes need no further checks.
  req.context.podcastTrustedWrite = true
  // Who is public depends on the turns too; sync once they are written.
  req.context.podcastDeferAppearanceSync = true
  // Two imports of the same file at once must make one episode: serialise per slug.
  await lockEpisodeSlug(payload, req, parsed.slug)

  // A cheap indexed probe first: most files of an archive are new episodes. It locks an existing
  // episode's row, so an editor's save of it waits for this import, or this import for the save.
  const known = await lockEpisodeBySlug(payload, req, episodes, parsed.slug)
  const existing =
    known === undefined
      ? undefined
      : ((await payload.findByID({ id: known.id, collection: episodes, depth: 0, draft: true, overrideAccess: true, req })) as unknown as StoredEpisode)
  const rights = withinAuthorRights({
    existingStatus: existing?.workflowStatus,
    mapped: mapStatus({ date: parsed.frontMatter.date, override: statusOverride, status: parsed.status }),
    statusOverride,
    user: req.user,
  })
  const { mapped } = rights
  if (rights.warning) report.warnings.push({ line: null, message: rights.warning })
  // A draft import of a live episode is a draft of its next version: it never unpublishes the episode.
  const keepsLive = Boolean(known?.live) && !mapped.publish
  if (existing && existing.transcript?.sourceChecksum === parsed.checksum) {
    report.status = 'unchanged'
    // The same file with another explicit status still applies the status.
    if (statusOverride && !keepsLive && mapped.workflowStatus !== existing.workflowStatus) {
      const moved = await payload.update({
        id: existing.id,
        collection: episodes,
        data: {
          _status: mapped.publish ? 'published' : 'draft',
          workflowStatus: mapped.workflowStatus,
          ...(mapped.publishAt ? { publishedAt: mapped.publishAt.toISOString() } : {}),
        },
        depth: 0,
        overrideAccess: true,
        req,
      })
      existing.workflowStatus = (moved as unknown as StoredEpisode).workflowStatus
      report.status = 'updated'
    }
    report.episode = { id: existing.id, slug: existing.slug, status: existing.workflowStatus, title: existing.title }
    return
  }

  // Speakers staff assigned by hand in the latest transcript stay assigned.
  const latestRevision = idOf(existing?.transcript?.revision)
  const previous =
    latestRevision !== null && latestRevision !== undefined ? await speakersByLabel(payload, req, latestRevision) : new Map<string, number | string>()

  // Markers ("Break", "Outro") are structure: they never become speakers or guests, nor count as speech.
  const isMarker = parsed.turns.map((turn) => isMarkerLabel(turn.speakerLabel, options.markers))
  const speech = parsed.turns.filter((_, index) => !isMarker[index])
  const speechCounts = { turnCount: speech.length, wordCount: speech.reduce((sum, turn) => sum + turn.wordCount, 0) }
  const labels: (null | string)[] = parsed.speakers.filter((label) => !isMarkerLabel(label, options.markers))
  if (speech.some((turn) => turn.speakerLabel === null)) labels.push(null)
  const fm = parsed.frontMatter
  const { metadata, warnings } = episodeMetadata(fm)
  report.warnings.push(...warnings)
  const showName = metadata.show ?? show
  const named = showName ? await findOrCreateShow(payload, req, showName) : undefined
  if (named?.created) report.warnings.push({ line: null, message: `Show “${showName}” did not exist: it was created` })
  // The show's hosts, when staff set them, decide who hosts this episode (resolveSpeakers).
  const showDoc =
    named ??
    (existing?.show !== undefined && existing.show !== null ? await findShow(payload, req, { id: existing.show }) : undefined) ??
    (await defaultShow(payload, req))
  const episodeShow = showDoc.id
  const speakers = await resolveSpeakers({
    labels,
    names: {
      frontMatter: frontMatterGuests(parsed.frontMatter),
      // Hosts introduce their guests in the first minutes.
      introduction: speech
        .slice(0, 6)
        .map((turn) => turn.text)
        .join('\n\n')
        .slice(0, 6000),
      fileName: parsed.fileName,
      permalink: parsed.permalink,
      // Read only for a first name nothing above completes.
      get speech() {
        return speech.map((turn) => turn.text).join('\n\n')
      },
      title: parsed.title,
    },
    options,
    payload,
    previous,
    req,
    showHosts: showDoc.hosts,
  })
  for (const { label, name, source } of speakers.namedFrom) {
    report.warnings.push({ line: null, message: `“${label}” is ${name}: the full name comes from the ${source}` })
  }
  report.createdSpeakers = speakers.createdSpeakers
  report.createdGuests = speakers.createdGuests

  const hostIds = new Set<number | string>(existing?.hosts ?? [])
  const guestIds = new Set<number | string>(existing?.guests ?? [])
  for (const speaker of speakers.bySpeakerLabel.values()) {
    if (speaker.isHost) hostIds.add(speaker.id)
    else if (speaker.guestId !== null) guestIds.add(speaker.guestId)
  }

  // A changed file is a new revision: the one a published version points to is never written in place.
  const revisionId = await insertRevision(payload, req, {
    episodeId: existing?.id,
    sourceChecksum: parsed.checksum,
    sourceFile: parsed.fileName,
    sourceFormat: parsed.format,
    ...speechCounts,
  })

  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined)
  const data: Record<string, unknown> = {
    _status: mapped.publish ? 'published' : 'draft',
    ...(metadata.audio ? { audio: { ...existing?.audio, ...metadata.audio } } : {}),
    ...(metadata.chapters ? { chapters: metadata.chapters } : {}),
    ...(metadata.duration !== undefined ? { duration: metadata.duration } : {}),
    ...(metadata.episodeType ? { episodeType: metadata.episodeType } : {}),
    ...(metadata.explicit !== undefined ? { explicit: metadata.explicit } : {}),
    ...(metadata.guid ? { guid: metadata.guid } : {}),
    ...(metadata.image ? { image: metadata.image } : {}),
    // Resolved above for its hosts: the episode hook need not look the default show up again.
    show: episodeShow,
    episodeNumber: metadata.episodeNumber ?? parsed.episodeNumber ?? existing?.episodeNumber ?? undefined,
    guests: [...guestIds],
    hosts: [...hostIds],
    permalink: parsed.permalink ?? existing?.permalink ?? undefined,
    publishedAt: mapped.publishAt?.toISOString() ?? existing?.publishedAt ?? (mapped.publish ? new Date().toISOString() : undefined),
    season: metadata.season ?? existing?.season,
    slug: parsed.slug,
    summary: text(fm.summary) ?? text(fm.description) ?? existing?.summary,
    title: parsed.title,
    transcript: {
      importedAt: new Date().toISOString(),
      revision: revisionId,
      language: text(fm.language) ?? existing?.transcript?.language ?? 'en',
      sourceChecksum: parsed.checksum,
      sourceFile: parsed.fileName,
      sourceFormat: parsed.format,
      ...speechCounts,
    },
    workflowStatus: mapped.workflowStatus,
  }
  // A new transcript for a live episode becomes a draft version; the public keeps the published one.
  if (keepsLive) delete data.workflowStatus
  // A new episode's revision is attached and its flags synced below, once, not by the hook too.
  let episode: StoredEpisode
  try {
    req.context.podcastDeferRevisionSync = !existing
    episode = (existing
      ? await payload.update({ id: existing.id, collection: episodes, data, depth: 0, draft: !mapped.publish, overrideAccess: true, req })
      : await payload.create({ collection: episodes, data, depth: 0, draft: !mapped.publish, overrideAccess: true, req })) as unknown as StoredEpisode
  } finally {
    req.context.podcastDeferRevisionSync = false
  }

  const turns: TurnRow[] = parsed.turns.map((turn, index) => {
    // The end the format gives (VTT, SRT, JSON), else the next turn's start.
    const next = parsed.turns[index + 1]
    const end = turn.end ?? next?.start ?? null
    return {
      end: end !== null && turn.start !== null && end >= turn.start ? end : null,
      kind: isMarker[index] ? 'marker' : 'speech',
      position: index,
      speakerId: isMarker[index] ? null : (speakers.bySpeakerLabel.get(turn.speakerLabel)?.id ?? null),
      speakerLabel: turn.speakerLabel,
      start: turn.start,
      text: turn.text,
      timestamp: turn.timestamp,
      wordCount: turn.wordCount,
    }
  })
  if (!existing) {
    // The revision was made before its episode existed.
    await attachRevision(payload, req, revisionId, episode.id)
    await syncRevisionFlags(payload, req, [episode.id])
  }
  await insertTurns({
    episodeId: episode.id,
    payload,
    req,
    revisionId,
    searchConfig: searchConfigOf((data.transcript as { language?: string }).language),
    turns,
  })
  if (!showDoc.hosts.length) {
    const voices = await frequentVoices(
      payload,
      req,
      episodeShow as number | string,
      [...speakers.bySpeakerLabel.values()].map((speaker) => speaker.id),
      options.import.hostShare,
    )
    if (voices.length) report.suggestedHosts = voices.map((voice) => voice.name)
  }
  await syncPublicAppearances(payload, req, {
    episodeIds: [episode.id],
    guestIds: [...guestIds],
    speakerIds: [...[...speakers.bySpeakerLabel.values()].map((speaker) => speaker.id), ...hostIds],
  })

  report.status = existing ? 'updated' : 'imported'
  report.episode = {
    id: episode.id,
    slug: episode.slug as string,
    status: episode.workflowStatus as string,
    title: episode.title as string,
  }
}

const describe = (error: unknown): string => {
  if (error && typeof error === 'object' && 'data' in error) {
    const errors = (error as { data?: { errors?: { message: string; path: string }[] } }).data?.errors
    if (errors?.length) return errors.map((e) => `${e.path}: ${e.message}`).join('; ')
  }
  // Drizzle wraps database errors in a message that repeats the whole query; the cause says why.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined
  const detail = cause && 'detail' in cause && cause.detail ? ` (${String(cause.detail)})` : ''
  if (cause) return `${cause.message}${detail}`
  return error instanceof Error ? error.message : String(error)
}

/** A database error about a turn names its row; point at that turn's line. */
const lineOf = (error: unknown, parsed: ParsedTranscript): null | number => {
  const match = /position\)=\(\d+, (\d+)\)/.exec(describe(error))
  return match ? (parsed.turns[Number(match[1])]?.line ?? null) : null
}
