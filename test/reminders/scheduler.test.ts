/** The reminder schedule: a pass at start, then one per interval, never overlapping. */
import { describe, expect, it } from 'vitest';
import { createReminderScheduler } from '../../src/reminders/scheduler.ts';

/** Timers a test fires by hand. */
function manualTimers() {
  const pending: { ms: number; fn: () => void; cancelled: boolean }[] = [];
  return {
    pending,
    setTimer: (ms: number, fn: () => void) => {
      const timer = { ms, fn, cancelled: false };
      pending.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    fireNext() {
      const timer = pending.shift();
      if (!timer || timer.cancelled) throw new Error('no live timer');
      timer.fn();
    },
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('createReminderScheduler', () => {
  it('runs at once, then every interval; a failing pass is logged and the next still runs', async () => {
    const timers = manualTimers();
    const errors: unknown[] = [];
    let runs = 0;
    const scheduler = createReminderScheduler({
      run: async () => {
        runs += 1;
        if (runs === 2) throw new Error('slack down');
      },
      setTimer: timers.setTimer,
      log: { error: (fields) => errors.push(fields.err) },
      everyMs: 60_000,
    });
    scheduler.start();
    await flush();
    expect(runs).toBe(1);
    expect(timers.pending.map((t) => t.ms)).toEqual([60_000]);
    timers.fireNext();
    await flush();
    expect(runs).toBe(2);
    expect(errors).toHaveLength(1);
    timers.fireNext();
    await flush();
    expect(runs).toBe(3);
    await scheduler.stop();
    expect(timers.pending.every((t) => t.cancelled)).toBe(true);
  });

  it('stop waits for the pass in progress and arms no further timer', async () => {
    const timers = manualTimers();
    let release: () => void = () => {};
    let finished = false;
    const scheduler = createReminderScheduler({
      run: () =>
        new Promise<void>((resolve) => {
          release = () => {
            finished = true;
            resolve();
          };
        }),
      setTimer: timers.setTimer,
      log: { error() {} },
    });
    scheduler.start();
    const stopped = scheduler.stop();
    await flush();
    expect(finished).toBe(false);
    release();
    await stopped;
    expect(finished).toBe(true);
    expect(timers.pending).toEqual([]);
  });
});
