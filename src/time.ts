/**
 * Calendar and wall-clock arithmetic in IANA time zones, with `Intl` only: the digest's
 * schedule, `/poster today`, and config's `DIGEST_TIME`. Domain code: imports nothing.
 *
 * Why no date library: we need four operations (local date of an instant, instant of a local
 * wall-clock time, a day after a date). `Intl.DateTimeFormat` ships the
 * full tz database with Node, so luxon/date-fns-tz would add a dependency for ~60 lines.
 * `Temporal` would be the right tool once Node ships it unflagged.
 */

/** A calendar date, `YYYY-MM-DD`, as used for ledger keys and digest days. */
export type LocalDate = string;

/** A wall-clock time of day. */
export interface TimeOfDay {
  hour: number;
  minute: number;
}

/** Thrown for a malformed date, time of day or time zone; the message carries the value. */
export class TimeError extends RangeError {
  override name = 'TimeError';
}

const DAY_MS = 86_400_000;
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses a 24-hour `HH:MM` (e.g. `DIGEST_TIME=08:00`); `undefined` when malformed, so a
 * config loader can collect every problem before reporting.
 */
export function parseTimeOfDay(text: string): TimeOfDay | undefined {
  const match = TIME_OF_DAY.exec(text);
  if (!match) return undefined;
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** True for a time zone name the runtime's tz database knows (e.g. `Europe/Paris`, `UTC`). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** True for a real calendar date written `YYYY-MM-DD` (rejects `2021-02-30`). */
export function isLocalDate(text: string): boolean {
  return parseLocalDate(text) !== undefined;
}

/** The calendar date `days` after (or before, if negative) `date`. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const { year, month, day } = requireLocalDate(date);
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return shifted.toISOString().slice(0, 10);
}

/** The calendar date of `instant` on a wall clock in `timeZone`, as `YYYY-MM-DD`. */
export function localDate(instant: Date, timeZone: string): LocalDate {
  return new Date(wallClockMs(instant.getTime(), timeZone)).toISOString().slice(0, 10);
}

/**
 * The instant at which wall clocks in `timeZone` show `time` on `date`. `time` is either
 * parsed already (config's `{ hour, minute }`) or `HH:MM`.
 *
 * DST is resolved like Temporal's `disambiguation: 'compatible'`: a time that does not exist
 * (spring forward, 02:30 in New York) is pushed forward by the gap (03:30), and a time that
 * occurs twice (fall back, 01:30) means the earlier occurrence. So a daily job always runs
 * exactly once per local day.
 */
export function zonedTimeToInstant(
  date: LocalDate,
  time: TimeOfDay | string,
  timeZone: string,
): Date {
  const { year, month, day } = requireLocalDate(date);
  const tod = requireTimeOfDay(time);
  const wall = Date.UTC(year, month - 1, day, tod.hour, tod.minute);
  // Real zones change offset at most once within a day either side of any instant.
  const offsetBefore = offsetMs(wall - DAY_MS, timeZone);
  const offsetAfter = offsetMs(wall + DAY_MS, timeZone);
  const candidates = [wall - offsetBefore, wall - offsetAfter].filter(
    (ms) => wallClockMs(ms, timeZone) === wall,
  );
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // In a gap: read the wall time with the offset in force before the transition.
  return new Date(wall - offsetBefore);
}

function parseLocalDate(text: string): { year: number; month: number; day: number } | undefined {
  const match = LOCAL_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  const roundTrips =
    probe.getUTCFullYear() === year &&
    probe.getUTCMonth() === month - 1 &&
    probe.getUTCDate() === day;
  return roundTrips ? { year, month, day } : undefined;
}

function requireTimeOfDay(time: TimeOfDay | string): TimeOfDay {
  const tod = typeof time === 'string' ? parseTimeOfDay(time) : time;
  const valid =
    tod !== undefined &&
    Number.isInteger(tod.hour) &&
    Number.isInteger(tod.minute) &&
    tod.hour >= 0 &&
    tod.hour <= 23 &&
    tod.minute >= 0 &&
    tod.minute <= 59;
  if (!valid) throw new TimeError(`time: expected HH:MM (24-hour), got ${JSON.stringify(time)}`);
  return tod;
}

function requireLocalDate(text: string): { year: number; month: number; day: number } {
  const parsed = parseLocalDate(text);
  if (!parsed) throw new TimeError(`time: expected a date YYYY-MM-DD, got "${text}"`);
  return parsed;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Formatters are costly to build and immutable: one per zone for the process's lifetime. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        calendar: 'gregory',
        numberingSystem: 'latn',
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new TimeError(`time: unknown time zone "${timeZone}" (expected an IANA name)`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** What a wall clock in `timeZone` shows at `ms`, encoded as if that wall time were UTC. */
function wallClockMs(ms: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const field = (name: string): number => fields[name] ?? 0;
  const wall = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  // Intl drops milliseconds; keep them so wallClockMs(ms) - ms is the exact offset.
  return wall + (((ms % 1000) + 1000) % 1000);
}

/** The zone's UTC offset at `ms` (positive east of Greenwich). */
function offsetMs(ms: number, timeZone: string): number {
  return wallClockMs(ms, timeZone) - ms;
}
