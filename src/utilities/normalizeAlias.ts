// Honorifics are ignored when matching labels: "Dr. Michaela" and "Michaela" are one voice.
const TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'mx', 'prof', 'sir', 'dame'])

/**
 * The form aliases are matched (and uniquely indexed) under: case-, accent- and
 * punctuation-insensitive, honorifics dropped.
 */
export const normalizeAlias = (label: string): string => {
  const words = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
  const withoutTitles = words.filter((word, index) => !(TITLES.has(word) && index < words.length - 1))
  return withoutTitles.join(' ')
}
