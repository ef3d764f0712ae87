/** The server's own settings from the environment, checked before anything starts. */
export type ServerSettings = {
  maxUploadBytes: number
  trustProxy: boolean | number | string
}

const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024

/** Reads TRUST_PROXY and MAX_UPLOAD_BYTES; a value that would quietly weaken a limit is an error. */
export const readServerSettings = (env: Record<string, string | undefined> = process.env): ServerSettings => {
  const trust = env.TRUST_PROXY?.trim()
  if (trust === 'true') {
    throw new Error(
      'TRUST_PROXY=true trusts every X-Forwarded-For entry, so a client could pick the address the login throttle counts by. Set the number of proxies in front of the app (e.g. TRUST_PROXY=1) or their addresses.',
    )
  }
  const upload = env.MAX_UPLOAD_BYTES?.trim()
  if (upload !== undefined && upload !== '' && !/^[1-9]\d*$/.test(upload)) {
    throw new Error(`MAX_UPLOAD_BYTES must be a whole number of bytes, like 20971520; it is "${upload}".`)
  }
  return {
    maxUploadBytes: upload ? Number(upload) : DEFAULT_MAX_UPLOAD_BYTES,
    trustProxy: !trust || trust === 'false' ? false : /^\d+$/.test(trust) ? Number(trust) : trust,
  }
}
