import { describe, expect, it } from 'vitest';
import { mergeParts } from '../../src/catalog/merge.ts';
import { toPaper } from '../../src/catalog/paper.ts';

const paper = (id: string, fields: Partial<Parameters<typeof toPaper>[0]> = {}) =>
  toPaper({ id, title: `Title ${id}`, authors: ['A'], abstract: '', ...fields });

describe('mergeParts', () => {
  it('merges a paper read from two files: first wins, gaps filled, lists united', () => {
    const { catalog, problems } = mergeParts([
      {
        file: 'a.jsonl',
        papers: [
          paper('iclr2020:X', {
            abstract: 'From A.',
            sessionIds: ['s1'],
            forumUrl: 'https://openreview.net/forum?id=X',
          }),
          paper('iclr2020:Y'),
        ],
        sessions: [{ id: 's1', name: 'S1', start: '2020-04-27T05:00:00.000Z' }],
      },
      {
        file: 'iclr2020/papers.csv',
        papers: [
          paper('iclr2020:X', {
            abstract: 'From B.',
            title: 'Other title',
            sessionIds: ['s1', 's2'],
            keywords: ['kw'],
          }),
        ],
        sessions: [
          { id: 's1', name: 'S1', end: '2020-04-27T07:00:00.000Z' },
          { id: 's2', name: 'S2' },
        ],
      },
    ]);
    expect(catalog.papers.map((p) => p.id)).toEqual(['iclr2020:X', 'iclr2020:Y']);
    expect(catalog.papers[0]).toMatchObject({
      title: 'Title iclr2020:X',
      abstract: 'From A.',
      forumUrl: 'https://openreview.net/forum?id=X',
      sessionIds: ['s1', 's2'],
      keywords: ['kw'],
    });
    expect(catalog.sessions).toEqual([
      { id: 's1', name: 'S1', start: '2020-04-27T05:00:00.000Z', end: '2020-04-27T07:00:00.000Z' },
      { id: 's2', name: 'S2' },
    ]);
    expect(problems).toEqual([
      {
        file: 'iclr2020/papers.csv',
        severity: 'warning',
        message: '1 paper also in a.jsonl (first: iclr2020:X); merged, a.jsonl wins',
      },
    ]);
  });

  it('warns when two files disagree on when a session starts', () => {
    const { catalog, problems } = mergeParts([
      {
        file: 'a',
        papers: [],
        sessions: [{ id: 's', name: 'S', start: '2020-01-01T10:00:00.000Z' }],
      },
      {
        file: 'b',
        papers: [],
        sessions: [{ id: 's', name: 'S', start: '2020-01-01T11:00:00.000Z' }],
      },
    ]);
    expect(catalog.sessions[0]?.start).toBe('2020-01-01T10:00:00.000Z');
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'b',
        severity: 'warning',
        message: expect.stringContaining('keeping a'),
      }),
    ]);
  });
});
