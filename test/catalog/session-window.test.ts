import { describe, expect, it } from 'vitest';
import { selectSessions } from '../../src/catalog/session-window.ts';
import { loadIclr2020, PARALLEL } from '../fixtures/schedule-catalogs.ts';

const iclr2020 = loadIclr2020();

describe('selectSessions (/poster now | next | today) on ICLR 2020', () => {
  const names = (now: string, window: 'now' | 'next' | 'today', zone = 'UTC') =>
    selectSessions(iclr2020, new Date(now), window, zone).map(({ session }) => session.name);

  it.each<[string, 'now' | 'next' | 'today', string, string[]]>([
    ['2020-04-28T09:00:00Z', 'now', 'UTC', ['Tues Session 2']],
    ['2020-04-28T08:00:00Z', 'now', 'UTC', ['Tues Session 2']],
    // The end is exclusive: at 10:00 Session 2 is over, Session 3 starts at 12:00.
    ['2020-04-28T10:00:00Z', 'now', 'UTC', []],
    ['2020-04-28T10:00:00Z', 'next', 'UTC', ['Tues Session 3']],
    ['2020-04-28T08:00:00Z', 'next', 'UTC', ['Tues Session 3']],
    ['2020-04-20T00:00:00Z', 'next', 'UTC', ['Mon Session 1']],
    ['2020-04-30T21:00:00Z', 'next', 'UTC', []],
    ['2020-04-30T21:00:00Z', 'now', 'UTC', ['Thurs Session 5']],
    [
      '2020-04-28T23:30:00Z',
      'today',
      'UTC',
      ['Tues Session 1', 'Tues Session 2', 'Tues Session 3', 'Tues Session 4', 'Tues Session 5'],
    ],
    // 23:30 UTC on the 28th is already the 29th in Tokyo.
    [
      '2020-04-28T23:30:00Z',
      'today',
      'Asia/Tokyo',
      ['Tues Session 4', 'Tues Session 5', 'Wed Session 1', 'Wed Session 2', 'Wed Session 3'],
    ],
    ['2020-05-03T12:00:00Z', 'today', 'UTC', []],
  ])('at %s, %s (%s) lists %j', (now, window, zone, expected) => {
    expect(names(now, window, zone)).toEqual(expected);
  });

  it('gives each session its papers', () => {
    const [running] = selectSessions(iclr2020, new Date('2020-04-28T18:00:00Z'), 'now', 'UTC');
    expect(running?.session.name).toBe('Tues Session 4');
    expect(running?.papers).toHaveLength(86);
    expect(running?.papers.every((p) => p.sessionIds.includes(running.session.id))).toBe(true);
  });
});

describe('selectSessions with parallel and open-ended sessions', () => {
  const catalog = PARALLEL;
  const names = (now: string, window: 'now' | 'next' | 'today') =>
    selectSessions(catalog, new Date(now), window, 'UTC').map(({ session }) => session.name);

  it.each<[string, 'now' | 'next' | 'today', string[]]>([
    ['2022-04-27T08:00:00Z', 'next', ['Hall A', 'Hall B']],
    ['2022-04-27T09:30:00Z', 'now', ['Hall A', 'Hall B']],
    ['2022-04-27T10:30:00Z', 'now', ['Hall A']],
    // No end given: taken to last two hours.
    ['2022-04-27T14:59:00Z', 'now', ['Hall C']],
    ['2022-04-27T15:00:00Z', 'now', []],
    ['2022-04-27T20:00:00Z', 'today', ['Hall A', 'Hall B', 'Hall C']],
  ])('at %s, %s lists %j', (now, window, expected) => {
    expect(names(now, window)).toEqual(expected);
  });
});
