/**
 * `npm run eval`: search quality on judged queries (../shared/eval/README.md), ours beside
 * two baselines measured on the same data — a default MiniSearch over title, authors and
 * abstract, and a naive "contains every word" filter in catalogue order — and the noise count
 * on queries about topics the catalogue does not have (posters shown on the first page that
 * carry none of the query's informative words), over the same three systems.
 *
 * Usage: npm run eval [-- --queries FILE] [--off-topic FILE] [--data DIR] [--verbose]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import { loadCatalog } from '../src/catalog/loader.ts';
import type { Paper } from '../src/catalog/types.ts';
import {
  createNoiseMetric,
  type EvalSummary,
  evaluate,
  type Judgements,
} from '../src/search/metrics.ts';
import { createPaperIndex } from '../src/search/paper-index.ts';

const { values } = parseArgs({
  options: {
    queries: { type: 'string', default: '../shared/eval/dev-queries.json' },
    'off-topic': { type: 'string', default: '../shared/eval/off-topic-dev.json' },
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
const index = createPaperIndex(catalog.papers, {
  ...(catalog.aliases && { aliases: catalog.aliases }),
});
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

/** Posters on the first page of an answer, as the bot shows them (RESULTS_PER_PAGE's default). */
const FIRST_PAGE = 5;
const offTopic = JSON.parse(readFileSync(values['off-topic']!, 'utf8')) as string[];
const metric = createNoiseMetric(
  catalog.papers.map((p) => [p.title, ...p.authors, ...p.keywords, p.abstract].join(' ')),
);
const position = new Map(catalog.papers.map((p, i) => [p.title, i] as const));
const shown = (rank: Ranker, query: string) =>
  rank(query)
    .slice(0, FIRST_PAGE)
    .map((title) => position.get(title)!);
console.log(
  `\n${offTopic.length} off-topic queries (${values['off-topic']}), first page of ${FIRST_PAGE}\n`,
);
console.log(
  '| system | noise (posters shown with no informative word) | posters shown | queries answered with a list |',
);
console.log('|---|---|---|---|');
for (const [name, rank] of systems) {
  const pages = offTopic.map((q) => shown(rank, q));
  const noise = offTopic.reduce((sum, q, i) => sum + metric.noise(q, pages[i]!), 0);
  const total = pages.reduce((sum, page) => sum + page.length, 0);
  const listed = pages.filter((page) => page.length > 0).length;
  console.log(`| ${name} | ${noise} | ${total} | ${listed} of ${offTopic.length} |`);
}
if (values.verbose) {
  console.log('\nper off-topic query (poster-bot): noise / shown, missing words of the first');
  for (const q of offTopic) {
    const answer = index.answer(q, { limit: FIRST_PAGE });
    const page = answer.hits.map((h) => position.get(h.paper.title)!);
    const missing = answer.hits[0]?.missing.join(', ') ?? '';
    console.log(
      `  ${metric.noise(q, page)} / ${page.length}  ${q}  [informative: ${answer.informative.join(', ')}]${missing && `  Missing: ${missing}`}`,
    );
  }
}
