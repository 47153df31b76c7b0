/** Jest runs every test under test/. Type checking is done once by `tsc` in `npm test`,
 * so ts-jest only transpiles (isolatedModules) to keep the suite fast on two cores. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
  },
  testTimeout: 30000,
  maxWorkers: 2,
};
