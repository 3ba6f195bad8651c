import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSessionPage } from '../../src/catalog/session-page.ts';
import type { Paper } from '../../src/catalog/types.ts';

const SEED_FILE = 'data/iclr2022-poster-session-9.txt';
const seed = readFileSync(fileURLToPath(new URL(`../../${SEED_FILE}`, import.meta.url)), 'utf8');
const seedLines = seed.split('\n');
const parsed = parseSessionPage(seed, SEED_FILE, { conference: 'ICLR 2022' });

function byTitle(papers: readonly Paper[], start: string): Paper {
  const paper = papers.find((p) => p.title.startsWith(start));
  if (!paper) throw new Error(`no paper titled ${start}…`);
  return paper;
}

/** The seed with 1-based lines `from`..`to` removed. */
function withoutLines(from: number, to: number): string {
  return [...seedLines.slice(0, from - 1), ...seedLines.slice(to)].join('\n');
}

describe('parseSessionPage on the seed page', () => {
  const { papers, session, problems } = parsed;

  it('reads the 78 papers of Poster Session 9 without a problem', () => {
    expect(problems).toEqual([]);
    expect(papers).toHaveLength(78);
    expect(session).toEqual({
      id: 'iclr2022:poster-session-9',
      name: 'Poster Session 9',
      conference: 'ICLR 2022',
    });
    expect(papers.every((p) => p.sessionIds.length === 1 && p.sessionIds[0] === session.id)).toBe(
      true,
    );
  });

  it('splits 385 author slots into 367 distinct names, Cho-Jui Hsieh on 4 papers', () => {
    const slots = papers.flatMap((p) => p.authors);
    expect(slots).toHaveLength(385);
    expect(new Set(slots).size).toBe(367);
    expect(papers.filter((p) => p.authors.includes('Cho-Jui Hsieh'))).toHaveLength(4);
  });

  it('reads the first paper field by field', () => {
    const first = papers[0];
    expect(first).toMatchObject({
      id: 'know-thyself-transferable-visual-control-policies-through-robot-awareness',
      title: 'Know Thyself: Transferable Visual Control Policies Through Robot-Awareness',
      authors: ['Edward Hu', 'Kun Huang', 'Oleh Rybkin', 'Dinesh Jayaraman'],
      keywords: [],
      conference: 'ICLR 2022',
      // The project website is not code.
      codeUrls: [],
    });
    expect(first?.abstract).toMatch(/^Training visual control policies from scratch/);
    expect(first?.abstract).toMatch(/Project website: https:\/\/edwardshu\.com\/rac$/);
    expect(first?.award).toBeUndefined();
  });

  it('puts the award line on the paper below it, not into its title', () => {
    const award = byTitle(papers, 'Neural Collapse Under MSE Loss');
    expect(award).toMatchObject({
      title: 'Neural Collapse Under MSE Loss: Proximity to and Dynamics on the Central Path',
      award: 'Outstanding Paper',
      authors: ['X.Y. Han', 'Vardan Papyan', 'David Donoho'],
    });
    expect(papers.filter((p) => p.award !== undefined)).toHaveLength(1);
    expect(papers.some((p) => p.title === 'Outstanding Paper')).toBe(false);
  });

  it('keeps the all-capitals title and the single-author papers', () => {
    expect(byTitle(papers, 'LEARNING GUARANTEES')).toMatchObject({
      title: 'LEARNING GUARANTEES FOR GRAPH CONVOLUTIONAL NETWORKS ON THE STOCHASTIC BLOCK MODEL',
      authors: ['Wei Lu'],
    });
    expect(byTitle(papers, 'Benchmarking the Spectrum').authors).toEqual(['Danijar Hafner']);
  });

  it('keeps names as written, without stray punctuation', () => {
    expect(byTitle(papers, 'QDrop').authors).toContain('fengwei yu');
    expect(byTitle(papers, 'Concurrent Adversarial').authors[0]).toBe('LIU YONG');
    expect(byTitle(papers, 'Beyond ImageNet Attack').authors.at(-1)).toBe('Hui Xue');
  });

  it('turns LaTeX into text in titles and abstracts', () => {
    const vae = byTitle(papers, 'β-Intact-VAE');
    expect(vae.title).toBe(
      'β-Intact-VAE: Identifying and Estimating Causal Effects under Limited Overlap',
    );
    expect(vae.id).toBe(
      'beta-intact-vae-identifying-and-estimating-causal-effects-under-limited-overlap',
    );
    expect(vae.abstract).toContain('learned as β-Intact-VAE');
    expect(byTitle(papers, 'AdaAug').abstract).toContain('called AdaAug to efficiently');
    expect(byTitle(papers, 'A Theory of Tournament').abstract).toContain(
      'assume d dimensional node',
    );
    expect(byTitle(papers, 'BEiT').abstract).toContain('We first “tokenize” the original image');
    expect(papers.filter((p) => /[\\$]/.test(`${p.title} ${p.abstract}`))).toEqual([]);
  });

  it('finds code links in abstracts, \\url{} included, without trailing punctuation', () => {
    expect(byTitle(papers, 'Beyond ImageNet Attack').codeUrls).toEqual([
      'https://github.com/Alibaba-AAIG/Beyond-ImageNet-Attack',
    ]);
    expect(byTitle(papers, 'Large Language Models Can Be Strong').codeUrls).toEqual([
      'https://github.com/lxuechen/private-transformers',
    ]);
    expect(byTitle(papers, 'Learning with Noisy Labels Revisited').codeUrls).toEqual([]);
    expect(papers.filter((p) => p.codeUrls.length > 0)).toHaveLength(13);
  });
});

describe('parseSessionPage on malformed pages', () => {
  const FILE = 'page.txt';

  it.each([
    ['an empty file', ''],
    ['a file of blank lines', '\n \n\t\n'],
  ])('reports %s as one error and loads nothing', (_name, text) => {
    const result = parseSessionPage(text, FILE);
    expect(result.papers).toEqual([]);
    expect(result.problems).toEqual([
      { file: FILE, message: 'file is empty; expected a session page', severity: 'error' },
    ]);
  });

  it('reports a page truncated inside its last paper and keeps the others', () => {
    // Cut after the author line of the last paper (its title is on line 552).
    const result = parseSessionPage(seedLines.slice(0, 554).join('\n'), FILE);
    expect(result.papers).toHaveLength(77);
    expect(result.problems).toEqual([
      {
        file: FILE,
        line: 552,
        severity: 'error',
        message:
          'paper "Toward Efficient Low-Precision Training: Data Format Optimi…" has no abstract (truncated page?); paper skipped',
      },
    ]);
  });

  it('reports a paper without its author line at the line of its title', () => {
    // "SGD Can Converge to Local Maxima": title on line 131, authors on 133.
    const result = parseSessionPage(withoutLines(133, 134), FILE);
    expect(result.papers).toHaveLength(77);
    expect(result.papers.some((p) => p.title.startsWith('SGD Can Converge'))).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({
        file: FILE,
        line: 131,
        severity: 'error',
        message: expect.stringContaining('no author line'),
      }),
    ]);
  });

  it('reports a title left alone on the page (abstract and authors lost)', () => {
    const result = parseSessionPage(withoutLines(133, 136), FILE);
    expect(result.papers).toHaveLength(77);
    expect(result.problems).toEqual([
      expect.objectContaining({
        line: 131,
        message: expect.stringContaining('no author line and no abstract'),
      }),
    ]);
  });

  it('reads blocks in any order: shuffled blocks give the same papers', () => {
    const blocks = seed.split(/\n\n\n/);
    const shuffled = [...blocks.slice(1).reverse(), blocks[0]].join('\n\n\n');
    const result = parseSessionPage(shuffled, FILE, { conference: 'ICLR 2022' });
    expect(result.problems).toEqual([]);
    expect(result.session).toEqual(parsed.session);
    const sortById = (papers: Paper[]) => [...papers].sort((a, b) => a.id.localeCompare(b.id));
    expect(sortById(result.papers)).toEqual(sortById(parsed.papers));
  });

  it('reports a block whose lines are out of order', () => {
    // Abstract first: its "title" is a whole paragraph.
    const text = [
      'Session',
      '',
      'Poster Session 1',
      '',
      '',
      'A long abstract sentence. '.repeat(20),
      '',
      'Ada Lovelace',
      '',
      'A Title',
    ].join('\n');
    const result = parseSessionPage(text, FILE);
    expect(result.papers).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        line: 6,
        severity: 'error',
        message: expect.stringContaining('out of order'),
      }),
    ]);
  });

  it('reports a repeated block once and keeps the first', () => {
    const block = seedLines.slice(11, 16).join('\n');
    const text = `${seedLines.slice(0, 16).join('\n')}\n\n\n${block}`;
    const result = parseSessionPage(text, FILE);
    expect(result.papers).toHaveLength(1);
    expect(result.problems).toEqual([
      expect.objectContaining({
        line: 19,
        severity: 'error',
        message: 'duplicate of the paper at line 12; skipped',
      }),
    ]);
  });

  it('reads Windows line endings like Unix ones', () => {
    const result = parseSessionPage(seed.replace(/\n/g, '\r\n'), FILE, { conference: 'ICLR 2022' });
    expect(result.problems).toEqual([]);
    expect(result.papers).toEqual(parsed.papers);
  });

  it('names the session after the file, with a warning, when the header is missing', () => {
    const text = seedLines.slice(11).join('\n');
    const result = parseSessionPage(text, 'data/poster-session-9.txt');
    expect(result.papers).toHaveLength(78);
    expect(result.session.name).toBe('poster-session-9');
    expect(result.problems).toEqual([
      expect.objectContaining({
        line: 1,
        severity: 'warning',
        message: expect.stringContaining('no "Session" header'),
      }),
    ]);
    const named = parseSessionPage(text, FILE, { sessionName: 'Poster Session 9' });
    expect(named.session.name).toBe('Poster Session 9');
    expect(named.problems).toEqual([]);
  });

  it('reports a header without papers', () => {
    const result = parseSessionPage(seedLines.slice(0, 10).join('\n'), FILE);
    expect(result.papers).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: 'no paper blocks found after the page header',
      }),
    ]);
  });

  it('reports a huge single line quickly, without quoting it whole', () => {
    const started = performance.now();
    const result = parseSessionPage(`${'word '.repeat(2_000_000)}`, FILE);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result.papers).toEqual([]);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([
      expect.objectContaining({ line: 1, message: expect.stringContaining('out of order') }),
    ]);
    expect(result.problems.every((p) => p.message.length < 200)).toBe(true);
  });
});
