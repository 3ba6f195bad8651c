import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyEnrichment, parseEnrichment } from '../../src/catalog/enrichment.ts';
import { toPaper } from '../../src/catalog/paper.ts';
import { parseSessionPage } from '../../src/catalog/session-page.ts';
import { slugify } from '../../src/catalog/text.ts';

const read = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');
const CSV_FILE = 'data/iclr2022-poster-session-9.openreview.csv';
const HEADER = 'title,openreview_id,decision,openreview_url,virtual_site_url,keywords';

function paper(title: string) {
  return toPaper({ id: slugify(title), title, authors: ['A. Author'], abstract: 'An abstract.' });
}

describe('enrichment of the seed page', () => {
  const page = parseSessionPage(read('data/iclr2022-poster-session-9.txt'), 'page.txt');
  const rows = parseEnrichment(read(CSV_FILE), CSV_FILE);
  const enriched = applyEnrichment(page.papers, rows.rows, CSV_FILE);

  it('matches every paper to its OpenReview row', () => {
    expect(rows.problems).toEqual([]);
    expect(rows.rows).toHaveLength(78);
    expect(enriched.problems).toEqual([]);
    expect(enriched.papers.map((p) => p.id).sort()).toEqual(
      rows.rows.map((row) => row.openReviewId).sort(),
    );
  });

  it('gives each paper its decision: 63 posters, 11 spotlights, 4 orals', () => {
    const count = (decision: string) =>
      enriched.papers.filter((p) => p.decision === decision).length;
    expect([count('Poster'), count('Spotlight'), count('Oral')]).toEqual([63, 11, 4]);
  });

  it('adds links and keywords and keeps what the page said', () => {
    const first = enriched.papers[0];
    expect(first).toEqual({
      ...page.papers[0],
      id: 'o0ehFykKVtr',
      decision: 'Poster',
      forumUrl: 'https://openreview.net/forum?id=o0ehFykKVtr',
      posterUrl: 'https://iclr.cc/virtual/2022/poster/6041',
      keywords: [
        'visual foresight',
        'dynamics models',
        'visuomotor control',
        'video prediction',
        'planning',
        'transfer',
      ],
    });
  });

  it('joins titles written with LaTeX', () => {
    const vae = enriched.papers.find((p) => p.title.startsWith('β-Intact-VAE'));
    expect(vae?.forumUrl).toMatch(/^https:\/\/openreview\.net\/forum\?id=/);
    expect(vae?.id).not.toMatch(/intact/);
  });
});

describe('applyEnrichment joins on a normalised title', () => {
  it.each([
    ['same title', 'Graph Transformers at Scale'],
    ['other case', 'GRAPH TRANSFORMERS AT SCALE'],
    ['punctuation and spacing', 'Graph-Transformers:  at scale!'],
    ['diacritics', 'Gräph Transförmers at Scâle'],
    ['LaTeX', '\\emph{Graph} Transformers at Scale'],
  ])('%s', (_name, csvTitle) => {
    const rows = parseEnrichment(`${HEADER}\n"${csvTitle}",ID1,Oral,,,\n`, 'x.csv');
    const result = applyEnrichment([paper('Graph Transformers at Scale')], rows.rows, 'x.csv');
    expect(result.problems).toEqual([]);
    expect(result.papers[0]).toMatchObject({ id: 'ID1', decision: 'Oral' });
  });
});

describe('enrichment problems', () => {
  const papers = [paper('Graph Transformers at Scale'), paper('Sparse Attention')];

  function run(body: string) {
    const rows = parseEnrichment(`${HEADER}\n${body}`, 'e.csv');
    const applied = applyEnrichment(papers, rows.rows, 'e.csv');
    return { papers: applied.papers, problems: [...rows.problems, ...applied.problems] };
  }

  it('warns about a row matching no paper, with its line, and about the paper left unmatched', () => {
    const result = run(
      'Graph Transformers at Scale,ID1,Poster,,,\nA Paper Not On The Page,ID2,Poster,,,\n',
    );
    expect(result.papers.map((p) => p.id)).toEqual(['ID1', 'sparse-attention']);
    expect(result.problems).toEqual([
      {
        file: 'e.csv',
        line: 3,
        severity: 'warning',
        message: 'no paper titled "A Paper Not On The Page"; row ignored',
      },
      {
        file: 'e.csv',
        severity: 'warning',
        message: 'no row for paper "Sparse Attention"; it keeps id sparse-attention',
      },
    ]);
  });

  it('reports broken quoting with its line and still applies the other rows', () => {
    const result = run(
      '"Graph "Transformers" at Scale",ID1,Poster,,,\nSparse Attention,ID2,Oral,,,\n',
    );
    expect(result.papers.map((p) => p.id)).toEqual(['graph-transformers-at-scale', 'ID2']);
    expect(result.problems).toEqual([
      expect.objectContaining({
        line: 2,
        severity: 'error',
        message: expect.stringContaining('broken quoting'),
      }),
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringContaining('no row for paper "Graph'),
      }),
    ]);
  });

  it('reports an unclosed quote at the line it opens', () => {
    const result = run(
      'Sparse Attention,ID2,Oral,,,\n"Graph Transformers at Scale,ID1,Poster,,,\n',
    );
    expect(result.papers.map((p) => p.id)).toEqual(['graph-transformers-at-scale', 'ID2']);
    expect(result.problems[0]).toMatchObject({
      line: 3,
      severity: 'error',
      message: expect.stringContaining('never closed'),
    });
  });

  it.each([
    [
      'an unknown decision',
      'Graph Transformers at Scale,ID1,Workshop,,,',
      'unknown decision "Workshop"',
    ],
    [
      'a link that is not a URL',
      'Graph Transformers at Scale,ID1,Poster,forum?id=ID1,,',
      'openreview_url "forum?id=ID1" is not an http(s) URL',
    ],
    ['a missing id', 'Graph Transformers at Scale,,Poster,,,', 'no openreview_id'],
  ])('warns about %s and keeps the rest of the row', (_name, row, message) => {
    const result = run(`${row}\n`);
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        line: 2,
        severity: 'warning',
        message: expect.stringContaining(message),
      }),
    );
    expect(result.papers[0]?.title).toBe('Graph Transformers at Scale');
  });

  it('uses the first of two rows for one paper', () => {
    const result = run(
      'Graph Transformers at Scale,ID1,Poster,,,\ngraph transformers at scale,ID9,Oral,,,\n',
    );
    expect(result.papers[0]).toMatchObject({ id: 'ID1', decision: 'Poster' });
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        line: 3,
        message: expect.stringContaining('another row (line 2)'),
      }),
    );
  });

  it('does not give two papers the same id', () => {
    const result = run(
      'Graph Transformers at Scale,ID1,Poster,,,\nSparse Attention,ID1,Poster,,,\n',
    );
    expect(result.papers.map((p) => p.id)).toEqual(['ID1', 'sparse-attention']);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ line: 3, message: expect.stringContaining('already used') }),
    );
  });

  it.each([
    ['an empty file', '', 'file is empty'],
    [
      'a file without the id column',
      'title,decision\nGraph Transformers at Scale,Oral\n',
      'missing column openreview_id',
    ],
  ])('reports %s as an error and enriches nothing', (_name, text, message) => {
    const rows = parseEnrichment(text, 'e.csv');
    expect(rows.rows).toEqual([]);
    expect(rows.problems).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringContaining(message) }),
    ]);
  });
});
