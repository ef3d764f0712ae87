/**
 * The Postgres text-search configuration for a transcript's language (ISO 639-1, as `transcript.language`
 * holds it): Postgres' built-in stemmers, `simple` for the rest. Frozen names: they are stored on the turns.
 */
const CONFIGS: Record<string, string> = {
  ar: 'arabic',
  ca: 'catalan',
  da: 'danish',
  de: 'german',
  el: 'greek',
  en: 'english',
  es: 'spanish',
  eu: 'basque',
  fi: 'finnish',
  fr: 'french',
  ga: 'irish',
  hi: 'hindi',
  hu: 'hungarian',
  hy: 'armenian',
  id: 'indonesian',
  it: 'italian',
  lt: 'lithuanian',
  ne: 'nepali',
  nl: 'dutch',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sr: 'serbian',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
  yi: 'yiddish',
}

export const searchConfigOf = (language: null | string | undefined): string => CONFIGS[(language ?? '').trim().toLowerCase().split(/[-_]/)[0]] ?? 'simple'

/** The map, for SQL that picks a configuration by language (db/search configOfLanguageSql). */
export const searchConfigs = CONFIGS
