/**
 * Alias suggestions (src/search/alias-suggest.ts): which phrase of the catalog a searched
 * word abbreviates, as the organisers' report offers it. The report's own use of them, over
 * the seed catalog, is in test/bot/stats-report.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { abbreviates, expansionsOf } from '../../src/search/alias-suggest.ts';

/** The same text twice: a phrase written twice is worth suggesting. */
const twice = (text: string) => [text, text];

describe('abbreviates', () => {
  it.each([
    ['nerf', ['neural', 'radiance', 'fields'], true],
    ['neradfi', ['neural', 'radiance', 'fields'], true],
    ['ai', ['a', 'i'], true], // a whole one-letter word each
    ['genai', ['generative', 'ai'], true], // the last word whole, up to the end
    ['genaix', ['generative', 'ai'], false], // a letter left over
    ['nrf', ['neural', 'radiance'], false], // more letters than the words give
    ['rn', ['neural', 'radiance'], false], // the words in order
    ['nx', ['neural', 'radiance'], false],
  ])('%s abbreviates %j: %s', (short, words, yes) => {
    expect(abbreviates(short, words)).toBe(yes);
  });
});

describe('expansionsOf', () => {
  it('reads the word in any case and gives the phrase in the catalog’s words', () => {
    expect(expansionsOf('NeRF', twice('Neural Radiance Fields for view synthesis.'))).toEqual([
      { phrase: 'neural radiance field', count: 2 },
    ]);
  });

  it('counts a phrase that ends the text once, not once per longer reading', () => {
    // `vit` could also span three words; at the end of the text there is no third.
    expect(expansionsOf('vit', ['A vision transformer', 'Our vision transformer'])).toEqual([
      { phrase: 'vision transformer', count: 2 },
    ]);
  });

  it('never spans a stop word', () => {
    expect(expansionsOf('pot', ['the power of two choices', 'power of two again'])).toEqual([]);
  });

  it('spans at most five words', () => {
    const texts = twice('alpha beta charlie delta echo foxtrot');
    expect(expansionsOf('abcde', texts, 5).map((e) => e.phrase)).toEqual([
      'alpha beta charlie delta', // `de` from delta
      'alpha beta charlie delta echo',
    ]);
    expect(expansionsOf('abcdef', texts)).toEqual([]);
  });

  it.each([
    ['neuradiafi', [{ phrase: 'neural radiance field', count: 2 }]], // ten letters: the longest
    ['neuradiafie', []], // eleven
    ['n', []], // one letter stands for too much
    ['ne-rf', []], // only letters and digits
    ['nerf!', []],
  ])('looks up %j: %j', (word, expansions) => {
    expect(expansionsOf(word, twice('Neural radiance fields, rendered.'))).toEqual(expansions);
  });

  it('puts the most frequent phrase first, then by name, as many as asked', () => {
    const texts = [
      'meta learning and machine learning',
      'machine learning, meta learning, machine learning',
    ];
    expect(expansionsOf('ml', texts, 3)).toEqual([
      { phrase: 'machine learning', count: 3 },
      { phrase: 'meta learning', count: 2 },
    ]);
    // A tie (what the report leaves to a person) in alphabetical order.
    expect(
      expansionsOf('ml', ['meta learning, machine learning', ...texts.slice(0, 1)], 3),
    ).toEqual([
      { phrase: 'machine learning', count: 2 },
      { phrase: 'meta learning', count: 2 },
    ]);
    expect(expansionsOf('ml', texts)).toEqual([{ phrase: 'machine learning', count: 3 }]);
  });
});
