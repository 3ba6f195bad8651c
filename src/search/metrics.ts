/**
 * Ranking metrics of ../shared/eval/README.md. Grades: 2 = exactly what the user wants,
 * 1 = a reasonable answer, unlisted = 0.
 */
export type Judgements = Readonly<Record<string, number>>;

function dcg(grades: readonly number[], k: number): number {
  let sum = 0;
  for (let i = 0; i < Math.min(k, grades.length); i++) {
    sum += (2 ** grades[i]! - 1) / Math.log2(i + 2);
  }
  return sum;
}

/** nDCG@k of a ranked list of keys against graded judgements. */
export function ndcgAt(ranked: readonly string[], judged: Judgements, k: number): number {
  const ideal = dcg(
    Object.values(judged).sort((a, b) => b - a),
    k,
  );
  if (ideal === 0) return 0;
  return (
    dcg(
      ranked.map((key) => judged[key] ?? 0),
      k,
    ) / ideal
  );
}

/** 1 / rank of the first result graded ≥ 1 within the top `k` (10), else 0. */
export function reciprocalRank(ranked: readonly string[], judged: Judgements, k = 10): number {
  const at = ranked.slice(0, k).findIndex((key) => (judged[key] ?? 0) >= 1);
  return at === -1 ? 0 : 1 / (at + 1);
}

/** True when no result in the top `k` (5) is relevant. */
export function isZeroHit(ranked: readonly string[], judged: Judgements, k = 5): boolean {
  return !ranked.slice(0, k).some((key) => (judged[key] ?? 0) >= 1);
}

export interface EvalSummary {
  ndcg5: number;
  mrr: number;
  zeroHitRate: number;
  queries: number;
}

/** Mean metrics over queries, given a ranking function returning keys (titles) best first. */
export function evaluate(
  queries: readonly { query: string; relevant: Judgements }[],
  rank: (query: string) => readonly string[],
): EvalSummary & { perQuery: { query: string; ndcg5: number; rr: number }[] } {
  const perQuery = queries.map(({ query, relevant }) => {
    const ranked = rank(query);
    return {
      query,
      ndcg5: ndcgAt(ranked, relevant, 5),
      rr: reciprocalRank(ranked, relevant),
      zero: isZeroHit(ranked, relevant),
    };
  });
  const mean = (f: (q: (typeof perQuery)[number]) => number) =>
    perQuery.length === 0 ? 0 : perQuery.reduce((s, q) => s + f(q), 0) / perQuery.length;
  return {
    ndcg5: mean((q) => q.ndcg5),
    mrr: mean((q) => q.rr),
    zeroHitRate: mean((q) => (q.zero ? 1 : 0)),
    queries: perQuery.length,
    perQuery: perQuery.map(({ query, ndcg5, rr }) => ({ query, ndcg5, rr })),
  };
}

/** How many first letters of two words must agree for the noise metric to call them one word. */
const NOISE_PREFIX = 5;
/** A query word in at most this share of the papers is informative for the noise metric. */
const NOISE_INFORMATIVE_SHARE = 0.15;

/** A text's words for the noise metric: lower case, letters and digits, cut to `NOISE_PREFIX`. */
function wordStarts(text: string): Set<string> {
  const starts = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    starts.add(word.slice(0, NOISE_PREFIX));
  }
  return starts;
}

/**
 * The off-topic noise metric of ../shared/eval/README.md, built once over the papers' texts.
 * `informativeWords(query)` are the query's words found (on their first five letters) in at
 * most 15 % of the papers; `noise(query, shown)` counts the shown papers (by position in
 * `texts`) containing none of them.
 */
export function createNoiseMetric(texts: readonly string[]) {
  const papers = texts.map(wordStarts);
  const informativeWords = (query: string): string[] =>
    [...wordStarts(query)].filter(
      (start) =>
        papers.filter((words) => words.has(start)).length <=
        NOISE_INFORMATIVE_SHARE * papers.length,
    );
  return {
    informativeWords,
    noise(query: string, shown: readonly number[]): number {
      const informative = informativeWords(query);
      return shown.filter((doc) => !informative.some((start) => papers[doc]?.has(start))).length;
    },
  };
}
