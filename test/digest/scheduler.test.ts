import { describe, expect, it } from 'vitest';
import {
  createDailyScheduler,
  type DailySchedulerOptions,
  type SetTimer,
} from '../../src/digest/scheduler.ts';
import { TimeError } from '../../src/time.ts';

const HOUR = 3_600_000;

interface FakeTimer {
  ms: number;
  fn: () => void;
  state: 'pending' | 'fired' | 'cancelled';
}

/** Lets every promise chain started by a timer callback run to its end. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A scheduler on a simulated clock: `fire()` jumps the clock to the pending timer's end and
 * fires it. No real waiting, no global fake timers.
 */
function simulate(
  startIso: string,
  options: Partial<DailySchedulerOptions> & { fail?: (date: string, attempt: number) => boolean },
) {
  let clock = Date.parse(startIso);
  const timers: FakeTimer[] = [];
  const runs: string[] = [];
  const errors: Record<string, unknown>[] = [];
  const attempts = new Map<string, number>();
  const setTimer: SetTimer = (ms, fn) => {
    expect(timers.filter((t) => t.state === 'pending')).toEqual([]);
    const timer: FakeTimer = { ms, fn, state: 'pending' };
    timers.push(timer);
    return () => {
      if (timer.state === 'pending') timer.state = 'cancelled';
    };
  };
  const scheduler = createDailyScheduler({
    time: '08:00',
    timeZone: 'UTC',
    now: () => new Date(clock),
    setTimer,
    run: async (date) => {
      const attempt = (attempts.get(date) ?? 0) + 1;
      attempts.set(date, attempt);
      if (options.fail?.(date, attempt)) throw new Error(`Slack is down (${date})`);
      runs.push(`${date} at ${new Date(clock).toISOString()}`);
    },
    log: {
      debug: () => {},
      info: () => {},
      error: (fields) => errors.push(fields),
    },
    ...options,
  });

  const pending = (): FakeTimer | undefined => timers.find((t) => t.state === 'pending');
  const fire = async (oversleepMs = 0): Promise<void> => {
    const timer = pending();
    if (!timer) throw new Error('no pending timer');
    clock += timer.ms + oversleepMs;
    timer.state = 'fired';
    timer.fn();
    await settle();
  };
  return {
    scheduler,
    runs,
    errors,
    timers,
    pending,
    fire,
    /** Fires timers until the clock would pass `iso`. */
    async until(iso: string) {
      const end = Date.parse(iso);
      for (let timer = pending(); timer && clock + timer.ms <= end; timer = pending()) await fire();
    },
    now: () => new Date(clock).toISOString(),
  };
}

describe('createDailyScheduler', () => {
  it('runs at the configured local time, once per day', async () => {
    const sim = simulate('2020-04-28T06:00:00Z', {});
    sim.scheduler.start();
    await sim.until('2020-04-30T23:00:00Z');
    expect(sim.runs).toEqual([
      '2020-04-28 at 2020-04-28T08:00:00.000Z',
      '2020-04-29 at 2020-04-29T08:00:00.000Z',
      '2020-04-30 at 2020-04-30T08:00:00.000Z',
    ]);
  });

  it('takes the time as config parses it', async () => {
    const sim = simulate('2020-04-28T06:00:00Z', { time: { hour: 17, minute: 30 } });
    sim.scheduler.start();
    await sim.until('2020-04-28T23:00:00Z');
    expect(sim.runs).toEqual(['2020-04-28 at 2020-04-28T17:30:00.000Z']);
  });

  it('catches up at once when started after today’s time (the bot was down at 08:00)', async () => {
    const sim = simulate('2020-04-28T10:30:00Z', {});
    sim.scheduler.start();
    await sim.fire();
    expect(sim.runs).toEqual(['2020-04-28 at 2020-04-28T10:30:00.000Z']);
  });

  it('does not post a day that passed entirely while the bot was down', async () => {
    const sim = simulate('2020-04-29T07:00:00Z', {});
    sim.scheduler.start();
    await sim.until('2020-04-29T12:00:00Z');
    expect(sim.runs).toEqual(['2020-04-29 at 2020-04-29T08:00:00.000Z']);
  });

  it('after a sleep across days, runs only the day it wakes up in', async () => {
    const sim = simulate('2020-04-28T09:00:00Z', {});
    sim.scheduler.start();
    await sim.fire();
    await sim.fire(2 * 24 * HOUR); // the laptop lid was closed for two days
    expect(sim.runs).toEqual([
      '2020-04-28 at 2020-04-28T09:00:00.000Z',
      `2020-04-30 at ${sim.now()}`,
    ]);
  });

  it.each([
    [
      'spring forward (Paris, 31 March 2024)',
      '2024-03-29T00:00:00Z',
      '08:00',
      [
        '2024-03-29 at 2024-03-29T07:00:00.000Z',
        '2024-03-30 at 2024-03-30T07:00:00.000Z',
        '2024-03-31 at 2024-03-31T06:00:00.000Z',
        '2024-04-01 at 2024-04-01T06:00:00.000Z',
      ],
    ],
    [
      'fall back (Paris, 27 October 2024)',
      '2024-10-25T00:00:00Z',
      '08:00',
      [
        '2024-10-25 at 2024-10-25T06:00:00.000Z',
        '2024-10-26 at 2024-10-26T06:00:00.000Z',
        '2024-10-27 at 2024-10-27T07:00:00.000Z',
        '2024-10-28 at 2024-10-28T07:00:00.000Z',
      ],
    ],
    [
      'a time that does not exist on the switch day (02:30)',
      '2024-03-29T00:00:00Z',
      '02:30',
      [
        '2024-03-29 at 2024-03-29T01:30:00.000Z',
        '2024-03-30 at 2024-03-30T01:30:00.000Z',
        '2024-03-31 at 2024-03-31T01:30:00.000Z',
        '2024-04-01 at 2024-04-01T00:30:00.000Z',
      ],
    ],
    [
      'a time that happens twice on the switch day (02:30)',
      '2024-10-25T00:00:00Z',
      '02:30',
      [
        '2024-10-25 at 2024-10-25T00:30:00.000Z',
        '2024-10-26 at 2024-10-26T00:30:00.000Z',
        '2024-10-27 at 2024-10-27T00:30:00.000Z',
        '2024-10-28 at 2024-10-28T01:30:00.000Z',
      ],
    ],
  ])(
    'keeps local time across %s, with timers of at most an hour',
    async (_, start, time, expected) => {
      const sim = simulate(start, { time, timeZone: 'Europe/Paris' });
      sim.scheduler.start();
      await sim.until(`${expected.at(-1)?.slice(0, 10)}T22:00:00Z`);
      expect(sim.runs).toEqual(expected);
      expect(Math.max(...sim.timers.map((t) => t.ms))).toBe(HOUR);
    },
  );

  it('logs a failing run, retries it at the next check the same day, and keeps going', async () => {
    const sim = simulate('2020-04-28T07:00:00Z', {
      fail: (date, attempt) => date === '2020-04-28' && attempt <= 2,
    });
    sim.scheduler.start();
    await sim.until('2020-04-29T12:00:00Z');
    expect(sim.errors).toEqual([
      { err: new Error('Slack is down (2020-04-28)'), date: '2020-04-28' },
      { err: new Error('Slack is down (2020-04-28)'), date: '2020-04-28' },
    ]);
    expect(sim.runs).toEqual([
      '2020-04-28 at 2020-04-28T10:00:00.000Z',
      '2020-04-29 at 2020-04-29T08:00:00.000Z',
    ]);
  });

  it('gives up on a day that fails until midnight, and runs the next one', async () => {
    const sim = simulate('2020-04-28T07:00:00Z', { fail: (date) => date === '2020-04-28' });
    sim.scheduler.start();
    await sim.until('2020-04-29T09:00:00Z');
    expect(sim.errors).toHaveLength(16); // 08:00 … 23:00
    expect(sim.runs).toEqual(['2020-04-29 at 2020-04-29T08:00:00.000Z']);
  });

  it('never overlaps runs, and stop() waits for the one in progress', async () => {
    const { run, finish } = blockingRun();
    const sim = simulate('2020-04-28T09:00:00Z', { run });
    sim.scheduler.start();
    await sim.fire();
    expect(sim.pending()).toBeUndefined(); // no timer while the run is in progress

    let stopped = false;
    const stopping = sim.scheduler.stop().then(() => {
      stopped = true;
    });
    await settle();
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(sim.pending()).toBeUndefined(); // and none after it: the scheduler is stopped
  });

  it('restarted while a run is in progress, keeps a single timer', async () => {
    const { run, finish } = blockingRun();
    const sim = simulate('2020-04-28T09:00:00Z', { run });
    sim.scheduler.start();
    await sim.fire();
    const stopping = sim.scheduler.stop();
    sim.scheduler.start();
    finish();
    await stopping;
    await settle();
    expect(sim.timers.filter((t) => t.state === 'pending')).toHaveLength(1);
  });

  it('stop() cancels the pending timer; start() twice arms one timer', async () => {
    const sim = simulate('2020-04-28T06:00:00Z', {});
    sim.scheduler.start();
    sim.scheduler.start();
    expect(sim.timers).toHaveLength(1);
    await sim.scheduler.stop();
    expect(sim.timers.map((t) => t.state)).toEqual(['cancelled']);
  });

  it.each<[string, Partial<DailySchedulerOptions>]>([
    ['a malformed time', { time: '8am' }],
    ['an unknown time zone', { timeZone: 'Europe/Atlantis' }],
  ])('refuses %s when created', (_, options) => {
    expect(() => simulate('2020-04-28T06:00:00Z', options)).toThrow(TimeError);
  });
});

/** A run that stays in progress until `finish()` is called. */
function blockingRun(): { run: () => Promise<void>; finish: () => void } {
  let release: () => void = () => {};
  return {
    run: () =>
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    finish: () => release(),
  };
}
