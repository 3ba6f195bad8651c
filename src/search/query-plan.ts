/**
 * Query planning: a query becomes one slot per query word, each with the alternatives that
 * may stand for it — the word itself (typo-tolerant when the catalogue does not know it), its
 * prefix completions, its stem, the word joined to its neighbour (`pre training` →
 * `pretraining`), the word split into two known words written side by side (`dataset` →
 * `data set`), an acronym's definition or a definition's acronym. Each alternative says how
 * strong a match through it is, which weighs the coordination of a hit (see paper-index.ts).
 *
 * Planning is pure: it sees the catalogue only through `TermStats`.
 */
import type { AcronymTable } from './acronyms.ts';
import { normalizeWord, rawTokens, STOP_WORDS } from './analyze.ts';

/** How strongly an index term stands for a query word; stronger is larger. */
export const Strength = {
  none: 0,
  /** Within the typo budget of a word the catalogue does not know. */
  typo: 1,
  /** Through the word's stem, or a longer word starting with it (`contrast` → `contrastive`). */
  stem: 2,
  /**
   * The word itself — singular or plural, which analysis folds into one term — its joined
   * or split spelling, its acronym or definition.
   */
  exact: 3,
} as const;
export type Strength = (typeof Strength)[keyof typeof Strength];

/** A word seen this often in the corpus is trusted as typed: no typo tolerance for it. */
const TRUSTED_WORD_COUNT = 3;
/** Weight of a match on a word's stem (`convergence` → `converg…`) relative to the word. */
const STEM_WEIGHT = 0.5;
/** Weight of a prefix match (`quant` → `quantization`). */
const PREFIX_WEIGHT = 0.35;
/** Weight of a typo-tolerant match relative to an exact one. */
const FUZZY_WEIGHT = 0.45;
/** Shortest word completed by prefix: shorter prefixes match too much to mean anything. */
export const MIN_PREFIX_LENGTH = 4;
/**
 * Typo expansion is the one part of a search whose cost grows with what a user types (each
 * tolerant word walks the term tree), so it is capped per query: only the first few unknown
 * words are read as typos, and each keeps only its nearest few expansions. A 200-character
 * query of unknown words then costs a small multiple of a normal query (issue 15).
 */
export const MAX_TYPO_WORDS = 3;
/** Expansions kept per typo-tolerant word, nearest first. */
export const MAX_TYPO_EXPANSIONS = 24;
/** Shortest part of a split compound (`data` + `set`). */
const MIN_COMPOUND_PART = 3;

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
/** Shortest stem left by cutting a suffix. */
export const MIN_STEM = 5;

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

/** What planning needs to know of the catalogue. */
export interface TermStats {
  /** Occurrences of an index term over the whole corpus (0 when unknown). */
  countOf(term: string): number;
}

/**
 * A query word the catalogue does not know, split into two words it does know (`dataset`
 * → `data`, `set`; `multitask` → `multi`, `task`), or undefined. Of several splits, the one
 * whose rarer part is most common wins: the split the catalogue itself writes most.
 */
export function splitCompound(word: string, stats: TermStats): [string, string] | undefined {
  if (stats.countOf(word) > 0) return undefined;
  let best: [string, string] | undefined;
  let bestCount = 0;
  for (let at = MIN_COMPOUND_PART; at <= word.length - MIN_COMPOUND_PART; at++) {
    const head = word.slice(0, at);
    const tail = normalizeWord(word.slice(at));
    if (STOP_WORDS.has(head) || STOP_WORDS.has(tail)) continue;
    const count = Math.min(stats.countOf(head), stats.countOf(tail));
    if (count > bestCount) {
      best = [head, tail];
      bestCount = count;
    }
  }
  return best;
}

/** One alternative for a query word: a term matched exactly, and optionally by prefix or typo. */
export interface WordNode {
  kind: 'word';
  term: string;
  /** Strength of a match on `term` itself. */
  strength: Strength;
  prefix: boolean;
  /** Edits tolerated; 0 for none. */
  fuzzy: number;
  /**
   * Weight of an exact match (1; 2 for the joined form of two query words, which stands for
   * both), and of prefix and typo-tolerant matches relative to an exact one.
   */
  weights: { exact: number; prefix: number; fuzzy: number };
  /** The query word this term was derived from (a stem), whose idf caps its matches'. */
  derivedFrom?: string;
}

/** Every term required, exactly; their scores summed. */
export interface AllNode {
  kind: 'all';
  terms: readonly string[];
  /**
   * True when the (two) terms must also be written side by side, in either order, in one
   * field (a split compound); false for an acronym's definition, whose words the index
   * already joined into the acronym.
   */
  adjacent: boolean;
}

export interface QueryPlan {
  /** The query words (normalised), one per slot. */
  words: string[];
  /** Each query word as the user typed it (folded), for "Missing: …". */
  typed: string[];
  /** Alternatives, each scored into the same result list. */
  nodes: (WordNode | AllNode)[];
  /** How many query words must match for a hit to be complete. */
  slots: number;
  /** Which query words (slots) a match on any of these index terms stands for. */
  slotsOf(...terms: string[]): number[];
}

/** An exact-only alternative. */
const exactly = (term: string, weight = 1): WordNode => ({
  kind: 'word',
  term,
  strength: Strength.exact,
  prefix: false,
  fuzzy: 0,
  weights: { exact: weight, prefix: 0, fuzzy: 0 },
});

/** Query words (normalised, each once, stop words dropped unless nothing else) as typed. */
function readWords(query: string): { words: string[]; typed: string[] } {
  const raw = rawTokens(query).map((t) => t.word);
  const meaningful = raw.filter((w) => !STOP_WORDS.has(w));
  const words: string[] = [];
  const typed: string[] = [];
  for (const word of meaningful.length > 0 ? meaningful : raw) {
    const term = normalizeWord(word);
    if (words.includes(term)) continue;
    words.push(term);
    typed.push(word);
  }
  return { words, typed };
}

/**
 * Turns a query into alternatives: per query word, the word itself (typo-tolerant when it is
 * not a known word, for the first {@link MAX_TYPO_WORDS} such words) and its prefix, the
 * word's stem, the word joined to its neighbour, the word split into two known words, and
 * for an acronym its definition (all words required), for a definition its acronym.
 */
export function planQuery(query: string, acronyms: AcronymTable, stats: TermStats): QueryPlan {
  const { words, typed } = readWords(query);
  const claims = new Map<string, number[]>();
  const nodes: (WordNode | AllNode)[] = [];
  const claim = (term: string, slot: number) => {
    const slots = claims.get(term) ?? [];
    if (!slots.includes(slot)) slots.push(slot);
    claims.set(term, slots);
  };
  let typoWords = 0;

  words.forEach((word, slot) => {
    claim(word, slot);
    const trusted = stats.countOf(word) >= TRUSTED_WORD_COUNT;
    const budget = trusted || typoWords >= MAX_TYPO_WORDS ? 0 : typoBudget(word);
    if (budget > 0) typoWords++;
    nodes.push({
      kind: 'word',
      term: word,
      strength: Strength.exact,
      fuzzy: budget,
      prefix: word.length >= MIN_PREFIX_LENGTH,
      weights: { exact: 1, fuzzy: FUZZY_WEIGHT, prefix: PREFIX_WEIGHT },
    });
    const stem = stemOf(word);
    if (stem) {
      claim(stem, slot);
      nodes.push({
        kind: 'word',
        term: stem,
        strength: Strength.stem,
        prefix: true,
        fuzzy: 0,
        weights: { exact: 1, fuzzy: 0, prefix: STEM_WEIGHT },
        derivedFrom: word,
      });
    }
    const next = words[slot + 1];
    if (next) {
      const joined = normalizeWord(word + next);
      if (stats.countOf(joined) > 0) {
        claim(joined, slot);
        claim(joined, slot + 1);
        nodes.push(exactly(joined, 2));
      }
    }
    const parts = splitCompound(word, stats);
    if (parts) {
      for (const part of parts) claim(part, slot);
      nodes.push({ kind: 'all', terms: parts, adjacent: true });
    }
    const definition = acronyms.definitionOf(word);
    if (definition) {
      for (const term of definition) claim(term, slot);
      nodes.push({ kind: 'all', terms: definition, adjacent: false });
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
  return { words, typed, nodes, slots: words.length, slotsOf };
}
