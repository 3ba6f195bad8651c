import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog, Decision, Paper, Session } from '../../src/catalog/types.ts';
import {
  type DigestSelection,
  mainTopics,
  rankHighlights,
  selectDigest,
} from '../../src/digest/select.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { addDays } from '../../src/time.ts';
import { loadIclr2020, PARALLEL, paper, readCsv } from '../fixtures/schedule-catalogs.ts';

const SEED_CSV = new URL('../../data/iclr2022-poster-session-9.openreview.csv', import.meta.url);

/** The seed: one undated session ("Poster Session 9") with its 78 papers. */
function loadSeed(): Catalog {
  const session: Session = { id: 'iclr2022-poster-session-9', name: 'Poster Session 9' };
  const papers = readCsv(SEED_CSV).map((row) =>
    paper(row.openreview_id ?? '', {
      title: row.title ?? '',
      decision: row.decision as Decision,
      keywords: (row.keywords ?? '').split('; ').filter(Boolean),
      sessionIds: [session.id],
    }),
  );
  return { papers, sessions: [session] };
}

const iclr2020 = loadIclr2020();
const NONE = new Map<string, number>();

/** What a reader of the digest sees first: which sessions, and how many posters each. */
function sessionSummary(selection: DigestSelection): string[] {
  if (selection.kind !== 'sessions') return [selection.kind];
  return selection.sessions.map(({ session, papers }) => `${session.name}: ${papers.length}`);
}

describe('selectDigest on a dated conference (ICLR 2020)', () => {
  it('has the data the cases below assume', () => {
    expect(iclr2020.sessions).toHaveLength(20);
    expect(iclr2020.papers).toHaveLength(688);
  });

  it.each([
    [
      '2020-04-27',
      'UTC',
      [
        'Mon Session 1: 69',
        'Mon Session 2: 68',
        'Mon Session 3: 69',
        'Mon Session 4: 68',
        'Mon Session 5: 71',
      ],
    ],
    [
      '2020-04-28',
      'UTC',
      [
        'Tues Session 1: 55',
        'Tues Session 2: 60',
        'Tues Session 3: 66',
        'Tues Session 4: 86',
        'Tues Session 5: 75',
      ],
    ],
    // Tokyo (UTC+9): the evening sessions (17:00 and 20:00 UTC) start after local midnight.
    [
      '2020-04-28',
      'Asia/Tokyo',
      [
        'Mon Session 4: 68',
        'Mon Session 5: 71',
        'Tues Session 1: 55',
        'Tues Session 2: 60',
        'Tues Session 3: 66',
      ],
    ],
    ['2020-05-01', 'Asia/Tokyo', ['Thurs Session 4: 71', 'Thurs Session 5: 72']],
    // Los Angeles (UTC−7): the first session, 05:00 UTC, is still Sunday evening.
    ['2020-04-26', 'America/Los_Angeles', ['Mon Session 1: 69']],
    ['2020-05-02', 'UTC', ['nothing']],
    ['2020-04-26', 'UTC', ['nothing']],
  ])('%s in %s lists %j', (date, zone, expected) => {
    expect(sessionSummary(selectDigest(iclr2020, date, zone, NONE))).toEqual(expected);
  });

  it('says why a day has nothing', () => {
    expect(selectDigest(iclr2020, '2020-05-02', 'UTC', NONE)).toEqual({
      kind: 'nothing',
      date: '2020-05-02',
      reason: 'no-sessions-on-date',
    });
  });

  it("names the day's main topics, most frequent first, each shared by several papers", () => {
    const selection = selectDigest(iclr2020, '2020-04-28', 'UTC', NONE);
    if (selection.kind !== 'sessions') throw new Error(`expected sessions, got ${selection.kind}`);
    expect(selection.topics).toHaveLength(5);
    // Reinforcement learning dominates every ICLR 2020 day.
    expect(selection.topics[0]).toBe('reinforcement learning');
    const dayPapers = new Set(selection.sessions.flatMap(({ papers }) => papers));
    const carriers = (topic: string) =>
      [...dayPapers].filter((p) => p.keywords.some((k) => k.toLowerCase() === topic.toLowerCase()))
        .length;
    const counts = selection.topics.map(carriers);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(2);
  });

  it('has no highlights when the catalog knows no decisions or awards', () => {
    const selection = selectDigest(iclr2020, '2020-04-28', 'UTC', NONE);
    expect(selection.kind === 'sessions' && selection.highlights).toEqual([]);
  });
});

describe('selectDigest highlights', () => {
  const catalog: Catalog = {
    sessions: [
      { id: 'am', name: 'Morning', start: '2022-04-27T09:00:00Z', end: '2022-04-27T11:00:00Z' },
      { id: 'pm', name: 'Afternoon', start: '2022-04-27T14:00:00Z', end: '2022-04-27T16:00:00Z' },
      { id: 'next', name: 'Next day', start: '2022-04-28T09:00:00Z' },
    ],
    papers: [
      paper('spot', { decision: 'Spotlight', sessionIds: ['am'] }),
      paper('plain', { decision: 'Poster', sessionIds: ['am'] }),
      paper('oral-twice', { decision: 'Oral', sessionIds: ['am', 'pm'] }),
      paper('award', { award: 'Outstanding Paper', decision: 'Oral', sessionIds: ['pm'] }),
      paper('oral-tomorrow', { decision: 'Oral', sessionIds: ['next'] }),
    ],
  };

  it("puts awards first, then orals, then spotlights, each paper once, only the day's", () => {
    const selection = selectDigest(catalog, '2022-04-27', 'UTC', NONE);
    expect(selection.kind === 'sessions' && selection.highlights.map((p) => p.id)).toEqual([
      'award',
      'oral-twice',
      'spot',
    ]);
  });

  it('caps them', () => {
    const selection = selectDigest(catalog, '2022-04-27', 'UTC', NONE, { maxHighlights: 2 });
    expect(selection.kind === 'sessions' && selection.highlights.map((p) => p.id)).toEqual([
      'award',
      'oral-twice',
    ]);
  });

  it('lists a paper presented in two of the day’s sessions under both', () => {
    const selection = selectDigest(catalog, '2022-04-27', 'UTC', NONE);
    expect(sessionSummary(selection)).toEqual(['Morning: 3', 'Afternoon: 2']);
  });

  it('ranks a bare list the same way (rankHighlights)', () => {
    const ranked = rankHighlights(catalog.papers).map((p) => p.id);
    expect(ranked).toEqual(['award', 'oral-twice', 'oral-tomorrow', 'spot']);
  });
});

describe('mainTopics', () => {
  const withKeywords = (...lists: string[][]) =>
    lists.map((keywords, i) => paper(`p${i}`, { keywords }));

  it.each<[string, Paper[], number, string[]]>([
    [
      'counts papers, not mentions, and ignores case and spacing',
      withKeywords(['GAN', 'gan'], ['gan', 'Robustness'], ['Robustness ', 'robustness'], ['GAN']),
      5,
      ['GAN', 'Robustness'],
    ],
    [
      'shows the spelling most papers used',
      withKeywords(
        ['graph neural networks'],
        ['Graph Neural Networks'],
        ['graph  neural networks'],
      ),
      5,
      ['graph neural networks'],
    ],
    [
      'breaks a spelling tie towards capitals (acronyms)',
      withKeywords(['nlp'], ['NLP']),
      5,
      ['NLP'],
    ],
    [
      'drops keywords only one paper carries, orders ties alphabetically, and caps',
      withKeywords(['b', 'a', 'solo', 'c'], ['a', 'b', 'c'], ['c']),
      2,
      ['c', 'a'],
    ],
    ['is empty without keywords', withKeywords([], [' ']), 5, []],
  ])('%s', (_, papers, max, expected) => {
    expect(mainTopics(papers, max)).toEqual(expected);
  });
});

describe('selectDigest on parallel and open-ended sessions', () => {
  it('ignores undated sessions in a catalog that has dated ones (no rotation)', () => {
    expect(selectDigest(PARALLEL, '2022-04-28', 'UTC', NONE).kind).toBe('nothing');
  });
});

describe('selectDigest rotation ("posters of the day") on the seed', () => {
  const seed = loadSeed();
  let store: Store;
  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(() => store.close());

  /** Runs the digest for `days` consecutive days through the store, as the bot would. */
  async function simulate(catalog: Catalog, firstDay: string, days: number): Promise<string[][]> {
    const picks: string[][] = [];
    for (let i = 0; i < days; i++) {
      const date = addDays(firstDay, i);
      const selection = selectDigest(catalog, date, 'UTC', await store.featureCounts('C1', date));
      if (selection.kind !== 'rotation')
        throw new Error(`expected rotation, got ${selection.kind}`);
      const ids = selection.papers.map((p) => p.id);
      await store.recordFeatured('C1', date, ids);
      picks.push(ids);
    }
    return picks;
  }

  it('has the data the cases below assume', async () => {
    expect(seed.papers).toHaveLength(78);
    expect(new Set(seed.papers.map((p) => p.id)).size).toBe(78);
  });

  it('shows every one of the 78 posters once before any repeats, five a day', async () => {
    const days = await simulate(seed, '2022-04-25', 16);
    expect(days.map((ids) => ids.length)).toEqual(Array(16).fill(5));
    const order = days.flat();
    expect(new Set(order.slice(0, 78)).size).toBe(78);
    // Day 16 finishes the round with the last 3 and starts the next one with 2.
    expect(new Set(order).size).toBe(78);
  });

  it('starts a new round that again shows everyone once', async () => {
    const days = await simulate(seed, '2022-04-25', 32);
    const secondRound = days.flat().slice(78, 156);
    expect(new Set(secondRound).size).toBe(78);
  });

  it('does not walk the catalog in file order, and varies from day to day', async () => {
    const [first = [], second = []] = await simulate(seed, '2022-04-25', 2);
    expect(first).not.toEqual(seed.papers.slice(0, 5).map((p) => p.id));
    // Another date with the same history would have started elsewhere.
    const otherDate = selectDigest(seed, '2022-04-26', 'UTC', NONE);
    expect(otherDate.kind === 'rotation' && otherDate.papers.map((p) => p.id)).not.toEqual(first);
    expect(second).not.toEqual(first);
  });

  it('picks the same posters when the day is run again after its picks were recorded', async () => {
    const [picked = []] = await simulate(seed, '2022-04-25', 1);
    const again = selectDigest(
      seed,
      '2022-04-25',
      'UTC',
      await store.featureCounts('C1', '2022-04-25'),
    );
    expect(again.kind === 'rotation' && again.papers.map((p) => p.id)).toEqual(picked);
  });

  it('fits a poster added to the catalog mid-round into the current round', async () => {
    const before = (await simulate(seed, '2022-04-25', 3)).flat();
    const latecomer = paper('late', { sessionIds: ['iclr2022-poster-session-9'] });
    const grown = { ...seed, papers: [...seed.papers, latecomer] };
    // 63 never shown plus the latecomer: the next 64 picks are exactly those.
    const rest = (await simulate(grown, '2022-04-28', 13)).flat().slice(0, 64);
    expect(new Set(rest)).toEqual(
      new Set(grown.papers.map((p) => p.id).filter((id) => !before.includes(id))),
    );
  });

  it.each([
    ['the number asked for', { postersPerDay: 3 }, 3],
    ['all when the catalog is smaller', { postersPerDay: 100 }, 78],
  ])('gives %s', (_, options, expected) => {
    const selection = selectDigest(seed, '2022-04-25', 'UTC', NONE, options);
    expect(selection.kind === 'rotation' && selection.papers).toHaveLength(expected);
  });

  it('also rotates when papers have no session at all, and says so when there are no papers', async () => {
    const noSessions = { papers: seed.papers.map((p) => ({ ...p, sessionIds: [] })), sessions: [] };
    expect(selectDigest(noSessions, '2022-04-25', 'UTC', NONE).kind).toBe('rotation');
    expect(selectDigest({ papers: [], sessions: [] }, '2022-04-25', 'UTC', NONE)).toEqual({
      kind: 'nothing',
      date: '2022-04-25',
      reason: 'empty-catalog',
    });
  });
});
