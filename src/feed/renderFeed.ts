import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'

import { convertLexicalToHTML } from '@payloadcms/richtext-lexical/html'
import { create } from 'xmlbuilder2'

import type { FeedItemRow } from '../db/feed.ts'

export const NAMESPACES = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  podcast: 'https://podcastindex.org/namespace/1.0',
}

export type FeedShow = {
  artworkUrl: null | string
  author?: null | string
  block?: boolean | null
  categories?: null | { category?: null | string; subcategory?: null | string }[]
  copyright?: null | string
  description?: null | string
  explicit?: boolean | null
  funding?: null | { label?: null | string; url: string }[]
  hosts: { href: null | string; name: string; photo: null | string }[]
  language?: null | string
  link?: null | string
  locked?: boolean | null
  newFeedUrl?: null | string
  owner?: null | { email?: null | string; name?: null | string }
  podcastGuid?: null | string
  title: string
  type?: null | string
}

export type FeedInput = {
  /** Each episode's page. */
  episodeUrl: (slug: string) => string
  /** A file served beside the episode (transcript renditions, chapters). */
  fileUrl: (slug: string, file: string) => string
  feedUrl: string
  items: FeedItemRow[]
  show: FeedShow
  siteUrl: string
}

// XML 1.0 cannot carry most control characters; a transcript or note pasted from elsewhere may.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g
const clean = (text: string) => text.replace(INVALID_XML, '')

const yesNo = (value: boolean | null | undefined) => (value ? 'true' : 'false')

/** `itunes:duration` as whole seconds: what Apple recommends, and unambiguous. */
const seconds = (value: number) => String(Math.round(value))

const rfc2822 = (iso: null | string) => new Date(iso ?? 0).toUTCString()

/** Show notes as HTML (the richtext-lexical converters), else the summary. */
const notesHtml = (item: FeedItemRow): string => {
  const state = item.showNotes as null | SerializedEditorState
  if (state?.root?.children?.length) {
    const html = convertLexicalToHTML({ data: state, disableContainer: true })
    if (html.trim()) return html
  }
  return item.summary ?? ''
}

// The transcript files in the feed (Markdown and text are for people, not apps).
const TRANSCRIPTS = [
  { file: 'transcript.vtt', type: 'text/vtt' },
  { file: 'transcript.srt', type: 'application/x-subrip' },
  { file: 'transcript.json', type: 'application/json' },
  { file: 'transcript.html', type: 'text/html' },
]

/**
 * A show's RSS 2.0 feed with the itunes, podcast, atom and content namespaces, built with
 * xmlbuilder2 (which escapes every text and attribute): Apple's required channel tags, the
 * Podcasting 2.0 ones the show has, and an item per episode given, in the order given.
 */
export const renderFeed = ({ episodeUrl, feedUrl, fileUrl, items, show, siteUrl }: FeedInput): string => {
  const rss = create({ encoding: 'UTF-8', version: '1.0' }).ele('rss', {
    version: '2.0',
    'xmlns:atom': NAMESPACES.atom,
    'xmlns:content': NAMESPACES.content,
    'xmlns:itunes': NAMESPACES.itunes,
    'xmlns:podcast': NAMESPACES.podcast,
  })
  const channel = rss.ele('channel')
  const text = (parent: typeof channel, name: string, value: null | string | undefined) => {
    if (value !== null && value !== undefined && value !== '') parent.ele(name).txt(clean(value))
  }
  text(channel, 'title', show.title)
  text(channel, 'link', show.link || siteUrl)
  channel.ele('description').txt(clean(show.description || show.title))
  channel.ele('atom:link', { href: feedUrl, rel: 'self', type: 'application/rss+xml' })
  text(channel, 'language', show.language || 'en')
  text(channel, 'copyright', show.copyright)
  text(channel, 'generator', 'payload-plugin-podcast')
  if (items[0]?.publishedAt) text(channel, 'lastBuildDate', rfc2822(items[0].publishedAt))
  if (show.artworkUrl) {
    channel.ele('itunes:image', { href: show.artworkUrl })
    const image = channel.ele('image')
    text(image, 'url', show.artworkUrl)
    text(image, 'title', show.title)
    text(image, 'link', show.link || siteUrl)
  }
  for (const { category, subcategory } of show.categories ?? []) {
    if (!category) continue
    const element = channel.ele('itunes:category', { text: category })
    if (subcategory) element.ele('itunes:category', { text: subcategory })
  }
  text(channel, 'itunes:explicit', yesNo(show.explicit))
  text(channel, 'itunes:author', show.author)
  if (show.owner?.name || show.owner?.email) {
    const owner = channel.ele('itunes:owner')
    text(owner, 'itunes:name', show.owner.name)
    text(owner, 'itunes:email', show.owner.email)
  }
  text(channel, 'itunes:type', show.type || 'episodic')
  if (show.newFeedUrl) text(channel, 'itunes:new-feed-url', show.newFeedUrl)
  if (show.block) text(channel, 'itunes:block', 'Yes')
  text(channel, 'podcast:guid', show.podcastGuid)
  channel.ele('podcast:locked', show.owner?.email ? { owner: show.owner.email } : {}).txt(show.locked ? 'yes' : 'no')
  for (const funding of show.funding ?? []) channel.ele('podcast:funding', { url: funding.url }).txt(clean(funding.label || funding.url))
  for (const host of show.hosts) {
    channel.ele('podcast:person', { role: 'host', ...(host.photo ? { img: host.photo } : {}), ...(host.href ? { href: host.href } : {}) }).txt(clean(host.name))
  }

  for (const episode of items) {
    const item = channel.ele('item')
    text(item, 'title', episode.title)
    text(item, 'link', episodeUrl(episode.slug))
    const notes = clean(notesHtml(episode))
    if (notes) {
      item.ele('description').txt(notes)
      item.ele('content:encoded').txt(notes)
    }
    item.ele('pubDate').txt(rfc2822(episode.publishedAt))
    item.ele('guid', { isPermaLink: 'false' }).txt(clean(episode.guid ?? String(episode.id)))
    item.ele('enclosure', {
      length: String(Math.max(0, Math.round(episode.audioBytes ?? 0))),
      type: episode.audioType || 'audio/mpeg',
      url: episode.audioUrl,
    })
    if (episode.duration !== null) text(item, 'itunes:duration', seconds(episode.duration))
    if (episode.image) item.ele('itunes:image', { href: episode.image })
    text(item, 'itunes:explicit', yesNo(episode.explicit))
    if (episode.episodeNumber !== null) text(item, 'itunes:episode', String(episode.episodeNumber))
    if (episode.season !== null) text(item, 'itunes:season', String(episode.season))
    text(item, 'itunes:episodeType', episode.episodeType || 'full')
    if (episode.season !== null) text(item, 'podcast:season', String(episode.season))
    if (episode.episodeNumber !== null) text(item, 'podcast:episode', String(episode.episodeNumber))
    for (const host of episode.hosts) item.ele('podcast:person', { role: 'host' }).txt(clean(host.name))
    for (const guest of episode.guests) {
      item
        .ele('podcast:person', { role: 'guest', ...(guest.photo ? { img: guest.photo } : {}), ...(guest.href ? { href: guest.href } : {}) })
        .txt(clean(guest.name))
    }
    if (episode.transcriptRevision !== null) {
      for (const { file, type } of TRANSCRIPTS) {
        item.ele('podcast:transcript', {
          url: fileUrl(episode.slug, file),
          type,
          ...(episode.language ? { language: episode.language } : {}),
          ...(type === 'text/vtt' && episode.timed ? { rel: 'captions' } : {}),
        })
      }
    }
    if (episode.hasChapters) item.ele('podcast:chapters', { type: 'application/json+chapters', url: fileUrl(episode.slug, 'chapters.json') })
  }
  return rss.end({ prettyPrint: true })
}
