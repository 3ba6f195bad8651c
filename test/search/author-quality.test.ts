/**
 * People search on real data: ../shared/data/virtual_conferences_2020.jsonl (2,765 papers
 * of ICLR, ACL and EMNLP 2020) against the frozen judged set test/fixtures/author-queries.json
 * (see scripts/author-eval.ts, which prints the full table). The floors sit a little below
 * what the index measured (µP 99.3%, µR 100%, macro P 99.1%, macro R 100%), so a regression
 * fails and noise does not.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DATA,
  DEFAULT_QUERIES,
  evaluateAuthorSearch,
  type JudgedQuery,
  loadVirtualConferencePapers,
  retrievedPapers,
  substringBaseline,
  summarize,
} from '../../scripts/author-eval.ts';
import { createAuthorIndex } from '../../src/search/author-index.ts';
import { personKey } from '../../src/search/names.ts';

// Without ../shared/data the suite is skipped on a laptop, but under CI a missing data set
// must fail the run, not pass it silently.
const hasData = existsSync(DEFAULT_DATA);
if (!hasData && process.env.CI === 'true') {
  throw new Error(`author-quality: ${DEFAULT_DATA} is missing; CI needs ../shared/data`);
}

describe.skipIf(!hasData)('author search on ICLR/ACL/EMNLP 2020', () => {
  const papers = loadVirtualConferencePapers(DEFAULT_DATA);
  const started = performance.now();
  const index = createAuthorIndex(papers);
  const buildMs = performance.now() - started;
  const judged = JSON.parse(readFileSync(DEFAULT_QUERIES, 'utf8')) as JudgedQuery[];

  it('meets the precision and recall floors on the judged queries', () => {
    const scores = evaluateAuthorSearch(judged, (q) => retrievedPapers(index, q));
    const all = summarize(scores);
    expect(all.queries).toBeGreaterThanOrEqual(100);
    expect(all.microPrecision).toBeGreaterThanOrEqual(0.97);
    expect(all.microRecall).toBeGreaterThanOrEqual(0.98);
    expect(all.macroPrecision).toBeGreaterThanOrEqual(0.97);
    expect(all.macroRecall).toBeGreaterThanOrEqual(0.98);
    expect(all.unanswered).toBe(0);
    for (const kind of new Set(judged.map((q) => q.kind))) {
      const byKind = summarize(scores.filter((s) => s.query.kind === kind));
      expect({ kind, recall: byKind.macroRecall >= 0.9 }).toEqual({ kind, recall: true });
    }
  });

  it('does much better than matching words inside author names', () => {
    const ours = summarize(evaluateAuthorSearch(judged, (q) => retrievedPapers(index, q)));
    const naive = summarize(evaluateAuthorSearch(judged, substringBaseline(papers)));
    expect(ours.microPrecision).toBeGreaterThan(naive.microPrecision + 0.5);
    expect(ours.macroRecall).toBeGreaterThan(naive.macroRecall + 0.3);
  });

  it('finds only people named exactly Ming Li, not Xiaoming, Yangming or Mingzhe Li', () => {
    const match = index.find('Ming Li');
    expect(match.kind).toBe('people');
    const people = match.kind === 'people' ? match.people : [];
    expect(people.map((p) => p.name)).toEqual(['Ming Li']);
    for (const paper of index.papersOfPeople(people)) {
      expect(paper.authors.some((a) => personKey(a) === 'ming li')).toBe(true);
    }
  });

  it('finds every author by the name as written, that person first', () => {
    const misses = [...new Set(papers.flatMap((p) => p.authors))].filter((written) => {
      const match = index.find(written);
      return match.kind !== 'people' || match.people[0]?.key !== personKey(written);
    });
    expect(misses).toEqual([]);
  });

  it('builds and answers fast enough for a large conference', () => {
    expect(buildMs).toBeLessThan(3000);
    const t = performance.now();
    for (const q of judged) index.find(q.query);
    expect((performance.now() - t) / judged.length).toBeLessThan(2);
  });
});
