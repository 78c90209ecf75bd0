const base = require('./jest.base');

/** Domain rules and pure code: no I/O, runs anywhere. */
module.exports = {
  ...base,
  displayName: 'unit',
  testMatch: ['<rootDir>/{apps,libs,scripts}/**/*.spec.ts'],
};
