/** What Apple requires of a show's feed that the show does not have yet (the admin lists it; the feed is served anyway). */
export const missingForApple = (show: {
  artwork?: unknown
  author?: null | string
  categories?: null | { category?: null | string }[]
  description?: null | string
  language?: null | string
  owner?: null | { email?: null | string; name?: null | string }
  title?: null | string
}): string[] => {
  const missing: string[] = []
  if (!show.title?.trim()) missing.push('title')
  if (!show.description?.trim()) missing.push('description')
  if (show.artwork === undefined ? false : !show.artwork) missing.push('artwork')
  if (!show.language?.trim()) missing.push('language')
  if (!show.categories?.some((entry) => entry.category)) missing.push('a category')
  if (!show.author?.trim()) missing.push('author')
  if (!show.owner?.name?.trim()) missing.push('owner name')
  if (!show.owner?.email?.trim()) missing.push('owner email')
  return missing
}
