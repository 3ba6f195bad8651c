/**
 * The one place that touches MiniSearch: its radix tree (`SearchableMap`) answers "which
 * index terms start with this prefix" and "which are within n edits of this word", the two
 * lookups our own postings cannot answer cheaply.
 *
 * Everything else goes through `SearchableMap`'s public API, except storing the tree in a
 * start-up snapshot: rebuilding it from the vocabulary is the slowest part of opening an
 * index, so the snapshot keeps the tree itself, which only `SearchableMap`'s `@internal`
 * `_tree` field exposes. That access is here and nowhere else; test/search/term-tree.test.ts
 * fails when a MiniSearch upgrade changes it, and the snapshot key hashes MiniSearch's code,
 * so a stored tree is never read by another version.
 */
import SearchableMap from 'minisearch/SearchableMap';

/** A term tree as stored in a snapshot: opaque outside this module (plain `Map`s inside). */
export type StoredTermTree = Map<string, unknown> & { readonly __termTree?: never };

/** Index terms, each with its id, searchable by exact term, prefix and edit distance. */
export interface TermTree {
  /** The id of `term`, or undefined when it is not an index term. */
  get(term: string): number | undefined;
  /** Every term starting with `prefix` (itself included), with its id. */
  withPrefix(prefix: string): Iterable<[term: string, id: number]>;
  /** Every term within `edits` edits of `word` (itself included), with id and distance. */
  withinEdits(word: string, edits: number): Iterable<[term: string, id: number, distance: number]>;
  /** The tree in the form a snapshot stores. */
  stored(): StoredTermTree;
}

/** The tree of `terms`, where a term's id is its position. */
export function buildTermTree(terms: readonly string[]): TermTree {
  return wrap(SearchableMap.from<number>(terms.map((term, id) => [term, id])));
}

/** A tree stored by {@link TermTree.stored}, used as is (not copied). */
export function openTermTree(stored: StoredTermTree): TermTree {
  return wrap(new SearchableMap<number>(stored as SearchableMap<number>['_tree']));
}

/** Whether `value` looks like a stored tree (a snapshot's shape check). */
export function isStoredTermTree(value: unknown): value is StoredTermTree {
  return value instanceof Map;
}

function wrap(map: SearchableMap<number>): TermTree {
  return {
    get: (term) => map.get(term),
    withPrefix: (prefix) => map.atPrefix(prefix).entries(),
    *withinEdits(word, edits) {
      for (const [term, [id, distance]] of map.fuzzyGet(word, edits)) yield [term, id, distance];
    },
    stored: () => map._tree as StoredTermTree,
  };
}
