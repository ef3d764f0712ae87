import type { Request as ExpressRequest } from 'express'
import type { SanitizedConfig } from 'payload'

import type { ResolvedPodcastOptions } from '../src/types'

/** JSON and other non-file bodies: 2 MB is far above any document the admin or a client writes. */
export const MAX_JSON_BODY = 2 * 1024 * 1024

/**
 * The largest body each API request may send, in bytes. The bulk import's multipart
 * is unbounded here because its endpoint streams it and refuses per file and per count
 * itself; its JSON may be `import.maxJsonBody`. Other uploads (guest photos, a single
 * transcript) are bounded by `maxUploadBytes`.
 */
export const bodyLimitFor = (config: SanitizedConfig, maxUploadBytes: number) => {
  const options = config.custom.podcast as ResolvedPodcastOptions
  const bulkPath = `${config.routes.api}/${options.slugs.transcriptImports}/bulk`
  return (req: ExpressRequest): number => {
    const multipart = Boolean(req.is('multipart/form-data'))
    if (req.path === bulkPath) return multipart ? Infinity : options.import.maxJsonBody
    return multipart ? maxUploadBytes : MAX_JSON_BODY
  }
}
