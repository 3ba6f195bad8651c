import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CatalogError,
  type LoadProgress,
  loadCatalog,
  summarizeCatalog,
} from '../../src/catalog/loader.ts';
import { formatProblem } from '../../src/catalog/types.ts';
import { SHARED_DATA } from '../helpers/shared-data.ts';

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
const DATA = path('../../data');
const SHARED = SHARED_DATA;
const FIXTURES = path('../fixtures/catalog');

const temporary: string[] = [];
function tempFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
  temporary.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

const PAGE = [
  'Session',
  '',
  'Poster Session 1',
  '',
  '',
  'A Good Paper',
  '',
  'Ann Author · Bob Author',
  '',
  'An abstract.',
].join('\n');

describe('loadCatalog(data/)', () => {
  // data/ is the product's own folder: a schedule may be added to it, so only the seed's
  // facts are asserted here (schedules are tested with a fixture below).
  const result = loadCatalog(DATA);

  it('loads the seed: 78 papers in one session, all enriched, no problem', () => {
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.files).toEqual(
      expect.arrayContaining([
        join(DATA, 'iclr2022-poster-session-9.txt'),
        join(DATA, 'iclr2022-poster-session-9.openreview.csv'),
      ]),
    );
    expect(result.catalog.sessions).toEqual([
      expect.objectContaining({
        id: 'iclr2022:poster-session-9',
        name: 'Poster Session 9',
        conference: 'ICLR 2022',
      }),
    ]);
    const { papers } = result.catalog;
    expect(papers).toHaveLength(78);
    expect(papers.filter((p) => !p.forumUrl || !p.posterUrl || !p.decision)).toEqual([]);
    const decisions = papers.map((p) => p.decision);
    expect(
      ['Poster', 'Spotlight', 'Oral'].map((d) => decisions.filter((x) => x === d).length),
    ).toEqual([63, 11, 4]);
  });

  it('summarises it for check-data', () => {
    expect(summarizeCatalog(result.catalog, result.problems)).toMatchObject({
      papers: 78,
      sessions: 1,
      errors: 0,
      warnings: 0,
    });
  });
});

describe('loadCatalog on the conference-scale data', () => {
  it('loads the ICLR 2020 Mini-Conf folder: 687 papers, 20 sessions over 4 days', () => {
    const result = loadCatalog(join(SHARED, 'iclr2020'));
    expect(summarizeCatalog(result.catalog, result.problems)).toEqual({
      papers: 687,
      sessions: 20,
      days: ['2020-04-27', '2020-04-28', '2020-04-29', '2020-04-30'],
      undatedSessions: 0,
      errors: 0,
      // The two rows naming the mistyped UID HJeUIDpVFPr.
      warnings: 2,
    });
    expect(result.catalog.papers.filter((p) => p.sessionIds.length === 2)).toHaveLength(686);
    expect(result.catalog.papers.every((p) => p.conference === 'ICLR 2020')).toBe(true);
  });

  it('loads the JSON lines export through a symbolic link: 2,765 unique ids', () => {
    const dir = tempFolder({});
    symlinkSync(join(SHARED, 'virtual_conferences_2020.jsonl'), join(dir, 'conferences.jsonl'));
    const result = loadCatalog(dir);
    expect(result.problems).toEqual([]);
    expect(result.catalog.papers).toHaveLength(2765);
    expect(new Set(result.catalog.papers.map((p) => p.id)).size).toBe(2765);
    expect(result.catalog.sessions).toHaveLength(165);
  });

  it('loads the whole shared folder, merging the ICLR 2020 papers found in two files', () => {
    const progress: LoadProgress[] = [];
    const result = loadCatalog(SHARED, { onProgress: (p) => progress.push(p) });
    expect(result.catalog.papers).toHaveLength(2765 + 78);
    expect(result.problems.map(formatProblem)).toContain(
      `${join(SHARED, 'iclr2020/papers.csv')}: warning: 687 papers also in ${join(SHARED, 'virtual_conferences_2020.jsonl')} (first: iclr2020:B1xSperKvH); merged, ${join(SHARED, 'virtual_conferences_2020.jsonl')} wins`,
    );
    expect(progress.map((p) => [p.done, p.total])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(progress.at(-1)?.papers).toBe(2765 + 687 + 78);
  });
});

describe('loadCatalog on bad files', () => {
  const dir = join(FIXTURES, 'bad-files');
  const result = loadCatalog(dir);
  const at = (name: string) => join(dir, name);

  it('loads the good page and reports every bad file with file and line', () => {
    expect(result.catalog.papers.map((p) => p.id)).toEqual([
      'GT0001',
      'GT0004',
      'sparse-attention-for-long-documents',
      'kernel-methods-strike-back',
    ]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        file: at('notes.xml'),
        severity: 'warning',
        message: expect.stringContaining('unknown data file'),
      }),
      {
        file: at('empty.txt'),
        severity: 'error',
        message: 'file is empty; expected a session page',
      },
      expect.objectContaining({
        file: at('poster-session-1.openreview.csv'),
        line: 3,
        severity: 'error',
        message: expect.stringContaining('broken quoting'),
      }),
      {
        file: at('poster-session-1.openreview.csv'),
        line: 4,
        severity: 'warning',
        message: 'no paper titled "A Paper That Is Not On The Page"; row ignored',
      },
      expect.objectContaining({
        file: at('poster-session-1.openreview.csv'),
        severity: 'warning',
        message: expect.stringContaining('no row for paper "Sparse Attention'),
      }),
      expect.objectContaining({
        file: at('truncated.txt'),
        line: 13,
        severity: 'error',
        message: expect.stringContaining('has no abstract'),
      }),
    ]);
  });

  it('keeps what the good files say', () => {
    const [graph, alpha] = result.catalog.papers;
    expect(graph).toMatchObject({
      decision: 'Spotlight',
      codeUrls: ['https://github.com/example/graph-transformers'],
      sessionIds: ['poster-session-1'],
    });
    expect(alpha).toMatchObject({
      title: 'α-Divergence Variational Inference, Revisited',
      award: 'Outstanding Paper',
      decision: 'Oral',
      codeUrls: [],
    });
    expect(result.catalog.sessions.map((s) => s.name)).toEqual([
      'Poster Session 1',
      'Poster Session 2',
    ]);
  });

  it('does not hang on a huge single line, and quotes none of it', () => {
    const folder = tempFolder({
      'good.txt': PAGE,
      'huge.txt': 'x'.repeat(20_000_000),
      'huge.jsonl': `{"uid": "${'y'.repeat(5_000_000)}`,
    });
    const started = performance.now();
    const loaded = loadCatalog(folder);
    expect(performance.now() - started).toBeLessThan(8_000);
    expect(loaded.catalog.papers.map((p) => p.title)).toEqual(['A Good Paper']);
    expect(
      loaded.problems.filter((p) => p.severity === 'error').map((p) => [p.file, p.line]),
    ).toEqual([
      [join(folder, 'huge.jsonl'), 1],
      [join(folder, 'huge.txt'), 1],
    ]);
    expect(loaded.problems.every((p) => p.message.length < 300)).toBe(true);
  });

  it('reads papers.csv in a subfolder as a Mini-Conf conference', () => {
    const folder = tempFolder({});
    mkdirSync(join(folder, 'neurips2021'));
    writeFileSync(
      join(folder, 'neurips2021', 'papers.csv'),
      'UID,title,authors\nP1,"A, Title",Ann|Bob\n',
    );
    const loaded = loadCatalog(folder);
    expect(loaded.catalog.papers).toEqual([
      expect.objectContaining({
        id: 'neurips2021:P1',
        title: 'A, Title',
        authors: ['Ann', 'Bob'],
        conference: 'NEURIPS 2021',
      }),
    ]);
  });
});

describe('loadCatalog with a schedule', () => {
  const dir = join(FIXTURES, 'scheduled');
  const result = loadCatalog(dir);
  const byName = (name: string) => result.catalog.sessions.find((s) => s.name === name);

  it('dates the sessions it names and leaves the others undated', () => {
    expect(byName('Poster Session 1')).toEqual({
      id: 'poster-session-1',
      name: 'Poster Session 1',
      start: '2022-04-25T16:30:00.000Z',
      end: '2022-04-25T18:30:00.000Z',
      location: 'Hall B',
    });
    expect(byName('Poster Session 2')).toMatchObject({
      start: '2022-04-26T10:00:00.000Z',
      location: 'Virtual: https://gather.town/example',
    });
    expect(byName('Poster Session 2')?.end).toBeUndefined();
    expect(byName('Poster Session 3')?.start).toBeUndefined();
    expect(summarizeCatalog(result.catalog, result.problems)).toMatchObject({
      sessions: 3,
      days: ['2022-04-25', '2022-04-26'],
      undatedSessions: 1,
    });
  });

  it('reports the rows it cannot use, with their lines', () => {
    expect(result.problems.map(formatProblem)).toEqual([
      `${join(dir, 'schedule.csv')}:4: error: session "Poster Session 3": start "26 April 2022 10am" is not an ISO 8601 date-time with a UTC offset (e.g. 2022-04-25T18:30:00+02:00); row skipped`,
      `${join(dir, 'schedule.csv')}:5: warning: no session named "Poster Session 99"; row ignored`,
    ]);
  });
});

describe('loadCatalog when nothing loads', () => {
  it.each([
    ['an empty folder', {}, 'no data files found'],
    ['only an empty page', { 'a.txt': '' }, 'a.txt: error: file is empty'],
    ['only unknown files', { 'a.pdf': '%PDF' }, 'unknown data file'],
  ])('throws a CatalogError for %s, saying why', (_name, files, reason) => {
    const dir = tempFolder(files);
    expect(() => loadCatalog(dir)).toThrow(CatalogError);
    expect(() => loadCatalog(dir)).toThrow(
      new RegExp(`^catalog: no papers loaded from ${dir}: .*${reason}`),
    );
  });

  it('throws a CatalogError for a folder that does not exist', () => {
    expect(() => loadCatalog('/nonexistent/poster-data')).toThrow(
      /^catalog: no papers loaded from \/nonexistent\/poster-data: cannot read the folder \(ENOENT/,
    );
  });
});
