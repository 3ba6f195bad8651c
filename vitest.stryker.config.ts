import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * The tests Stryker runs against each mutant (stryker.config.mjs): the in-process tests.
 * Left out are those that start servers or processes (the Slack end-to-end tests through
 * Bolt's HTTP receiver, the robustness suite, the console and digest process tests): under
 * mutation load on shared cores their time budgets fail, and each costs seconds per mutant,
 * which made a run over src/blocks alone take hours. A mutant only they would notice counts
 * as survived, so the score is a lower bound.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        'node_modules/**',
        'test/slack/**',
        'test/robustness/**',
        'test/console/console-process.test.ts',
        'test/digest/channel-check.test.ts',
        'test/digest/digest-e2e.test.ts',
        'test/store/crash.test.ts',
      ],
    },
  }),
);
