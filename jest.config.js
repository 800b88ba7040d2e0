/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.jest.json' }];
// content-disposition 3 (used by @fastify/static, which serves Swagger UI) and aedes 1 (the
// ThinQ simulator's MQTT broker) ship only ESM; Jest runs CommonJS, so those packages are
// transpiled like our own code.
const esmPackages = ['content-disposition', 'aedes'];
const transform = {
  '^.+\\.ts$': tsJest,
  [`node_modules/(${esmPackages.join('|')})/.+\\.js$`]: tsJest,
};
const transformIgnorePatterns = [`/node_modules/(?!(${esmPackages.join('|')})/)`];
// The SDK's sources import each other as `./errors.js` (what its ES module build needs); Jest
// resolves a path as written, so a relative `.js` import is looked up without the extension.
const moduleNameMapper = { '^(\\.{1,2}/.*)\\.js$': '$1' };

module.exports = {
  testTimeout: 30000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/src', '<rootDir>/scripts'],
      testMatch: ['**/*.spec.ts'],
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      setupFiles: ['reflect-metadata', '<rootDir>/test/support/quiet-nest-logger.ts'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      setupFiles: ['reflect-metadata'],
      // Every supertest answer is checked against openapi.json (test/support/openapi-contract.ts).
      setupFilesAfterEnv: ['<rootDir>/test/support/openapi-responses.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
