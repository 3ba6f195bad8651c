import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/search/edit-distance.ts';

describe('editDistance', () => {
  it.each([
    ['transformer', 'transformer', 0],
    ['transfomer', 'transformer', 1],
    ['adverserial', 'adversarial', 1],
    ['hsiej', 'hsieh', 1],
    ['teh', 'the', 1], // transposition counts once
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
  ])('%s ~ %s = %i', (a, b, d) => expect(editDistance(a, b)).toBe(d));

  it('stops early past the budget', () => {
    expect(editDistance('abcdefgh', 'zzzzzzzz', 2)).toBe(3);
  });
});
