/** Lowercase ASCII slug: diacritics stripped, anything else between words becomes `-`. */
export const slugify = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
    .replace(/-+$/, '')

/** The slug of a permalink's last path segment: `/episode-1-cassidy-williams/` → `episode-1-cassidy-williams`. */
export const slugFromPermalink = (permalink: string): string => {
  let pathname = permalink.trim()
  try {
    pathname = new URL(pathname).pathname
  } catch {
    // Not a full URL: a path as written.
  }
  const segments = pathname.split(/[/?#]/).filter(Boolean)
  return slugify(segments.at(-1) ?? pathname)
}
