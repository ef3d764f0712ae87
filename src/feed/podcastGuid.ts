import { createHash } from 'node:crypto'

// The namespace's guid is a UUIDv5 of the feed URL in this namespace (podcast-namespace docs/tags/guid.md).
const PODCAST_NAMESPACE = 'ead4c236-bf58-58c6-a2c6-a6b28d128cb6'

/** UUIDv5 (RFC 9562) of `name` in `namespace`. */
export const uuidv5 = (name: string, namespace: string): string => {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
  hash[6] = (hash[6] & 0x0f) | 0x50
  hash[8] = (hash[8] & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** The show's `podcast:guid`: of its feed URL without the scheme and trailing slashes, as the namespace says. */
export const podcastGuidOf = (feedUrl: string): string => uuidv5(feedUrl.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, ''), PODCAST_NAMESPACE)
