/**
 * `npm run eval`: search quality on judged queries (../shared/eval/README.md), ours beside
 * two baselines measured on the same data — a default MiniSearch over title, authors and
 * abstract, and a naive "contains every word" filter in catalogue order.
 *
 * Usage: npm run eval [-- --queries FILE] [--data DIR] [--verbose]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import { loadCatalog } from '../src/catalog/loader.ts';
import type { Paper } from '../src/catalog/types.ts';
import { type EvalSummary, evaluate, type Judgements } from '../src/search/metrics.ts';
import { createPaperIndex } from '../src/search/paper-index.ts';

const { values } = parseArgs({
  options: {
    queries: { type: 'string', default: '../shared/eval/dev-queries.json' },
    data: { type: 'string', default: 'data' },
    verbose: { type: 'boolean', default: false },
  },
});

type Ranker = (query: string) => string[];

/** A default MiniSearch: no boosts, no stemming, no fuzzy, no prefix. */
function defaultMiniSearch(papers: readonly Paper[]): Ranker {
  const engine = new MiniSearch({
    fields: ['title', 'authors', 'abstract'],
    storeFields: ['title'],
  });
  engine.addAll(
    papers.map((p) => ({
      id: p.id,
      title: p.title,
      authors: p.authors.join(' '),
      abstract: p.abstract,
    })),
  );
  return (query) => engine.search(query).map((r) => r.title as string);
}

/** Papers whose text contains every query word (case-insensitive), in catalogue order. */
function substringFilter(papers: readonly Paper[]): Ranker {
  const texts = papers.map((p) => ({
    title: p.title,
    text: `${p.title} ${p.authors.join(' ')} ${p.abstract}`.toLowerCase(),
  }));
  return (query) => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return texts.filter((t) => words.every((w) => t.text.includes(w))).map((t) => t.title);
  };
}

const { catalog } = loadCatalog(values.data!);
const queries = JSON.parse(readFileSync(values.queries!, 'utf8')) as {
  query: string;
  relevant: Judgements;
}[];
const index = createPaperIndex(catalog.papers);
const systems: [string, Ranker][] = [
  ['poster-bot', (q) => index.search(q, { limit: 10 }).map((h) => h.paper.title)],
  ['default MiniSearch', defaultMiniSearch(catalog.papers)],
  ['substring filter', substringFilter(catalog.papers)],
];

const rows = systems.map(([name, rank]) => ({ name, ...evaluate(queries, rank) }));
const fmt = (n: number) => n.toFixed(3);
console.log(`${queries.length} queries over ${catalog.papers.length} papers (${values.queries})\n`);
console.log('| system | nDCG@5 | MRR | zero-hit rate |');
console.log('|---|---|---|---|');
for (const r of rows as (EvalSummary & { name: string })[]) {
  console.log(`| ${r.name} | ${fmt(r.ndcg5)} | ${fmt(r.mrr)} | ${fmt(r.zeroHitRate)} |`);
}
if (values.verbose) {
  console.log('\nper query (poster-bot):');
  for (const q of rows[0]!.perQuery) console.log(`  ${fmt(q.ndcg5)}  ${fmt(q.rr)}  ${q.query}`);
}
