/**
 * The iCalendar writer against RFC 5545's rules (checked here byte by byte) and against a
 * maintained parser, Mozilla's ical.js (what Thunderbird uses): what it reads back must be
 * exactly what went in, whatever the titles hold.
 */
import { describe, expect, it } from 'vitest';
import type { Paper, Session } from '../../src/catalog/types.ts';
import { buildPlanCalendar, eventUid } from '../../src/plan/calendar.ts';
import {
  type CalendarEvent,
  escapeText,
  foldLine,
  ICS_LINE_OCTETS,
  renderCalendar,
  utcDateTime,
} from '../../src/plan/ics.ts';
import { makePaper } from '../fixtures/papers.ts';
import { icsEvents } from '../helpers/ical.ts';

const NOW = new Date('2020-04-20T12:00:00Z');
const octets = (s: string) => Buffer.byteLength(s, 'utf8');

const nasty = [
  'Commas, semicolons; and back\\slashes',
  'Emoji 🎉🧪 and accents é à ü in a title',
  'Line one\nline two\r\nline three',
  `${'Very long title '.repeat(30)}😀 end`,
  'Control \u0007 characters\u0000 dropped',
];

function event(summary: string, i: number): CalendarEvent {
  return {
    uid: `uid-${i}@test`,
    start: new Date(Date.UTC(2020, 3, 28, 5 + i)),
    end: new Date(Date.UTC(2020, 3, 28, 7 + i)),
    summary,
    location: `Hall ${i}, booth; ${summary}`,
    description: `About: ${summary}\n${'é'.repeat(100)}`,
    url: `https://example.org/poster/${i}?a=1,b=2`,
  };
}

describe('renderCalendar', () => {
  const events = nasty.map(event);
  const ics = renderCalendar(events, { now: NOW, name: 'My posters' });

  it('parses back, field for field, through ical.js', () => {
    const parsed = icsEvents(ics);
    expect(parsed).toHaveLength(nasty.length);
    parsed.forEach((got, i) => {
      const sent = events[i]!;
      // Control characters other than line breaks are not allowed in a content line (§3.1).
      const clean = (s: string) => s.replace(/\r\n?/g, '\n').replace(/(?!\n)\p{Cc}/gu, ' ');
      expect(got).toEqual({
        uid: sent.uid,
        summary: clean(sent.summary),
        location: clean(sent.location!),
        description: clean(sent.description!),
        start: sent.start.toISOString(),
        end: sent.end.toISOString(),
        startIsUtc: true,
        url: sent.url,
        dtstamp: '2020-04-20T12:00:00Z',
      });
    });
  });

  it('ends every line with CRLF and never has a bare LF or CR', () => {
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('keeps every line within 75 octets and folds only between characters', () => {
    const lines = ics.split('\r\n').slice(0, -1);
    expect(lines.length).toBeGreaterThan(40);
    const longest = Math.max(...lines.map(octets));
    expect(longest).toBeLessThanOrEqual(ICS_LINE_OCTETS);
    // The long title really was folded, into several continuation lines.
    expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(10);
    // No replacement character: a split 4-byte emoji would decode to U+FFFD.
    for (const line of lines) {
      expect(Buffer.from(line, 'utf8').toString('utf8')).not.toContain('\ufffd');
    }
  });

  it('writes the calendar and event properties RFC 5545 requires, times in UTC', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(ics).toContain('\r\nBEGIN:VEVENT\r\nUID:uid-0@test\r\nDTSTAMP:20200420T120000Z\r\n');
    expect(ics).toContain('DTSTART:20200428T050000Z\r\nDTEND:20200428T070000Z\r\n');
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
  });
});

describe('escapeText', () => {
  it.each([
    ['a,b', 'a\\,b'],
    ['a;b', 'a\\;b'],
    ['a\\b', 'a\\\\b'],
    ['a\nb', 'a\\nb'],
    ['a\r\nb', 'a\\nb'],
    ['tab\there', 'tab here'],
    ['\\n stays literal', '\\\\n stays literal'],
  ])('%j → %j', (raw, escaped) => {
    expect(escapeText(raw)).toBe(escaped);
  });
});

describe('foldLine', () => {
  it('leaves a line of exactly 75 octets alone and folds one of 76', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });

  it('moves a 4-byte character that would straddle the limit to the next line', () => {
    const folded = foldLine(`${'x'.repeat(73)}😀tail`);
    expect(folded).toBe(`${'x'.repeat(73)}\r\n 😀tail`);
  });

  it('counts the leading space of a continuation toward its 75 octets', () => {
    const pieces = foldLine('é'.repeat(200)).split('\r\n');
    expect(pieces.map(octets)).toEqual([74, 75, 75, 75, 75, 31]);
  });
});

describe('utcDateTime', () => {
  it('writes the UTC form with Z and refuses an invalid date', () => {
    expect(utcDateTime(new Date('2020-04-28T05:00:00.123+02:00'))).toBe('20200428T030000Z');
    expect(() => utcDateTime(new Date('nope'))).toThrow(/not a date/);
  });
});

describe('buildPlanCalendar', () => {
  const sessions: Session[] = [
    {
      id: 's1',
      name: 'Poster Session 1',
      start: '2020-04-28T05:00:00Z',
      end: '2020-04-28T07:00:00Z',
      location: 'Hall A',
    },
    { id: 's2', name: 'Poster Session 2', start: '2020-04-29T10:00:00Z' },
    { id: 'undated', name: 'Undated Session' },
  ];
  const papers: Paper[] = [
    makePaper({
      id: 'a',
      title: 'Graphs, trees; and forests',
      sessionIds: ['s2'],
      posterUrl: 'https://x.org/a',
    }),
    makePaper({
      id: 'b',
      title: 'Only forum',
      sessionIds: ['s1'],
      forumUrl: 'https://openreview.net/forum?id=b',
    }),
    makePaper({ id: 'c', title: 'Third', sessionIds: ['s1'] }),
    makePaper({ id: 'd', title: 'No time', sessionIds: ['undated'] }),
  ];
  const lookup = {
    papers: new Map(papers.map((p) => [p.id, p])),
    sessions: new Map(sessions.map((s) => [s.id, s])),
  };
  const owner = { teamId: 'T1', userId: 'U1' };

  it('makes one event per session holding saved posters, by start, with their links', () => {
    const result = buildPlanCalendar({
      owner,
      paperIds: ['a', 'b', 'c', 'd', 'gone'],
      lookup,
      now: NOW,
    });
    if (result.kind !== 'calendar') throw new Error(result.kind);
    expect(result).toMatchObject({ events: 2, posters: 3, undated: 1 });
    const parsed = icsEvents(result.ics);
    expect(parsed.map((e) => [e.summary, e.start, e.end, e.location, e.url])).toEqual([
      // Two posters in s1: counted in the title, no single URL, the room as location.
      [
        'Poster Session 1: 2 saved posters',
        '2020-04-28T05:00:00.000Z',
        '2020-04-28T07:00:00.000Z',
        'Hall A',
        null,
      ],
      // One poster in s2 without an end: its title, its page, two hours long.
      [
        'Poster Session 2: Graphs, trees; and forests',
        '2020-04-29T10:00:00.000Z',
        '2020-04-29T12:00:00.000Z',
        null,
        'https://x.org/a',
      ],
    ]);
    expect(parsed[0]?.description).toBe(
      'Your 2 saved posters in Poster Session 1:\n• Only forum\n  https://openreview.net/forum?id=b\n• Third',
    );
    expect(parsed.map((e) => e.uid)).toEqual([eventUid(owner, 's1'), eventUid(owner, 's2')]);
  });

  it('keeps UIDs stable across exports and distinct per person and session', () => {
    const again = buildPlanCalendar({ owner, paperIds: ['b'], lookup, now: new Date() });
    if (again.kind !== 'calendar') throw new Error(again.kind);
    expect(icsEvents(again.ics)[0]?.uid).toBe(eventUid(owner, 's1'));
    expect(eventUid(owner, 's1')).toMatch(/^[0-9a-f]{32}@poster-bot$/);
    expect(
      new Set([
        eventUid(owner, 's1'),
        eventUid(owner, 's2'),
        eventUid({ teamId: 'T2', userId: 'U1' }, 's1'),
        eventUid({ teamId: 'T1', userId: 'U2' }, 's1'),
      ]).size,
    ).toBe(4);
  });

  it('says empty with nothing saved, undated when no saved poster has a time', () => {
    expect(buildPlanCalendar({ owner, paperIds: [], lookup, now: NOW })).toEqual({ kind: 'empty' });
    expect(buildPlanCalendar({ owner, paperIds: ['gone'], lookup, now: NOW })).toEqual({
      kind: 'empty',
    });
    expect(buildPlanCalendar({ owner, paperIds: ['d'], lookup, now: NOW })).toEqual({
      kind: 'undated',
      posters: 1,
    });
  });
});
