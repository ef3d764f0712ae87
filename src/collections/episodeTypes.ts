/** An episode's `itunes:episodeType`. */
export const episodeTypes = [
  { label: 'Full', value: 'full' },
  { label: 'Trailer', value: 'trailer' },
  { label: 'Bonus', value: 'bonus' },
]
