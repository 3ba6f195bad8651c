import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * The tests Stryker runs against each mutant (stryker.config.mjs): all of them except those
 * that measure wall time or drive real processes. Under mutation load on shared cores their
 * time budgets fail the initial run, and they test I/O paths that src/search, src/blocks and
 * src/bot do not decide; those folders' behaviour is covered by the remaining tests.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        'node_modules/**',
        'test/slack/web-api-policy.test.ts',
        'test/robustness/exactly-once.test.ts',
        'test/robustness/huge-files.test.ts',
        'test/robustness/shutdown.test.ts',
        'test/robustness/slack-faults.test.ts',
        'test/robustness/startup.test.ts',
      ],
    },
  }),
);
