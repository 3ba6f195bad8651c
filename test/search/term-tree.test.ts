/**
 * The MiniSearch adapter. These tests fail loudly when a MiniSearch upgrade changes what the
 * adapter relies on — above all the layout of the `@internal` radix tree a snapshot stores.
 */
import { describe, expect, it } from 'vitest';
import { buildTermTree, isStoredTermTree, openTermTree } from '../../src/search/term-tree.ts';

const TERMS = ['graph', 'graphs', 'grape', 'network', 'net'];

describe('term tree (MiniSearch adapter)', () => {
  const tree = buildTermTree(TERMS);

  it('finds terms exactly, by prefix and within an edit distance, with their ids', () => {
    expect(tree.get('graph')).toBe(0);
    expect(tree.get('grap')).toBeUndefined();
    expect([...tree.withPrefix('gra')].sort()).toEqual([
      ['grape', 2],
      ['graph', 0],
      ['graphs', 1],
    ]);
    expect([...tree.withinEdits('grapj', 1)].sort()).toEqual([
      ['grape', 2, 1],
      ['graph', 0, 1],
    ]);
  });

  it('stores the tree as MiniSearch 7 lays it out: nested Maps, values under the "" key', () => {
    const stored = buildTermTree(['cat', 'car', 'ca']).stored();
    expect(isStoredTermTree(stored)).toBe(true);
    expect(stored).toEqual(
      new Map([
        [
          'ca',
          new Map<string, unknown>([
            ['t', new Map([['', 0]])],
            ['r', new Map([['', 1]])],
            ['', 2],
          ]),
        ],
      ]),
    );
  });

  it('reopens a stored tree (as a snapshot does) with the same answers', () => {
    const reopened = openTermTree(structuredClone(tree.stored()));
    for (const term of TERMS) expect(reopened.get(term)).toBe(tree.get(term));
    expect([...reopened.withPrefix('net')]).toEqual([...tree.withPrefix('net')]);
    expect([...reopened.withinEdits('netwrk', 1)]).toEqual([...tree.withinEdits('netwrk', 1)]);
  });
});
