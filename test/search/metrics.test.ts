import { describe, expect, it } from 'vitest';
import { evaluate, isZeroHit, ndcgAt, reciprocalRank } from '../../src/search/metrics.ts';

describe('ranking metrics (../shared/eval/README.md)', () => {
  const judged = { A: 2, B: 1 };

  it('nDCG@5 is 1 for the ideal order and lower otherwise', () => {
    expect(ndcgAt(['A', 'B', 'C'], judged, 5)).toBe(1);
    const swapped = (1 / Math.log2(2) + 3 / Math.log2(3)) / (3 / Math.log2(2) + 1 / Math.log2(3));
    expect(ndcgAt(['B', 'A'], judged, 5)).toBeCloseTo(swapped, 10);
    expect(ndcgAt(['C', 'D'], judged, 5)).toBe(0);
  });

  it('MRR is the inverse rank of the first relevant result within 10', () => {
    expect(reciprocalRank(['C', 'B'], judged)).toBe(0.5);
    expect(reciprocalRank(['C'], judged)).toBe(0);
  });

  it('zero-hit means nothing relevant in the top 5', () => {
    expect(isZeroHit(['C', 'D', 'E', 'F', 'G', 'A'], judged)).toBe(true);
    expect(isZeroHit(['C', 'A'], judged)).toBe(false);
  });

  it('averages over queries', () => {
    const summary = evaluate(
      [
        { query: 'good', relevant: judged },
        { query: 'bad', relevant: judged },
      ],
      (q) => (q === 'good' ? ['A', 'B'] : ['X']),
    );
    expect(summary.ndcg5).toBe(0.5);
    expect(summary.mrr).toBe(0.5);
    expect(summary.zeroHitRate).toBe(0.5);
  });
});
