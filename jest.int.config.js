const base = require('./jest.base');

/**
 * Integration and end-to-end tests on real PostgreSQL, Kafka, Redis and SMTP.
 * The global setup checks the infrastructure is reachable and fails loudly if it is not.
 */
module.exports = {
  ...base,
  displayName: 'integration',
  testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts', '<rootDir>/tests/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
