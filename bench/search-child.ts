/**
 * One corpus size, in its own process (run with --expose-gc): build time and retained heap of
 * the baseline and of our index, then per-query latency of both over the same queries.
 * Prints one JSON object on stdout.
 *
 * Usage: node --expose-gc --import tsx bench/search-child.ts DIR QUERIES BASELINE_QUERIES
 */
import { loadCatalog } from '../src/catalog/loader.ts';
import { createPaperIndex } from '../src/search/paper-index.ts';
import { BASELINE_SEARCH, createBaselineIndex } from './baseline.ts';
import { generateQueries } from './queries.ts';
import { median, quantile } from './stats.ts';

const [dir = 'data', queryCount = '1000', baselineCount = queryCount] = process.argv.slice(2);
/** The real records come first in every bench corpus; queries are drawn from them. */
const SOURCE_RECORDS = 2765;
const WARMUP = 30;
const WARM_BUILDS_UP_TO = 20_000;

const gc = globalThis.gc ?? (() => {});
/** Retained memory: the JS heap plus typed arrays' buffers, which live outside it. */
const heap = () => {
  gc();
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};

function timed<T>(build: () => T): { value: T; ms: number; heap: number } {
  const before = heap();
  const start = performance.now();
  const value = build();
  const ms = performance.now() - start;
  return { value, ms, heap: heap() - before };
}

function latencies(run: (q: string) => unknown, queries: readonly string[]): number[] {
  for (const q of queries.slice(0, WARMUP)) run(q);
  return queries.map((q) => {
    const start = performance.now();
    run(q);
    return performance.now() - start;
  });
}

const { catalog } = loadCatalog(dir);
const papers = catalog.papers;
const queries = generateQueries(papers.slice(0, SOURCE_RECORDS), Number(queryCount)).map(
  (q) => q.text,
);
const baselineQueries = queries.slice(0, Number(baselineCount));

// Build times are compared warm: on a small corpus, whichever is built first would otherwise
// pay for compiling the shared code (and the analysis caches) alone. At 100k one build each
// is long enough for warm-up not to matter, and two would double the bench.
if (papers.length <= WARM_BUILDS_UP_TO) {
  createPaperIndex(papers);
  createBaselineIndex(papers);
}
const baseline = timed(() => createBaselineIndex(papers));
const ours = timed(() => createPaperIndex(papers));

const oursAll = latencies((q) => ours.value.search(q, { limit: 50 }), queries);
const baseAll = latencies((q) => baseline.value.search(q, BASELINE_SEARCH), baselineQueries);
const oursSame = oursAll.slice(0, baselineQueries.length);
const summary = (xs: number[]) => ({
  n: xs.length,
  p50: median(xs),
  p99: quantile(xs, 0.99),
  max: quantile(xs, 1),
});
const slowest = oursAll
  .map((t, i) => ({ ms: t, query: queries[i] }))
  .sort((a, b) => b.ms - a.ms)
  .slice(0, 5);

process.stdout.write(
  `${JSON.stringify({
    papers: papers.length,
    build: {
      baseline: { ms: baseline.ms, heap: baseline.heap },
      ours: { ms: ours.ms, heap: ours.heap },
    },
    latency: {
      ours: summary(oursAll),
      oursOnBaselineQueries: summary(oursSame),
      baseline: summary(baseAll),
    },
    slowest,
  })}\n`,
);
