/** Why an episode is or is not in its show's feed, for the admin (the feed leaves out what it cannot play). */
export const feedStatusOf = (episode: { _status?: null | string; audio?: null | { url?: null | string } }): string => {
  if (episode._status !== 'published') return 'Not in the feed: not published.'
  if (!episode.audio?.url) return 'Not in the feed: it has no audio URL (Audio tab).'
  return 'In the feed.'
}
