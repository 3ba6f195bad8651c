/**
 * The inverted index as search shows it: what each field of a paper is indexed under, how
 * often a word counts, and how the acronyms the corpus defines are indexed. Small made-up
 * catalogues, one per behaviour, searched through the public index.
 */
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/catalog/types.ts';
import { createPaperIndex } from '../../src/search/paper-index.ts';

/** A paper of a made-up catalogue: only what search reads. */
function paper(id: string, title: string, abstract = '', more: Partial<Paper> = {}): Paper {
  return { id, title, abstract, authors: [], keywords: [], sessionIds: [], codeUrls: [], ...more };
}

/** Fillers that make "learning" common, as it is in a real catalogue. */
const LEARNING = Array.from({ length: 8 }, (_, i) =>
  paper(`f${i}`, `Learning to rank, volume ${i}`, 'We study learning in general.'),
);

const ids = (hits: readonly { paper: Paper }[]) => hits.map((h) => h.paper.id);

/** `i` written in letters (base 26, a–z), so that made-up words stay words. */
const letters = (i: number) =>
  [...i.toString(26)].map((d) => String.fromCharCode(97 + Number.parseInt(d, 26))).join('');

/** `n` distinct made-up words that no analysis step folds together. */
const madeUpWords = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => `z${tag}${letters(i)}q`);

describe('what a paper is indexed under', () => {
  it('keeps authors and keywords apart: each name and keyword is a word of its own', () => {
    const search = createPaperIndex([
      paper('p', 'Message passing', '', {
        authors: ['Ada Lovelace', 'Alan Turing'],
        keywords: ['graphs', 'robustness'],
      }),
      ...LEARNING,
    ]);
    // Joined without a separator, "Lovelace" + "Alan" and "graphs" + "robustness" would
    // each become one word, and neither second word would be found.
    expect(ids(search.search('alan'))).toEqual(['p']);
    expect(ids(search.search('robustness'))).toEqual(['p']);
  });

  it('finds each paper by its own title word in a two-paper catalogue', () => {
    // The smallest case of the grouping by term: every posting lands on its own paper.
    const search = createPaperIndex([paper('a', 'Alpha'), paper('b', 'Beta')]);
    expect(ids(search.search('alpha'))).toEqual(['a']);
    expect(ids(search.search('beta'))).toEqual(['b']);
  });

  it('still indexes every paper of a catalogue with thousands of distinct words', () => {
    // 250 abstracts of 20 words each: past the first few thousand postings and terms.
    const papers = Array.from({ length: 250 }, (_, i) =>
      paper(`p${i}`, `Paper ${i}`, madeUpWords(20, `${letters(i)}x`).join(' ')),
    );
    const search = createPaperIndex(papers);
    const last = papers.at(-1)!.abstract.split(' ');
    // First: a word one letter off in another paper may follow as a typo match.
    expect(ids(search.search(last.at(-1)!))[0]).toBe('p249');
    expect(ids(search.search(last[0]!))[0]).toBe('p249');
  });

  it('counts how often a word is used also for words first seen late in a large catalogue', () => {
    // A word said three times outranks one said twice, wherever it first appears.
    const search = createPaperIndex([
      paper('twice', 'Pruning', 'We apply zfirstq and zfirstq.'),
      paper('many', 'Early', madeUpWords(4200, 'early').join(' ')),
      paper('thrice', 'Pruning', 'We apply zlateq, zlateq and zlateq.'),
    ]);
    expect(ids(search.search('zfirstq zlateq'))).toEqual(['thrice', 'twice']);
  });
});

describe('how often a word counts', () => {
  // Long abstracts (20 distinct words) so that each paper is longer than the average.
  const words = madeUpWords(18, 'pad');

  it('ranks a paper saying a word twice above one saying it once', () => {
    const search = createPaperIndex([
      paper('once', 'Pruning', `We apply dropout. ${words.join(' ')} model`),
      paper('twice', 'Pruning', `We apply dropout and dropout. ${words.join(' ')} more`),
      ...LEARNING,
    ]);
    expect(ids(search.search('dropout'))).toEqual(['twice', 'once']);
  });

  it('ranks a short abstract mentioning a word above a long one mentioning it twice', () => {
    // BM25 length normalisation against the catalogue's mean abstract length (three words
    // for the fillers): a passing mention in a long abstract weighs less.
    const fillers = Array.from({ length: 30 }, (_, i) =>
      paper(`f${i}`, `Learning to rank, volume ${i}`, 'We study learning in general.'),
    );
    const search = createPaperIndex([
      paper('long', 'Pruning', `Dropout and dropout. ${words.join(' ')}`),
      paper('short', 'Pruning', 'Dropout works.'),
      ...fillers,
    ]);
    expect(ids(search.search('dropout'))).toEqual(['short', 'long']);
  });
});

describe('acronyms the corpus defines', () => {
  // Built in each test, not once for the describe block: code run while tests are collected
  // is outside every test, and mutation testing would not count it as covered.
  const shapes = () =>
    createPaperIndex([
      paper(
        'def',
        'Signals as functions',
        'We fit implicit neural representations (INRs) to audio.',
      ),
      paper('spelled', 'Implicit neural representation of shapes'),
      paper('written', 'INRs of shapes'),
      ...LEARNING,
    ]);

  it('learns an acronym that is not a well-known one from its definition', () => {
    expect(shapes().acronyms.definitionOf('inr')).toEqual(['implicit', 'neural', 'representation']);
  });

  it('ranks a title the same whether it writes the acronym or spells it out', () => {
    // Each is indexed under both forms, so both score alike; ties keep catalogue order.
    const search = shapes();
    for (const query of ['INR', 'implicit neural representation']) {
      const hits = search.search(query, { limit: 2 });
      expect(ids(hits)).toEqual(['spelled', 'written']);
      expect(hits[0]!.score).toBeCloseTo(hits[1]!.score);
    }
  });

  it('finds by the acronym only papers with the whole definition', () => {
    // "neural representations" and "implicit bias" are parts of it, not the definition.
    const search = createPaperIndex([
      paper('def', 'Signals as functions', 'We fit implicit neural representations (INRs).'),
      paper('speech', 'Neural representations of speech'),
      ...[1, 2, 3].map((i) =>
        paper(`bias${i}`, `Gradient descent ${i}`, 'We study the implicit bias of descent.'),
      ),
      ...LEARNING,
    ]);
    expect(ids(search.search('INR'))).toEqual(['def']);
  });
});

describe('did you mean', () => {
  it('offers first the near word more of the catalogue uses', () => {
    const search = createPaperIndex([
      paper('g1', 'Graph methods'),
      paper('g2', 'Graph theory'),
      paper('g3', 'Graph cuts'),
      paper('gap', 'The gap'),
      ...LEARNING,
    ]);
    // "gaph" is one edit from both "graph" (three papers) and "gap" (one).
    expect(search.suggest('gaph')).toEqual(['graph', 'gap']);
  });

  it("offers nothing for a word the catalogue has, the first paper's words included", () => {
    // Each has a near word elsewhere ("grape", "methyl") that a miscounted word would get.
    const search = createPaperIndex([
      paper('g', 'Graph methods'),
      paper('j', 'Grape juice'),
      paper('m', 'Methyl groups'),
    ]);
    expect(search.suggest('graph')).toEqual([]);
    expect(search.suggest('methods')).toEqual([]);
  });
});
