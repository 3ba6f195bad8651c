import { describe, expect, it } from 'vitest';
import {
  createNoiseMetric,
  evaluate,
  isZeroHit,
  ndcgAt,
  reciprocalRank,
} from '../../src/search/metrics.ts';

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

describe('off-topic noise (../shared/eval/README.md)', () => {
  // Seven papers: "learning" in all of them (common), "federated" in one (informative).
  const texts = [
    'Federated learning at the edge',
    ...Array.from({ length: 6 }, (_, i) => `Learning to rank, part ${i}`),
  ];
  const metric = createNoiseMetric(texts);

  it('calls informative the query words in at most 15 % of the papers, on five letters', () => {
    expect(metric.informativeWords('federated learning')).toEqual(['feder']);
    expect(metric.informativeWords('learning')).toEqual([]);
    // "federation" shares its first five letters with "federated".
    expect(metric.informativeWords('federation')).toEqual(['feder']);
  });

  it('counts shown papers carrying none of the informative words', () => {
    expect(metric.noise('federated learning', [0])).toBe(0);
    expect(metric.noise('federated learning', [1, 2, 0])).toBe(2);
    expect(metric.noise('federated learning', [])).toBe(0);
    // With no informative word in the query, every poster shown is noise.
    expect(metric.noise('learning', [0, 1])).toBe(2);
  });
});
