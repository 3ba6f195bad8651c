/**
 * How a query word matches: exactly, by prefix, by stem, by typo, or as a whole acronym
 * definition or split compound, and how each kind of match is weighed. Small made-up
 * catalogues searched through the public index: "Q returns X before Y, because".
 */
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/catalog/types.ts';
import { createPaperIndex } from '../../src/search/paper-index.ts';
import { MAX_TYPO_EXPANSIONS } from '../../src/search/query-plan.ts';
import { snippet } from '../../src/search/snippet.ts';

/** A paper of a made-up catalogue: only what search reads. */
function paper(id: string, title: string, abstract = '', more: Partial<Paper> = {}): Paper {
  return { id, title, abstract, authors: [], keywords: [], sessionIds: [], codeUrls: [], ...more };
}

/** Fillers that make "learning" common in titles, and absent from abstracts. */
const LEARNING = Array.from({ length: 8 }, (_, i) =>
  paper(`f${i}`, `Learning to rank, volume ${i}`),
);

const ids = (hits: readonly { paper: Paper }[]) => hits.map((h) => h.paper.id);
/** The order of the named papers within a result list. */
const orderOf = (hits: readonly { paper: Paper }[], ...names: string[]) =>
  ids(hits).filter((id) => names.includes(id));

describe('derived forms of a common word', () => {
  it('weighs a derived form in a title above one in an abstract', () => {
    // "learning" is in every filler title and no abstract: a derived form in an abstract is
    // held to the word's weight where it is most common, not scored as a rare word.
    const search = createPaperIndex([
      paper('abstract', 'Robots', 'Robots learned to walk.'),
      paper('title', 'Learned robots'),
      ...LEARNING,
    ]);
    expect(orderOf(search.search('learning'), 'abstract', 'title')).toEqual(['title', 'abstract']);
  });

  it("holds the stem itself to the typed word's weight too", () => {
    // "learn" (the stem of "learning") in one abstract would otherwise score as a rare word
    // and pass a derived form in a title.
    const search = createPaperIndex([
      paper('stem', 'Robots', 'Robots learn to walk.'),
      paper('title', 'Learned robots'),
      ...LEARNING,
    ]);
    expect(orderOf(search.search('learning'), 'stem', 'title')).toEqual(['title', 'stem']);
  });

  it('does not let a rarer derived form outscore the word typed or a commoner form', () => {
    // "learned" is in one paper, "learner" in three: both score as "learning" would, so
    // the rare one ties with the common ones (catalogue order) below the word itself.
    const search = createPaperIndex([
      paper('c1', 'Robot learner'),
      paper('c2', 'Dog learner'),
      paper('c3', 'Cat learner'),
      paper('rare', 'Learned robots'),
      ...LEARNING,
    ]);
    expect(ids(search.search('learning'))).toEqual([
      ...LEARNING.map((p) => p.id),
      'c1',
      'c2',
      'c3',
      'rare',
    ]);
  });
});

describe('prefixes and typos', () => {
  it('completes a prefix to the nearer word first', () => {
    // "optimal" is two letters past "optim", "optimization" seven.
    const search = createPaperIndex([
      paper('optimization', 'Optimization of graphs'),
      paper('optimal', 'Optimal graphs'),
    ]);
    expect(ids(search.search('optim'))).toEqual(['optimal', 'optimization']);
  });

  it('counts a completion that is also one typo away once, not twice', () => {
    // "robust" completes "robus" and is one edit from it; counted twice, it would outrank
    // "robusto" in a keyword and the abstract.
    const search = createPaperIndex([
      paper('keyword', 'Graphs', '', { keywords: ['robust'] }),
      paper('twice', 'Coffee', 'Robusto beans.', { keywords: ['robusto'] }),
      ...LEARNING,
    ]);
    expect(ids(search.search('robus'))).toEqual(['twice', 'keyword']);
  });

  it('ranks the spelling one edit away above the one two edits away', () => {
    const search = createPaperIndex([
      paper('far', 'The zabcdefxyq method'),
      paper('near', 'The zabcdefgxq method'),
    ]);
    expect(ids(search.search('zabcdefghq'))).toEqual(['near', 'far']);
  });

  it('ranks, of two spellings one edit away, the one as long as the typed word first', () => {
    // One edit in a longer word is the smaller change: "zabcdefgxq" (ten letters, one
    // replaced) before "zabcdefgq" (one dropped).
    const search = createPaperIndex([
      paper('dropped', 'The zabcdefgq method'),
      paper('replaced', 'The zabcdefgxq method'),
    ]);
    expect(ids(search.search('zabcdefghq'))).toEqual(['replaced', 'dropped']);
  });

  it(`keeps only the ${MAX_TYPO_EXPANSIONS} nearest spellings of a typo, nearest first`, () => {
    // Thirty spellings two edits away sort before the one a single edit away; the cap keeps
    // that one and drops the furthest in sort order.
    const far = Array.from(
      { length: 30 },
      (_, i) => `zabcdefg${'abcdef'[i % 6]}${'abcde'[i % 5]}q`,
    );
    const search = createPaperIndex([
      ...[...new Set(far)].map((w) => paper(w, `The ${w} method`)),
      paper('near', 'The zabcdefghz method'),
    ]);
    const hits = ids(search.search('zabcdefghq'));
    expect(hits[0]).toBe('near');
    expect(hits).toHaveLength(MAX_TYPO_EXPANSIONS);
  });

  it('does not spend a typo expansion on the word itself, when one paper has it', () => {
    // A word in fewer than three papers is still read as a possible typo; its own spelling
    // is the exact match, not one of the 24 expansions.
    const far = Array.from(
      { length: 30 },
      (_, i) => `zabcdefg${'abcdef'[i % 6]}${'abcde'[i % 5]}q`,
    );
    const search = createPaperIndex([
      paper('exact', 'The zabcdefghq method'),
      ...far.map((w) => paper(w, `The ${w} method`)),
    ]);
    const hits = ids(search.search('zabcdefghq'));
    expect(hits[0]).toBe('exact');
    expect(hits).toHaveLength(1 + MAX_TYPO_EXPANSIONS);
  });
});

describe('whole definitions and compounds', () => {
  it('marks the spelled-out definition when searching by its acronym', () => {
    const search = createPaperIndex([
      paper('def', 'Signals as functions', 'We fit implicit neural representations (INRs).'),
      paper('spelled', 'Implicit neural representation of shapes'),
      ...LEARNING,
    ]);
    const hit = search.search('INR').find((h) => h.paper.id === 'spelled')!;
    // The snippet highlights the words that stood in for the acronym.
    const shown = snippet(hit.paper.title, new Set(hit.terms))
      .filter((p) => p.match)
      .map((p) => p.text);
    expect(shown).toEqual(['Implicit', 'neural', 'representation']);
  });

  it('ranks a short title with the compound above a long one', () => {
    // Split compounds are scored like words, with BM25's length normalisation.
    const search = createPaperIndex([
      paper('long', 'A code book for speech recognition in noisy rooms'),
      paper('short', 'Code book'),
      ...LEARNING,
    ]);
    expect(ids(search.search('codebook'))).toEqual(['short', 'long']);
  });

  it('finds a split compound in the first paper of the catalogue too', () => {
    // The first paper's first words hold the first postings of the index.
    const search = createPaperIndex([
      paper('first', 'Code book learning'),
      paper('other', 'A code book for speech'),
      ...LEARNING,
    ]);
    expect(ids(search.search('codebook'))).toEqual(['first', 'other']);
  });
});
