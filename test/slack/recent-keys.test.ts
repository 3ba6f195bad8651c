import { describe, expect, it } from 'vitest';
import { createRecentKeys } from '../../src/slack/recent-keys.ts';

function clock(start = 0) {
  let time = start;
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}

describe('createRecentKeys', () => {
  it('says first only once per key', () => {
    const keys = createRecentKeys();
    expect(['Ev1', 'Ev2', 'Ev1', 'Ev2', 'Ev3'].map((k) => keys.markFirst(k))).toEqual([
      true,
      true,
      false,
      false,
      true,
    ]);
  });

  it('forgets a key once its time to live has passed, not before', () => {
    const time = clock();
    const keys = createRecentKeys({ ttlMs: 1000, now: time.now });
    keys.markFirst('Ev1');
    time.advance(999);
    expect(keys.markFirst('Ev1')).toBe(false);
    time.advance(1);
    expect(keys.markFirst('Ev1')).toBe(true);
  });

  it('drops expired keys as it goes, so memory follows the traffic', () => {
    const time = clock();
    const keys = createRecentKeys({ ttlMs: 1000, now: time.now });
    for (let i = 0; i < 100; i += 1) keys.markFirst(`old${i}`);
    time.advance(1000);
    keys.markFirst('new');
    expect(keys.size).toBe(1);
  });

  it('never holds more than maxEntries, forgetting the oldest first', () => {
    const keys = createRecentKeys({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c', 'd']) keys.markFirst(key);
    expect(keys.size).toBe(3);
    expect(keys.markFirst('d')).toBe(false);
    expect(keys.markFirst('b')).toBe(false);
    expect(keys.markFirst('a')).toBe(true);
  });
});
