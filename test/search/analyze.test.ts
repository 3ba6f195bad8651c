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
    ['model’s', "model's"], // a typographic apostrophe is still an apostrophe
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
    ['ads', 'ads'], // three letters: too short to tell a plural
    ['ties', 'tie'], // four letters: "-ies" → "-y" needs more ("policies")
    ['vices', 'vice'], // five letters: "-ices" → "-ex" needs more ("indices")
    ["model's", 'model'], // a possessive, not a plural
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
    ['quantisations', 'quantizations'],
    ['optimising', 'optimizing'],
    ['optimiser', 'optimizer'],
    ['optimisers', 'optimizers'],
    ['realising', 'realizing'],
    ['stabilisers', 'stabilizers'],
    ['analysed', 'analyzed'],
    ['analysing', 'analyzing'],
    ['generalises', 'generalizes'],
    ['rising', 'rising'], // six letters: "-ising" is the whole ending, not a spelling
    ['elise', 'elise'], // five letters: likewise for "-ise"
    ['advised', 'advised'], // "advise" is no British spelling
    ['revises', 'revises'], // nor "revise", in the plural
    ['channelwise', 'channelwise'], // "-wise" is a suffix of its own
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

  it('joins only words a hyphen or slash binds directly', () => {
    // "pre- and" is a dangling hyphen: "pre" is not joined to "and".
    expect(analyze('pre- and post-training')).toEqual(['pre', 'post', 'posttraining', 'training']);
    expect(analyze('encoder/decoder')).toEqual(['encoder', 'encoderdecoder', 'decoder']);
  });

  it('drops the possessive ending', () => {
    expect(analyze("the model's weights")).toEqual(['model', 'weight']);
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
