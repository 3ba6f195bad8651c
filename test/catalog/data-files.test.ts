import { describe, expect, it } from 'vitest';
import { planFolder } from '../../src/catalog/data-files.ts';

describe('planFolder', () => {
  it('pairs a page with its enrichment and names the conference after the file', () => {
    const plan = planFolder('data', [
      'iclr2022-poster-session-9.openreview.csv',
      'iclr2022-poster-session-9.txt',
    ]);
    expect(plan).toEqual({
      sources: [
        {
          kind: 'session-page',
          file: 'data/iclr2022-poster-session-9.txt',
          enrichment: 'data/iclr2022-poster-session-9.openreview.csv',
          conference: 'ICLR 2022',
        },
      ],
      problems: [],
    });
  });

  it('reads papers.csv and poster_sessions.csv as one Mini-Conf source named after the folder', () => {
    expect(planFolder('shared/iclr2020', ['poster_sessions.csv', 'papers.csv']).sources).toEqual([
      {
        kind: 'mini-conf',
        papers: 'shared/iclr2020/papers.csv',
        posterSessions: 'shared/iclr2020/poster_sessions.csv',
        conference: 'ICLR 2020',
      },
    ]);
    expect(planFolder('exports/my-conf', ['papers.csv']).sources).toEqual([
      { kind: 'mini-conf', papers: 'exports/my-conf/papers.csv', conference: 'my-conf' },
    ]);
  });

  it.each([
    [
      'virtual_conferences_2020.jsonl',
      { kind: 'json-lines', file: 'd/virtual_conferences_2020.jsonl' },
    ],
    ['acl2020.ndjson', { kind: 'json-lines', file: 'd/acl2020.ndjson', conference: 'ACL 2020' }],
    ['schedule.csv', { kind: 'schedule', file: 'd/schedule.csv' }],
    ['poster-session-1.txt', { kind: 'session-page', file: 'd/poster-session-1.txt' }],
  ])('reads %s', (name, source) => {
    expect(planFolder('d', [name])).toEqual({ sources: [source], problems: [] });
  });

  it.each(['README.md', 'README', 'NOTES.md', 'LICENSE', '.DS_Store', '.gitkeep'])(
    'ignores %s silently',
    (name) => {
      expect(planFolder('d', [name])).toEqual({ sources: [], problems: [] });
    },
  );

  it.each([
    ['notes.xml', 'unknown data file'],
    ['papers.xlsx', 'unknown data file'],
    ['orphan.openreview.csv', 'no session page orphan.txt beside it'],
    ['poster_sessions.csv', 'needs papers.csv beside it'],
  ])('warns about %s and skips it', (name, message) => {
    expect(planFolder('d', [name])).toEqual({
      sources: [],
      problems: [
        { file: `d/${name}`, severity: 'warning', message: expect.stringContaining(message) },
      ],
    });
  });
});
