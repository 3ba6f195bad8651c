import type { Query, SearchOptions } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { Paper } from '../catalog/types.ts';
import { type AcronymTable, acronymsIn, mineAcronyms } from './acronyms.ts';
import { analyze, normalizeWord, queryWords } from './analyze.ts';
import { editDistance } from './edit-distance.ts';

/** One ranked answer to a query. */
export interface SearchHit {
  paper: Paper;
  /** Relevance; only comparable within one result list. */
  score: number;
  /** Index terms of the paper that matched (normalised), for highlighting. */
  terms: string[];
  /** True when every word of the query matched. */
  complete: boolean;
}

export interface SearchOptionsIn {
  /** Keep only papers this returns true for (e.g. one session's). */
  filter?: (paper: Paper) => boolean;
  /** At most this many hits (default: all). */
  limit?: number;
}

/**
 * Our search API. MiniSearch is an implementation detail: nothing outside this module sees
 * its types, so the engine can change without touching a listener or a renderer.
 */
export interface PaperIndex {
  readonly size: number;
  /** Papers best first. Papers matching every query word come before partial matches. */
  search(query: string, options?: SearchOptionsIn): SearchHit[];
  /** "Did you mean" queries for a query that found nothing, best first (at most `max`). */
  suggest(query: string, max?: number): string[];
  get(id: string): Paper | undefined;
  /** Every paper, in catalogue order. */
  all(): readonly Paper[];
  /** The acronyms the index learnt from the corpus (acronym → definition words). */
  readonly acronyms: AcronymTable;
}

/** Field weights: a title or author match outranks a passing mention in an abstract. */
export const FIELD_BOOSTS = { title: 3, authors: 3, keywords: 2, abstract: 1 } as const;
const FIELDS = Object.keys(FIELD_BOOSTS);

/** A word seen this often in the corpus is trusted as typed: no typo tolerance for it. */
const TRUSTED_WORD_COUNT = 3;
/** Weight of a match on a word's stem (`convergence` → `converg…`) relative to the word. */
const STEM_WEIGHT = 0.5;
/** Weight of a prefix match (`quant` → `quantization`). */
const PREFIX_WEIGHT = 0.35;
/** Weight of a typo-tolerant match relative to an exact one. */
const FUZZY_WEIGHT = 0.45;
/** Share of the best complete match's score a partial match needs to be listed after it. */
const PARTIAL_FLOOR = 0.25;

/** Derivational endings cut for the weak stem match, longest first. */
const STEM_SUFFIXES = [
  'izations',
  'ization',
  'ations',
  'ation',
  'itions',
  'ition',
  'ements',
  'ement',
  'ments',
  'ment',
  'ness',
  'ence',
  'ance',
  'ency',
  'ancy',
  'ing',
  'ity',
  'ive',
  'ent',
  'ant',
  'ize',
  'ed',
  'al',
  'cy',
  'er',
  'ic',
  'ly',
  'y',
  'e',
];
const MIN_STEM = 5;

/** The stem of a word for weak matching, or undefined when nothing sensible remains. */
export function stemOf(word: string): string | undefined {
  for (const suffix of STEM_SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= MIN_STEM) {
      return word.slice(0, -suffix.length);
    }
  }
  return undefined;
}

/** Typo tolerance that grows with word length: none up to 4 letters, then 1, then 2. */
export function typoBudget(word: string): number {
  if (word.length <= 4) return 0;
  return word.length <= 7 ? 1 : 2;
}

/**
 * Builds the index. Analysis (`analyze`) is applied to every field; acronyms are mined from
 * the titles and abstracts first, and each paper's text is expanded with the definitions of
 * the acronyms it uses (and vice versa), so `GNN` and "graph neural network" meet.
 */
export function createPaperIndex(papers: readonly Paper[]): PaperIndex {
  const acronyms = mineAcronyms(papers.flatMap((p) => [p.title, p.abstract]));
  const postings = buildPostings(papers, (text) => expandAcronyms(text, analyze(text), acronyms));
  return createSearcher(papers, postings, acronyms);
}

/** The text of each field of a paper, in `FIELDS` order. */
function fieldTexts(paper: Paper): string[] {
  return [paper.title, paper.authors.join(' · '), paper.keywords.join(' · '), paper.abstract];
}

/** One index term: how often it occurs in the corpus, and where (per field). */
interface TermEntry {
  /** Occurrences over all fields of all papers (the vocabulary count). */
  count: number;
  /** Per field: papers (ascending) containing the term, and how often each does. */
  fields: ({ docs: number[]; freqs: number[] } | undefined)[];
}

/**
 * The inverted index: our own rather than MiniSearch's, because scoring a common word means
 * visiting every paper that has it, and MiniSearch allocates an object (and a map entry) per
 * paper per term — at 100k papers that alone costs hundreds of milliseconds a query. Here a
 * posting is two numbers, and scores accumulate into one typed array.
 */
interface Postings {
  terms: Map<string, TermEntry>;
  /** Per field, per paper: distinct terms in the field (BM25's document length). */
  lengths: Float64Array[];
  /** Per field: mean of `lengths`. */
  averages: number[];
}

function buildPostings(papers: readonly Paper[], tokenize: (text: string) => string[]): Postings {
  const terms = new Map<string, TermEntry>();
  const lengths = FIELDS.map(() => new Float64Array(papers.length));
  const totals = FIELDS.map(() => 0);
  const freq = new Map<string, number>();
  papers.forEach((paper, doc) => {
    fieldTexts(paper).forEach((text, field) => {
      freq.clear();
      for (const term of tokenize(text)) freq.set(term, (freq.get(term) ?? 0) + 1);
      lengths[field]![doc] = freq.size;
      totals[field]! += freq.size;
      for (const [term, n] of freq) {
        let entry = terms.get(term);
        if (!entry) {
          entry = { count: 0, fields: FIELDS.map(() => undefined) };
          terms.set(term, entry);
        }
        entry.count += n;
        let list = entry.fields[field];
        if (!list) {
          list = { docs: [], freqs: [] };
          entry.fields[field] = list;
        }
        list.docs.push(doc);
        list.freqs.push(n);
      }
    });
  });
  const averages = totals.map((total) => total / Math.max(1, papers.length));
  return { terms, lengths, averages };
}

/** MiniSearch's BM25+ parameters, kept so that ranking (and `npm run eval`) is unchanged. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const DEFAULT_WEIGHTS = { fuzzy: 0.45, prefix: 0.375 };
const BOOSTS: number[] = Object.values(FIELD_BOOSTS);

/** BM25+ of one term in one field of one paper. */
function bm25(freq: number, matching: number, total: number, length: number, average: number) {
  const idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
  return (
    idf *
    (BM25.d + (freq * (BM25.k + 1)) / (freq + BM25.k * (1 - BM25.b + (BM25.b * length) / average)))
  );
}

/** Receives one scored match: paper, score, and the query term it counts for. */
type Sink = (doc: number, score: number, source: string) => void;

interface NodeOptions {
  prefix?: boolean;
  fuzzy?: number | boolean;
  weights?: { fuzzy?: number; prefix?: number };
  combineWith?: string;
}

/** Search over built postings; the query language is the subset of MiniSearch's we plan. */
function createSearcher(
  papers: readonly Paper[],
  { terms, lengths, averages }: Postings,
  acronyms: AcronymTable,
): PaperIndex {
  const byId = new Map(papers.map((p) => [p.id, p]));
  const lookup = SearchableMap.from<TermEntry>(terms);
  const total = papers.length;
  const countOf = (term: string) => terms.get(term)?.count ?? 0;

  /** Adds every field posting of `term` (weighted) to `sink`. */
  function emitTerm(entry: TermEntry, weight: number, source: string, sink: Sink) {
    entry.fields.forEach((list, field) => {
      if (!list) return;
      const { docs, freqs } = list;
      const matching = docs.length;
      const boost = weight * BOOSTS[field]!;
      const length = lengths[field]!;
      const average = averages[field]!;
      for (let i = 0; i < matching; i++) {
        const doc = docs[i]!;
        sink(doc, boost * bm25(freqs[i]!, matching, total, length[doc]!, average), source);
      }
    });
  }

  /** One query word with its options: exact, then prefix, then typo-tolerant expansions. */
  function emitWord(word: string, options: NodeOptions, sink: Sink, used: Set<string>) {
    const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
    const exact = terms.get(word);
    if (exact) {
      used.add(word);
      emitTerm(exact, 1, word, sink);
    }
    const prefixed = new Set<string>();
    if (options.prefix) {
      for (const [term, entry] of lookup.atPrefix(word)) {
        const distance = term.length - word.length;
        if (!distance) continue;
        prefixed.add(term);
        used.add(term);
        emitTerm(
          entry,
          (weights.prefix * term.length) / (term.length + 0.3 * distance),
          word,
          sink,
        );
      }
    }
    const fuzzy = options.fuzzy === true ? 1 : options.fuzzy || 0;
    if (fuzzy > 0) {
      for (const [term, [entry, distance]] of lookup.fuzzyGet(word, fuzzy)) {
        if (!distance || prefixed.has(term)) continue;
        used.add(term);
        emitTerm(entry, (weights.fuzzy * term.length) / (term.length + distance), word, sink);
      }
    }
  }

  /** Evaluates a planned query node into `sink`; options are inherited down the tree. */
  function emit(node: Query, inherited: NodeOptions, sink: Sink, used: Set<string>) {
    if (typeof node === 'string') {
      emitWord(node, inherited, sink, used);
      return;
    }
    const { queries, ...own } = node as NodeOptions & { queries: Query[] };
    const options = { ...inherited, ...own };
    if ((options.combineWith ?? 'OR').toUpperCase() === 'OR') {
      for (const child of queries) emit(child, { ...options, combineWith: 'OR' }, sink, used);
      return;
    }
    // AND: papers matching every child, with the summed score and every child's terms.
    type Partial = { score: number; sources: string[] };
    let combined: Map<number, Partial> | undefined;
    for (const child of queries) {
      const part = new Map<number, Partial>();
      emit(
        child,
        { ...options, combineWith: 'OR' },
        (doc, score, source) => {
          const seen = part.get(doc);
          if (!seen) part.set(doc, { score, sources: [source] });
          else {
            seen.score += score;
            if (!seen.sources.includes(source)) seen.sources.push(source);
          }
        },
        used,
      );
      if (combined) {
        for (const [doc, seen] of part) {
          const before = combined.get(doc);
          if (before) {
            seen.score += before.score;
            seen.sources.push(...before.sources);
          } else part.delete(doc);
        }
      }
      combined = part;
    }
    for (const [doc, { score, sources }] of combined ?? []) {
      sources.forEach((source, i) => {
        sink(doc, i === 0 ? score : 0, source);
      });
    }
  }

  function search(query: string, options: SearchOptionsIn = {}): SearchHit[] {
    const plan = planQuery(query, acronyms, countOf);
    const slots = plan.slots;
    if (slots === 0) return [];
    const scores = new Float64Array(total);
    const covered = new Uint8Array(total * slots);
    const coverage = new Uint16Array(total);
    const touched: number[] = [];
    const seen = new Uint8Array(total);
    const slotsOfSource = new Map<string, number[]>();
    const used = new Set<string>();
    emit(
      plan.query,
      {},
      (doc, score, source) => {
        if (!seen[doc]) {
          seen[doc] = 1;
          touched.push(doc);
        }
        scores[doc]! += score;
        let sourceSlots = slotsOfSource.get(source);
        if (!sourceSlots) {
          sourceSlots = plan.slotsOf.get(source) ?? [];
          slotsOfSource.set(source, sourceSlots);
        }
        for (const slot of sourceSlots) {
          const at = doc * slots + slot;
          if (!covered[at]) {
            covered[at] = 1;
            coverage[doc]! += 1;
          }
        }
      },
      used,
    );

    // Final scores, weighed by the share of query words matched: a paper matching both words
    // of a two-word query outranks one matching only the first, however often.
    const filter = options.filter;
    const candidates: number[] = [];
    let best = Number.NEGATIVE_INFINITY;
    for (const doc of touched) {
      if (filter && !filter(papers[doc]!)) continue;
      scores[doc] = (scores[doc]! * coverage[doc]!) / slots;
      if (coverage[doc] === slots && scores[doc]! > best) best = scores[doc]!;
      candidates.push(doc);
    }
    const rank = rankBy(scores, coverage, slots);
    const relevant = dropWeakPartials(candidates, scores, coverage, slots, best);
    const limit = options.limit;
    const ranked =
      limit !== undefined && limit < relevant.length
        ? topK(relevant, limit, rank)
        : relevant.sort(rank);
    const matched = [...used];
    const termsOf = (doc: number) => matched.filter((term) => containsTerm(terms.get(term), doc));
    return ranked.map(
      (doc) => new Hit(papers[doc]!, scores[doc]!, coverage[doc] === slots, () => termsOf(doc)),
    );
  }

  function suggest(query: string, max = 3): string[] {
    const words = queryWords(query);
    const unknown = words.filter((w) => countOf(w) === 0);
    if (unknown.length === 0) return [];
    // Per unknown word, the closest known words (fewest edits, then most frequent).
    const candidates = unknown.map((word) => {
      const budget = word.length <= 4 ? 1 : 2;
      const near: { term: string; distance: number; count: number }[] = [];
      for (const [term, { count }] of terms) {
        if (Math.abs(term.length - word.length) > budget || term.length < 3) continue;
        const distance = editDistance(word, term, budget);
        if (distance <= budget) near.push({ term, distance, count });
      }
      near.sort((a, b) => a.distance - b.distance || b.count - a.count);
      return { word, near: near.slice(0, max) };
    });
    const suggestions: string[] = [];
    for (let rank = 0; rank < max; rank++) {
      const replaced = words.map((w) => {
        const c = candidates.find((x) => x.word === w);
        return c ? (c.near[rank] ?? c.near[0])?.term : w;
      });
      if (replaced.some((w) => w === undefined)) continue;
      const text = replaced.join(' ');
      if (!suggestions.includes(text) && text !== words.join(' ')) suggestions.push(text);
    }
    return suggestions.filter((s) => search(s, { limit: 1 }).length > 0);
  }

  return {
    size: papers.length,
    search,
    suggest,
    get: (id) => byId.get(id),
    all: () => papers,
    acronyms,
  };
}

/** A hit whose matched terms (needed only for the few hits shown) are worked out on demand. */
class Hit implements SearchHit {
  #terms: string[] | undefined;
  constructor(
    readonly paper: Paper,
    readonly score: number,
    readonly complete: boolean,
    private readonly findTerms: () => string[],
  ) {}
  get terms(): string[] {
    this.#terms ??= this.findTerms();
    return this.#terms;
  }
}

/** Whether paper `doc` has `entry`'s term in any field (postings are ascending). */
function containsTerm(entry: TermEntry | undefined, doc: number): boolean {
  return (entry?.fields ?? []).some((list) => {
    if (!list) return false;
    let lo = 0;
    let hi = list.docs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = list.docs[mid]!;
      if (at === doc) return true;
      if (at < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  });
}

/** Complete matches first, then by score; ties in catalogue order. */
function rankBy(scores: Float64Array, coverage: Uint16Array, slots: number) {
  return (a: number, b: number) =>
    Number(coverage[b] === slots) - Number(coverage[a] === slots) ||
    scores[b]! - scores[a]! ||
    a - b;
}

/** The best `k` items in rank order without sorting them all (a bounded heap). */
function topK(items: readonly number[], k: number, rank: (a: number, b: number) => number) {
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

/**
 * When some papers match every query word, a partial match is kept only if it scores at
 * least `PARTIAL_FLOOR` of the best complete match: "vision transformer" should not list
 * every paper that mentions vision.
 */
function dropWeakPartials(
  docs: number[],
  scores: Float64Array,
  coverage: Uint16Array,
  slots: number,
  bestComplete: number,
): number[] {
  if (bestComplete === Number.NEGATIVE_INFINITY) return docs;
  const floor = bestComplete * PARTIAL_FLOOR;
  return docs.filter((doc) => coverage[doc] === slots || scores[doc]! >= floor);
}

/**
 * Adds each used acronym's definition and each spelled-out definition's acronym to a
 * field's terms. Acronyms count only when written in capitals; definitions are matched on
 * consecutive terms.
 */
function expandAcronyms(text: string, terms: string[], acronyms: AcronymTable): string[] {
  if (acronyms.size === 0) return terms;
  const out = [...terms];
  for (const acronym of acronymsIn(text, acronyms)) out.push(...acronyms.definitionOf(acronym)!);
  for (let i = 0; i < terms.length; i++) {
    for (const { acronym, words } of acronyms.startingWith(terms[i]!)) {
      if (words.every((w, k) => terms[i + k] === w)) out.push(acronym);
    }
  }
  return out;
}

interface QueryPlan {
  query: Query;
  /** How many query words must match for a hit to be complete. */
  slots: number;
  /** Which query words (slots) an engine term stands for. */
  slotsOf: Map<string, number[]>;
}

/**
 * Turns a query into one MiniSearch query tree: per query word, alternatives that count as
 * that word — the word itself (typo-tolerant when it is not a known word), a prefix, the
 * word's stem, the word joined to its neighbour (`pre training` → `pretraining`), and for an
 * acronym its definition (all words required), for a definition its acronym.
 */
export function planQuery(
  query: string,
  acronyms: AcronymTable,
  countOf: (term: string) => number,
): QueryPlan {
  const words = queryWords(query);
  const slotsOf = new Map<string, number[]>();
  const alternatives: Query[] = [];
  const claim = (term: string, slot: number) => {
    const slots = slotsOf.get(term) ?? [];
    if (!slots.includes(slot)) slots.push(slot);
    slotsOf.set(term, slots);
  };

  words.forEach((word, slot) => {
    claim(word, slot);
    const trusted = countOf(word) >= TRUSTED_WORD_COUNT;
    alternatives.push({
      queries: [word],
      fuzzy: trusted ? false : typoBudget(word),
      prefix: word.length >= 4,
      weights: { fuzzy: FUZZY_WEIGHT, prefix: PREFIX_WEIGHT },
    } satisfies SearchOptions & { queries: Query[] });
    const stem = stemOf(word);
    if (stem) {
      claim(stem, slot);
      alternatives.push({
        queries: [stem],
        prefix: true,
        weights: { fuzzy: 0, prefix: STEM_WEIGHT },
      });
    }
    const next = words[slot + 1];
    if (next) {
      const joined = normalizeWord(word + next);
      if (countOf(joined) > 0) {
        claim(joined, slot);
        claim(joined, slot + 1);
        alternatives.push(joined);
      }
    }
    const definition = acronyms.definitionOf(word);
    if (definition) {
      for (const term of definition) claim(term, slot);
      alternatives.push({ queries: [...definition], combineWith: 'AND' });
    }
  });
  // A spelled-out definition in the query also matches its acronym, for each of its words.
  words.forEach((word, at) => {
    for (const { acronym, words: definition } of acronyms.startingWith(word)) {
      if (!definition.every((w, k) => words[at + k] === w)) continue;
      for (let k = 0; k < definition.length; k++) claim(acronym, at + k);
      alternatives.push(acronym);
    }
  });
  return { query: { combineWith: 'OR', queries: alternatives }, slots: words.length, slotsOf };
}
