import type { CollectionConfig, Field } from 'payload'

import type { ResolvedPodcastOptions } from '../types.ts'

import { editorsOnly } from '../access/index.ts'
import { RequestRefused } from '../errors.ts'
import { appleCategories } from '../feed/appleCategories.ts'
import { feedEndpoint } from '../endpoints/feed.ts'
import { podcastGuidOf } from '../feed/podcastGuid.ts'
import { slugField } from '../fields/slugField.ts'
import { webUrl } from '../fields/webUrl.ts'
import { appleArtwork } from '../shows/artwork.ts'
import { applyShowHostsAfterChange } from '../shows/applyShowHosts.ts'
import { feedUrlOf } from '../shows/urls.ts'
import { missingForApple } from '../shows/missingForApple.ts'

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const options = (values: string[]) => values.map((value) => ({ label: value, value }))

/**
 * A podcast: what its feed says about it. A network publishes several from one CMS; every
 * episode belongs to one. Public to read, written by editors.
 */
export const createShowsCollection = (opts: ResolvedPodcastOptions): CollectionConfig => {
  const artwork: Field[] = opts.showArtworkCollection
    ? [
        {
          name: 'artwork',
          type: 'upload',
          admin: { description: 'Square JPEG or PNG, 1400 to 3000 pixels (Apple Podcasts).' },
          relationTo: opts.showArtworkCollection,
          validate: appleArtwork(opts.showArtworkCollection),
        },
      ]
    : []
  return {
    slug: opts.slugs.shows,
    access: { create: editorsOnly, delete: editorsOnly, read: () => true, update: editorsOnly, ...opts.access.shows },
    admin: {
      defaultColumns: ['title', 'slug', 'language', 'updatedAt'],
      description: 'Podcasts, each with its own feed: /api/shows/<slug>/feed.xml',
      group: opts.group,
      useAsTitle: 'title',
    },
    defaultPopulate: { slug: true, title: true },
    endpoints: opts.disabled ? [] : [feedEndpoint],
    fields: [
      { name: 'title', type: 'text', required: true },
      slugField('title'),
      { name: 'description', type: 'textarea' },
      {
        name: 'language',
        type: 'text',
        admin: { description: 'ISO 639 code, e.g. en or en-GB.' },
        defaultValue: opts.defaultShow.language,
        validate: (value: unknown) => !value || (typeof value === 'string' && LANGUAGE.test(value)) || 'An ISO 639 language code, e.g. en.',
      },
      { name: 'author', type: 'text' },
      { name: 'link', type: 'text', admin: { description: 'The show’s website.' }, validate: webUrl },
      { name: 'copyright', type: 'text' },
      ...artwork,
      {
        name: 'owner',
        type: 'group',
        admin: { description: 'Who Apple and the podcast index contact about the feed; the email also owns the lock.' },
        fields: [
          { name: 'name', type: 'text' },
          { name: 'email', type: 'email', validate: (value: unknown) => !value || (typeof value === 'string' && EMAIL.test(value)) || 'An email address.' },
        ],
      },
      {
        name: 'categories',
        type: 'array',
        admin: { description: 'Apple’s categories, as Apple writes them.' },
        fields: [
          {
            name: 'category',
            type: 'text',
            admin: { description: `One of: ${Object.keys(appleCategories).join(', ')}.` },
            required: true,
            // Text, not a select: GraphQL enum names cannot hold Apple's "&" and spaces.
            validate: (value: unknown) =>
              (typeof value === 'string' && Object.hasOwn(appleCategories, value)) ||
              `“${String(value)}” is not one of Apple’s categories (${Object.keys(appleCategories).join(', ')}).`,
          },
          {
            name: 'subcategory',
            type: 'text',
            validate: (value: unknown, { siblingData }: { siblingData: { category?: string } }) => {
              if (!value) return true
              const allowed = appleCategories[siblingData.category ?? ''] ?? []
              return (
                allowed.includes(value as string) ||
                `“${String(value)}” is not a subcategory of ${siblingData.category ?? 'that category'}${allowed.length ? ` (${allowed.join(', ')})` : ''}.`
              )
            },
          },
        ],
        maxRows: 3,
      },
      { name: 'explicit', type: 'checkbox', defaultValue: false },
      { name: 'type', type: 'select', defaultValue: 'episodic', options: options(['episodic', 'serial']) },
      {
        name: 'podcastGuid',
        type: 'text',
        admin: {
          description:
            'The feed’s podcast:guid: from its URL when the show is created (or at the first feed request). It never changes; set it once to keep the guid of a show that moves here.',
          position: 'sidebar',
        },
        index: true,
        validate: (value: unknown) =>
          !value || (typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) || 'A UUID.',
      },
      { name: 'locked', type: 'checkbox', admin: { description: 'podcast:locked: other platforms may not import this feed.' }, defaultValue: false },
      {
        name: 'funding',
        type: 'array',
        fields: [
          { name: 'url', type: 'text', required: true, validate: webUrl },
          { name: 'label', type: 'text' },
        ],
      },
      { name: 'hosts', type: 'relationship', hasMany: true, relationTo: opts.slugs.speakers },
      { name: 'newFeedUrl', type: 'text', admin: { description: 'Where the feed moved to (itunes:new-feed-url).' }, validate: webUrl },
      { name: 'block', type: 'checkbox', admin: { description: 'Keep the show out of Apple Podcasts (itunes:block).' }, defaultValue: false },
      {
        name: 'feedUrl',
        type: 'text',
        admin: { description: 'Give this to Apple Podcasts, Spotify and the podcast index.', position: 'sidebar', readOnly: true },
        hooks: {
          afterRead: [({ data, req }) => (data?.slug ? feedUrlOf(req.payload.config.serverURL || '', req.payload, data.slug as string) : null)],
          beforeChange: [() => undefined],
        },
        label: 'Feed URL',
        virtual: true,
      },
      {
        name: 'missingForApple',
        type: 'text',
        admin: { description: 'What Apple requires that the show lacks. The feed is served anyway.', position: 'sidebar', readOnly: true },
        hooks: {
          afterRead: [
            ({ data }) => (data ? missingForApple({ ...data, artwork: opts.showArtworkCollection ? data.artwork : undefined }).join(', ') || null : null),
          ],
          beforeChange: [() => undefined],
        },
        virtual: true,
      },
    ],
    hooks: {
      afterChange: opts.disabled ? [] : [applyShowHostsAfterChange],
      beforeChange: [
        ({ data, originalDoc, req }) => {
          const previous = (originalDoc as undefined | { podcastGuid?: null | string })?.podcastGuid
          if (previous && data.podcastGuid !== undefined && data.podcastGuid !== previous) {
            throw new RequestRefused('A show’s podcastGuid never changes once set: podcast apps know the show by it.', 400)
          }
          // From PUBLIC_URL when the app knows it; otherwise the first feed request sets it (endpoints/feed).
          if (!previous && !data.podcastGuid && req.payload.config.serverURL && data.slug) {
            data.podcastGuid = podcastGuidOf(feedUrlOf(req.payload.config.serverURL, req.payload, data.slug as string))
          }
          return data
        },
      ],
    },
    timestamps: true,
  }
}
