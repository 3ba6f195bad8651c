/**
 * Plans (src/store/plans.ts): a save toggles, belongs to one user of one workspace, survives
 * reopening the file, and the lookups reminders and popularity need answer from it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/store.ts';

let clock = 0;
const now = () => new Date(Date.UTC(2026, 11, 4) + clock++ * 1000);
let store: Store;
beforeEach(() => {
  clock = 0;
  store = openStore(':memory:', { now });
});
afterEach(() => store.close());

const ada = { teamId: 'T1', userId: 'UADA' };
const bob = { teamId: 'T1', userId: 'UBOB' };
const adaElsewhere = { teamId: 'T2', userId: 'UADA' };

describe('plans', () => {
  it('toggle saves, then un-saves, and says which it did', async () => {
    const { plans } = store;
    expect(await plans.toggle(ada, 'p1')).toBe(true);
    expect((await plans.saved(ada)).map((s) => s.paperId)).toEqual(['p1']);
    expect(await plans.toggle(ada, 'p1')).toBe(false);
    expect(await plans.saved(ada)).toEqual([]);
  });

  it('keeps saves in the order they were made, with the time of the first save', async () => {
    const { plans } = store;
    await plans.save(ada, 'p2');
    await plans.save(ada, 'p1');
    await plans.save(ada, 'p2'); // again: harmless, keeps the first time
    expect(await plans.saved(ada)).toEqual([
      { paperId: 'p2', savedAt: '2026-12-04T00:00:00.000Z' },
      { paperId: 'p1', savedAt: '2026-12-04T00:00:01.000Z' },
    ]);
    await plans.remove(ada, 'p2');
    await plans.remove(ada, 'p9'); // not there: harmless
    expect((await plans.saved(ada)).map((s) => s.paperId)).toEqual(['p1']);
  });

  it('a plan is one user of one workspace', async () => {
    const { plans } = store;
    await plans.save(ada, 'p1');
    expect(await plans.saved(bob)).toEqual([]);
    expect(await plans.saved(adaElsewhere)).toEqual([]);
    expect(await plans.savedAmong(ada, ['p1', 'p2'])).toEqual(new Set(['p1']));
    expect(await plans.savedAmong(bob, ['p1', 'p2'])).toEqual(new Set());
  });

  it('finds everyone who saved any of a session’s posters, and counts saves per poster', async () => {
    const { plans } = store;
    await plans.save(ada, 'p1');
    await plans.save(ada, 'p3');
    await plans.save(bob, 'p1');
    await plans.save(adaElsewhere, 'p9');
    expect(await plans.plannersOf(['p1', 'p2', 'p3'])).toEqual([
      { owner: ada, paperIds: ['p1', 'p3'] },
      { owner: bob, paperIds: ['p1'] },
    ]);
    expect(await plans.saveCounts(['p1', 'p3', 'p4'])).toEqual(
      new Map([
        ['p1', 2],
        ['p3', 1],
      ]),
    );
  });

  it('answers for lists longer than one query can bind', async () => {
    const { plans } = store;
    const ids = Array.from({ length: 1200 }, (_, i) => `p${i}`);
    await plans.save(ada, 'p1100');
    expect(await plans.plannersOf(ids)).toEqual([{ owner: ada, paperIds: ['p1100'] }]);
    expect(await plans.saveCounts(ids)).toEqual(new Map([['p1100', 1]]));
  });

  it('reminders are on until switched off, per person', async () => {
    const { plans } = store;
    expect(await plans.remindersOn(ada)).toBe(true);
    await plans.setReminders(ada, false);
    expect(await plans.remindersOn(ada)).toBe(false);
    expect(await plans.remindersOn(bob)).toBe(true);
    await plans.setReminders(ada, true);
    expect(await plans.remindersOn(ada)).toBe(true);
  });

  it('refuses an owner without a team or a user', async () => {
    await expect(store.plans.save({ teamId: '', userId: 'U1' }, 'p1')).rejects.toThrow(
      /needs a team and a user/,
    );
  });

  it('survives closing and reopening the database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plans-'));
    try {
      const path = join(dir, 'bot.sqlite');
      const first = openStore(path);
      await first.plans.save(ada, 'p1');
      await first.plans.setReminders(ada, false);
      await first.close();
      const second = openStore(path);
      expect((await second.plans.saved(ada)).map((s) => s.paperId)).toEqual(['p1']);
      expect(await second.plans.remindersOn(ada)).toBe(false);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
