/**
 * The organisers' report (src/bot/stats-report.ts) over a real store and the seed catalog:
 * the threshold, the nearest query for a search that found nothing, alias suggestions, the
 * saves from the plans, the CSV (RFC 4180, no formula injection) and the plain table.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStatsRecorder, normaliseQuery } from '../../src/bot/stats-recorder.ts';
import {
  buildStatsReport,
  csvCell,
  reportCsv,
  reportText,
  type StatsReport,
} from '../../src/bot/stats-report.ts';
import type { Paper } from '../../src/catalog/types.ts';
import { buildBot } from '../../src/compose.ts';
import { abbreviates, expansionsOf } from '../../src/search/alias-suggest.ts';
import { createPaperIndex } from '../../src/search/paper-index.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { makePaper } from '../fixtures/papers.ts';
import { EMPTY_REPORT } from '../fixtures/stats-report.ts';

const bot = buildBot('data');
let store: Store;
const TODAY = '2026-12-04';

/** Counts searches into `store` as the bot does, at `hour` o'clock UTC on `day`. */
function recorderOn(store: Store, day = TODAY, hour = '12') {
  return createStatsRecorder({
    stats: store.stats,
    now: () => new Date(`${day}T${hour}:00:00Z`),
    timeZone: 'UTC',
    onError: (error) => {
      throw error;
    },
  });
}

beforeAll(async () => {
  store = openStore(':memory:');
  const rec = recorderOn(store);
  for (const user of ['U1', 'U2', 'U3']) {
    rec.query(user, 'GNNs', 6);
    rec.query(user, 'gnn', 6);
    rec.query(user, 'grph', 0);
    rec.query(user, 'nerf', 0);
  }
  for (const user of ['U1', 'U2']) rec.query(user, '=HYPERLINK("http://x")', 0);
  const first = bot.catalog.papers[0]!;
  const second = bot.catalog.papers[1]!;
  await store.plans.save({ teamId: 'T', userId: 'U1' }, first.id);
  await store.plans.save({ teamId: 'T', userId: 'U2' }, first.id);
  await store.plans.save({ teamId: 'T', userId: 'U1' }, second.id);
});
afterAll(() => store.close());

const report = () =>
  buildStatsReport(
    { stats: store.stats, plans: store.plans, catalog: bot.catalog, index: bot.index },
    { today: TODAY },
  );

describe('normaliseQuery', () => {
  it.each([
    ['GNNs', 'gnn'],
    ['graph neural networks', 'graph neural network'],
    ['Quantisation of the models', 'quantization model'],
    ['the', 'the'],
  ])('%s → %s, as the search reads it', (query, normalised) => {
    expect(normaliseQuery(query)).toBe(normalised);
  });
});

describe('buildStatsReport', () => {
  it('counts "GNNs" and "gnn" as one query, and lists it once 3 people asked', async () => {
    const { topQueries } = await report();
    expect(topQueries[0]).toEqual({ query: 'gnn', asked: 6, people: 3, results: 6 });
  });

  it('leaves out a query 2 people asked, and says how many were left out', async () => {
    const r = await report();
    expect(JSON.stringify(r)).not.toContain('hyperlink');
    expect(r.withheld).toBe(1);
  });

  it('gives each search that found nothing the nearest query that finds something', async () => {
    const { zeroResults } = await report();
    expect(zeroResults.map((q) => q.query)).toEqual(['grph', 'nerf']);
    // Too short for typo tolerance (4 letters), near enough for "did you mean".
    expect(zeroResults[0]).toEqual({ query: 'grph', asked: 3, people: 3, nearest: 'graph' });
    expect(zeroResults[1]).toStrictEqual({ query: 'nerf', asked: 3, people: 3 });
  });

  it('counts saves per poster and per session from the plans', async () => {
    const r = await report();
    const [first, second] = bot.catalog.papers;
    expect(r.savedPosters).toEqual([
      { id: first!.id, title: first!.title, saves: 2 },
      { id: second!.id, title: second!.title, saves: 1 },
    ]);
    const session = bot.catalog.sessions[0]!;
    expect(r.savedSessions).toEqual([{ id: session.id, name: session.name, saves: 3 }]);
  });
});

describe('alias suggestions', () => {
  it.each([
    ['nerf', ['neural', 'radiance', 'fields'], true],
    ['genai', ['generative', 'ai'], true],
    ['llm', ['large', 'language', 'models'], true],
    ['gan', ['graph', 'attention'], false], // no n
    ['ab', ['a', 'b', 'c'], false], // every word must give a letter
  ])('%s abbreviates %j: %s', (short, words, yes) => {
    expect(abbreviates(short, words)).toBe(yes);
  });

  it('finds the phrase the catalog writes most often, not one written once', () => {
    const texts = [
      'We train vision transformers (ViTs) and a visual transformer.',
      'Vision transformers are strong; very interesting tricks.',
    ];
    expect(expansionsOf('vit', texts)).toEqual([{ phrase: 'vision transformer', count: 2 }]);
    expect(expansionsOf('vt', texts)).toEqual([{ phrase: 'vision transformer', count: 2 }]);
    expect(expansionsOf('vit', texts.slice(0, 1))).toEqual([]);
  });

  it('suggests a line for a zero-result word that abbreviates a seed phrase', async () => {
    const rec = recorderOn(store, TODAY, '13');
    for (const user of ['U1', 'U2', 'U3']) {
      rec.query(user, 'gconv', 0);
      rec.query(user, 'gcn', 0); // data/aliases.csv has it now
      rec.query(user, 'ml', 0); // meta or machine learning: a tie, left to a person
    }
    const { aliasSuggestions } = await report();
    expect(aliasSuggestions).toEqual([{ query: 'gconv', means: 'graph convolutional' }]);
    const { zeroResults } = await report();
    expect(zeroResults.find((q) => q.query === 'gcn')?.findsNow).toBeGreaterThan(0);
  });
});

const SAMPLE: StatsReport = {
  today: TODAY,
  minPeople: 3,
  topQueries: [{ query: 'a, "quoted" one', asked: 4, people: 3, results: 2 }],
  zeroResults: [{ query: '=cmd|calc', asked: 3, people: 3, nearest: '+1' }],
  withheld: 0,
  aliasSuggestions: [],
  clicks: [{ kind: 'paper_share', n: 2 }],
  savedPosters: [{ id: 'p1', title: '@home\nrobots', saves: 5 }],
  savedSessions: [],
  days: [{ day: TODAY, queries: 7, foundNothing: 3, clicks: 2, reminders: 0, digests: 1 }],
};

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@x', "'@x"],
    ['=a,b', `"'=a,b"`],
  ])('%j → %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('keeps numbers as numbers, negative ones too (they are ours, not typed by anyone)', () => {
    expect(csvCell(-3)).toBe('-3');
  });

  it('writes one table with a section column and CRLF line ends', () => {
    expect(reportCsv(SAMPLE).split('\r\n')).toEqual([
      'section,item,count,people,detail',
      'top query,"a, ""quoted"" one",4,3,2 results',
      "found nothing,'=cmd|calc,3,3,'+1",
      `saved poster,"'@home\nrobots",5,,p1`,
      'clicks,paper_share,2,,',
      `day,${TODAY},7,,3 found nothing; 2 clicks; 0 reminders; 1 digests`,
      '',
    ]);
  });
});

describe('reportText', () => {
  it('prints each list as a table, and says what is left out', () => {
    const text = reportText(SAMPLE);
    expect(text).toContain('A query is listed once 3 different people asked it; 0 not listed.');
    expect(text).toContain(
      [
        'Top searches',
        '  query            asked  people  results',
        '  a, "quoted" one      4       3        2',
      ].join('\n'),
    );
    expect(text).toContain('Most saved sessions\n  none yet');
  });
});

describe('buildStatsReport over a small catalog', () => {
  // Listed out of order: the report sorts them.
  const sessions = [
    { id: 's3', name: 'Gamma' },
    { id: 's2', name: 'Beta' },
    { id: 's1', name: 'Alpha' },
  ];
  const papers = [
    makePaper({
      id: 'v1',
      title: 'Vision transformers at scale',
      abstract: 'Vision transformers, trained longer.',
      sessionIds: ['s1'],
    }),
    makePaper({ id: 'v2', title: 'Vision transformers for video', sessionIds: ['s1', 's2'] }),
    makePaper({ id: 'd1', title: 'Diffusion models', sessionIds: ['s2'] }),
    makePaper({ id: 'e1', title: 'Energy models', sessionIds: ['s3'] }),
    // "vt" also abbreviates this, less often than "vision transformer": no tie.
    makePaper({ id: 't1', title: 'Video tracking', abstract: 'Video tracking, again.' }),
    // "ds" abbreviates both, each written twice: a tie, left to a person.
    makePaper({ id: 'x1', title: 'Data science', abstract: 'Data science, again.' }),
    makePaper({ id: 'x2', title: 'Diffusion sampling', abstract: 'Diffusion sampling, again.' }),
    // More posters about kites than "finds N now" counts.
    ...Array.from({ length: 120 }, (_, i) => makePaper({ id: `k${i}`, title: `Kites ${i}` })),
  ];
  const catalog = { papers, sessions };
  const index = createPaperIndex(papers);
  let small: Store;

  beforeEach(async () => {
    small = openStore(':memory:');
    const rec = recorderOn(small);
    for (const user of ['U1', 'U2', 'U3']) {
      rec.query(user, 'vision', 2);
      rec.query(user, 'diffusion', 1);
      rec.query(user, 'diffusion', 1);
      rec.query(user, 'qqqq', 0);
      rec.query(user, 'no such thing', 0);
    }
    for (const user of ['U1', 'U2', 'U3', 'U4']) rec.query(user, 'vt', 0);
    for (const user of ['U1', 'U2', 'U3']) {
      rec.query(user, 'ds', 0);
      // Asked more often than "vt", found nothing less often: 3 times of 9, and 3 of 5.
      for (const results of [0, 4, 4]) rec.query(user, 'bird', results);
      rec.query(user, 'zebra', 0);
      if (user !== 'U3') rec.query(user, 'zebra', 1);
      // Found nothing before the kites came.
      rec.query(user, 'kite', 0);
    }
    for (const [user, id] of [
      ['U1', 'v1'],
      ['U2', 'v1'],
      ['U3', 'v2'],
      ['U4', 'd1'],
      ['U5', 'e1'],
      ['U6', 'e1'],
    ] as const) {
      await small.plans.save({ teamId: 'T', userId: user }, id);
    }
  });
  afterEach(() => small.close());

  const build = (options: { top?: number; since?: string } = {}) =>
    buildStatsReport(
      { stats: small.stats, plans: small.plans, catalog, index },
      { today: TODAY, ...options },
    );

  it('lists searches that found nothing, most often empty first, then alphabetically', async () => {
    const { zeroResults } = await build();
    expect(zeroResults.map((q) => [q.query, q.asked, q.people])).toEqual([
      ['vt', 4, 4],
      ['bird', 3, 3],
      ['ds', 3, 3],
      ['kite', 3, 3],
      ['no such thing', 3, 3],
      ['qqqq', 3, 3],
      ['zebra', 3, 3],
    ]);
  });

  it('says how many a search that found nothing finds now, up to 100', async () => {
    const { zeroResults } = await build();
    expect(zeroResults.find((q) => q.query === 'kite')).toStrictEqual({
      query: 'kite',
      asked: 3,
      people: 3,
      findsNow: 100,
    });
    expect(zeroResults.find((q) => q.query === 'qqqq')).toStrictEqual({
      query: 'qqqq',
      asked: 3,
      people: 3,
    });
  });

  it('suggests an alias for a single word that abbreviates one phrase written twice', async () => {
    const { aliasSuggestions } = await build();
    // "no such thing" is not one word; "qqqq" abbreviates nothing; "ds" two phrases as often.
    expect(aliasSuggestions).toEqual([{ query: 'vt', means: 'vision transformer' }]);
  });

  it('ranks saved posters and sessions by saves, ties by name', async () => {
    const r = await build();
    expect(r.savedPosters).toEqual([
      { id: 'e1', title: 'Energy models', saves: 2 },
      { id: 'v1', title: 'Vision transformers at scale', saves: 2 },
      { id: 'd1', title: 'Diffusion models', saves: 1 },
      { id: 'v2', title: 'Vision transformers for video', saves: 1 },
    ]);
    // A poster shown in two sessions counts in both.
    expect(r.savedSessions).toEqual([
      { id: 's1', name: 'Alpha', saves: 3 },
      { id: 's2', name: 'Beta', saves: 2 },
      { id: 's3', name: 'Gamma', saves: 2 },
    ]);
  });

  it('keeps the top rows of every list', async () => {
    const r = await build({ top: 1 });
    expect(r.topQueries.map((q) => q.query)).toEqual(['bird']); // asked 9 times
    expect(r.zeroResults.map((q) => q.query)).toEqual(['vt']);
    expect(r.savedPosters.map((p) => p.id)).toEqual(['e1']);
    expect(r.savedSessions.map((s) => s.id)).toEqual(['s1']);
    // Alias suggestions look further than the rows shown.
    expect(r.aliasSuggestions).toHaveLength(1);
  });

  it('says which days it covers', async () => {
    expect('since' in (await build())).toBe(false);
    expect(reportText(await build())).toMatch(/^Usage report, every day kept, to 2026-12-04\n/);
    const since = await build({ since: '2026-12-01' });
    expect(since.since).toBe('2026-12-01');
    expect(reportText(since)).toMatch(/^Usage report, since 2026-12-01, to 2026-12-04\n/);
  });
});

describe('csvCell, the rest of OWASP’s list', () => {
  it.each([
    ['\tTAB', "'\tTAB"],
    ['\rCR', `"'\rCR"`],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

const FULL: StatsReport = {
  since: '2026-12-01',
  today: TODAY,
  minPeople: 3,
  topQueries: [
    { query: 'diffusion', asked: 12, people: 5, results: 40 },
    { query: 'gnn', asked: 3, people: 3, results: 7 },
  ],
  zeroResults: [
    { query: 'grph', asked: 4, people: 3, nearest: 'graph' },
    { query: 'gcn', asked: 3, people: 3, nearest: 'gan', findsNow: 6 },
    { query: 'qqqq', asked: 3, people: 3 },
  ],
  withheld: 2,
  aliasSuggestions: [{ query: 'vt', means: 'vision transformer' }],
  clicks: [
    { kind: 'paper_abstract', n: 10 },
    { kind: 'plan_toggle', n: 3 },
  ],
  savedPosters: [{ id: 'p1', title: 'Graphs', saves: 11 }],
  savedSessions: [{ id: 's1', name: 'Poster Session 9', saves: 11 }],
  days: [{ day: TODAY, queries: 15, foundNothing: 10, clicks: 13, reminders: 4, digests: 1 }],
};

describe('the report in full', () => {
  it('with nothing counted yet: every list says so', () => {
    expect(reportText(EMPTY_REPORT)).toBe(
      [
        'Usage report, every day kept, to 2026-12-04',
        'A query is listed once 3 different people asked it; 0 not listed.',
        '',
        ...[
          'Top searches',
          'Searches that found nothing',
          'Most saved posters',
          'Most saved sessions',
          'Clicks per button',
        ].flatMap((title) => [title, '  none yet', '']),
        'Traffic per day',
        '  none yet',
      ].join('\n'),
    );
    expect(reportCsv(EMPTY_REPORT)).toBe('section,item,count,people,detail\r\n');
  });

  it('as plain tables: padded columns, numbers to the right', () => {
    expect(reportText(FULL)).toBe(
      [
        'Usage report, since 2026-12-01, to 2026-12-04',
        'A query is listed once 3 different people asked it; 2 not listed.',
        '',
        'Top searches',
        '  query      asked  people  results',
        '  diffusion     12       5       40',
        '  gnn            3       3        7',
        '',
        'Searches that found nothing',
        '  query  asked  people  nearest that finds something',
        '  grph       4       3  graph',
        '  gcn        3       3  (finds 6 now)',
        '  qqqq       3       3  -',
        '',
        'Suggested lines for aliases.csv (check them first):',
        '  vt,vision transformer',
        '',
        'Most saved posters',
        '  saves  poster',
        '     11  Graphs',
        '',
        'Most saved sessions',
        '  saves  session',
        '     11  Poster Session 9',
        '',
        'Clicks per button',
        '  button          clicks',
        '  paper_abstract      10',
        '  plan_toggle          3',
        '',
        'Traffic per day',
        '  day         searches  found nothing  clicks  reminders  digests',
        '  2026-12-04        15             10      13          4        1',
      ].join('\n'),
    );
  });

  it('as CSV: every list under its section', () => {
    expect(reportCsv(FULL).split('\r\n')).toEqual([
      'section,item,count,people,detail',
      'top query,diffusion,12,5,40 results',
      'top query,gnn,3,3,7 results',
      'found nothing,grph,4,3,graph',
      'found nothing,gcn,3,3,finds 6 now',
      'found nothing,qqqq,3,3,',
      'alias suggestion,vt,,,vision transformer',
      'saved poster,Graphs,11,,p1',
      'saved session,Poster Session 9,11,,s1',
      'clicks,paper_abstract,10,,',
      'clicks,plan_toggle,3,,',
      `day,${TODAY},15,,10 found nothing; 13 clicks; 4 reminders; 1 digests`,
      '',
    ]);
  });
});

describe('buildStatsReport: default rows, days counted, words with digits', () => {
  let store: Store;
  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(() => store.close());

  /** `people` different people each search `query` once on `day`, finding `results`. */
  const asked = (day: string, query: string, people: number, results = 0) => {
    const rec = recorderOn(store, day);
    for (let i = 1; i <= people; i++) rec.query(`U${i}`, query, results);
  };

  const reportOver = (papers: Paper[], options: { since?: string } = {}) =>
    buildStatsReport(
      {
        stats: store.stats,
        plans: store.plans,
        catalog: { papers, sessions: [] },
        index: createPaperIndex(papers),
      },
      { today: TODAY, ...options },
    );

  const ELEVEN = 'abcdefghijk'.split('').map((c) => `zq${c}`);

  it('shows ten rows of each list by default', async () => {
    for (const q of ELEVEN) asked(TODAY, q, 3);
    const r = await reportOver([makePaper({ id: 'x', title: 'Quantum knots' })]);
    expect(r.topQueries.map((q) => q.query)).toEqual(ELEVEN.slice(0, 10));
    expect(r.zeroResults.map((q) => q.query)).toEqual(ELEVEN.slice(0, 10));
  });

  it('looks for aliases among the ten searches that found nothing most often', async () => {
    const papers = [
      makePaper({ id: 'v1', title: 'Vision transformers at scale' }),
      makePaper({ id: 'v2', title: 'Vision transformers for video' }),
    ];
    // Ten others asked by more people push "vt" to eleventh.
    for (const q of ELEVEN.slice(0, 10)) asked(TODAY, q, 4);
    asked(TODAY, 'vt', 3);
    expect((await reportOver(papers)).aliasSuggestions).toEqual([]);
    asked(TODAY, 'vt', 5); // now asked 8 times, first of the list
    expect((await reportOver(papers)).aliasSuggestions).toEqual([
      { query: 'vt', means: 'vision transformer' },
    ]);
  });

  it('counts from the day given, and every day kept without one', async () => {
    asked('2026-11-30', 'old', 3, 2);
    asked(TODAY, 'new', 3, 2);
    const since = await reportOver([], { since: '2026-12-01' });
    expect(since.topQueries.map((q) => q.query)).toEqual(['new']);
    expect(since.days.map((d) => d.day)).toEqual([TODAY]);
    const all = await reportOver([]);
    expect(all.topQueries.map((q) => q.query)).toEqual(['new', 'old']);
    expect(all.days.map((d) => d.day)).toEqual(['2026-11-30', TODAY]);
  });

  it('suggests an alias for a word with a digit in it', async () => {
    const papers = [
      makePaper({ id: 'h1', title: '3D human pose from one camera' }),
      makePaper({ id: 'h2', title: 'Lifting 2D keypoints to 3D human pose' }),
    ];
    asked(TODAY, '3dhp', 3);
    expect((await reportOver(papers)).aliasSuggestions).toEqual([
      { query: '3dhp', means: '3d human pose' },
    ]);
  });
});
