import SearchableMap from 'minisearch/SearchableMap';
import type { Paper } from '../catalog/types.ts';
import { type AcronymTable, acronymsIn, createAcronymTable, mineAcronyms } from './acronyms.ts';
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

/** Typo tolerance that grows with word length: none up to 4 letters, 1 up to 9, then 2. */
export function typoBudget(word: string): number {
  if (word.length <= 4) return 0;
  return word.length <= 9 ? 1 : 2;
}

/**
 * Builds the index. Analysis (`analyze`) is applied to every field; acronyms are mined from
 * the titles and abstracts first, and each paper's text is expanded with the definitions of
 * the acronyms it uses (and vice versa), so `GNN` and "graph neural network" meet.
 */
export function createPaperIndex(papers: readonly Paper[]): PaperIndex {
  return openPaperIndex(papers, buildPaperIndexData(papers));
}

/**
 * The built index as plain data — strings, numbers and typed arrays — so that start-up can
 * load it from a snapshot (see index-cache.ts) instead of analysing the corpus again, and so
 * that it is compact: a posting is six bytes, not an object.
 */
export interface PaperIndexData {
  /** Index terms; a term's position is its id. In first-seen order, which fixes tie order. */
  vocabulary: string[];
  /** Per term: occurrences over all fields of all papers (the vocabulary count). */
  counts: Uint32Array;
  /**
   * The vocabulary as MiniSearch's radix tree (term → id), for prefix and typo-tolerant
   * lookups. Stored rather than rebuilt from `vocabulary`: building it is the slowest part of
   * opening an index, and its iteration order (which fixes the order scores are summed in)
   * depends on insertion order.
   */
  tree: SearchableMap<number>['_tree'];
  /** Per field, in `FIELD_BOOSTS` order. */
  fields: FieldPostings[];
  /** The mined acronyms: acronym → definition words. */
  acronyms: [string, string[]][];
}

/**
 * One field's postings in compressed rows: the papers containing term `t` are
 * `docs[starts[t]]` up to (not including) `docs[starts[t + 1]]`, ascending, with the
 * term's frequency in each at the same positions of `freqs`.
 *
 * This is our own inverted index rather than MiniSearch's because scoring a common word means
 * visiting every paper that has it, and MiniSearch allocates an object (and a map entry) per
 * paper per term — at 100k papers that alone costs hundreds of milliseconds a query.
 */
export interface FieldPostings {
  starts: Uint32Array;
  docs: Uint32Array;
  /** Capped at 65535, where BM25's term-frequency saturation has long flattened out. */
  freqs: Uint16Array;
  /** Per paper: distinct terms in the field (BM25's document length). */
  lengths: Uint32Array;
  /** Mean of `lengths`. */
  average: number;
}

const MAX_FREQ = 0xffff;

/** The text of each field of a paper, in `FIELDS` order. */
function fieldTexts(paper: Paper): string[] {
  return [paper.title, paper.authors.join(' · '), paper.keywords.join(' · '), paper.abstract];
}

/** An append-only column of unsigned 32-bit numbers (postings before they are grouped). */
class Column {
  data = new Uint32Array(1 << 12);
  length = 0;
  push(value: number) {
    if (this.length === this.data.length) this.data = grown(this.data);
    this.data[this.length++] = value;
  }
}

/** A typed array twice as long, with the same contents first. */
function grown<T extends Float64Array | Uint32Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** Analyses every paper once; the result is what `openPaperIndex` searches. */
export function buildPaperIndexData(papers: readonly Paper[]): PaperIndexData {
  const acronyms = mineAcronyms(papers.flatMap((p) => [p.title, p.abstract]));
  const ids = new Map<string, number>();
  const vocabulary: string[] = [];
  const counts: number[] = [];
  // Postings as (term, paper, frequency) rows in paper order, grouped by term at the end.
  const rows = FIELDS.map(() => ({ terms: new Column(), docs: new Column(), freqs: new Column() }));
  const lengths = FIELDS.map(() => new Uint32Array(papers.length));
  // Per term: occurrences in the field being read, valid while `stamps[id]` is its number.
  let stamps = new Float64Array(1 << 12);
  let freqs = new Uint32Array(1 << 12);
  let stamp = 0;
  const distinct: number[] = [];
  papers.forEach((paper, doc) => {
    fieldTexts(paper).forEach((text, field) => {
      stamp++;
      distinct.length = 0;
      for (const term of expandAcronyms(text, analyze(text), acronyms)) {
        let id = ids.get(term);
        if (id === undefined) {
          id = vocabulary.length;
          ids.set(term, id);
          vocabulary.push(term);
          counts.push(0);
          if (id === stamps.length) {
            stamps = grown(stamps);
            freqs = grown(freqs);
          }
        }
        if (stamps[id] === stamp) freqs[id]! += 1;
        else {
          stamps[id] = stamp;
          freqs[id] = 1;
          distinct.push(id);
        }
      }
      lengths[field]![doc] = distinct.length;
      const row = rows[field]!;
      for (const id of distinct) {
        const n = freqs[id]!;
        counts[id]! += n;
        row.terms.push(id);
        row.docs.push(doc);
        row.freqs.push(n);
      }
    });
  });
  const fields = rows.map((row, field) =>
    groupByTerm(row, vocabulary.length, lengths[field]!, papers.length),
  );
  return {
    vocabulary,
    counts: Uint32Array.from(counts),
    tree: SearchableMap.from<number>(ids)._tree,
    fields,
    acronyms: [...acronyms.entries()].map(([acronym, words]) => [acronym, [...words]]),
  };
}

/** Sorts postings rows by term (a counting sort, stable, so papers stay ascending). */
function groupByTerm(
  row: { terms: Column; docs: Column; freqs: Column },
  termCount: number,
  lengths: Uint32Array,
  paperCount: number,
): FieldPostings {
  const n = row.terms.length;
  const terms = row.terms.data;
  const starts = new Uint32Array(termCount + 1);
  for (let i = 0; i < n; i++) starts[terms[i]! + 1]! += 1;
  for (let t = 0; t < termCount; t++) starts[t + 1]! += starts[t]!;
  const next = starts.slice(0, termCount);
  const docs = new Uint32Array(n);
  const freqs = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const at = next[terms[i]!]!++;
    docs[at] = row.docs.data[i]!;
    freqs[at] = Math.min(row.freqs.data[i]!, MAX_FREQ);
  }
  let total = 0;
  for (const length of lengths) total += length;
  return { starts, docs, freqs, lengths, average: total / Math.max(1, paperCount) };
}

/** Position of `doc` in term `id`'s postings of one field, or -1 (postings are ascending). */
function postingOf(postings: FieldPostings, id: number, doc: number): number {
  const { docs } = postings;
  let lo = postings.starts[id]!;
  let hi = postings.starts[id + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = docs[mid]!;
    if (at === doc) return mid;
    if (at < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** MiniSearch's BM25+ parameters, kept so that ranking (and `npm run eval`) is unchanged. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const BOOSTS: number[] = Object.values(FIELD_BOOSTS);

/** BM25+'s inverse document frequency of a term found in `matching` of `total` papers. */
function idfOf(matching: number, total: number): number {
  return Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
}

/** BM25+ of one term in one field of one paper, given the term's `idf`. */
function bm25(idf: number, freq: number, length: number, average: number): number {
  return (
    idf *
    (BM25.d + (freq * (BM25.k + 1)) / (freq + BM25.k * (1 - BM25.b + (BM25.b * length) / average)))
  );
}

/** Index terms a search matched, with their ids, in the order first matched. */
type Used = Map<string, number>;

interface Scratch {
  scores: Float64Array;
  coverage: Uint16Array;
  seen: Uint8Array;
  /** Per paper and query word: whether the word matched (paper × slots). */
  covered: Uint8Array;
}

/** Receives one scored match: paper, score, and the query words (slots) it counts for. */
type Sink = (doc: number, score: number, slots: readonly number[]) => void;

/**
 * Search over built index data. `data` is used as is (not copied): it may come from a
 * snapshot, and must not be changed afterwards.
 */
export function openPaperIndex(papers: readonly Paper[], data: PaperIndexData): PaperIndex {
  const { vocabulary, counts, fields } = data;
  const acronyms = createAcronymTable(new Map(data.acronyms));
  const byId = new Map(papers.map((p) => [p.id, p]));
  const lookup = new SearchableMap<number>(data.tree);
  const ids = { get: (term: string) => lookup.get(term) };
  const total = papers.length;
  const countOf = (term: string) => {
    const id = ids.get(term);
    return id === undefined ? 0 : counts[id]!;
  };

  /**
   * The highest idf a form derived from `word` (prefix, stem, typo) may score with: the
   * word's own, where it occurs. A rare derived form (`learned` for "learning") must not
   * outscore the word the user typed.
   */
  function idfCaps(word: string): number[] | undefined {
    const id = ids.get(word);
    if (id === undefined) return undefined;
    const own = fields.map(({ starts }) => starts[id + 1]! - starts[id]!);
    // In a field without the word, the cap is its idf where it is most common.
    const fallback = idfOf(Math.max(...own), total);
    return own.map((matching) => (matching > 0 ? idfOf(matching, total) : fallback));
  }

  /** Adds every field posting of term `id` (weighted, idf at most `caps`) to `sink`. */
  function emitTerm(
    id: number,
    weight: number,
    slots: readonly number[],
    sink: Sink,
    caps?: readonly number[],
  ) {
    for (let field = 0; field < fields.length; field++) {
      const { starts, docs, freqs, lengths, average } = fields[field]!;
      const from = starts[id]!;
      const to = starts[id + 1]!;
      const matching = to - from;
      if (matching === 0) continue;
      const boost = weight * BOOSTS[field]!;
      const idf = Math.min(idfOf(matching, total), caps?.[field] ?? Number.POSITIVE_INFINITY);
      for (let i = from; i < to; i++) {
        const doc = docs[i]!;
        sink(doc, boost * bm25(idf, freqs[i]!, lengths[doc]!, average), slots);
      }
    }
  }

  /** The exact-match score of term `id` in paper `doc` (fields summed), or -1 without it. */
  function termScore(id: number, doc: number): number {
    let score = 0;
    let found = false;
    for (let field = 0; field < fields.length; field++) {
      const postings = fields[field]!;
      const at = postingOf(postings, id, doc);
      if (at < 0) continue;
      found = true;
      const idf = idfOf(postings.starts[id + 1]! - postings.starts[id]!, total);
      const length = postings.lengths[doc]!;
      score += BOOSTS[field]! * bm25(idf, postings.freqs[at]!, length, postings.average);
    }
    return found ? score : -1;
  }

  /** One query word: exact, then prefix, then typo-tolerant expansions. */
  function emitWord(node: WordNode, slots: readonly number[], sink: Sink, used: Used) {
    const { term: word, weights } = node;
    const caps = idfCaps(node.derivedFrom ?? word);
    const exact = ids.get(word);
    if (exact !== undefined) {
      used.set(word, exact);
      emitTerm(exact, 1, slots, sink, node.derivedFrom === undefined ? undefined : caps);
    }
    const prefixed = new Set<string>();
    if (node.prefix) {
      for (const [term, id] of lookup.atPrefix(word)) {
        const distance = term.length - word.length;
        if (!distance) continue;
        prefixed.add(term);
        used.set(term, id);
        const weight = (weights.prefix * term.length) / (term.length + 0.3 * distance);
        emitTerm(id, weight, slots, sink, caps);
      }
    }
    if (node.fuzzy > 0) {
      for (const [term, [id, distance]] of lookup.fuzzyGet(word, node.fuzzy)) {
        if (!distance || prefixed.has(term)) continue;
        used.set(term, id);
        emitTerm(id, (weights.fuzzy * term.length) / (term.length + distance), slots, sink, caps);
      }
    }
  }

  /**
   * Papers having every term exactly (an acronym's definition), with the terms' scores
   * summed in order. Papers are drawn from the rarest term's postings and the others are
   * looked up by binary search, so three common words cost a few thousand lookups rather
   * than three full scans.
   */
  function emitAll(node: AllNode, slots: readonly number[], sink: Sink, used: Used) {
    const termIds: number[] = [];
    for (const term of node.terms) {
      const id = ids.get(term);
      if (id === undefined) continue;
      used.set(term, id);
      termIds.push(id);
    }
    if (termIds.length < node.terms.length || termIds.length === 0) return;
    const postingCount = (id: number) =>
      fields.reduce((sum, f) => sum + f.starts[id + 1]! - f.starts[id]!, 0);
    const rarest = termIds.reduce((a, b) => (postingCount(b) < postingCount(a) ? b : a));
    const candidates = new Set<number>();
    for (const { starts, docs } of fields) {
      for (let i = starts[rarest]!; i < starts[rarest + 1]!; i++) candidates.add(docs[i]!);
    }
    for (const doc of candidates) {
      let combined = 0;
      let all = true;
      for (const id of termIds) {
        const score = termScore(id, doc);
        if (score < 0) {
          all = false;
          break;
        }
        combined += score;
      }
      if (all) sink(doc, combined, slots);
    }
  }

  function search(query: string, options: SearchOptionsIn = {}): SearchHit[] {
    const plan = planQuery(query, acronyms, countOf);
    const slots = plan.slots;
    if (slots === 0) return [];
    const scratch = takeScratch(slots);
    const { scores, covered, coverage, seen } = scratch;
    const touched: number[] = [];
    const used: Used = new Map();
    const sink: Sink = (doc, score, sourceSlots) => {
      if (!seen[doc]) {
        seen[doc] = 1;
        touched.push(doc);
      }
      scores[doc]! += score;
      for (const slot of sourceSlots) {
        const at = doc * slots + slot;
        if (!covered[at]) {
          covered[at] = 1;
          coverage[doc]! += 1;
        }
      }
    };
    for (const node of plan.nodes) {
      if (node.kind === 'word') emitWord(node, plan.slotsOf(node.term), sink, used);
      else emitAll(node, plan.slotsOf(...node.terms), sink, used);
    }

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
    const termsOf = (doc: number) =>
      matched
        .filter(([, id]) => fields.some((f) => postingOf(f, id, doc) >= 0))
        .map(([term]) => term);
    const hits = ranked.map(
      (doc) => new Hit(papers[doc]!, scores[doc]!, coverage[doc] === slots, () => termsOf(doc)),
    );
    releaseScratch(scratch, touched, slots);
    return hits;
  }

  /**
   * Per-paper work arrays of a search, kept between searches: allocating (and zeroing) them
   * anew cost more than the search itself on a large corpus. Only the papers a search
   * touched are reset. A nested search (from a `filter`) gets arrays of its own.
   */
  let spare: Scratch | undefined;
  function takeScratch(slots: number): Scratch {
    const scratch = spare ?? {
      scores: new Float64Array(total),
      coverage: new Uint16Array(total),
      seen: new Uint8Array(total),
      covered: new Uint8Array(0),
    };
    spare = undefined;
    if (scratch.covered.length < total * slots) scratch.covered = new Uint8Array(total * slots);
    return scratch;
  }
  function releaseScratch(scratch: Scratch, touched: readonly number[], slots: number) {
    for (const doc of touched) {
      scratch.scores[doc] = 0;
      scratch.coverage[doc] = 0;
      scratch.seen[doc] = 0;
      scratch.covered.fill(0, doc * slots, (doc + 1) * slots);
    }
    spare = scratch;
  }

  function suggest(query: string, max = 3): string[] {
    const words = queryWords(query);
    const unknown = words.filter((w) => countOf(w) === 0);
    if (unknown.length === 0) return [];
    // Per unknown word, the closest known words (fewest edits, then most frequent).
    const candidates = unknown.map((word) => {
      const budget = word.length <= 4 ? 1 : 2;
      const near: { term: string; distance: number; count: number }[] = [];
      vocabulary.forEach((term, id) => {
        if (Math.abs(term.length - word.length) > budget || term.length < 3) return;
        const distance = editDistance(word, term, budget);
        if (distance <= budget) near.push({ term, distance, count: counts[id]! });
      });
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

/** One alternative for a query word: a term matched exactly, and optionally by prefix or typo. */
interface WordNode {
  kind: 'word';
  term: string;
  prefix: boolean;
  /** Edits tolerated; 0 for none. */
  fuzzy: number;
  /** Weights of prefix and typo-tolerant matches relative to an exact one. */
  weights: { prefix: number; fuzzy: number };
  /** The query word this term was derived from (a stem), whose idf caps its matches'. */
  derivedFrom?: string;
}

/** Every term required, exactly (an acronym's definition); their scores summed. */
interface AllNode {
  kind: 'all';
  terms: readonly string[];
}

interface QueryPlan {
  /** Alternatives, each scored into the same result list. */
  nodes: (WordNode | AllNode)[];
  /** How many query words must match for a hit to be complete. */
  slots: number;
  /** Which query words (slots) a match on any of these index terms stands for. */
  slotsOf(...terms: string[]): number[];
}

/** An exact-only alternative. */
const exactly = (term: string): WordNode => ({
  kind: 'word',
  term,
  prefix: false,
  fuzzy: 0,
  weights: { prefix: 0, fuzzy: 0 },
});

/**
 * Turns a query into alternatives: per query word, the word itself (typo-tolerant when it is
 * not a known word) and its prefix, the word's stem, the word joined to its neighbour
 * (`pre training` → `pretraining`), and for an acronym its definition (all words required),
 * for a definition its acronym.
 */
export function planQuery(
  query: string,
  acronyms: AcronymTable,
  countOf: (term: string) => number,
): QueryPlan {
  const words = queryWords(query);
  const claims = new Map<string, number[]>();
  const nodes: (WordNode | AllNode)[] = [];
  const claim = (term: string, slot: number) => {
    const slots = claims.get(term) ?? [];
    if (!slots.includes(slot)) slots.push(slot);
    claims.set(term, slots);
  };

  words.forEach((word, slot) => {
    claim(word, slot);
    const trusted = countOf(word) >= TRUSTED_WORD_COUNT;
    nodes.push({
      kind: 'word',
      term: word,
      fuzzy: trusted ? 0 : typoBudget(word),
      prefix: word.length >= 4,
      weights: { fuzzy: FUZZY_WEIGHT, prefix: PREFIX_WEIGHT },
    });
    const stem = stemOf(word);
    if (stem) {
      claim(stem, slot);
      nodes.push({
        kind: 'word',
        term: stem,
        prefix: true,
        fuzzy: 0,
        weights: { fuzzy: 0, prefix: STEM_WEIGHT },
        derivedFrom: word,
      });
    }
    const next = words[slot + 1];
    if (next) {
      const joined = normalizeWord(word + next);
      if (countOf(joined) > 0) {
        claim(joined, slot);
        claim(joined, slot + 1);
        nodes.push(exactly(joined));
      }
    }
    const definition = acronyms.definitionOf(word);
    if (definition) {
      for (const term of definition) claim(term, slot);
      nodes.push({ kind: 'all', terms: definition });
    }
  });
  // A spelled-out definition in the query also matches its acronym, for each of its words.
  words.forEach((word, at) => {
    for (const { acronym, words: definition } of acronyms.startingWith(word)) {
      if (!definition.every((w, k) => words[at + k] === w)) continue;
      for (let k = 0; k < definition.length; k++) claim(acronym, at + k);
      nodes.push(exactly(acronym));
    }
  });
  const slotsOf = (...terms: string[]) => [...new Set(terms.flatMap((t) => claims.get(t) ?? []))];
  return { nodes, slots: words.length, slotsOf };
}
