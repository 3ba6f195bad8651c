import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  isLocalDate,
  isValidTimeZone,
  localDate,
  parseTimeOfDay,
  TimeError,
  zonedTimeToInstant,
} from '../src/time.ts';

describe('parseTimeOfDay', () => {
  it.each([
    ['08:00', { hour: 8, minute: 0 }],
    ['00:00', { hour: 0, minute: 0 }],
    ['23:59', { hour: 23, minute: 59 }],
    ['8:00', undefined],
    ['24:00', undefined],
    ['12:60', undefined],
    ['08:00:00', undefined],
    [' 08:00', undefined],
    ['', undefined],
  ])('%j → %j', (text, expected) => {
    expect(parseTimeOfDay(text)).toEqual(expected);
  });
});

describe('validation', () => {
  it.each([
    ['UTC', true],
    ['Europe/Paris', true],
    ['Asia/Tokyo', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
  ])('isValidTimeZone(%j) is %s', (zone, expected) => {
    expect(isValidTimeZone(zone)).toBe(expected);
  });

  it.each([
    ['2020-04-28', true],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2021-02-30', false],
    ['2020-4-28', false],
    ['28/04/2020', false],
  ])('isLocalDate(%j) is %s', (text, expected) => {
    expect(isLocalDate(text)).toBe(expected);
  });

  it.each([
    ['2020-04-28', '8am', 'UTC', /HH:MM.*"8am"/],
    ['2020-02-30', '08:00', 'UTC', /YYYY-MM-DD.*"2020-02-30"/],
    ['2020-04-28', '08:00', 'Europe/Pariss', /time zone "Europe\/Pariss"/],
    ['2020-04-28', { hour: 24, minute: 0 }, 'UTC', /HH:MM.*"hour":24/],
    ['2020-04-28', { hour: 8.5, minute: 0 }, 'UTC', /HH:MM.*"hour":8.5/],
  ])('zonedTimeToInstant(%j, %j, %j) throws a TimeError naming the value', (d, t, z, message) => {
    expect(() => zonedTimeToInstant(d, t, z)).toThrow(TimeError);
    expect(() => zonedTimeToInstant(d, t, z)).toThrow(message);
  });
});

describe('addDays', () => {
  it.each([
    ['2020-04-28', 1, '2020-04-29'],
    ['2020-04-30', 1, '2020-05-01'],
    ['2020-12-31', 1, '2021-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2020-04-28', 0, '2020-04-28'],
  ])('%s + %i day(s) = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('localDate', () => {
  it.each([
    // ICLR 2020's last session of a day, 20:00 UTC, is already the next day in Tokyo…
    ['2020-04-27T20:00:00Z', 'UTC', '2020-04-27'],
    ['2020-04-27T20:00:00Z', 'Asia/Tokyo', '2020-04-28'],
    ['2020-04-27T23:00:00Z', 'Asia/Tokyo', '2020-04-28'],
    // …and its first, 05:00 UTC, still the previous day in California.
    ['2020-04-27T05:00:00Z', 'America/Los_Angeles', '2020-04-26'],
    ['2020-04-27T18:29:59Z', 'Asia/Kolkata', '2020-04-27'],
    ['2020-04-27T18:30:00Z', 'Asia/Kolkata', '2020-04-28'],
    ['2024-12-31T10:15:00Z', 'Pacific/Kiritimati', '2025-01-01'],
    ['2024-03-31T00:59:59Z', 'Europe/Paris', '2024-03-31'],
  ])('%s in %s is %s', (iso, zone, expected) => {
    expect(localDate(new Date(iso), zone)).toBe(expected);
  });
});

describe('zonedTimeToInstant', () => {
  it.each([
    ['2020-04-28', '08:00', 'UTC', '2020-04-28T08:00:00.000Z'],
    ['2020-04-28', '08:00', 'Asia/Tokyo', '2020-04-27T23:00:00.000Z'],
    ['2020-04-28', '08:00', 'Asia/Kolkata', '2020-04-28T02:30:00.000Z'],
    // Paris the day before, the day of and after the spring switch: 08:00 local each time.
    ['2024-03-30', '08:00', 'Europe/Paris', '2024-03-30T07:00:00.000Z'],
    ['2024-03-31', '08:00', 'Europe/Paris', '2024-03-31T06:00:00.000Z'],
    ['2024-10-27', '08:00', 'Europe/Paris', '2024-10-27T07:00:00.000Z'],
    // A time that does not exist (clocks jump 02:00 → 03:00) is pushed forward by the gap.
    ['2024-03-31', '02:30', 'Europe/Paris', '2024-03-31T01:30:00.000Z'],
    ['2021-03-14', '02:30', 'America/New_York', '2021-03-14T07:30:00.000Z'],
    // Chile switches at midnight: the day starts at 01:00.
    ['2022-09-11', '00:00', 'America/Santiago', '2022-09-11T04:00:00.000Z'],
    // A time that happens twice (clocks fall back 03:00 → 02:00) means the first one.
    ['2024-10-27', '02:30', 'Europe/Paris', '2024-10-27T00:30:00.000Z'],
    ['2021-11-07', '01:30', 'America/New_York', '2021-11-07T05:30:00.000Z'],
    // Southern hemisphere, and a 30-minute DST shift.
    ['2024-04-07', '08:00', 'Australia/Sydney', '2024-04-06T22:00:00.000Z'],
    ['2024-10-06', '02:15', 'Australia/Lord_Howe', '2024-10-05T15:45:00.000Z'],
    // Config hands over the parsed form.
    ['2024-03-31', { hour: 8, minute: 0 }, 'Europe/Paris', '2024-03-31T06:00:00.000Z'],
  ])('%s %s in %s is %s', (date, time, zone, expected) => {
    expect(zonedTimeToInstant(date, time, zone).toISOString()).toBe(expected);
  });

  const minute = 60_000;
  const wallTimeFormats = new Map<string, Intl.DateTimeFormat>();
  const wallTime = (instant: Date, zone: string): string => {
    let format = wallTimeFormats.get(zone);
    if (!format) {
      format = new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
      wallTimeFormats.set(zone, format);
    }
    return format.format(instant);
  };
  // Uniform instants rarely land near a DST switch, so half the cases are drawn around one.
  const transitions: [string, string][] = [
    ['Europe/Paris', '2024-03-31T01:00:00Z'],
    ['Europe/Paris', '2024-10-27T01:00:00Z'],
    ['America/New_York', '2021-03-14T07:00:00Z'],
    ['America/New_York', '2021-11-07T06:00:00Z'],
    ['America/Santiago', '2022-09-11T04:00:00Z'],
    ['America/Santiago', '2023-04-02T03:00:00Z'],
    ['Australia/Lord_Howe', '2024-10-05T15:30:00Z'],
    ['Australia/Lord_Howe', '2024-04-06T15:00:00Z'],
    ['Pacific/Chatham', '2024-04-06T14:00:00Z'],
  ];
  const anyInstant = fc.tuple(
    fc.constantFrom(...new Set(transitions.map(([zone]) => zone)), 'UTC', 'Asia/Kolkata'),
    fc.integer({ min: Date.UTC(1995, 0, 1) / minute, max: Date.UTC(2040, 0, 1) / minute }),
  );
  const nearSwitch = fc
    .tuple(fc.constantFrom(...transitions), fc.integer({ min: -180, max: 180 }))
    .map(([[zone, iso], delta]): [string, number] => [zone, Date.parse(iso) / minute + delta]);

  it('inverts localDate + wall time, choosing the earlier of repeated times', () => {
    fc.assert(
      fc.property(fc.oneof(anyInstant, nearSwitch), ([zone, minutes]) => {
        const instant = new Date(minutes * minute);
        const back = zonedTimeToInstant(localDate(instant, zone), wallTime(instant, zone), zone);
        // Equal, or the first occurrence of a repeated wall time (at most a DST shift ago).
        const earlier = instant.getTime() - back.getTime();
        expect(earlier).toBeGreaterThanOrEqual(0);
        expect(earlier).toBeLessThanOrEqual(60 * minute);
        expect(wallTime(back, zone)).toBe(wallTime(instant, zone));
        expect(localDate(back, zone)).toBe(localDate(instant, zone));
      }),
      { numRuns: 1000 },
    );
  });
});
