import { describe, expect, it } from 'vitest';
import type { Paper, Session } from '../../src/catalog/types.ts';
import {
  formatDigestDate,
  type PostableSelection,
  renderDigestChunks,
  renderDigestRoot,
} from '../../src/digest/render.ts';
import { selectDigest } from '../../src/digest/select.ts';
import { extremePaper, makePaper } from '../fixtures/papers.ts';
import { loadIclr2020 } from '../fixtures/schedule-catalogs.ts';
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

/** Every poster title shown in the thread (a card's `*Poster …*`, a list's `• Poster …`), in order. */
const titlesIn = (messages: { text: string; blocks: unknown[] }[]) =>
  messages.flatMap((m) =>
    [...allText(m as never).matchAll(/(?:\*|• )(Poster [\w-]+)/g)].map((x) => x[1]),
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

  it('splits a big session into numbered replies of at most 40 titles, every poster once and in order', () => {
    const morning = papersIn(MORNING, 95);
    const chunks = renderDigestChunks(sessionsSelection(morning, []), context);
    expect(chunks.map((c) => c.text)).toEqual([
      'Tues Session 1: posters 1–40 of 95',
      'Tues Session 1: posters 41–80 of 95',
      'Tues Session 1: posters 81–95 of 95',
    ]);
    expect(titlesIn(chunks)).toEqual(morning.map((p) => p.title));
  });

  it('keeps every reply within Slack limits with the longest realistic papers, dropping none', () => {
    const huge = Array.from({ length: 120 }, (_, i) => ({
      ...extremePaper(`x${i}`),
      sessionIds: ['s1'],
    }));
    const chunks = renderDigestChunks(sessionsSelection(huge, []), context);
    expect(chunks.flatMap(slackLimitViolations)).toEqual([]);
    const lines = chunks.flatMap((c) =>
      allText(c)
        .split('\n')
        .filter((l) => l.startsWith('• ')),
    );
    expect(lines).toHaveLength(120);
  });

  it('lists a poster presented twice that day once, under its first session, naming the other', () => {
    const twice = makePaper({ id: 't', title: 'Poster twice', sessionIds: ['s1', 's2'] });
    const chunks = renderDigestChunks(
      sessionsSelection([twice, ...papersIn(MORNING, 1)], [twice]),
      context,
    );
    expect(titlesIn(chunks)).toEqual(['Poster twice', 'Poster s1-1']);
    expect(allText(chunks[0]!)).toContain('• Poster twice · _also Tues Session 5_');
    expect(chunks.map((c) => c.text)).toEqual([
      'Tues Session 1: 2 posters',
      'Tues Session 5: no new posters',
    ]);
    expect(allText(chunks[1]!)).toContain('Its poster was listed under an earlier session today.');
    const root = renderDigestRoot(
      sessionsSelection([twice, ...papersIn(MORNING, 1)], [twice]),
      context,
    );
    expect(root.text).toContain('2 poster sessions today, 2 posters');
  });

  it('shows highlights as full cards first, then the sessions as lists with what to do next', () => {
    const oral = makePaper({ id: 'o', title: 'Poster oral', decision: 'Oral', sessionIds: ['s1'] });
    const chunks = renderDigestChunks(
      sessionsSelection([oral], [], { highlights: [oral] } as Partial<PostableSelection>),
      context,
    );
    expect(chunks.map((c) => c.text)).toEqual(['Highlights: 1 poster', 'Tues Session 1: 1 poster']);
    expect(chunks[0]!.blocks.some((b) => b.type === 'actions')).toBe(true);
    expect(chunks[1]!.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(allText(chunks[1]!)).toContain('What next: `/poster &lt;keywords&gt;`');
    // Every block id says "digest", so a click knows it came from the digest's thread.
    for (const chunk of chunks) {
      const ids = chunk.blocks.flatMap((b) => (b.block_id === undefined ? [] : [b.block_id]));
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.every((id) => id.startsWith('digest_'))).toBe(true);
    }
  });

  it('marks the sessions already over when the digest is posted', () => {
    const late = { ...context, now: new Date('2020-04-28T09:00:00Z') };
    const selection = sessionsSelection(papersIn(MORNING, 1), papersIn(EVENING, 1));
    const [morning, evening] = renderDigestChunks(selection, late);
    expect(allText(morning!)).toContain('_already over_');
    expect(allText(evening!)).not.toContain('already over');
    expect(allText(renderDigestRoot(selection, late))).toMatch(/Hall B · _already over_/);
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

describe('the ICLR 2020 digest of 28 April (every paper in two sessions that day)', () => {
  const catalog = loadIclr2020();
  const selection = selectDigest(catalog, '2020-04-28', 'UTC', new Map());
  if (selection.kind !== 'sessions') throw new Error('expected a day of sessions');
  const bySession = new Map(catalog.sessions.map((s) => [s.id, s]));
  const chunks = renderDigestChunks(selection, { sessions: bySession, timeZone: 'UTC' });

  it('names 171 posters, each once, in at most 12 thread replies', () => {
    const lines = chunks.flatMap((c) =>
      allText(c)
        .split('\n')
        .filter((l) => l.startsWith('• ')),
    );
    const titles = lines.map((line) => line.replace(/ · _also .*_$/, ''));
    expect(titles).toHaveLength(171);
    expect(new Set(titles).size).toBe(171);
    expect(chunks.length).toBeLessThanOrEqual(12);
    expect(renderDigestRoot(selection, { sessions: bySession, timeZone: 'UTC' }).text).toContain(
      '5 poster sessions today, 171 posters',
    );
  });
});
