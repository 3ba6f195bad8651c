import { describe, expect, it } from 'vitest';
import { buildSimilarData, NONE, type SimilarData } from '../../src/similar/build.ts';
import { paper, TOPICAL } from './corpus.ts';

/** Neighbour ids of one paper, best first. */
function neighboursOf(data: SimilarData, papers: readonly { id: string }[], id: string) {
  const at = papers.findIndex((p) => p.id === id);
  const row = Array.from(data.neighbours.subarray(at * data.stored, (at + 1) * data.stored));
  return row.filter((j) => j !== NONE).map((j) => papers[j]!.id);
}

/** The "why" terms of one neighbour of one paper. */
function whyOf(data: SimilarData, papers: readonly { id: string }[], id: string, slot: number) {
  const at = papers.findIndex((p) => p.id === id);
  const k = at * data.stored + slot;
  return Array.from(data.why.subarray(k * data.whyTerms, (k + 1) * data.whyTerms))
    .filter((s) => s !== NONE)
    .map((s) => data.surfaces[s]);
}

describe('buildSimilarData on a small topical corpus', () => {
  const data = buildSimilarData(TOPICAL);

  it.each([
    // Both other translation papers: "machine translation" and "parallel corpora" with mt2,
    // "language pairs" and "low-resource" with mt3.
    ['mt1', ['mt2', 'mt3']],
    // "question answering" with qa1 weighs more than "passages … reader" with qa3.
    ['qa2', ['qa1', 'qa3']],
    // "passages", "retrieves", "reader" with qa1; qa2 only shares "question".
    ['qa3', ['qa1', 'qa2']],
    // "message passing" and "molecular properties" with gr1; gr3 shares "molecules".
    ['gr2', ['gr1', 'gr3']],
  ])('%s: its own topic first, closest first', (id, expected) => {
    expect(neighboursOf(data, TOPICAL, id).slice(0, 2)).toEqual(expected);
  });

  it('never lists a paper as its own neighbour, nor one twice', () => {
    TOPICAL.forEach(({ id }) => {
      const list = neighboursOf(data, TOPICAL, id);
      expect(list.length).toBeGreaterThan(1);
      expect(list).not.toContain(id);
      expect(new Set(list).size).toBe(list.length);
    });
  });

  it('says why in the words of the paper, a phrase rather than its words', () => {
    expect(whyOf(data, TOPICAL, 'mt1', 0)).toEqual([
      'machine translation',
      'parallel corpora',
      'back-translation',
    ]);
    expect(whyOf(data, TOPICAL, 'mt2', 0)[0]).toBe('Machine translation');
    expect(whyOf(data, TOPICAL, 'qa2', 0)).toEqual(['question answering', 'answer']);
  });

  it('keeps scores best first', () => {
    const row = Array.from(data.scores.subarray(0, data.stored)).filter((s) => s > 0);
    expect(row.length).toBeGreaterThan(2);
    expect(row).toEqual([...row].sort((a, b) => b - a));
  });
});

describe('buildSimilarData across conferences and copies', () => {
  it('lists neighbours from the same conference first, even when another is closer', () => {
    const papers = [
      ...TOPICAL,
      // A near copy of mt1 at another conference: closer than mt3, but listed after it.
      paper(
        'acl-mt',
        TOPICAL[0]!.title.replace('Languages', 'Language Settings'),
        TOPICAL[0]!.abstract,
        {
          conference: 'ACL 2020',
        },
      ),
    ];
    const list = neighboursOf(buildSimilarData(papers), papers, 'mt1');
    expect(list.slice(0, 2)).toEqual(['mt2', 'mt3']);
    const fromEmnlp = list.filter((id) => id !== 'acl-mt');
    expect(list.indexOf('acl-mt')).toBe(fromEmnlp.length);
  });

  it('never offers the same paper listed under another id', () => {
    const papers = [...TOPICAL, paper('mt1-again', TOPICAL[0]!.title, TOPICAL[0]!.abstract)];
    expect(neighboursOf(buildSimilarData(papers), papers, 'mt1')).not.toContain('mt1-again');
  });

  it('handles no paper, one paper and papers without words', () => {
    expect(buildSimilarData([]).neighbours).toHaveLength(0);
    const one = buildSimilarData([TOPICAL[0]!]);
    expect(Array.from(one.neighbours)).toEqual(new Array(one.stored).fill(NONE));
    const empty = [paper('e1', '2020', ''), paper('e2', 'The', '')];
    expect(Array.from(buildSimilarData(empty).neighbours).every((n) => n === NONE)).toBe(true);
  });
});
