/** What the generated corpora share: names, timestamps and a seeded random stream. */
export const FIRST_NAMES =
  'Ada Grace Linus Margaret Alan Barbara Ken Radia Dennis Frances Guido Hedy Katherine Edsger Donald Sandeep Mireille Kent Priya Tomás Yuki Olu Ingrid Mateo Aisha Lars Chen Fatima Noor Pablo'.split(
    ' ',
  )
export const LAST_NAMES =
  'Lovelace Hopper Torvalds Hamilton Turing Liskov Thompson Perlman Ritchie Allen Rossum Lamarr Johnson Dijkstra Knuth Panda Reece Dodds Raman García Tanaka Adeyemi Berg Rossi Khan Nilsson Wei Haddad'.split(
    ' ',
  )

export const stamp = (seconds: number) =>
  [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60].map((n) => String(n).padStart(2, '0')).join(':')

/** A deterministic PRNG, so every run benchmarks the same corpus. */
export const random = (seed: number) => () => {
  seed = (seed * 1664525 + 1013904223) % 4294967296
  return seed / 4294967296
}
