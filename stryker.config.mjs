/**
 * Mutation testing: `npm run mutate` (not part of `npm test`: it runs the related tests once per
 * mutant, minutes to hours). Sized for a 2-core machine shared with others.
 * https://stryker-mutator.io/docs/stryker-js/configuration/
 */
import { fileURLToPath } from 'node:url';

// Stryker runs the tests in a copy of the repository under .stryker-tmp/, where `../shared`
// is not beside it; test/helpers/shared-data.ts reads the real folder from here.
process.env.SHARED_DATA_DIR ??= fileURLToPath(new URL('../shared/data/', import.meta.url));

export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: true },
  plugins: ['@stryker-mutator/vitest-runner'],
  // What the bot decides and renders; the rest is I/O, covered by end-to-end tests.
  mutate: ['src/search/**/*.ts', 'src/blocks/**/*.ts', 'src/bot/**/*.ts'],
  // Only the tests that reached a mutant run against it.
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // A mutant that only changes module-load code needs every test re-run in a fresh
  // environment; too costly here, so they are listed as ignored instead of tested.
  ignoreStatic: true,
  timeoutFactor: 2,
  timeoutMS: 10_000,
  // Later runs re-test only mutants whose code or tests changed.
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 80, low: 60, break: null },
  cleanTempDir: 'always',
};
