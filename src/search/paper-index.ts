/**
 * `PaperIndex`, our search API, and the search itself: a query is planned into alternatives
 * (query-plan.ts), each alternative's postings (postings.ts) are scored with BM25+
 * (scoring.ts) by matching.ts, and hits are ranked by score weighed by coordination — how much of the
 * query's information a paper carries, and how strongly. MiniSearch is an implementation
 * detail behind term-tree.ts: nothing outside src/search sees its types.
 */
import type { Alias, Paper } from '../catalog/types.ts';
import { type AcronymTable, createAcronymTable, withAliases } from './acronyms.ts';
import { queryWords } from './analyze.ts';
import { type Corpus, matchAll, matchWord, type Sink, type Used } from './matching.ts';
import { buildPaperIndexData, type PaperIndexData, postingOf } from './postings.ts';
import { MIN_STEM, planQuery, type QueryPlan, Strength, stemOf } from './query-plan.ts';
import { idfOf, rankBy, topK } from './scoring.ts';
import { openTermTree } from './term-tree.ts';

export { buildPaperIndexData, type PaperIndexData } from './postings.ts';

/** One ranked answer to a query. */
export interface SearchHit {
  paper: Paper;
  /** Relevance; only comparable within one result list. */
  score: number;
  /** Index terms of the paper that matched (normalised), for highlighting. */
  terms: string[];
  /** True when every word of the query matched. */
  complete: boolean;
  /** The query words (as typed) this paper matched, in query order. */
  matched: string[];
  /** The query words (as typed) nothing in this paper matched: "Missing: federated". */
  missing: string[];
}

/** A search with what the reply needs to say about the query as a whole. */
export interface SearchAnswer {
  hits: SearchHit[];
  /** The query words as typed (folded, stop words dropped), in order. */
  words: string[];
  /**
   * The words that say what the query is about: those found in at most
   * {@link INFORMATIVE_SHARE} of the papers, or nowhere. Words common to a large share of
   * the catalogue ("learning", "models") are not among them.
   */
  informative: string[];
  /**
   * False when no poster matches every word and none carries an informative word: the
   * catalogue has nothing about this, and `hits` is empty rather than a list of posters
   * that share only common words with the query ("No poster about …").
   */
  informativeMatched: boolean;
  /**
   * Papers matching some query word that were not listed because they carry no informative
   * one: more than 0 means the catalogue has posters sharing words with the query, just none
   * about it ("No poster about …" rather than "No posters match …").
   */
  withheld: number;
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
  /**
   * Papers best first: papers matching every query word exactly first, then by score
   * weighed by how much of the query each carries and how strongly. When no paper matches
   * every word, only papers carrying an informative word are listed (see {@link SearchAnswer}).
   */
  search(query: string, options?: SearchOptionsIn): SearchHit[];
  /** {@link search} with what it found out about the query. */
  answer(query: string, options?: SearchOptionsIn): SearchAnswer;
  /** "Did you mean" queries for a query that found nothing, best first (at most `max`). */
  suggest(query: string, max?: number): string[];
  get(id: string): Paper | undefined;
  /** Every paper, in catalogue order. */
  all(): readonly Paper[];
  /** The acronyms the index learnt from the corpus (acronym → definition words). */
  readonly acronyms: AcronymTable;
}

/**
 * A query word found in at most this share of the papers is informative: it says what the
 * query is about. Words above it ("learning", "models", "data" in an ML catalogue) are
 * shared by too many papers for a partial match on them alone to be worth showing.
 */
export const INFORMATIVE_SHARE = 0.15;
/** Share of the best complete match's score a partial match needs to be listed after it. */
const PARTIAL_FLOOR = 0.25;
/**
 * Weight of a query word matched at each {@link Strength} in a hit's coordination: a weak
 * match of every word does not automatically beat a strong match of the rare ones.
 */
const STRENGTH_WEIGHTS: Record<Strength, number> = {
  [Strength.none]: 0,
  [Strength.typo]: 0.4,
  [Strength.stem]: 0.6,
  [Strength.exact]: 1,
};
/** Unknown words of a query that "did you mean" corrects, at most. */
const MAX_SUGGEST_WORDS = 3;

/**
 * Builds the index. Analysis (`analyze`) is applied to every field; acronyms are mined from
 * the titles and abstracts first, and each paper's text is expanded with the definitions of
 * the acronyms it uses (and vice versa), so `GNN` and "graph neural network" meet.
 */
export function createPaperIndex(
  papers: readonly Paper[],
  options: PaperIndexOptions = {},
): PaperIndex {
  return openPaperIndex(papers, buildPaperIndexData(papers), options);
}

export interface PaperIndexOptions {
  /**
   * Words people search for and what they mean (`aliases.csv`), applied to queries like the
   * acronyms mined from the papers. Query-side only: the built index data does not change.
   */
  aliases?: readonly Alias[];
}

/**
 * Search over built index data. `data` is used as is (not copied): it may come from a
 * snapshot, and must not be changed afterwards.
 */
export function openPaperIndex(
  papers: readonly Paper[],
  data: PaperIndexData,
  options: PaperIndexOptions = {},
): PaperIndex {
  const tree = openTermTree(data.tree);
  const corpus: Corpus = {
    papers,
    fields: data.fields,
    counts: data.counts,
    vocabulary: data.vocabulary,
    tree,
    total: papers.length,
    countOf(term) {
      const id = tree.get(term);
      return id === undefined ? 0 : data.counts[id]!;
    },
  };
  const acronyms = createAcronymTable(withAliases(new Map(data.acronyms), options.aliases ?? []));
  const byId = new Map(papers.map((p) => [p.id, p]));
  const scratch = createScratchPool(corpus.total);

  function answer(query: string, options: SearchOptionsIn = {}): SearchAnswer {
    return runSearch(corpus, planQuery(query, acronyms, corpus), scratch, options);
  }

  return {
    size: papers.length,
    search: (query, options) => answer(query, options).hits,
    answer,
    suggest: (query, max = 3) =>
      suggestQueries(corpus, query, max).filter((s) => answer(s, { limit: 1 }).hits.length > 0),
    get: (id) => byId.get(id),
    all: () => papers,
    acronyms,
  };
}

// ---------------------------------------------------------------------------------------
// Ranking: coordination weighted by information and strength, then selection.

/**
 * Per-paper work arrays of a search, kept between searches: allocating (and zeroing) them
 * anew cost more than the search itself on a large corpus. Only the papers a search
 * touched are reset. A nested search (from a `filter`) gets arrays of its own.
 */
interface Scratch {
  scores: Float64Array;
  /** Per paper: its score weighed by the plain share of query words matched. */
  shares: Float64Array;
  /** Coordination (0–1): the share of the query's information matched, by strength. */
  coordination: Float64Array;
  seen: Uint8Array;
  /** Per paper and query word: the strongest match (paper × slots), a {@link Strength}. */
  strengths: Uint8Array;
}

interface ScratchPool {
  take(slots: number): Scratch;
  release(scratch: Scratch, touched: readonly number[], slots: number): void;
}

function createScratchPool(total: number): ScratchPool {
  let spare: Scratch | undefined;
  return {
    take(slots) {
      const scratch = spare ?? {
        scores: new Float64Array(total),
        shares: new Float64Array(total),
        coordination: new Float64Array(total),
        seen: new Uint8Array(total),
        strengths: new Uint8Array(0),
      };
      spare = undefined;
      if (scratch.strengths.length < total * slots) {
        scratch.strengths = new Uint8Array(total * slots);
      }
      return scratch;
    },
    release(scratch, touched, slots) {
      for (const doc of touched) {
        scratch.scores[doc] = 0;
        scratch.coordination[doc] = 0;
        scratch.shares[doc] = 0;
        scratch.seen[doc] = 0;
        for (let at = doc * slots; at < (doc + 1) * slots; at++) scratch.strengths[at] = 0;
      }
      spare = scratch;
    },
  };
}

/** Whether each query word is informative, see {@link INFORMATIVE_SHARE}, {@link familyShare}. */
function informativeWords(corpus: Corpus, words: readonly string[]): boolean[] {
  return words.map((word) => familyShare(corpus, word) <= INFORMATIVE_SHARE);
}

/**
 * About what share of the papers has `word` or a word of its family — the index terms
 * starting with its root (see {@link familyRoot}). With "predict", "predictive" and
 * "predictions" in a third of the papers, "prediction" says little about a query however
 * rare the exact word is. Summed per term over its largest field: an overestimate when
 * papers use several members, which errs towards calling a word common.
 */
function familyShare(corpus: Corpus, word: string): number {
  let papers = 0;
  for (const [, id] of corpus.tree.withPrefix(familyRoot(word))) {
    let largest = 0;
    for (const { starts } of corpus.fields)
      largest = Math.max(largest, starts[id + 1]! - starts[id]!);
    papers += largest;
  }
  return papers / corpus.total;
}

/**
 * Whether a match of this strength carries an informative word: only an exact one. A prefix
 * or stem of a rare word is no evidence of it (`sign` → `significant`), nor is a near word
 * when nothing else of the query matched (`brain` → `train`).
 */
const carries = (strength: number) => strength === Strength.exact;

function runSearch(
  corpus: Corpus,
  plan: QueryPlan,
  pool: ScratchPool,
  options: SearchOptionsIn,
): SearchAnswer {
  const { slots } = plan;
  if (slots === 0) {
    return { hits: [], words: [], informative: [], informativeMatched: false, withheld: 0 };
  }
  const scratch = pool.take(slots);
  const { touched, used, exactly } = matchPlan(corpus, plan, scratch);
  // A word's information: its idf over the papers having it exactly.
  const information = Array.from(exactly, (papers) => idfOf(papers, corpus.total));
  const found = coordinate(corpus, scratch, touched, information, options.filter);
  // Which words are informative matters only when no paper matches them all (and for the
  // reply), and costs a walk of each word's family: worked out only then.
  let informative: boolean[] | undefined;
  const informativeOf = () => {
    informative ??= informativeWords(corpus, plan.words);
    return informative;
  };
  const relevant =
    found.complete.length > 0
      ? withStrongPartials(found, scratch.shares)
      : carryingInformation(found.partial, scratch.strengths, slots, informativeOf());
  const withheld = found.complete.length > 0 ? 0 : found.partial.length - relevant.length;
  const rank = rankBy(scratch.scores, scratch.coordination);
  const limit = options.limit;
  const ranked =
    limit !== undefined && limit < relevant.length
      ? topK(relevant, limit, rank)
      : relevant.sort(rank);
  const hits = ranked.map((doc) => hitOf(corpus, plan, scratch, used, doc));
  pool.release(scratch, touched, slots);
  return {
    hits,
    words: plan.typed,
    get informative() {
      const flags = informativeOf();
      return plan.typed.filter((_, s) => flags[s]);
    },
    informativeMatched: relevant.length > 0,
    withheld,
  };
}

/**
 * Runs every alternative of the plan into the scratch arrays: per paper its summed score and
 * per query word its strongest match. Also counts, per query word, the papers matching it
 * exactly.
 */
function matchPlan(corpus: Corpus, plan: QueryPlan, scratch: Scratch) {
  const { slots } = plan;
  const { scores, seen, strengths } = scratch;
  const touched: number[] = [];
  const used: Used = new Map();
  const exactly = new Uint32Array(slots);
  const sink: Sink = (doc, score, sourceSlots, strength) => {
    if (!seen[doc]) {
      seen[doc] = 1;
      touched.push(doc);
    }
    scores[doc]! += score;
    for (const slot of sourceSlots) {
      const at = doc * slots + slot;
      if (strengths[at]! < strength) {
        if (strength === Strength.exact) exactly[slot]! += 1;
        strengths[at] = strength;
      }
    }
  };
  for (const node of plan.nodes) {
    if (node.kind === 'word') matchWord(corpus, node, plan.slotsOf(node.term), sink, used);
    else matchAll(corpus, node, plan.slotsOf(...node.terms), sink, used);
  }
  return { touched, used, exactly };
}

/** The matched papers that pass `filter`, split into complete and partial matches. */
interface Found {
  complete: number[];
  partial: number[];
  /** The best complete match's share score (see `Scratch.shares`). */
  bestComplete: number;
}

/**
 * Final scores, weighed by coordination: the share of the query's information a paper
 * matched, each word counted by the weight of its strongest match's strength.
 */
function coordinate(
  corpus: Corpus,
  scratch: Scratch,
  touched: readonly number[],
  information: readonly number[],
  filter: ((paper: Paper) => boolean) | undefined,
): Found {
  const { scores, shares, coordination, strengths } = scratch;
  const slots = information.length;
  let totalInformation = 0;
  for (const info of information) totalInformation += info;
  const found: Found = { complete: [], partial: [], bestComplete: Number.NEGATIVE_INFINITY };
  for (const doc of touched) {
    if (filter && !filter(corpus.papers[doc]!)) continue;
    let carried = 0;
    let matched = 0;
    for (let s = 0; s < slots; s++) {
      const strength = strengths[doc * slots + s]! as Strength;
      if (strength === Strength.none) continue;
      matched++;
      carried += information[s]! * STRENGTH_WEIGHTS[strength];
    }
    shares[doc] = (scores[doc]! * matched) / slots;
    coordination[doc] = carried / totalInformation;
    scores[doc] = scores[doc]! * coordination[doc]!;
    if (matched === slots) {
      found.complete.push(doc);
      if (shares[doc]! > found.bestComplete) found.bestComplete = shares[doc]!;
    } else found.partial.push(doc);
  }
  return found;
}

/**
 * When some papers match every query word, a partial match is kept only if it scores at
 * least `PARTIAL_FLOOR` of the best complete match (both weighed by the plain share of words
 * matched): "vision transformer" should not list every paper that mentions vision.
 */
function withStrongPartials(found: Found, shares: Float64Array): number[] {
  const floor = found.bestComplete * PARTIAL_FLOOR;
  return found.complete.concat(found.partial.filter((doc) => shares[doc]! >= floor));
}

/**
 * When no paper matches every query word, only those carrying an informative word:
 * "federated learning" must not list every paper that says "learning". A query without any
 * informative word keeps its partial matches.
 */
function carryingInformation(
  partial: readonly number[],
  strengths: Uint8Array,
  slots: number,
  informative: readonly boolean[],
): number[] {
  if (!informative.some(Boolean)) return [...partial];
  return partial.filter((doc) =>
    informative.some((yes, s) => yes && carries(strengths[doc * slots + s]!)),
  );
}

/** The hit for paper `doc`, its matched words read off the scratch arrays before release. */
function hitOf(corpus: Corpus, plan: QueryPlan, scratch: Scratch, used: Used, doc: number) {
  const { slots } = plan;
  const row = scratch.strengths.slice(doc * slots, (doc + 1) * slots);
  const termsOf = () =>
    [...used]
      .filter(([, id]) => corpus.fields.some((f) => postingOf(f, id, doc) >= 0))
      .map(([term]) => term);
  return new Hit(corpus.papers[doc]!, scratch.scores[doc]!, row, plan.typed, termsOf);
}

/** A hit whose matched terms and words (needed only for the few hits shown) are worked out on demand. */
class Hit implements SearchHit {
  #terms: string[] | undefined;
  constructor(
    readonly paper: Paper,
    readonly score: number,
    private readonly strengths: Uint8Array,
    private readonly words: readonly string[],
    private readonly findTerms: () => string[],
  ) {}
  get terms(): string[] {
    this.#terms ??= this.findTerms();
    return this.#terms;
  }
  get complete(): boolean {
    return this.strengths.every((s) => s !== Strength.none);
  }
  get matched(): string[] {
    return this.words.filter((_, s) => this.strengths[s] !== Strength.none);
  }
  get missing(): string[] {
    return this.words.filter((_, s) => this.strengths[s] === Strength.none);
  }
}

/** A word's stem, or the word without "-ion(s)" (`prediction` → `predict`), or itself. */
function familyRoot(word: string): string {
  const stem = stemOf(word);
  if (stem) return stem;
  const bare = word.replace(/ions?$/, '');
  return bare.length >= MIN_STEM && bare !== word ? bare : word;
}

// ---------------------------------------------------------------------------------------
// Did you mean.

/**
 * Queries with each unknown word replaced by a near known word (fewest edits, then most
 * frequent). Only for a query with at most `MAX_SUGGEST_WORDS` unknown words: more is not
 * a typo, and each costs a walk of the term tree.
 */
function suggestQueries(corpus: Corpus, query: string, max: number): string[] {
  const words = queryWords(query);
  const unknown = words.filter((w) => corpus.countOf(w) === 0);
  if (unknown.length === 0 || unknown.length > MAX_SUGGEST_WORDS) return [];
  const candidates = new Map(
    unknown.map((word) => {
      const budget = word.length <= 4 ? 1 : 2;
      const near: { term: string; distance: number; count: number }[] = [];
      for (const [term, id, distance] of corpus.tree.withinEdits(word, budget)) {
        if (term.length < 3 || distance === 0) continue;
        near.push({ term, distance, count: corpus.counts[id]! });
      }
      near.sort((a, b) => a.distance - b.distance || b.count - a.count);
      return [word, near.slice(0, max).map((n) => n.term)] as const;
    }),
  );
  const suggestions: string[] = [];
  for (let rank = 0; rank < max; rank++) {
    const replaced = words.map((w) => {
      const near = candidates.get(w);
      return near ? (near[rank] ?? near[0]) : w;
    });
    if (replaced.some((w) => w === undefined)) continue;
    const text = replaced.join(' ');
    if (!suggestions.includes(text) && text !== words.join(' ')) suggestions.push(text);
  }
  return suggestions;
}
