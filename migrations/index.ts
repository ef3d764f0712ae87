import * as migration_20261125_202700_initial from './20261125_202700_initial';

export const migrations = [
  {
    up: migration_20261125_202700_initial.up,
    down: migration_20261125_202700_initial.down,
    name: '20261125_202700_initial'
  },
];
