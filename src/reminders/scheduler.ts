/**
 * *When* reminder passes run: one at start, then one every {@link REMINDER_CHECK_MS}. A pass
 * decides by itself what is due (./run.ts), so the schedule holds no state: a pass that fails
 * is simply the next one's work, and a restart loses nothing. Timers are injected (the
 * digest's `SetTimer`), so tests step through passes without waiting.
 */
import type { SetTimer } from '../digest/scheduler.ts';

/**
 * One pass a minute: a reminder window is REMINDER_LEAD long (at least a minute), so every
 * session's reminder is found in its window, at most a minute after it opens.
 */
export const REMINDER_CHECK_MS = 60_000;

export interface ReminderSchedulerLog {
  error(fields: Record<string, unknown>, message: string): void;
}

export interface ReminderSchedulerOptions {
  /** One pass; its errors are logged, never stop the schedule. */
  run: () => Promise<void>;
  setTimer: SetTimer;
  log: ReminderSchedulerLog;
  everyMs?: number;
}

export interface ReminderScheduler {
  /** Runs a pass at once, then every `everyMs`, never two at a time. */
  start(): void;
  /** Cancels the next pass and resolves when one in progress has finished. */
  stop(): Promise<void>;
}

export function createReminderScheduler(options: ReminderSchedulerOptions): ReminderScheduler {
  const everyMs = options.everyMs ?? REMINDER_CHECK_MS;
  if (!(everyMs > 0)) throw new RangeError(`reminders: everyMs must be positive, got ${everyMs}`);
  let stopped = false;
  let cancel: (() => void) | undefined;
  let inFlight: Promise<void> | undefined;

  const pass = async (): Promise<void> => {
    try {
      await options.run();
    } catch (error) {
      options.log.error({ err: error }, 'reminder pass failed; the next one retries');
    }
    // The next timer only once this pass is over: passes never overlap.
    if (!stopped) cancel = options.setTimer(everyMs, () => (inFlight = pass()));
  };

  return {
    start() {
      if (stopped || inFlight !== undefined) return;
      inFlight = pass();
    },
    async stop() {
      stopped = true;
      cancel?.();
      await inFlight;
    },
  };
}
