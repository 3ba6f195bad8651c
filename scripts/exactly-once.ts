/**
 * Measures exactly-once posting with real processes (not part of `npm test`, which runs a
 * bounded version in test/robustness/exactly-once.test.ts):
 *
 * - kills: digest runs on one SQLite file killed with SIGKILL at random moments (fixed seed)
 *   until one completes, against the fake Web API answering every post 150 ms after taking
 *   it; duplicates in the channel, kills that landed with a message in flight, resume time.
 * - pairs: two runs started together on one database; roots and duplicates posted.
 *
 *   npx tsx scripts/exactly-once.ts [kills=20] [pairs=5]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  digestEnv,
  duplicateCount,
  killAtRandom,
  seededRandom,
  spawnDigestChild,
} from '../test/helpers/digest-processes.ts';
import { startFakeSlackApi } from '../test/helpers/fake-slack-api.ts';

const kills = Number(process.argv[2] ?? 20);
const pairs = Number(process.argv[3] ?? 5);
const POSTERS = 40; // 1 root + 5 thread replies
const MESSAGES = 6;

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

async function killScenario(seed: number) {
  const fake = await startFakeSlackApi();
  const dir = mkdtempSync(join(tmpdir(), 'exactly-once-'));
  try {
    const figures = await killAtRandom({
      env: digestEnv({ dir, fake, posters: POSTERS, paceMs: 20 }),
      fake,
      expectedMessages: MESSAGES,
      maxKills: 3,
      random: seededRandom(seed),
      killWindowMs: 1_000,
      answerDelayMs: 150,
    });
    return figures;
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function pairScenario() {
  const fake = await startFakeSlackApi();
  const dir = mkdtempSync(join(tmpdir(), 'exactly-once-'));
  try {
    const env = digestEnv({ dir, fake, posters: POSTERS, paceMs: 20 });
    fake.script('chat.postMessage', { kind: 'ok' }, { delayMs: 100 });
    const runs = [spawnDigestChild(env), spawnDigestChild(env)];
    const exits = await Promise.all(runs.map((r) => r.exit));
    return {
      roots: fake.messages.filter((m) => m.thread_ts === undefined).length,
      messages: fake.messages.length,
      duplicates: duplicateCount(fake),
      exitCodes: exits.map((e) => e.code),
      outcomes: runs.map((r) => r.lines.find((l) => l.event === 'done')?.outcome?.status),
    };
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// Trials of up to 3 kills each (a digest finishes in about a second), until `kills` kills.
const all = {
  kills: 0,
  killsInFlight: 0,
  foundInSlack: 0,
  duplicates: 0,
  trials: 0,
  resumeMs: [] as number[],
  incomplete: 0,
};
for (let seed = 1; all.kills < kills; seed += 1) {
  const k = await killScenario(seed);
  all.trials += 1;
  all.kills += k.kills;
  all.killsInFlight += k.killsInFlight;
  all.foundInSlack += k.foundInSlack;
  all.duplicates += k.duplicates;
  if (k.messages !== k.expectedMessages) all.incomplete += 1;
  all.resumeMs.push(...k.resumeMs);
}
console.log(
  JSON.stringify({
    ...all,
    resumeMs: {
      p50: quantile(all.resumeMs, 0.5),
      p90: quantile(all.resumeMs, 0.9),
      max: Math.max(...all.resumeMs),
      n: all.resumeMs.length,
    },
  }),
);
const results = [];
for (let i = 0; i < pairs; i += 1) results.push(await pairScenario());
console.log(
  JSON.stringify({
    pairs,
    roots: results.map((r) => r.roots),
    duplicates: results.reduce((sum, r) => sum + r.duplicates, 0),
    messages: results.map((r) => r.messages),
    exitCodes: results.flatMap((r) => r.exitCodes),
    outcomes: results.flatMap((r) => r.outcomes),
  }),
);
