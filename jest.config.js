/** Unit specs live beside the code (src/**\/*.spec.ts); end-to-end suites in test/ boot the app on real PostgreSQL. */
module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  // Type checking is `tsc --noEmit` in `npm test`; transpiling alone keeps jest quick.
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  // Two suites at a time: most of a suite's time is spent waiting (child processes, Chromium, PostgreSQL, queue
  // polls), so two overlap well even on two cores. Each suite has its own database, ports and temp directories.
  maxWorkers: 2,
  // Once every suite has reported, a stray handle (a test receiver's socket, a queue's timer) must not keep CI
  // waiting. Seen once in a full run after 663 passing tests.
  forceExit: true,
};
