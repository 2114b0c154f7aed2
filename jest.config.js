/** One runner for unit specs (beside the code) and end-to-end specs (under test/). */
const common = {
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: {
    '^@skp/messages$': '<rootDir>/libs/messages/src',
    '^@skp/crypto$': '<rootDir>/libs/crypto/src',
    '^@skp/crypto/dev$': '<rootDir>/libs/crypto/src/dev',
    '^@skp/platform$': '<rootDir>/libs/platform/src',
  },
  testEnvironment: 'node',
};
module.exports = {
  // end-to-end suites start real processes and wait on real brokers: generous, never a speed assertion
  testTimeout: 180000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/architecture/*.spec.ts'],
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
