/**
 * Scoring: BM25+ of one term in one field, and the order of results. Pure functions over
 * numbers; paper-index.ts feeds them postings.
 */

/** MiniSearch's BM25+ parameters, kept so that ranking (and `npm run eval`) is unchanged. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** BM25+'s inverse document frequency of a term found in `matching` of `total` papers. */
export function idfOf(matching: number, total: number): number {
  return Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
}

/** BM25+ of one term in one field of one paper, given the term's `idf`. */
export function bm25(idf: number, freq: number, length: number, average: number): number {
  return (
    idf *
    (BM25.d + (freq * (BM25.k + 1)) / (freq + BM25.k * (1 - BM25.b + (BM25.b * length) / average)))
  );
}

/**
 * Higher coordination first (how much of the query a paper matched, and how strongly), then
 * higher score; ties in catalogue order.
 */
export function rankBy(scores: Float64Array, coordination: Float64Array) {
  return (a: number, b: number) =>
    coordination[b]! - coordination[a]! || scores[b]! - scores[a]! || a - b;
}

/** The best `k` items in rank order without sorting them all (a bounded heap). */
export function topK(
  items: readonly number[],
  k: number,
  rank: (a: number, b: number) => number,
): number[] {
  const heap: number[] = []; // the worst kept item at the root
  const worse = (a: number, b: number) => rank(a, b) > 0;
  const swap = (i: number, j: number) => {
    [heap[i], heap[j]] = [heap[j]!, heap[i]!];
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i]!, heap[parent]!)) break;
        swap(i, parent);
        i = parent;
      }
    } else if (k > 0 && worse(heap[0]!, item)) {
      heap[0] = item;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        let w = i;
        if (l < k && worse(heap[l]!, heap[w]!)) w = l;
        if (l + 1 < k && worse(heap[l + 1]!, heap[w]!)) w = l + 1;
        if (w === i) break;
        swap(i, w);
        i = w;
      }
    }
  }
  return heap.sort(rank);
}
