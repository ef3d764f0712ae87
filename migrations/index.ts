import * as migration_20261125_205415_initial from './20261125_205415_initial';

export const migrations = [
  {
    up: migration_20261125_205415_initial.up,
    down: migration_20261125_205415_initial.down,
    name: '20261125_205415_initial'
  },
];
