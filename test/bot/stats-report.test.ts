/**
 * The organisers' report (src/bot/stats-report.ts) over a real store and the seed catalog:
 * the threshold, the nearest query for a search that found nothing, alias suggestions, the
 * saves from the plans, the CSV (RFC 4180, no formula injection) and the plain table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStatsRecorder, normaliseQuery } from '../../src/bot/stats-recorder.ts';
import {
  buildStatsReport,
  csvCell,
  reportCsv,
  reportText,
  type StatsReport,
} from '../../src/bot/stats-report.ts';
import { buildBot } from '../../src/compose.ts';
import { abbreviates, expansionsOf } from '../../src/search/alias-suggest.ts';
import { openStore, type Store } from '../../src/store/store.ts';

const bot = buildBot('data');
let store: Store;
const TODAY = '2026-12-04';

beforeAll(async () => {
  store = openStore(':memory:');
  const rec = createStatsRecorder({
    stats: store.stats,
    now: () => new Date(`${TODAY}T12:00:00Z`),
    timeZone: 'UTC',
    onError: (error) => {
      throw error;
    },
  });
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
    expect(zeroResults[1]).toEqual({ query: 'nerf', asked: 3, people: 3 });
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
    const rec = createStatsRecorder({
      stats: store.stats,
      now: () => new Date(`${TODAY}T13:00:00Z`),
      timeZone: 'UTC',
      onError: (error) => {
        throw error;
      },
    });
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
