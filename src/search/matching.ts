/**
 * Matching: each alternative of a query plan, looked up in the postings and scored with
 * BM25+ into a sink (paper, score, the query words it stands for, how strongly).
 */
import type { Paper } from '../catalog/types.ts';
import { analyze } from './analyze.ts';
import { FIELD_BOOSTS, type FieldPostings, fieldTexts, postingOf } from './postings.ts';
import { type AllNode, MAX_TYPO_EXPANSIONS, Strength, type WordNode } from './query-plan.ts';
import { bm25, idfOf } from './scoring.ts';
import type { TermTree } from './term-tree.ts';

/** Papers checked for a split compound's words side by side, at most, per query. */
const MAX_ADJACENCY_CHECKS = 400;
/** Weight of a split compound's words found side by side in reverse order ("book code"). */
const REVERSED_WEIGHT = 0.5;

const BOOSTS: number[] = Object.values(FIELD_BOOSTS);

/** What the pieces of a search share: the catalogue and its postings. */
export interface Corpus {
  papers: readonly Paper[];
  fields: FieldPostings[];
  counts: Uint32Array;
  vocabulary: readonly string[];
  tree: TermTree;
  total: number;
  countOf(term: string): number;
}

/** Index terms a search matched, with their ids, in the order first matched. */
export type Used = Map<string, number>;

/** Receives one scored match: paper, score, the query words (slots) it counts for, how strongly. */
export type Sink = (
  doc: number,
  score: number,
  slots: readonly number[],
  strength: Strength,
) => void;

/**
 * The highest idf a form derived from `word` (prefix, stem, typo) may score with: the
 * word's own, where it occurs. A rare derived form (`learned` for "learning") must not
 * outscore the word the user typed.
 */
function idfCaps(corpus: Corpus, word: string): number[] | undefined {
  const id = corpus.tree.get(word);
  if (id === undefined) return undefined;
  const own = corpus.fields.map(({ starts }) => starts[id + 1]! - starts[id]!);
  // In a field without the word, the cap is its idf where it is most common.
  const fallback = idfOf(Math.max(...own), corpus.total);
  return own.map((matching) => (matching > 0 ? idfOf(matching, corpus.total) : fallback));
}

/**
 * Adds every field posting of term `id` (weighted, idf at most `caps`) to `sink`, as a
 * match of `strength` for `slots`.
 */
function emitTerm(
  corpus: Corpus,
  id: number,
  weight: number,
  match: { slots: readonly number[]; strength: Strength; sink: Sink },
  caps?: readonly number[],
) {
  const { slots, strength, sink } = match;
  const { fields, total } = corpus;
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
      sink(doc, boost * bm25(idf, freqs[i]!, lengths[doc]!, average), slots, strength);
    }
  }
}

/** The exact-match score of term `id` in paper `doc` (fields summed), or -1 without it. */
function termScore(corpus: Corpus, id: number, doc: number): number {
  let score = 0;
  let found = false;
  for (let field = 0; field < corpus.fields.length; field++) {
    const postings = corpus.fields[field]!;
    const at = postingOf(postings, id, doc);
    if (at < 0) continue;
    found = true;
    const idf = idfOf(postings.starts[id + 1]! - postings.starts[id]!, corpus.total);
    const length = postings.lengths[doc]!;
    score += BOOSTS[field]! * bm25(idf, postings.freqs[at]!, length, postings.average);
  }
  return found ? score : -1;
}

/** One query word: exact, then prefix, then typo-tolerant expansions (nearest few). */
export function matchWord(
  corpus: Corpus,
  node: WordNode,
  slots: readonly number[],
  sink: Sink,
  used: Used,
) {
  const { term: word, weights } = node;
  const caps = idfCaps(corpus, node.derivedFrom ?? word);
  const emitAt = (strength: Strength) => ({ slots, strength, sink });
  const exact = corpus.tree.get(word);
  if (exact !== undefined) {
    used.set(word, exact);
    const own = node.derivedFrom === undefined ? undefined : caps;
    emitTerm(corpus, exact, weights.exact, emitAt(node.strength), own);
  }
  const prefixed = new Set<string>();
  if (node.prefix) {
    const emit = emitAt(Strength.stem);
    for (const [term, id] of corpus.tree.withPrefix(word)) {
      const distance = term.length - word.length;
      if (!distance) continue;
      prefixed.add(term);
      used.set(term, id);
      const weight = (weights.prefix * term.length) / (term.length + 0.3 * distance);
      emitTerm(corpus, id, weight, emit, caps);
    }
  }
  if (node.fuzzy > 0) {
    const emit = emitAt(Strength.typo);
    for (const [term, id, distance] of nearestTypos(corpus.tree, word, node.fuzzy)) {
      if (prefixed.has(term)) continue;
      used.set(term, id);
      emitTerm(corpus, id, (weights.fuzzy * term.length) / (term.length + distance), emit, caps);
    }
  }
}

/**
 * Terms within `edits` of `word` (not itself), nearest first, at most
 * `MAX_TYPO_EXPANSIONS`; ties keep the tree's order, which fixes the order scores are
 * summed in.
 */
function nearestTypos(tree: TermTree, word: string, edits: number) {
  const found: [string, number, number][] = [];
  for (const match of tree.withinEdits(word, edits)) if (match[2] > 0) found.push(match);
  if (found.length <= MAX_TYPO_EXPANSIONS) return found;
  return found
    .map((match, order) => ({ match, order }))
    .sort((a, b) => a.match[2] - b.match[2] || a.order - b.order)
    .slice(0, MAX_TYPO_EXPANSIONS)
    .sort((a, b) => a.order - b.order)
    .map(({ match }) => match);
}

/**
 * Papers having every term exactly (an acronym's definition, a split compound's parts),
 * with the terms' scores summed in order. Papers are drawn from the rarest term's postings
 * and the others are looked up by binary search, so three common words cost a few thousand
 * lookups rather than three full scans. For a split compound the parts must also be
 * written side by side in one field, checked on the text of at most
 * `MAX_ADJACENCY_CHECKS` papers.
 */
export function matchAll(
  corpus: Corpus,
  node: AllNode,
  slots: readonly number[],
  sink: Sink,
  used: Used,
) {
  const termIds: number[] = [];
  for (const term of node.terms) {
    const id = corpus.tree.get(term);
    if (id === undefined) return;
    termIds.push(id);
  }
  if (termIds.length === 0) return;
  node.terms.forEach((term, i) => {
    used.set(term, termIds[i]!);
  });
  const { fields } = corpus;
  const postingCount = (id: number) =>
    fields.reduce((sum, f) => sum + f.starts[id + 1]! - f.starts[id]!, 0);
  const rarest = termIds.reduce((a, b) => (postingCount(b) < postingCount(a) ? b : a));
  const candidates = new Set<number>();
  for (const { starts, docs } of fields) {
    for (let i = starts[rarest]!; i < starts[rarest + 1]!; i++) candidates.add(docs[i]!);
  }
  let checks = 0;
  for (const doc of candidates) {
    let combined = 0;
    let all = true;
    for (const id of termIds) {
      const score = termScore(corpus, id, doc);
      if (score < 0) {
        all = false;
        break;
      }
      combined += score;
    }
    if (!all) continue;
    if (node.adjacent) {
      if (checks++ >= MAX_ADJACENCY_CHECKS) break;
      const order = sideBySide(corpus.papers[doc]!, node.terms);
      if (order === undefined) continue;
      if (order === 'reversed') combined *= REVERSED_WEIGHT;
    }
    sink(doc, combined, slots, Strength.exact);
  }
}

/**
 * Whether a field of `paper` has the two `terms` as consecutive index terms: in order
 * ("data set" for `dataset`), reversed ("set data", a weaker reading), or not at all.
 */
function sideBySide(paper: Paper, terms: readonly string[]): 'in order' | 'reversed' | undefined {
  const [first, second] = terms;
  let found: 'reversed' | undefined;
  for (const text of fieldTexts(paper)) {
    const analyzed = analyze(text);
    for (let i = 0; i + 1 < analyzed.length; i++) {
      const a = analyzed[i];
      const b = analyzed[i + 1];
      if (a === first && b === second) return 'in order';
      if (a === second && b === first) found = 'reversed';
    }
  }
  return found;
}
