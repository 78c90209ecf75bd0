// Shared by the unit and integration configs: SWC transpiles (no type-check, tsc does that),
// and the @respire/* aliases resolve to the libs' sources as in tsconfig.json.
const swcConfig = {
  sourceMaps: 'inline',
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2023',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
};

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(ts|js)$': ['@swc/jest', swcConfig] },
  // ESM-only packages that Jest's CommonJS runtime cannot load untranspiled (Swagger UI's static serving).
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|@platformatic)/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@respire/(contracts|messaging|tenancy|platform|jobs|runtime|testing)$': '<rootDir>/libs/$1/src',
    '^@respire/(contracts|messaging|tenancy|platform|jobs|runtime|testing)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.cache/'],
};
