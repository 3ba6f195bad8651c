import MiniSearch, { type Query, type SearchOptions } from 'minisearch';
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

interface Doc {
  id: string;
  title: string;
  authors: string;
  keywords: string;
  abstract: string;
}

/**
 * Builds the index. Analysis (`analyze`) is applied to every field; acronyms are mined from
 * the titles and abstracts first, and each paper's text is expanded with the definitions of
 * the acronyms it uses (and vice versa), so `GNN` and "graph neural network" meet.
 */
export function createPaperIndex(papers: readonly Paper[]): PaperIndex {
  const byId = new Map(papers.map((p) => [p.id, p]));
  const acronyms = mineAcronyms(papers.flatMap((p) => [p.title, p.abstract]));

  const vocabulary = new Map<string, number>();
  const tokenize = (text: string): string[] => {
    const terms = expandAcronyms(text, analyze(text), acronyms);
    for (const term of terms) vocabulary.set(term, (vocabulary.get(term) ?? 0) + 1);
    return terms;
  };
  const engine = new MiniSearch<Doc>({
    fields: FIELDS,
    storeFields: [],
    tokenize,
    processTerm: (term) => term,
    searchOptions: { boost: { ...FIELD_BOOSTS }, tokenize: (q) => [q], processTerm: (t) => t },
  });
  engine.addAll(
    papers.map((p) => ({
      id: p.id,
      title: p.title,
      authors: p.authors.join(' · '),
      keywords: p.keywords.join(' · '),
      abstract: p.abstract,
    })),
  );

  const countOf = (term: string) => vocabulary.get(term) ?? 0;

  function search(query: string, options: SearchOptionsIn = {}): SearchHit[] {
    const plan = planQuery(query, acronyms, countOf);
    if (plan.slots === 0) return [];
    const filter = options.filter;
    const raw = engine.search(plan.query, {
      ...(filter && { filter: (r) => filter(byId.get(r.id as string)!) }),
    });
    const hits: SearchHit[] = [];
    for (const result of raw) {
      const covered = new Set<number>();
      for (const term of result.queryTerms) {
        for (const slot of plan.slotsOf.get(term) ?? []) covered.add(slot);
      }
      // MiniSearch multiplies by the number of matched query terms; our alternatives would
      // count twice, so undo that and weigh by the share of query words matched instead.
      const base = result.score / Math.max(1, result.queryTerms.length);
      const share = covered.size / plan.slots;
      hits.push({
        paper: byId.get(result.id as string)!,
        score: base * share,
        terms: result.terms,
        complete: covered.size === plan.slots,
      });
    }
    hits.sort((a, b) => Number(b.complete) - Number(a.complete) || b.score - a.score);
    const relevant = dropWeakPartials(hits);
    return options.limit === undefined ? relevant : relevant.slice(0, options.limit);
  }

  function suggest(query: string, max = 3): string[] {
    const words = queryWords(query);
    const unknown = words.filter((w) => countOf(w) === 0);
    if (unknown.length === 0) return [];
    // Per unknown word, the closest known words (fewest edits, then most frequent).
    const candidates = unknown.map((word) => {
      const budget = Math.max(2, typoBudget(word) + 1);
      const near: { term: string; distance: number; count: number }[] = [];
      for (const [term, count] of vocabulary) {
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

/**
 * When some papers match every query word, a partial match is kept only if it scores at
 * least `PARTIAL_FLOOR` of the best complete match: "vision transformer" should not list
 * every paper that mentions vision.
 */
function dropWeakPartials(hits: SearchHit[]): SearchHit[] {
  const best = hits[0];
  if (!best?.complete) return hits;
  const floor = best.score * PARTIAL_FLOOR;
  return hits.filter((h) => h.complete || h.score >= floor);
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
