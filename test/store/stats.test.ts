/**
 * Usage aggregates (src/store/stats.ts): counts per day, distinct askers without who they
 * were, the threshold of 3 people, and the forgetting of a finished day's hashes and secret.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/store.ts';

let dir: string;
let path: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stats-'));
  path = join(dir, 'bot.db');
  store = openStore(path);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const DAY1 = '2026-12-04';
const DAY2 = '2026-12-05';
const USERS = ['U0ALICE01', 'U0BOB0002', 'U0CAROL03', 'U0DAVE004'];

/** Every row of every stats table, as one string: what someone holding the file could read. */
function everythingStored(): string {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db
      .prepare<[], string>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'stats_%'",
      )
      .pluck()
      .all();
    expect(tables.sort()).toEqual([
      'stats_askers',
      'stats_clicks',
      'stats_key',
      'stats_queries',
      'stats_sent',
    ]);
    return tables
      .map((table) => {
        const rows = db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
        return JSON.stringify(rows, (_key, value) =>
          Buffer.isBuffer(value) ? value.toString('latin1') : value,
        );
      })
      .join('\n');
  } finally {
    db.close();
  }
}

async function ask(day: string, userId: string, query: string, results: number, times = 1) {
  for (let i = 0; i < times; i++) await store.stats.recordQuery({ day, query, results, userId });
}

describe('stats store', () => {
  it('counts asks, found-nothing and different people per query', async () => {
    await ask(DAY1, USERS[0]!, 'gnn', 6, 2);
    await ask(DAY1, USERS[1]!, 'gnn', 6);
    await ask(DAY1, USERS[2]!, 'gnn', 6);
    await ask(DAY1, USERS[0]!, 'genai', 0);
    await ask(DAY1, USERS[1]!, 'genai', 0);
    await ask(DAY1, USERS[2]!, 'genai', 0);
    const data = await store.stats.read({ today: DAY1, minPeople: 3 });
    expect(data.queries).toEqual([
      // asked 4 times by 3 people: first, most asked
      { query: 'gnn', asked: 4, foundNothing: 0, results: 6, people: 3 },
      { query: 'genai', asked: 3, foundNothing: 3, results: 0, people: 3 },
    ]);
    expect(data.days).toEqual([
      { day: DAY1, queries: 7, foundNothing: 3, clicks: 0, reminders: 0, digests: 0 },
    ]);
  });

  it('never lists a query fewer than 3 people asked, however often they asked', async () => {
    await ask(DAY1, USERS[0]!, 'my secret project', 0, 10);
    await ask(DAY1, USERS[1]!, 'my secret project', 0, 10);
    await ask(DAY2, USERS[0]!, 'my secret project', 0, 10);
    await ask(DAY2, USERS[1]!, 'my secret project', 0, 10);
    const data = await store.stats.read({ today: DAY2, minPeople: 3 });
    expect(data.queries).toEqual([]);
    expect(data.withheld).toBe(1);
    // Still counted as traffic, without the text.
    expect(data.days.map((d) => d.queries)).toEqual([20, 20]);
  });

  it('stores no user id anywhere, and forgets the hashes and the secret of a finished day', async () => {
    for (const user of USERS) await ask(DAY1, user, 'diffusion', 3);
    const during = everythingStored();
    for (const user of USERS) expect(during).not.toContain(user);
    const db = new Database(path, { readonly: true });
    const hashes = () => db.prepare('SELECT COUNT(*) FROM stats_askers').pluck().get();
    const secret = () => db.prepare('SELECT secret FROM stats_key').pluck().get() as Buffer;
    expect(hashes()).toBe(4);
    const firstSecret = secret();

    // The next day: the first day's hashes become a count, and its secret is replaced.
    await ask(DAY2, USERS[0]!, 'diffusion', 3);
    expect(hashes()).toBe(1);
    expect(secret().equals(firstSecret)).toBe(false);
    const after = everythingStored();
    for (const user of USERS) expect(after).not.toContain(user);
    db.close();

    const data = await store.stats.read({ today: DAY2, minPeople: 3 });
    // People over several days is the most on one day: the same person on two days is
    // not two people.
    expect(data.queries).toEqual([
      { query: 'diffusion', asked: 5, foundNothing: 0, results: 3, people: 4 },
    ]);
  });

  it('a read on a new day forgets the finished days too', async () => {
    for (const user of USERS.slice(0, 3)) await ask(DAY1, user, 'diffusion', 3);
    const before = (await store.stats.read({ today: DAY1, minPeople: 3 })).queries;
    const after = (await store.stats.read({ today: DAY2, minPeople: 3 })).queries;
    expect(after).toEqual(before);
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM stats_askers').pluck().get()).toBe(0);
    db.close();
  });

  it('counts a late record for a forgotten day towards the current day', async () => {
    await ask(DAY2, USERS[0]!, 'gnn', 6);
    await ask(DAY1, USERS[1]!, 'gnn', 6); // a clock behind: DAY1's secret is gone
    const data = await store.stats.read({ today: DAY2, minPeople: 1 });
    expect(data.days.map((d) => [d.day, d.queries])).toEqual([[DAY2, 2]]);
    expect(data.queries[0]?.people).toBe(2);
  });

  it('counts clicks per kind and messages sent per day, and reads from --since', async () => {
    await store.stats.recordClick(DAY1, 'results_next_page');
    await store.stats.recordClick(DAY2, 'results_next_page');
    await store.stats.recordClick(DAY2, 'paper_share');
    await store.stats.recordSent(DAY1, 'digest', 4);
    await store.stats.recordSent(DAY2, 'reminder', 2);
    await store.stats.recordSent(DAY2, 'reminder', 3);
    const all = await store.stats.read({ today: DAY2, minPeople: 3 });
    expect(all.clicks).toEqual([
      { kind: 'results_next_page', n: 2 },
      { kind: 'paper_share', n: 1 },
    ]);
    expect(all.days).toEqual([
      { day: DAY1, queries: 0, foundNothing: 0, clicks: 1, reminders: 0, digests: 4 },
      { day: DAY2, queries: 0, foundNothing: 0, clicks: 2, reminders: 5, digests: 0 },
    ]);
    const since = await store.stats.read({ since: DAY2, today: DAY2, minPeople: 3 });
    expect(since.days.map((d) => d.day)).toEqual([DAY2]);
    expect(since.clicks).toEqual([
      { kind: 'paper_share', n: 1 },
      { kind: 'results_next_page', n: 1 },
    ]);
  });

  it('refuses a malformed day, an empty query or no asker', async () => {
    await expect(store.stats.recordClick('4 Dec', 'x')).rejects.toThrow(/YYYY-MM-DD/);
    await expect(
      store.stats.recordQuery({ day: DAY1, query: '', results: 0, userId: 'U1' }),
    ).rejects.toThrow(/non-empty query/);
    await expect(
      store.stats.recordQuery({ day: DAY1, query: 'gnn', results: 0, userId: '' }),
    ).rejects.toThrow(/who asked/);
    await expect(store.stats.recordSent(DAY1, 'digest', -1)).rejects.toThrow(/whole number/);
  });
});
