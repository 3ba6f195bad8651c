/**
 * Exactly once across processes and crashes, with real processes on one SQLite file and the
 * fake Web API: a run killed (SIGKILL) while Slack holds its message but has not answered
 * resumes by finding that message instead of posting it again; runs killed at random moments
 * leave no duplicate; two runs started together post one root and one of each reply.
 * Before claims and markers, each of these posted a message twice (and the second run of two
 * exited 1).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DIGEST_CHANNEL,
  digestEnv,
  duplicateCount,
  killAtRandom,
  messagesByKey,
  seededRandom,
  spawnDigestChild,
} from '../helpers/digest-processes.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.ts';

let fake: FakeSlackApi;
let dir: string;
beforeEach(async () => {
  fake = await startFakeSlackApi();
  dir = mkdtempSync(join(tmpdir(), 'exactly-once-'));
});
afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

/** 40 posters: the root and 5 thread replies. */
const POSTERS = 40;
const MESSAGES = 6;
const rootKey = `digest/${DIGEST_CHANNEL}/2020-04-28/root`;
const chunkKey = (i: number) => `digest/${DIGEST_CHANNEL}/2020-04-28/chunk/${i}`;

describe('killed with a message in flight', () => {
  it('SIGKILL after Slack took a reply, before its answer: the restart finds it, posts the rest', async () => {
    const env = digestEnv({ dir, fake, posters: POSTERS });
    fake.script('chat.postMessage', { kind: 'ok' }, { times: 3 }); // root, replies 1 and 2
    fake.script('chat.postMessage', { kind: 'ok' }, { delayMs: 10_000, times: 1 }); // reply 3
    const first = spawnDigestChild(env);
    await fake.waitForCalls('chat.postMessage', 4, 15_000);
    expect(fake.unanswered('chat.postMessage')).toBe(1);
    first.child.kill('SIGKILL');
    expect(await first.exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(fake.messages).toHaveLength(4); // Slack shows reply 3 already

    const second = spawnDigestChild(env);
    expect(await second.exit).toEqual({ code: 0, signal: null });
    expect(second.lines.filter((l) => l.event === 'posted').map((l) => [l.key, l.how])).toEqual([
      [chunkKey(2), 'found'],
      [chunkKey(3), 'posted'],
      [chunkKey(4), 'posted'],
    ]);
    expect(duplicateCount(fake)).toBe(0);
    expect(fake.messages).toHaveLength(MESSAGES);
    const rootTs = fake.messages[0]?.ts;
    expect(fake.messages.slice(1).every((m) => m.thread_ts === rootTs)).toBe(true);
  }, 40_000);

  it('SIGKILL with the root in flight: the restart finds the root in the channel', async () => {
    const env = digestEnv({ dir, fake, posters: 8 });
    fake.script('chat.postMessage', { kind: 'ok' }, { delayMs: 10_000, times: 1 });
    const first = spawnDigestChild(env);
    await fake.waitForCalls('chat.postMessage', 1, 15_000);
    first.child.kill('SIGKILL');
    await first.exit;
    const second = spawnDigestChild(env);
    expect(await second.exit).toEqual({ code: 0, signal: null });
    expect(second.lines.find((l) => l.key === rootKey)?.how).toBe('found');
    expect([...messagesByKey(fake).values()].map((tss) => tss.length)).toEqual([1, 1]);
  }, 40_000);

  it('killed at random moments, 4 times: nothing twice, nothing missing', async () => {
    const env = digestEnv({ dir, fake, posters: POSTERS, paceMs: 20 });
    const figures = await killAtRandom({
      env,
      fake,
      expectedMessages: MESSAGES,
      maxKills: 4,
      random: seededRandom(15),
      killWindowMs: 900,
      // Six posts of 300 ms each outlast the kill window, so every kill lands mid-run on a
      // fast machine too (at 150 ms a quick run could finish before its kill).
      answerDelayMs: 300,
    });
    expect(figures.kills).toBe(4);
    expect(figures.killsInFlight).toBeGreaterThan(0);
    expect(figures.duplicates).toBe(0);
    expect(figures.messages).toBe(MESSAGES);
  }, 60_000);
});

describe('two processes on one database', () => {
  it('started together, they post one root and each reply once; both exit 0', async () => {
    const env = digestEnv({ dir, fake, posters: POSTERS, paceMs: 20 });
    fake.script('chat.postMessage', { kind: 'ok' }, { delayMs: 100 });
    const a = spawnDigestChild(env);
    const b = spawnDigestChild(env);
    const exits = await Promise.all([a.exit, b.exit]);
    expect(exits).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
    expect(duplicateCount(fake)).toBe(0);
    expect(fake.messages).toHaveLength(MESSAGES);
    expect(fake.messages.filter((m) => m.thread_ts === undefined)).toHaveLength(1);
    const outcomes = [a, b].map((run) => run.lines.find((l) => l.event === 'done')?.outcome);
    expect(outcomes.map((o) => o?.status).sort()).toEqual(
      expect.arrayContaining(['posted']) as unknown as string[],
    );
  }, 40_000);
});
