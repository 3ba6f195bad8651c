import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store, StoreError } from '../../src/store/store.ts';

/** A clock that advances one second per reading, so every `*_at` is distinct and known. */
function steppingClock(startIso: string): () => Date {
  let ms = Date.parse(startIso);
  return () => {
    const now = new Date(ms);
    ms += 1000;
    return now;
  };
}

let store: Store;
beforeEach(() => {
  store = openStore(':memory:', { now: steppingClock('2020-04-28T08:00:00Z') });
});
afterEach(() => store.close());

describe('digest ledger', () => {
  it('follows a run from nothing to complete', async () => {
    expect(await store.getDigestRun('C1', '2020-04-28')).toBeUndefined();
    expect(await store.postedChunks('C1', '2020-04-28')).toEqual(new Set());

    expect(await store.beginDigestRun('C1', '2020-04-28', '1588060800.000100')).toEqual({
      channel: 'C1',
      date: '2020-04-28',
      rootTs: '1588060800.000100',
      status: 'started',
      startedAt: '2020-04-28T08:00:00.000Z',
    });
    await store.recordDigestChunk('C1', '2020-04-28', 0, '1588060801.000200');
    await store.recordDigestChunk('C1', '2020-04-28', 1, '1588060802.000300');
    expect(await store.postedChunks('C1', '2020-04-28')).toEqual(new Set([0, 1]));

    expect(await store.completeDigestRun('C1', '2020-04-28')).toMatchObject({
      status: 'complete',
      completedAt: '2020-04-28T08:00:03.000Z',
    });
    expect((await store.getDigestRun('C1', '2020-04-28'))?.status).toBe('complete');
  });

  it('keeps runs of other channels and other days apart', async () => {
    await store.beginDigestRun('C1', '2020-04-28', 'root-a');
    await store.recordDigestChunk('C1', '2020-04-28', 0, 'a0');
    await store.beginDigestRun('C2', '2020-04-28', 'root-b');
    await store.beginDigestRun('C1', '2020-04-29', 'root-c');
    await store.recordDigestChunk('C1', '2020-04-29', 3, 'c3');

    expect(await store.postedChunks('C1', '2020-04-28')).toEqual(new Set([0]));
    expect(await store.postedChunks('C2', '2020-04-28')).toEqual(new Set());
    expect(await store.postedChunks('C1', '2020-04-29')).toEqual(new Set([3]));
    expect(await store.getDigestRun('C2', '2020-04-29')).toBeUndefined();
  });

  it('accepts a repeated write with the same values (a retried step)', async () => {
    const first = await store.beginDigestRun('C1', '2020-04-28', 'root');
    await store.recordDigestChunk('C1', '2020-04-28', 0, 'm0');
    const completed = await store.completeDigestRun('C1', '2020-04-28');

    expect(await store.beginDigestRun('C1', '2020-04-28', 'root')).toMatchObject({
      startedAt: first.startedAt,
    });
    await store.recordDigestChunk('C1', '2020-04-28', 0, 'm0');
    expect(await store.postedChunks('C1', '2020-04-28')).toEqual(new Set([0]));
    expect((await store.completeDigestRun('C1', '2020-04-28')).completedAt).toBe(
      completed.completedAt,
    );
  });

  it.each<[string, (s: Store) => Promise<unknown>, RegExp]>([
    [
      'a second root message for the same day',
      (s) => s.beginDigestRun('C1', '2020-04-28', 'other-root'),
      /already has root message root, not other-root/,
    ],
    [
      'a second message for the same chunk',
      (s) => s.recordDigestChunk('C1', '2020-04-28', 0, 'other'),
      /chunk 0 was already posted as m0, not other/,
    ],
    [
      'a chunk of a run never begun',
      (s) => s.recordDigestChunk('C1', '2020-04-29', 0, 'm'),
      /2020-04-29 has no run/,
    ],
    [
      'completing a run never begun',
      (s) => s.completeDigestRun('C9', '2020-04-28'),
      /C9 2020-04-28 has no run/,
    ],
    [
      'a negative chunk index',
      (s) => s.recordDigestChunk('C1', '2020-04-28', -1, 'm'),
      /non-negative integer, got -1/,
    ],
  ])(
    'refuses %s with a StoreError (a duplicate post must not go unnoticed)',
    async (_, act, message) => {
      await store.beginDigestRun('C1', '2020-04-28', 'root');
      await store.recordDigestChunk('C1', '2020-04-28', 0, 'm0');
      await expect(act(store)).rejects.toThrow(StoreError);
      await expect(act(store)).rejects.toThrow(message);
      expect(await store.postedChunks('C1', '2020-04-28')).toEqual(new Set([0]));
    },
  );

  it('rejects a date that is not YYYY-MM-DD, so keys cannot silently diverge', async () => {
    await expect(store.beginDigestRun('C1', '2020-4-28', 'root')).rejects.toThrow(
      /CHECK constraint/,
    );
    await expect(store.recordFeatured('C1', '28/04/2020', ['p'])).rejects.toThrow(
      /CHECK constraint/,
    );
  });
});

describe('featured papers', () => {
  it('counts features per paper strictly before the given date, per channel', async () => {
    await store.recordFeatured('C1', '2022-04-25', ['a', 'b']);
    await store.recordFeatured('C1', '2022-04-26', ['a', 'c']);
    await store.recordFeatured('C1', '2022-04-27', ['d']);
    await store.recordFeatured('C2', '2022-04-25', ['z']);

    expect(await store.featureCounts('C1', '2022-04-25')).toEqual(new Map());
    expect(await store.featureCounts('C1', '2022-04-27')).toEqual(
      new Map([
        ['a', 2],
        ['b', 1],
        ['c', 1],
      ]),
    );
    expect((await store.featureCounts('C1', '2022-04-28')).get('d')).toBe(1);
    expect(await store.featureCounts('C2', '2022-04-28')).toEqual(new Map([['z', 1]]));
  });

  it('records a day once however often the run repeats', async () => {
    await store.recordFeatured('C1', '2022-04-25', ['a', 'b']);
    await store.recordFeatured('C1', '2022-04-25', ['a', 'b']);
    expect(await store.featureCounts('C1', '2022-04-26')).toEqual(
      new Map([
        ['a', 1],
        ['b', 1],
      ]),
    );
  });
});

describe('a store on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'poster-bot-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses WAL and keeps what was written across close and reopen', async () => {
    const path = join(dir, 'bot.db');
    const first = openStore(path);
    await first.beginDigestRun('C1', '2020-04-28', 'root');
    await first.recordDigestChunk('C1', '2020-04-28', 0, 'm0');
    await first.close();

    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();

    const second = openStore(path);
    expect((await second.getDigestRun('C1', '2020-04-28'))?.rootTs).toBe('root');
    expect(await second.postedChunks('C1', '2020-04-28')).toEqual(new Set([0]));
    await second.close();
  });

  it('does not create missing directories (the composition root does)', async () => {
    expect(() => openStore(join(dir, 'missing', 'bot.db'))).toThrow(/directory does not exist/);
  });
});
