import { describe, expect, it } from 'vitest';
import { createAuthorIndex } from '../../src/search/author-index.ts';
import { buildSimilarData } from '../../src/similar/build.ts';
import { describeWhy, openSimilarIndex } from '../../src/similar/similar-index.ts';
import { paper, TOPICAL } from './corpus.ts';

const withAuthors = (authors: string[][]) =>
  TOPICAL.map((p, i) => ({ ...p, authors: authors[i] ?? [] }));

describe('openSimilarIndex', () => {
  const papers = withAuthors([
    ['Ming Li', 'Ada Byron'],
    ['Xiaoming Li'],
    ['M. Li'],
    ['Ada Byron', 'Ming Li'],
    ['Ming Li'],
    [],
    ['Ada  Byron'],
  ]);
  const similar = openSimilarIndex(papers, buildSimilarData(papers), createAuthorIndex(papers));

  it('answers neighbours by id, at most `limit`, with shared terms', () => {
    const list = similar.similarTo('mt1', 2)!;
    expect(list.map((s) => s.paper.id)).toEqual(['mt2', 'mt3']);
    expect(list[0]!.why).toEqual(['machine translation', 'parallel corpora', 'back-translation']);
    expect(similar.similarTo('mt1')).toHaveLength(5);
    expect(similar.similarTo('nope')).toBeUndefined();
  });

  it('finds a paper by id or by its title, whatever the case and spacing', () => {
    expect(similar.find('qa2')?.id).toBe('qa2');
    expect(similar.find('  question answering OVER knowledge graphs ')?.id).toBe('qa2');
    expect(similar.find('Question Answering')).toBeUndefined();
  });

  it('lists more by the same people, most shared first, never a namesake', () => {
    // mt1 is by Ming Li and Ada Byron: qa1 shares both; qa2 and gr1 one each (gr1 spells
    // "Ada  Byron" with two spaces, the same person). Xiaoming Li (mt2) is someone else, and
    // "M. Li" (mt3) could be anyone called Li: neither is listed.
    const more = similar.moreByAuthors('mt1');
    expect(more.map((m) => m.paper.id)).toEqual(['qa1', 'qa2', 'gr1']);
    expect(more[0]!.people.map((p) => p.name)).toEqual(['Ming Li', 'Ada Byron']);
    expect(similar.moreByAuthors('mt1', 1)).toHaveLength(1);
    expect(similar.moreByAuthors('qa3')).toEqual([]);
    expect(similar.moreByAuthors('nope')).toEqual([]);
  });
});

describe('describeWhy', () => {
  it('says what is shared, or that the neighbour came through the same posters', () => {
    expect(describeWhy(['question answering', 'BERT'])).toBe(
      'Shared terms: question answering, BERT',
    );
    expect(describeWhy([])).toBe('Close to the same posters');
  });
});

// A paper with the same title as another is not itself (see build.test.ts); here, that a
// catalogue of one paper answers an empty list rather than nothing.
describe('a catalogue of one paper', () => {
  it('has no neighbours and no other posters', () => {
    const one = [paper('solo', 'Alone', 'Nothing to compare with.', { authors: ['Ada Byron'] })];
    const index = openSimilarIndex(one, buildSimilarData(one), createAuthorIndex(one));
    expect(index.similarTo('solo')).toEqual([]);
    expect(index.moreByAuthors('solo')).toEqual([]);
  });
});
