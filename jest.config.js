/** Jest runs every test under test/. Type checking is done once by `tsc` in `npm test`,
 * so ts-jest only transpiles (isolatedModules, set in tsconfig.json) to keep the suite fast on two cores. */

// Dependencies that ship only ES modules, which Jest's CommonJS loader cannot read untransformed:
// cookie 2 (light-my-request, behind Fastify's inject) and content-disposition 3 (@fastify/static).
const esmOnlyPackages = ['cookie', 'content-disposition'];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }],
    [`/node_modules/(${esmOnlyPackages.join('|')})/.+\\.js$`]: [
      'ts-jest',
      { diagnostics: false, tsconfig: { allowJs: true, isolatedModules: true } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  setupFilesAfterEnv: ['<rootDir>/test/support/domTimeouts.ts'],
  testTimeout: 30000,
  maxWorkers: 2,
};
