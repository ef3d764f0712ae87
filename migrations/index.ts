import * as migration_20261125_203757_initial from './20261125_203757_initial';

export const migrations = [
  {
    up: migration_20261125_203757_initial.up,
    down: migration_20261125_203757_initial.down,
    name: '20261125_203757_initial'
  },
];
