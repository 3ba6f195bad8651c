/**
 * Postings: the inverted index built once from the catalogue — per field and per term, the
 * papers having the term and how often — as typed arrays that a snapshot can store.
 */
import type { Paper } from '../catalog/types.ts';
import { type AcronymTable, acronymsIn, mineAcronyms } from './acronyms.ts';
import { analyze } from './analyze.ts';
import { buildTermTree, type StoredTermTree } from './term-tree.ts';

/** Field weights: a title or author match outranks a passing mention in an abstract. */
export const FIELD_BOOSTS = { title: 3, authors: 3, keywords: 2, abstract: 1 } as const;
const FIELDS = Object.keys(FIELD_BOOSTS);

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
   * The vocabulary as a term tree (term → id, see term-tree.ts), for prefix and
   * typo-tolerant lookups. Stored rather than rebuilt from `vocabulary`: building it is the
   * slowest part of opening an index.
   */
  tree: StoredTermTree;
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
export function fieldTexts(paper: Paper): string[] {
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
    tree: buildTermTree(vocabulary).stored(),
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
export function postingOf(postings: FieldPostings, id: number, doc: number): number {
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

/**
 * Adds each used acronym's definition and each spelled-out definition's acronym to a
 * field's terms. Acronyms count only when written in capitals; definitions are matched on
 * consecutive terms.
 */
function expandAcronyms(text: string, terms: string[], acronyms: AcronymTable): string[] {
  const out = [...terms];
  for (const acronym of acronymsIn(text, acronyms)) out.push(...acronyms.definitionOf(acronym)!);
  for (let i = 0; i < terms.length; i++) {
    for (const { acronym, words } of acronyms.startingWith(terms[i]!)) {
      if (words.every((w, k) => terms[i + k] === w)) out.push(acronym);
    }
  }
  return out;
}
