// Honorifics are ignored when matching labels: "Dr. Michaela" and "Michaela" are one voice.
const TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'mx', 'prof', 'sir', 'dame'])
// So are degrees and generational suffixes after a name: "Mireille Reece, PsyD" is "Mireille Reece".
// (Punctuation is gone by then: "Ph.D." and "Psy.D" arrive as "ph d" and "psy d".)
const SUFFIXES = /(?: (?:ph d|phd|psy d|psyd|md|jr|sr|ii|iii|iv))+$/

/**
 * The form aliases are matched (and uniquely indexed) under: case-, accent- and
 * punctuation-insensitive, honorifics, degrees, generational suffixes and single middle initials
 * dropped ("Mireille B. Reece, Psy.D" and "Mireille Reece, PsyD" are one person).
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
  const withoutSuffixes = withoutTitles.join(' ').replace(SUFFIXES, '').split(' ').filter(Boolean)
  const name = withoutSuffixes.length ? withoutSuffixes : withoutTitles
  // A single letter between first and last name is a middle initial.
  return name.filter((word, index) => !(word.length === 1 && index > 0 && index < name.length - 1)).join(' ')
}
