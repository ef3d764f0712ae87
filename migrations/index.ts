import * as migration_20261125_205520_initial from './20261125_205520_initial';

export const migrations = [
  {
    up: migration_20261125_205520_initial.up,
    down: migration_20261125_205520_initial.down,
    name: '20261125_205520_initial'
  },
];
