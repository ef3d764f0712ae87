import * as migration_20261125_205520_initial from './20261125_205520_initial';
import * as migration_20261129_162104_security_boundary from './20261129_162104_security_boundary';
import * as migration_20261129_184332_transcript_revisions from './20261129_184332_transcript_revisions';
import * as migration_20261129_193649_one_revision_per_flag from './20261129_193649_one_revision_per_flag';
import * as migration_20261129_213416_import_batches from './20261129_213416_import_batches';
import * as migration_20261129_214912_media_object_key from './20261129_214912_media_object_key';
import * as migration_20261130_002450_shows_and_feeds from './20261130_002450_shows_and_feeds';
import * as migration_20261130_003602_markers from './20261130_003602_markers';
import * as migration_20261130_004249_people from './20261130_004249_people';
import * as migration_20261130_005619_formats from './20261130_005619_formats';
import * as migration_20261130_010919_search from './20261130_010919_search';
import * as migration_20261130_024059_search_episodes from './20261130_024059_search_episodes';
import * as migration_20261130_024859_search_suggestions from './20261130_024859_search_suggestions';
import * as migration_20261130_025859_search_public_turns from './20261130_025859_search_public_turns';

export const migrations = [
  {
    up: migration_20261125_205520_initial.up,
    down: migration_20261125_205520_initial.down,
    name: '20261125_205520_initial',
  },
  {
    up: migration_20261129_162104_security_boundary.up,
    down: migration_20261129_162104_security_boundary.down,
    name: '20261129_162104_security_boundary',
  },
  {
    up: migration_20261129_184332_transcript_revisions.up,
    down: migration_20261129_184332_transcript_revisions.down,
    name: '20261129_184332_transcript_revisions',
  },
  {
    up: migration_20261129_193649_one_revision_per_flag.up,
    down: migration_20261129_193649_one_revision_per_flag.down,
    name: '20261129_193649_one_revision_per_flag',
  },
  {
    up: migration_20261129_213416_import_batches.up,
    down: migration_20261129_213416_import_batches.down,
    name: '20261129_213416_import_batches',
  },
  {
    up: migration_20261129_214912_media_object_key.up,
    down: migration_20261129_214912_media_object_key.down,
    name: '20261129_214912_media_object_key',
  },
  {
    up: migration_20261130_002450_shows_and_feeds.up,
    down: migration_20261130_002450_shows_and_feeds.down,
    name: '20261130_002450_shows_and_feeds',
  },
  {
    up: migration_20261130_003602_markers.up,
    down: migration_20261130_003602_markers.down,
    name: '20261130_003602_markers',
  },
  {
    up: migration_20261130_004249_people.up,
    down: migration_20261130_004249_people.down,
    name: '20261130_004249_people',
  },
  {
    up: migration_20261130_005619_formats.up,
    down: migration_20261130_005619_formats.down,
    name: '20261130_005619_formats',
  },
  {
    up: migration_20261130_010919_search.up,
    down: migration_20261130_010919_search.down,
    name: '20261130_010919_search',
  },
  {
    up: migration_20261130_024059_search_episodes.up,
    down: migration_20261130_024059_search_episodes.down,
    name: '20261130_024059_search_episodes',
  },
  {
    up: migration_20261130_024859_search_suggestions.up,
    down: migration_20261130_024859_search_suggestions.down,
    name: '20261130_024859_search_suggestions',
  },
  {
    up: migration_20261130_025859_search_public_turns.up,
    down: migration_20261130_025859_search_public_turns.down,
    name: '20261130_025859_search_public_turns'
  },
];
