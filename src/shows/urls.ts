import type { Payload, PayloadRequest } from 'payload'

import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'

/** Absolute URLs in feeds and files: from PUBLIC_URL (Payload's serverURL) when set, else the request's origin (which follows X-Forwarded-* only with TRUST_PROXY). */
export const baseUrlOf = (req: Pick<PayloadRequest, 'payload' | 'url'>) =>
  (req.payload.config.serverURL || new URL(req.url ?? 'http://localhost').origin).replace(/\/+$/, '')

const api = (payload: Payload) => payload.config.routes.api

export const feedUrlOf = (baseUrl: string, payload: Payload, showSlug: string) =>
  `${baseUrl}${api(payload)}/${getPodcastOptions(payload).slugs.shows}/${encodeURIComponent(showSlug)}/feed.xml`

export const episodeFileUrl = (baseUrl: string, payload: Payload, episodeSlug: string, file: string) =>
  `${baseUrl}${api(payload)}/${getPodcastOptions(payload).slugs.episodes}/${encodeURIComponent(episodeSlug)}/${file}`
