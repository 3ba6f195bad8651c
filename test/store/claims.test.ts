/**
 * Claims and de-duplication keys (src/store/claims.ts): one owner at a time, a dead owner's
 * claim taken over, a done claim never posted again, keys that expire; and two connections
 * to one file (two processes) racing for the same claims.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClaimConflictError } from '../../src/store/claims.ts';
import { openStore, type Store } from '../../src/store/store.ts';

let clock = 0;
const now = () => new Date(Date.UTC(2026, 11, 4) + clock);
let store: Store;
beforeEach(() => {
  clock = 0;
  store = openStore(':memory:', { now });
});
afterEach(() => store.close());

const lease = { leaseMs: 60_000 };

describe('claims', () => {
  it('the first owner acquires; another is told who holds it; done is done for everyone', async () => {
    const { claims } = store;
    expect(await claims.claim('k', 'A', lease)).toEqual({ status: 'acquired', takenOver: false });
    expect(await claims.claim('k', 'B', lease)).toEqual({
      status: 'held',
      owner: 'A',
      leaseUntilMs: now().getTime() + 60_000,
    });
    await claims.complete('k', 'A', '1.0001');
    await claims.complete('k', 'A', '1.0001'); // repeating is harmless
    expect(await claims.claim('k', 'B', lease)).toEqual({ status: 'done', result: '1.0001' });
    expect(await claims.result('k')).toBe('1.0001');
  });

  it('a claim past its lease, or of a gone owner, is taken over and says so', async () => {
    const { claims } = store;
    await claims.claim('k', 'A', lease);
    clock = 59_999;
    expect((await claims.claim('k', 'B', lease)).status).toBe('held');
    clock = 60_000;
    expect(await claims.claim('k', 'B', lease)).toEqual({
      status: 'acquired',
      takenOver: true,
      previousOwner: 'A',
    });
    const gone = { ...lease, isOwnerGone: (owner: string) => owner === 'B' };
    expect(await claims.claim('k', 'C', gone)).toMatchObject({
      takenOver: true,
      previousOwner: 'B',
    });
  });

  it('only the owner completes or releases; a taken-over owner completing is an error', async () => {
    const { claims } = store;
    await claims.claim('k', 'A', lease);
    await claims.release('k', 'B');
    expect((await claims.claim('k', 'B', lease)).status).toBe('held');
    clock = 120_000;
    await claims.claim('k', 'B', lease);
    await expect(claims.complete('k', 'A', '1.1')).rejects.toThrow(ClaimConflictError);
    await claims.release('k', 'B');
    expect(await claims.claim('k', 'A', lease)).toEqual({ status: 'acquired', takenOver: false });
  });
});

describe('de-duplication keys', () => {
  it('first true, repeats false until the key expires', async () => {
    const { claims } = store;
    expect(await claims.markFirst('share/U1/p1', 1_000)).toBe(true);
    expect(await claims.markFirst('share/U1/p1', 1_000)).toBe(false);
    expect(await claims.markFirst('share/U1/p2', 1_000)).toBe(true);
    clock = 1_000;
    expect(await claims.markFirst('share/U1/p1', 1_000)).toBe(true);
  });

  it('survive a restart (the same file opened again)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claims-'));
    try {
      const path = join(dir, 'bot.db');
      const first = openStore(path);
      expect(await first.claims.markFirst('mention/Ev1', 60_000)).toBe(true);
      first.close();
      const second = openStore(path);
      expect(await second.claims.markFirst('mention/Ev1', 60_000)).toBe(false);
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('two connections on one file', () => {
  it('interleaved claims on 200 keys: each key has exactly one owner', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claims-'));
    const a = openStore(join(dir, 'bot.db'));
    const b = openStore(join(dir, 'bot.db'));
    try {
      const winners = await Promise.all(
        Array.from({ length: 200 }, async (_, i) => {
          const [first, second] = i % 2 === 0 ? [a, b] : [b, a];
          const results = await Promise.all([
            first.claims.claim(`k${i}`, 'A', lease),
            second.claims.claim(`k${i}`, 'B', lease),
          ]);
          return results.filter((r) => r.status === 'acquired').length;
        }),
      );
      expect(winners).toHaveLength(200);
      expect(winners.every((n) => n === 1)).toBe(true);
    } finally {
      a.close();
      b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
