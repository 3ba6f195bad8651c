import { describe, expect, it } from 'vitest';
import { termsOf, wordKey } from '../../src/similar/terms.ts';

describe('wordKey', () => {
  it.each([
    ['Transformers', 'transformer'],
    ['pre-training', 'pretraining'],
    ['Modelling', 'modeling'],
    ['BERT’s', 'bert'],
    ['GPT-2', 'gpt2'],
  ])('folds %s to %s', (written, key) => {
    expect(wordKey(written)).toBe(key);
  });

  it.each(['the', 'propose', 'results', '2020', 'a'])('drops %s (no topic)', (written) => {
    expect(wordKey(written)).toBeUndefined();
  });
});

describe('termsOf', () => {
  it('gives words and side-by-side phrases as the text writes them', () => {
    expect(termsOf('Open-domain Question Answering with BERT.')).toEqual([
      { key: 'opendomain', surface: 'Open-domain' },
      { key: 'question', surface: 'Question' },
      { key: 'opendomain question', surface: 'Open-domain Question' },
      { key: 'answering', surface: 'Answering' },
      { key: 'question answering', surface: 'Question Answering' },
      { key: 'bert', surface: 'BERT' },
    ]);
  });

  it('never makes a phrase across a stop word or a clause break', () => {
    const keys = termsOf('graphs of molecules; proteins, and more').map((t) => t.key);
    expect(keys).toEqual(['graph', 'molecule', 'protein']);
  });

  it('writes a phrase split over a line break with one space', () => {
    expect(termsOf('neural\n  machine')).toContainEqual({
      key: 'neural machine',
      surface: 'neural machine',
    });
  });
});
