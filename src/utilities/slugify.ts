const MAX_LENGTH = 120

// Letters that Unicode normalisation does not split into an ASCII base and an accent.
const LETTERS: Record<string, string> = { æ: 'ae', ð: 'd', đ: 'd', ł: 'l', ø: 'o', œ: 'oe', ß: 'ss', þ: 'th' }

/** Lowercase ASCII words joined by `-`: `Amir Salihefendić's Talk` → `amir-salihefendics-talk`. */
export const slugify = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[æðđłøœßþ]/g, (letter) => LETTERS[letter])
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_LENGTH)
    .replace(/^-+|-+$/g, '')

/** The slug of a permalink's last path segment; works for `/episode-1` and full URLs alike. */
export const slugFromPermalink = (permalink: string): string => {
  const path = permalink
    .trim()
    .replace(/^[a-z][a-z\d+.-]*:\/\/[^/]*/i, '')
    .replace(/[?#].*$/, '')
  const segment =
    path
      .split('/')
      .filter((part) => part.trim() !== '')
      .pop() ?? ''
  let decoded = segment
  try {
    decoded = decodeURIComponent(segment)
  } catch {
    // A stray `%` is kept as written and slugified away.
  }
  return slugify(decoded)
}
