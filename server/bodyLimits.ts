import type { Request as ExpressRequest } from 'express'
import type { SanitizedConfig } from 'payload'

import type { ResolvedPodcastOptions } from '../src/types'

/** JSON and other non-file bodies: 2 MB is far above any document the admin or a client writes. */
export const MAX_JSON_BODY = 2 * 1024 * 1024

/**
 * The largest body each API request may send, in bytes. Anonymous requests: MAX_JSON_BODY. The bulk import's multipart
 * is unbounded here because its endpoint streams it and refuses per file and per count
 * itself; its JSON may be `import.maxJsonBody`. Other uploads (guest photos, a single
 * transcript) are bounded by `maxUploadBytes`.
 */
export const bodyLimitFor = (config: SanitizedConfig, maxUploadBytes: number) => {
  const options = config.custom.podcast as ResolvedPodcastOptions
  const bulkPath = `${config.routes.api}/${options.slugs.transcriptImports}/bulk`
  const session = new RegExp(`(?:^|;\\s*)${config.cookiePrefix}-token=`)
  return (req: ExpressRequest): number => {
    // Nothing the public may send is large: without credentials, every body is held to the JSON limit.
    if (!req.headers.authorization && !session.test(req.headers.cookie ?? '')) return MAX_JSON_BODY
    const multipart = Boolean(req.is('multipart/form-data'))
    if (req.path === bulkPath) return multipart ? Infinity : options.import.maxJsonBody
    return multipart ? maxUploadBytes : MAX_JSON_BODY
  }
}
