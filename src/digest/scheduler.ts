/**
 * *When* the digest runs, separated from *what* it posts: the scheduler only decides that
 * today's digest is due and calls `run(date)`; the run consults the ledger to decide what is
 * left to post. Clock and timers are injected, so tests pass instants instead of waiting.
 */

import { addDays, type LocalDate, localDate, type TimeOfDay, zonedTimeToInstant } from '../time.ts';

/** The structured logging the scheduler needs; a pino logger satisfies it. */
export interface SchedulerLog {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** Calls `fn` after `ms` milliseconds; returns a function that cancels the call. */
export type SetTimer = (ms: number, fn: () => void) => () => void;

export interface DailySchedulerOptions {
  /** Local wall-clock time of the daily run: config's `{ hour, minute }`, or `HH:MM`. */
  time: TimeOfDay | string;
  /** IANA time zone the time (and "today") is read in. */
  timeZone: string;
  now: () => Date;
  setTimer: SetTimer;
  /** The job for one local date. It may be called again the same day (after a restart or a
   * failure) and must then do only what is left. */
  run: (date: LocalDate) => Promise<void>;
  log: SchedulerLog;
  /**
   * Longest single timer, in ms (default one hour). The due time is recomputed at every
   * wake-up, so a laptop that slept, a clock that was changed or a DST switch costs at most
   * this much delay; it is also how soon a failed run is retried.
   */
  maxTimerMs?: number;
}

export interface DailyScheduler {
  /** Checks at once (running today's job if its time has passed), then keeps checking. */
  start(): void;
  /** Cancels the pending timer and resolves when a run in progress has finished. */
  stop(): Promise<void>;
}

/** Production `SetTimer` over `setTimeout`, for the composition root. */
export const nodeSetTimer: SetTimer = (ms, fn) => {
  const handle = setTimeout(fn, ms);
  return () => clearTimeout(handle);
};

/**
 * Runs `run(today)` once a day at `time` in `timeZone`.
 *
 * - Catch-up: started after today's time (the bot was down at that moment), it runs at once,
 *   but only for today; a day that passed entirely is not posted late.
 * - DST-safe: each due instant is computed from the local date, never by adding 24 hours.
 * - A run that throws is logged and retried at the next check, the same day only; it never
 *   stops the scheduler. Runs never overlap: the next timer is set when a run has finished.
 */
export function createDailyScheduler(options: DailySchedulerOptions): DailyScheduler {
  const { time, timeZone, now, setTimer, run, log } = options;
  const maxTimerMs = options.maxTimerMs ?? 60 * 60 * 1000;
  if (!(maxTimerMs > 0)) {
    throw new RangeError(`scheduler: maxTimerMs must be positive, got ${maxTimerMs}`);
  }
  const dueOn = (date: LocalDate): number => zonedTimeToInstant(date, time, timeZone).getTime();
  dueOn(localDate(now(), timeZone)); // fail fast on a bad time or time zone

  let running = false;
  let cancel: (() => void) | undefined;
  let inFlight: Promise<void> | undefined;
  /** The last date whose run succeeded in this process. */
  let doneFor: LocalDate | undefined;

  const arm = (ms: number): void => {
    cancel = setTimer(ms, () => {
      inFlight = check();
    });
  };

  const check = async (): Promise<void> => {
    cancel = undefined;
    const at = now();
    const today = localDate(at, timeZone);
    if (at.getTime() >= dueOn(today) && doneFor !== today) {
      log.info({ date: today }, 'digest due');
      try {
        await run(today);
        doneFor = today;
      } catch (err) {
        log.error({ err, date: today }, 'digest run failed; retrying at the next check');
      }
    }
    // `cancel` is set if stop() and start() came while the run was in progress.
    if (running && cancel === undefined) arm(delayToNextCheck());
  };

  const delayToNextCheck = (): number => {
    const at = now().getTime();
    const today = localDate(new Date(at), timeZone);
    const dueToday = dueOn(today);
    const next = at < dueToday ? dueToday : dueOn(addDays(today, 1));
    const delay = Math.min(Math.max(next - at, 0), maxTimerMs);
    log.debug({ date: today, delayMs: delay }, 'digest scheduler: next check');
    return delay;
  };

  return {
    start() {
      if (running) return;
      running = true;
      arm(0);
    },
    async stop() {
      running = false;
      cancel?.();
      cancel = undefined;
      await inFlight;
    },
  };
}
