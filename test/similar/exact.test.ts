/**
 * The build's candidate walk, top-k heaps and weight-ordered postings against a plain
 * reference: every pair of papers scored by the TF-IDF cosine written out from `termsOf`, the
 * obvious way. With pruning switched off and LSA and diffusion out of the score, the build must
 * find exactly the reference's best neighbours; with its default pruning, nearly all of them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJsonLines } from '../../src/catalog/json-lines.ts';
import type { Paper } from '../../src/catalog/types.ts';
import { buildSimilarData, NONE, SIMILAR_DEFAULTS } from '../../src/similar/build.ts';
import { termsOf } from '../../src/similar/terms.ts';
import { SHARED_DATA, skipWithoutSharedData } from '../helpers/shared-data.ts';
import { paper } from './corpus.ts';

const FILE = `${SHARED_DATA}virtual_conferences_2020.jsonl`;
const SIZE = 400;

/** The first `SIZE` papers of the shared file with an abstract, all of one conference. */
function realPapers(): Paper[] {
  return parseJsonLines(readFileSync(FILE, 'utf8'), FILE)
    .papers.filter((p) => p.abstract !== '')
    .slice(0, SIZE)
    .map((p) => paper(p.id, p.title, p.abstract, { keywords: p.keywords }));
}

/** Per paper, the cosine with every other paper, as build.ts defines the vectors. */
function referenceCosines(papers: readonly Paper[]): number[][] {
  const { fieldWeights, maxDocumentShare } = SIMILAR_DEFAULTS;
  const bags = papers.map((p) => {
    const bag = new Map<string, number>();
    const add = (text: string, weight: number) => {
      for (const { key } of termsOf(text)) bag.set(key, (bag.get(key) ?? 0) + weight);
    };
    add(p.abstract, fieldWeights.abstract);
    add(p.title, fieldWeights.title);
    for (const k of p.keywords) add(k, fieldWeights.keywords);
    return bag;
  });
  const df = new Map<string, number>();
  for (const bag of bags) for (const key of bag.keys()) df.set(key, (df.get(key) ?? 0) + 1);
  const n = papers.length;
  const maxDf = Math.max(5, maxDocumentShare * n);
  const vectors = bags.map((bag) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [key, count] of bag) {
      const d = df.get(key)!;
      const value = (1 + Math.log(count)) * (d > maxDf ? 0 : Math.log((n + 1) / d));
      norm += value * value;
      if (d >= 2 && value > 0) v.set(key, value);
    }
    for (const [key, value] of v) v.set(key, value / Math.sqrt(norm));
    return v;
  });
  return vectors.map((a) =>
    vectors.map((b) => {
      let sum = 0;
      for (const [key, value] of a) sum += value * (b.get(key) ?? 0);
      return sum;
    }),
  );
}

describe.skipIf(skipWithoutSharedData(FILE))('neighbours against an all-pairs reference', () => {
  const papers = realPapers();
  const cosines = referenceCosines(papers);
  const plain = { lsaWeight: 0, diffusion: 0, stored: 10, candidates: 10 };
  /** The reference's best `k` scores of paper `i` (never itself). */
  const best = (i: number, k: number) =>
    cosines[i]!.filter((_, j) => j !== i)
      .sort((a, b) => b - a)
      .slice(0, k);
  const row = (data: ReturnType<typeof buildSimilarData>, i: number) =>
    Array.from(data.neighbours.subarray(i * data.stored, (i + 1) * data.stored));

  it('finds exactly the best neighbours when nothing is pruned', () => {
    expect(papers).toHaveLength(SIZE);
    const data = buildSimilarData(papers, {
      ...plain,
      queryTerms: 1e9,
      postingCap: 1e9,
      minContribution: 0,
      rescored: 1e3,
    });
    papers.forEach((_, i) => {
      const ids = row(data, i);
      expect(ids).not.toContain(i);
      // Scores as the reference computes them, for the neighbours listed, best first …
      const scores = ids.filter((j) => j !== NONE).map((j) => cosines[i]![j]!);
      scores.forEach((s, slot) => {
        expect(data.scores[i * data.stored + slot]).toBeCloseTo(s, 5);
      });
      // … and they are the best there are (ties may list either paper).
      best(i, data.stored)
        .filter((s) => s > 0)
        .forEach((s, slot) => {
          expect(scores[slot]).toBeCloseTo(s, 5);
        });
    });
  });

  it('keeps nearly all of them with the default pruning', () => {
    const data = buildSimilarData(papers, plain);
    let found = 0;
    let total = 0;
    papers.forEach((_, i) => {
      const want = best(i, 5).filter((s) => s > 0.05);
      const got = row(data, i)
        .slice(0, 5)
        .filter((j) => j !== NONE)
        .map((j) => cosines[i]![j]!);
      total += want.length;
      found += want.filter((s) => got.some((g) => Math.abs(g - s) < 1e-6)).length;
    });
    expect(total).toBeGreaterThan(SIZE);
    expect(found / total).toBeGreaterThan(0.97);
  });
});
