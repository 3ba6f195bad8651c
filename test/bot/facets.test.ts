import { describe, expect, it } from 'vitest';
import {
  decodeFacets,
  describeFacets,
  encodeFacets,
  type Facets,
  readFacets,
  scopeFacets,
} from '../../src/bot/facets.ts';
import type { Session } from '../../src/catalog/types.ts';
import { makePaper } from '../fixtures/papers.ts';

describe('readFacets', () => {
  it.each<[string, Facets, string]>([
    ['what are the orals?', { decisions: ['Oral'] }, 'what are posters?'],
    ['orals', { decisions: ['Oral'] }, 'posters'],
    ['spotlights on optimization', { decisions: ['Spotlight'] }, 'posters on optimization'],
    ['spotlight continual learning', { decisions: ['Spotlight'] }, 'posters continual learning'],
    ['orals and spotlights', { decisions: ['Oral', 'Spotlight'] }, 'posters and posters'],
    ['any award-winning posters?', { award: true }, 'any posters?'],
    ['where is the outstanding paper?', { award: true }, 'where is posters?'],
    ['did any paper win the best paper award?', { award: true }, 'did any posters?'],
    ['vision transformer with code', { code: true }, 'vision transformer'],
    ['posters that have open-source code', { code: true }, 'posters'],
    ['any orals in session 3?', { decisions: ['Oral'], session: '3' }, 'any posters?'],
    ['spotlights in poster session 9', { decisions: ['Spotlight'], session: '9' }, 'posters'],
    ['what is on this afternoon?', { when: { day: 'today', part: 'afternoon' } }, 'what is on?'],
    ['diffusion tomorrow morning', { when: { day: 'tomorrow', part: 'morning' } }, 'diffusion'],
    ['graphs tonight', { when: { day: 'today', part: 'evening' } }, 'graphs'],
    ['is BEiT an oral?', { decisions: ['Oral'] }, 'is BEiT posters?'],
    ['papers accepted as orals', { decisions: ['Oral'] }, 'posters'],
    ['posters in session nine', { session: '9' }, 'posters'],
    ['selected for a spotlight', { decisions: ['Spotlight'] }, 'posters'],
    // Topics that only look like facets stay topics.
    ['code generation', {}, 'code generation'],
    [
      'learning versatile architectures by propagating network codes',
      {},
      'learning versatile architectures by propagating network codes',
    ],
    ['session types', {}, 'session types'],
  ])('%j', (text, facets, rest) => {
    expect(readFacets(text)).toEqual({ facets, rest });
  });
});

describe('scopeFacets', () => {
  const dated: Session[] = [
    // 09:00 and 14:00 in Vienna (UTC+2 in May) on 2 May; 10:00 on 3 May.
    {
      id: 's1',
      name: 'Poster Session 1',
      start: '2022-05-02T07:00:00Z',
      end: '2022-05-02T09:00:00Z',
    },
    {
      id: 's2',
      name: 'Poster Session 2',
      start: '2022-05-02T12:00:00Z',
      end: '2022-05-02T14:00:00Z',
    },
    {
      id: 's3',
      name: 'Poster Session 3',
      start: '2022-05-03T08:00:00Z',
      end: '2022-05-03T10:00:00Z',
    },
  ];
  const papers = [
    makePaper({
      id: 'a',
      title: 'A',
      sessionIds: ['s1'],
      decision: 'Oral',
      codeUrls: ['https://g/a'],
    }),
    makePaper({ id: 'b', title: 'B', sessionIds: ['s2'], decision: 'Spotlight' }),
    makePaper({
      id: 'c',
      title: 'C',
      sessionIds: ['s3'],
      award: 'Outstanding Paper',
      decision: 'Oral',
    }),
    makePaper({ id: 'd', title: 'D', sessionIds: ['s2'] }),
  ];
  const context = {
    sessions: dated,
    now: new Date('2022-05-02T06:00:00Z'),
    timeZone: 'Europe/Vienna',
  };
  const kept = (facets: Facets) => {
    const scope = scopeFacets(facets, context);
    if (scope.kind === 'impossible') return scope.reason;
    return papers.filter(scope.filter).map((p) => p.id);
  };

  it.each<[Facets, string[] | string]>([
    [{ decisions: ['Oral'] }, ['a', 'c']],
    [{ decisions: ['Spotlight'] }, ['b']],
    [{ award: true }, ['c']],
    [{ award: true, decisions: ['Spotlight'] }, ['b', 'c']],
    [{ code: true }, ['a']],
    [{ decisions: ['Oral'], code: true }, ['a']],
    [{ session: '2' }, ['b', 'd']],
    [{ when: { day: 'today' } }, ['a', 'b', 'd']],
    [{ when: { day: 'today', part: 'afternoon' } }, ['b', 'd']],
    [{ when: { day: 'today', part: 'morning' } }, ['a']],
    [{ when: { day: 'tomorrow' } }, ['c']],
    [{ when: { day: 'tomorrow', part: 'evening' } }, 'No poster session tomorrow evening.'],
    [
      { session: '7' },
      'There is no session 7 in the schedule (sessions: Poster Session 1, Poster Session 2, Poster Session 3).',
    ],
  ])('%j keeps %j', (facets, expected) => {
    expect(kept(facets)).toEqual(expected);
  });

  it('drops a time over an undated schedule, and says why', () => {
    const scope = scopeFacets(
      { decisions: ['Oral'], when: { day: 'today', part: 'afternoon' } },
      { ...context, sessions: [{ id: 's9', name: 'Poster Session 9' }] },
    );
    expect(scope.kind).toBe('filter_without_time');
    if (scope.kind !== 'filter_without_time') return;
    expect(scope.reason).toMatch(/no session times/);
    expect(scope.description).toBe('among the orals');
    expect(papers.filter(scope.filter).map((p) => p.id)).toEqual(['a', 'c']);
  });

  it('names the session it filters on', () => {
    const scope = scopeFacets({ decisions: ['Oral'], session: '1', code: true }, context);
    expect(scope.kind === 'filter' && scope.description).toBe(
      'with code among the orals in Poster Session 1',
    );
  });
});

describe('describeFacets', () => {
  it('reads as a phrase after "N posters"', () => {
    expect(describeFacets({ award: true, decisions: ['Oral'] })).toBe(
      'among the award winners and orals',
    );
    expect(describeFacets({ when: { day: 'today', part: 'afternoon' } })).toBe('this afternoon');
    expect(describeFacets({ when: { day: 'tomorrow' } })).toBe('tomorrow');
  });
});

describe('encodeFacets / decodeFacets', () => {
  it.each<Facets>([
    {},
    { decisions: ['Oral'] },
    { decisions: ['Oral', 'Spotlight'], award: true, code: true },
    { session: '12', when: { day: 'tomorrow', part: 'morning' } },
    { when: { day: 'today' } },
  ])('round-trips %j', (facets) => {
    expect(decodeFacets(encodeFacets(facets))).toEqual(facets);
  });

  it.each(['x', 'o,,s', 'n', 'n1234', 'today-noon', '{"o":1}'])('rejects %j', (text) => {
    expect(decodeFacets(text)).toBeUndefined();
  });
});
