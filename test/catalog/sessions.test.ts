import { describe, expect, it } from 'vitest';
import { createSessionTable, parseInstant, parseSessionTimes } from '../../src/catalog/sessions.ts';

describe('parseInstant', () => {
  it.each([
    ['2020-04-27T05:00:00+00:00', '2020-04-27T05:00:00.000Z'],
    ['2022-04-25T18:30:00+02:00', '2022-04-25T16:30:00.000Z'],
    ['2022-04-25T18:30+02:00', '2022-04-25T16:30:00.000Z'],
    ['2022-04-25 18:30:00-0500', '2022-04-25T23:30:00.000Z'],
    ['2022-04-25T18:30:00.250Z', '2022-04-25T18:30:00.250Z'],
    ['2022-04-25T18:30:00z', '2022-04-25T18:30:00.000Z'],
    // No offset: which time zone? Rejected rather than guessed.
    ['2022-04-25T18:30:00', undefined],
    ['2022-02-30T10:00:00Z', undefined],
    ['2022-04-25T24:00:00Z', undefined],
    ['26 April 2022 10am', undefined],
    ['', undefined],
  ])('%j → %j', (raw, instant) => {
    expect(parseInstant(raw)).toBe(instant);
  });
});

describe('parseSessionTimes', () => {
  it.each([
    ['', '', {}],
    [null, null, {}],
    ['2020-07-06T05:00:00+00:00', null, { start: '2020-07-06T05:00:00.000Z' }],
    [
      '2020-04-27T05:00:00+00:00',
      '2020-04-27T07:00:00+00:00',
      { start: '2020-04-27T05:00:00.000Z', end: '2020-04-27T07:00:00.000Z' },
    ],
    ['soon', '', { problem: expect.stringContaining('start "soon" is not an ISO 8601 date-time') }],
    [
      '2020-04-27T05:00:00Z',
      'later',
      { start: '2020-04-27T05:00:00.000Z', problem: expect.stringContaining('end "later"') },
    ],
    [
      '2020-04-27T05:00:00Z',
      '2020-04-27T04:00:00Z',
      { start: '2020-04-27T05:00:00.000Z', problem: expect.stringContaining('is before start') },
    ],
    ['', '2020-04-27T04:00:00Z', { problem: expect.stringContaining('without a start') }],
  ])('(%j, %j) → %j', (start, end, times) => {
    expect(parseSessionTimes(start, end)).toEqual(times);
  });
});

describe('createSessionTable', () => {
  it('gives one session per (name, start), with ids namespaced by the conference', () => {
    const table = createSessionTable('ICLR 2020');
    const mon = table.intern({ name: 'Mon Session 1', start: '2020-04-27T05:00:00.000Z' });
    const again = table.intern({
      name: 'Mon Session 1',
      start: '2020-04-27T05:00:00.000Z',
      end: '2020-04-27T07:00:00.000Z',
    });
    expect(again).toBe(mon);
    expect(mon).toEqual({
      id: 'iclr2020:mon-session-1',
      name: 'Mon Session 1',
      start: '2020-04-27T05:00:00.000Z',
      end: '2020-04-27T07:00:00.000Z',
      conference: 'ICLR 2020',
    });
    expect(table.sessions).toHaveLength(1);
  });

  it('keeps ids unique when a name comes back at another time', () => {
    const table = createSessionTable();
    const ids = [
      table.intern({ name: 'Session 1A', start: '2020-07-06T05:00:00.000Z' }).id,
      table.intern({ name: 'Session 1A', start: '2020-07-07T05:00:00.000Z' }).id,
      table.intern({ name: 'Session 1A' }).id,
      table.intern({ name: 'session-1a' }).id,
    ];
    expect(ids).toEqual([
      'session-1a',
      'session-1a-2020-07-07t05-00-00-000z',
      'session-1a-2',
      'session-1a-3',
    ]);
    expect(table.named('Session 1A')?.start).toBe('2020-07-06T05:00:00.000Z');
  });
});
