/** Native ESM jest: run through `npm test` (NODE_OPTIONS=--experimental-vm-modules). */
const config = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          target: 'es2022',
          transform: { react: { runtime: 'automatic' } },
        },
        module: { type: 'es6' },
      },
    ],
  },
  // Only our own sources are transformed; node_modules load as native ESM/CJS.
  transformIgnorePatterns: ['/node_modules/'],
  moduleNameMapper: {
    '^@payload-config$': '<rootDir>/payload.config.ts',
    '\\.(css|scss)$': '<rootDir>/test/helpers/styleStub.js',
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/helpers/globalSetup.mjs',
  globalTeardown: '<rootDir>/test/helpers/globalTeardown.mjs',
  testTimeout: 120_000,
  maxWorkers: 2,
}

export default config
