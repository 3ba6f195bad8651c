/**
 * Reminders exactly once across crashes, with real processes on one SQLite file and the fake
 * Web API: a pass killed (SIGKILL) while Slack holds a DM but has not answered resumes by
 * finding that DM in the conversation instead of sending it again; passes killed at random
 * moments leave no reminder sent twice and none missing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/types.ts';
import { openStore } from '../../src/store/store.ts';
import { makePaper } from '../fixtures/papers.ts';
import {
  duplicateCount,
  killAtRandom,
  messagesByKey,
  seededRandom,
  spawnDigestChild,
} from '../helpers/digest-processes.ts';
import { type FakeSlackApi, fakeDmChannel, startFakeSlackApi } from '../helpers/fake-slack-api.ts';

const CHILD = new URL('../helpers/reminder-child.ts', import.meta.url).pathname;
/** People who saved a poster in the session: one reminder each. */
const PEOPLE = 6;
const TEAM = 'T1';
const userOf = (i: number) => `U${String(i).padStart(4, '0')}`;
const keyOf = (i: number) => `reminder/${TEAM}/${userOf(i)}/s1`;

let fake: FakeSlackApi;
let dir: string;
beforeEach(async () => {
  fake = await startFakeSlackApi();
  dir = mkdtempSync(join(tmpdir(), 'reminders-once-'));
});
afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One session at 10:00Z, PEOPLE people with a saved poster in it; the pass runs at 09:50Z. */
async function scenario(): Promise<NodeJS.ProcessEnv> {
  const catalog: Catalog = {
    sessions: [{ id: 's1', name: 'Session 1', start: '2020-04-28T10:00:00Z' }],
    papers: Array.from({ length: PEOPLE }, (_, i) =>
      makePaper({ id: `p${i}`, title: `Poster ${i}`, sessionIds: ['s1'] }),
    ),
  };
  const catalogPath = join(dir, 'catalog.json');
  writeFileSync(catalogPath, JSON.stringify(catalog));
  const db = join(dir, 'poster-bot.db');
  const store = openStore(db);
  for (let i = 0; i < PEOPLE; i += 1) {
    await store.plans.save({ teamId: TEAM, userId: userOf(i) }, `p${i}`);
  }
  await store.close();
  return {
    ...process.env,
    DB: db,
    CATALOG: catalogPath,
    FAKE_API: fake.apiUrl,
    AT: '2020-04-28T09:50:00Z',
  };
}

/** Each person's DM holds exactly one reminder, for them. */
function expectOneEach(): void {
  expect(duplicateCount(fake)).toBe(0);
  const byKey = messagesByKey(fake);
  expect([...byKey.keys()].sort()).toEqual(Array.from({ length: PEOPLE }, (_, i) => keyOf(i)));
  for (let i = 0; i < PEOPLE; i += 1) {
    expect(fake.messages.filter((m) => m.channel === fakeDmChannel(userOf(i)))).toHaveLength(1);
  }
}

describe('a reminder pass killed', () => {
  it('with a DM in flight: the restart finds it in the DM and sends only the rest', async () => {
    const env = await scenario();
    fake.script('chat.postMessage', { kind: 'ok' }, { times: 2 });
    fake.script('chat.postMessage', { kind: 'ok' }, { delayMs: 10_000, times: 1 });
    const first = spawnDigestChild(env, CHILD);
    await fake.waitForCalls('chat.postMessage', 3, 15_000);
    expect(fake.unanswered('chat.postMessage')).toBe(1);
    first.child.kill('SIGKILL');
    expect(await first.exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(fake.messages).toHaveLength(3); // the third DM is in Slack already

    const second = spawnDigestChild(env, CHILD);
    expect(await second.exit).toEqual({ code: 0, signal: null });
    expect(second.lines.filter((l) => l.event === 'posted').map((l) => [l.key, l.how])).toEqual([
      [keyOf(2), 'found'],
      ...Array.from({ length: PEOPLE - 3 }, (_, i) => [keyOf(i + 3), 'posted']),
    ]);
    expectOneEach();

    // A third pass, as the bot's next minute would run: nothing at all.
    const third = spawnDigestChild(env, CHILD);
    expect(await third.exit).toEqual({ code: 0, signal: null });
    expect(third.lines.filter((l) => l.event === 'posted')).toEqual([]);
    expect(fake.messages).toHaveLength(PEOPLE);
  }, 60_000);

  it('at random moments, 3 times: nothing twice, nothing missing', async () => {
    const env = await scenario();
    const figures = await killAtRandom({
      env,
      fake,
      expectedMessages: PEOPLE,
      maxKills: 3,
      // Kills 639, 672 and 766 ms after a pass starts: past its first DM on a loaded machine,
      // well before its last (six DMs of 400 ms each).
      random: seededRandom(14),
      killWindowMs: 1500,
      answerDelayMs: 400,
      script: CHILD,
    });
    expect(figures.kills).toBe(3);
    expect(figures.killsInFlight).toBeGreaterThan(0);
    expect(figures.duplicates).toBe(0);
    expectOneEach();
  }, 60_000);
});
