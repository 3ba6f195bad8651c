import { describe, expect, it } from 'vitest';
import { applySchedule, parseSchedule } from '../../src/catalog/schedule.ts';
import type { Session } from '../../src/catalog/types.ts';

const HEADER = 'session,start,end,location,conference';
const FILE = 'schedule.csv';

const sessions: Session[] = [
  { id: 'iclr2022:poster-session-9', name: 'Poster Session 9', conference: 'ICLR 2022' },
  {
    id: 'acl2020:session-1a',
    name: 'Session 1A',
    conference: 'ACL 2020',
    start: '2020-07-06T05:00:00.000Z',
  },
  { id: 'emnlp2020:session-1a', name: 'Session 1A', conference: 'EMNLP 2020' },
];

function schedule(body: string) {
  const parsed = parseSchedule(`${HEADER}\n${body}`, FILE);
  const applied = applySchedule(sessions, parsed.entries, FILE);
  return { sessions: applied.sessions, problems: [...parsed.problems, ...applied.problems] };
}

describe('schedule', () => {
  it('dates a session by name, in UTC, with its room', () => {
    const result = schedule(
      'poster  session 9,2022-04-27T18:30:00+02:00,2022-04-27T20:30:00+02:00,Hall B,\n',
    );
    expect(result.problems).toEqual([]);
    expect(result.sessions[0]).toEqual({
      id: 'iclr2022:poster-session-9',
      name: 'Poster Session 9',
      conference: 'ICLR 2022',
      start: '2022-04-27T16:30:00.000Z',
      end: '2022-04-27T18:30:00.000Z',
      location: 'Hall B',
    });
    // The input is not modified.
    expect(sessions[0]?.start).toBeUndefined();
  });

  it('leaves sessions the schedule does not name undated', () => {
    const result = schedule('');
    expect(result.sessions).toEqual(sessions);
    expect(result.problems).toEqual([]);
  });

  it('sets only the room when the times are blank, and keeps the data times', () => {
    const result = schedule('Session 1A,,,Zoom room 3,ACL 2020\n');
    expect(result.sessions[1]).toMatchObject({
      start: '2020-07-06T05:00:00.000Z',
      location: 'Zoom room 3',
    });
  });

  it('wins over times in the data', () => {
    const result = schedule('Session 1A,2020-07-06T06:00:00Z,,,ACL 2020\n');
    expect(result.sessions[1]?.start).toBe('2020-07-06T06:00:00.000Z');
  });

  it.each([
    [
      'a session it does not know',
      'Poster Session 99,2022-04-27T10:00:00Z,,,',
      'warning',
      'no session named "Poster Session 99"; row ignored',
    ],
    [
      'a name two conferences share',
      'Session 1A,2020-07-06T06:00:00Z,,,',
      'error',
      '2 sessions are named "Session 1A" (ACL 2020, EMNLP 2020); add a conference column',
    ],
    [
      'a time without offset',
      'Poster Session 9,2022-04-27T18:30:00,,,',
      'error',
      'is not an ISO 8601 date-time with a UTC offset',
    ],
    [
      'an end before the start',
      'Poster Session 9,2022-04-27T18:30:00Z,2022-04-27T17:30:00Z,,',
      'warning',
      'is before start',
    ],
    ['a row without session name', ',2022-04-27T18:30:00Z,,,', 'error', 'row has no session name'],
  ])('reports %s with its line', (_name, row, severity, message) => {
    const result = schedule(`${row}\n`);
    expect(result.problems).toEqual([
      { file: FILE, line: 2, severity, message: expect.stringContaining(message) },
    ]);
  });

  it('keeps the first of two rows for one session', () => {
    const result = schedule(
      'Poster Session 9,2022-04-27T10:00:00Z,,,\nPoster Session 9,2022-04-28T10:00:00Z,,,\n',
    );
    expect(result.sessions[0]?.start).toBe('2022-04-27T10:00:00.000Z');
    expect(result.problems).toEqual([
      {
        file: FILE,
        line: 3,
        severity: 'error',
        message: 'session "Poster Session 9" is already scheduled at line 2; row skipped',
      },
    ]);
  });

  it('names unknown columns, which may be typos', () => {
    const parsed = parseSchedule(
      'session,start,room\nPoster Session 9,2022-04-27T10:00:00Z,Hall B\n',
      FILE,
    );
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        line: 1,
        severity: 'warning',
        message: expect.stringContaining('unknown column room ignored'),
      }),
    ]);
    expect(parsed.entries).toEqual([
      { line: 2, session: 'Poster Session 9', start: '2022-04-27T10:00:00.000Z' },
    ]);
  });
});
