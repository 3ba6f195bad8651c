import { describe, expect, it } from 'vitest';
import {
  americanize,
  analyze,
  foldText,
  queryWords,
  singularize,
} from '../../src/search/analyze.ts';

describe('foldText', () => {
  it.each([
    ['José', 'jose'],
    ['Schölkopf', 'scholkopf'],
    ['ÉCOLE', 'ecole'],
    ['pre‐training', 'pre-training'], // U+2010 hyphen
    ['ﬁne-tuning', 'fine-tuning'], // ligature
  ])('%s → %s', (input, expected) => expect(foldText(input)).toBe(expected));
});

describe('singularize (plural folding only, no stemming)', () => {
  it.each([
    ['transformers', 'transformer'],
    ['robots', 'robot'],
    ['networks', 'network'],
    ['policies', 'policy'],
    ['processes', 'process'],
    ['patches', 'patch'],
    ['indices', 'index'],
    ['series', 'series'],
    ['analysis', 'analysis'],
    ['loss', 'loss'],
    ['gaussians', 'gaussian'],
    ['corpus', 'corpus'],
    ['learning', 'learning'], // not a plural: left alone (no Porter stemming)
    ['gas', 'gas'],
  ])('%s → %s', (input, expected) => expect(singularize(input)).toBe(expected));
});

describe('americanize', () => {
  it.each([
    ['quantisation', 'quantization'],
    ['regularisation', 'regularization'],
    ['optimised', 'optimized'],
    ['generalise', 'generalize'],
    ['behaviour', 'behavior'],
    ['modelling', 'modeling'],
    ['analyse', 'analyze'],
    ['centre', 'center'],
    ['noise', 'noise'],
    ['pairwise', 'pairwise'],
    ['precise', 'precise'],
    // Names of Object.prototype members are words like any other.
    ['constructor', 'constructor'],
    ['constructors', 'constructors'],
  ])('%s → %s', (input, expected) => expect(americanize(input)).toBe(expected));
});

describe('analyze', () => {
  it('indexes hyphenated words as parts and as one word', () => {
    expect(analyze('Pre-training')).toEqual(['pre', 'pretraining', 'training']);
    expect(analyze('few-shot learners')).toEqual(['few', 'fewshot', 'shot', 'learner']);
  });

  it('drops stop words and folds forms', () => {
    expect(analyze('The Quantisation of Transformers')).toEqual(['quantization', 'transformer']);
  });

  it('gives the same terms for a word however often it is seen (normalised words are cached)', () => {
    const text = 'Graph Neural Networks on graphs: neural networks for graph data';
    const expected = ['graph', 'neural', 'network', 'graph', 'neural', 'network', 'graph', 'data'];
    expect(analyze(text)).toEqual(expected);
    expect(analyze(text)).toEqual(expected);
    expect(analyze('constructors for the Café')).toEqual(['constructor', 'cafe']);
  });

  it('keeps numbers and mixed tokens', () => {
    expect(analyze('F8Net: 8-bit only')).toEqual(['f8net', '8', '8bit', 'bit', 'only']);
  });
});

describe('queryWords', () => {
  it.each([
    ['Vision Transformers', ['vision', 'transformer']],
    ['convergence of reinforcement learning', ['convergence', 'reinforcement', 'learning']],
    ['the the', ['the']],
    ['  ', []],
    ['quantised networks', ['quantized', 'network']],
  ])('%s → %j', (input, expected) => expect(queryWords(input)).toEqual(expected));
});
