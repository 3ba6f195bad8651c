import { describe, expect, it } from 'vitest';
import type { Paper, Session } from '../../src/catalog/types.ts';
import {
  formatDigestDate,
  type PostableSelection,
  renderDigestChunks,
  renderDigestRoot,
} from '../../src/digest/render.ts';
import { extremePaper, makePaper } from '../fixtures/papers.ts';
import { allText, controlSequences, slackLimitViolations } from '../helpers/slack-limits.ts';

const MORNING: Session = {
  id: 's1',
  name: 'Tues Session 1',
  start: '2020-04-28T05:00:00Z',
  end: '2020-04-28T07:00:00Z',
  location: 'Hall B',
};
const EVENING: Session = { id: 's2', name: 'Tues Session 5', start: '2020-04-28T20:00:00Z' };
const sessions = new Map([MORNING, EVENING].map((s) => [s.id, s]));
const context = { sessions, timeZone: 'Europe/Paris' };

const papersIn = (
  session: Session,
  n: number,
  make = (id: string) => makePaper({ id, title: `Poster ${id}` }),
) =>
  Array.from({ length: n }, (_, i) => ({
    ...make(`${session.id}-${i + 1}`),
    sessionIds: [session.id],
  }));

function sessionsSelection(
  morning: Paper[],
  evening: Paper[],
  extra: Partial<PostableSelection> = {},
) {
  return {
    kind: 'sessions',
    date: '2020-04-28',
    sessions: [
      { session: MORNING, papers: morning },
      { session: EVENING, papers: evening },
    ],
    highlights: [],
    topics: [],
    ...extra,
  } as PostableSelection;
}

/** Every `*Poster …*` title shown in the thread, in order. */
const titlesIn = (messages: { text: string; blocks: unknown[] }[]) =>
  messages.flatMap((m) =>
    [...allText(m as never).matchAll(/\*(Poster [\w-]+)\*/g)].map((x) => x[1]),
  );

describe('formatDigestDate', () => {
  it.each([
    ['2020-04-28', 'Tuesday, April 28, 2020'],
    ['2024-02-29', 'Thursday, February 29, 2024'],
  ])('%s reads as %s', (date, expected) => {
    expect(formatDigestDate(date)).toBe(expected);
  });
});

describe('renderDigestRoot for a day with sessions', () => {
  const root = renderDigestRoot(
    sessionsSelection(papersIn(MORNING, 3), papersIn(EVENING, 2), {
      highlights: [
        makePaper({
          id: 'h1',
          title: 'Best Paper',
          award: 'Outstanding Paper',
          sessionIds: ['s1'],
        }),
        makePaper({ id: 'h2', title: 'An Oral', decision: 'Oral', sessionIds: ['s2'] }),
      ],
      topics: ['reinforcement learning', 'GAN'],
    } as Partial<PostableSelection>),
    context,
  );
  const text = allText(root);

  it('says the date, how many sessions and posters, in the notification too', () => {
    expect(root.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: 'Poster digest · Tuesday, April 28, 2020' },
    });
    expect(root.text).toBe(
      'Poster digest for Tuesday, April 28, 2020: 2 poster sessions today, 5 posters',
    );
  });

  it('lists each session with its times as date tokens (fallback in the digest zone) and its poster count', () => {
    expect(text).toContain(
      '• *Tues Session 1* · <!date^1588050000^{date_short_pretty} {time}|Tue, Apr 28, 07:00 GMT+2>' +
        '–<!date^1588057200^{time}|Tue, Apr 28, 09:00 GMT+2> · 3 posters · Hall B',
    );
    expect(text).toContain(
      '• *Tues Session 5* · <!date^1588104000^{date_short_pretty} {time}|Tue, Apr 28, 22:00 GMT+2> · 2 posters',
    );
  });

  it('shows highlights in the order given, with their badges, and the main topics', () => {
    expect(text).toMatch(
      /\*Highlights\*\n• \*Best Paper\* · :trophy: Outstanding Paper.*\n• \*An Oral\* · :microphone: Oral/,
    );
    expect(text).toContain('Main topics: reinforcement learning · GAN');
  });

  it('stays within Slack limits', () => {
    expect(slackLimitViolations(root)).toEqual([]);
  });
});

describe('renderDigestRoot', () => {
  it('omits the highlights and topics when the day has none', () => {
    const text = allText(renderDigestRoot(sessionsSelection(papersIn(MORNING, 1), []), context));
    expect(text).not.toContain('Highlights');
    expect(text).not.toContain('Main topics');
  });

  it('escapes session names and locations from the data: only our date tokens are control sequences', () => {
    const hostile: Session = { ...MORNING, name: '<!channel> & friends', location: '<@U123>' };
    const root = renderDigestRoot(
      {
        kind: 'sessions',
        date: '2020-04-28',
        sessions: [{ session: hostile, papers: [] }],
        highlights: [],
        topics: ['<!here>'],
      },
      context,
    );
    const sequences = controlSequences(allText(root));
    // The session's start and end, nothing else (a test on no sequences would prove nothing).
    expect(sequences).toHaveLength(2);
    expect(sequences.every((seq) => seq.startsWith('<!date^'))).toBe(true);
    expect(allText(root)).toContain('&lt;!channel&gt; &amp; friends');
  });

  it('lists at most 20 sessions and says how many more are in the thread', () => {
    const many = Array.from({ length: 23 }, (_, i) => ({
      session: { ...MORNING, id: `s${i}`, name: `Session ${i + 1}` },
      papers: [],
    }));
    const root = renderDigestRoot(
      { kind: 'sessions', date: '2020-04-28', sessions: many, highlights: [], topics: [] },
      context,
    );
    const text = allText(root);
    expect(text).toContain('*Session 20*');
    expect(text).not.toContain('*Session 21*');
    expect(text).toContain('… and 3 more sessions in the thread');
    expect(slackLimitViolations(root)).toEqual([]);
  });

  it('announces a "posters of the day" rotation with the picks linked', () => {
    const picks = [
      makePaper({
        id: 'a',
        title: 'First Pick',
        posterUrl: 'https://iclr.cc/virtual/2022/poster/1',
      }),
      makePaper({ id: 'b', title: 'Second Pick' }),
    ];
    const root = renderDigestRoot({ kind: 'rotation', date: '2022-04-25', papers: picks }, context);
    expect(root.text).toBe('Posters of the day for Monday, April 25, 2022: 2 posters');
    expect(allText(root)).toContain(
      '• *<https://iclr.cc/virtual/2022/poster/1|First Pick>*\n• *Second Pick*',
    );
  });
});

describe('renderDigestChunks', () => {
  it('puts a small day in one reply per session, headed by the session and its time', () => {
    const chunks = renderDigestChunks(
      sessionsSelection(papersIn(MORNING, 3), papersIn(EVENING, 2)),
      context,
    );
    expect(chunks.map((c) => c.text)).toEqual([
      'Tues Session 1: 3 posters',
      'Tues Session 5: 2 posters',
    ]);
    expect(allText(chunks[0]!)).toContain('*Tues Session 1* · <!date^1588050000^');
    expect(titlesIn(chunks)).toEqual([
      'Poster s1-1',
      'Poster s1-2',
      'Poster s1-3',
      'Poster s2-1',
      'Poster s2-2',
    ]);
  });

  it('splits a big session into numbered chunks of at most 8 cards, every poster once and in order', () => {
    const morning = papersIn(MORNING, 19);
    const chunks = renderDigestChunks(sessionsSelection(morning, []), context);
    expect(chunks.map((c) => c.text)).toEqual([
      'Tues Session 1: posters 1–8 of 19',
      'Tues Session 1: posters 9–16 of 19',
      'Tues Session 1: posters 17–19 of 19',
    ]);
    expect(titlesIn(chunks)).toEqual(morning.map((p) => p.title));
  });

  it('keeps every chunk within Slack limits with the longest realistic papers, dropping none', () => {
    const huge = Array.from({ length: 30 }, (_, i) => ({
      ...extremePaper(`x${i}`),
      sessionIds: ['s1'],
    }));
    const chunks = renderDigestChunks(sessionsSelection(huge, []), context);
    expect(chunks.flatMap(slackLimitViolations)).toEqual([]);
    const cards = chunks.flatMap((c) => c.blocks.filter((b) => b.block_id?.endsWith('_text')));
    expect(cards).toHaveLength(30);
    expect(chunks.length).toBeGreaterThan(30 / 8);
  });

  it('renders a rotation as one reply of cards with Abstract buttons', () => {
    const picks = [
      makePaper({ id: 'a', title: 'Poster a' }),
      makePaper({ id: 'b', title: 'Poster b' }),
    ];
    const chunks = renderDigestChunks(
      { kind: 'rotation', date: '2022-04-25', papers: picks },
      context,
    );
    expect(chunks.map((c) => c.text)).toEqual(['Posters of the day: 2 posters']);
    expect(titlesIn(chunks)).toEqual(['Poster a', 'Poster b']);
    expect(JSON.stringify(chunks[0]!.blocks)).toContain('"value":"b"');
  });
});
