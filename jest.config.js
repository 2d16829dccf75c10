/** One jest run for everything: the domain core, the functions against a real Azurite, the add-in in Chromium. */
// ESM-only packages (jose; office-addin-mock's strip-bom and uuid) that jest can't require on Node 20: ts-jest transforms them.
const esmOnly = ['strip-bom', 'uuid', 'office-addin-mock', 'jose'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.[tj]sx?$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json', diagnostics: false }],
  },
  // Nested copies count too (node_modules/@microsoft/app-manifest/node_modules/strip-bom).
  transformIgnorePatterns: [`/node_modules/(?!(?:.*/node_modules/)?(?:${esmOnly.join('|')})/)`],
  moduleNameMapper: {
    '^@samla/shared$': '<rootDir>/shared/src',
  },
  testTimeout: 30000,
  // Installs Debian's Chromium for the browser tests where it is missing.
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
};
