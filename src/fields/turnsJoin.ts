import type { JoinField } from 'payload'

import type { ResolvedPodcastOptions } from '../types.ts'

/** A transcript's turns in order, joined on the turn's `episode` or `revision`. */
export const turnsJoin = (options: ResolvedPodcastOptions, on: 'episode' | 'revision'): JoinField => ({
  name: 'turns',
  type: 'join',
  admin: { defaultColumns: ['position', 'speakerLabel', 'timestamp', 'text'] },
  collection: options.slugs.transcriptTurns,
  defaultLimit: 100,
  defaultSort: 'position',
  on,
})
