import { describe, expect, it } from 'vitest';
import {
  acronymKey,
  acronymsIn,
  findLongForm,
  isShortForm,
  mineAcronyms,
  withAliases,
} from '../../src/search/acronyms.ts';

describe('findLongForm', () => {
  it.each([
    ['GNN', 'we study graph neural networks', ['graph', 'neural', 'networks']],
    ['RL', 'advances in deep reinforcement learning', ['reinforcement', 'learning']],
    ['ViT', 'a vision transformer', ['vision', 'transformer']],
    ['SGD', 'stochastic gradient descent', ['stochastic', 'gradient', 'descent']],
    // Both Ds start a word: the walk goes on past "diffusion" to "denoising".
    [
      'DDPM',
      'denoising diffusion probabilistic models',
      ['denoising', 'diffusion', 'probabilistic', 'models'],
    ],
    // Hyphens in the acronym are not letters to find.
    ['MT-DNN', 'multi-task deep neural networks', ['multi-task', 'deep', 'neural', 'networks']],
    // Stray empty words (a trailing space split off) are no words of the definition.
    ['RL', 'reinforcement learning ', ['reinforcement', 'learning']],
  ])('%s in "%s"', (short, text, expected) => {
    expect(findLongForm(short, text.split(' '))).toEqual(expected);
  });

  it('rejects definitions whose words do not start with the acronym letters', () => {
    expect(
      findLongForm(
        'UserRec',
        'user centric whereas marketing recommends best user state'.split(' '),
      ),
    ).toBeUndefined();
    expect(findLongForm('XYZ', 'nothing here matches'.split(' '))).toBeUndefined();
  });

  it.each([
    // Every letter must be found, the first one included, even at the very start.
    ['XR', 'real robots'],
    // The first letter must start a word: the Ls of "all" do not.
    ['LSTM', 'all short term memory'],
    // At least two words.
    ['BN', 'batchnorm'],
    // No more words than the acronym has letters.
    ['MARL', 'multi agent robust reinforcement learning'],
    // Most words start with a letter of the acronym; "convolution" does not.
    ['GNN', 'graph convolution networks'],
  ])('%s is not defined by "%s"', (short, text) => {
    expect(findLongForm(short, text.split(' '))).toBeUndefined();
  });
});

describe('isShortForm', () => {
  it.each([
    ['ViT', true],
    ['GNNs', true],
    // One capital: a word, not an acronym.
    ['Ab', false],
    // An acronym starts with a letter.
    ['3DGS', false],
  ])('%s → %s', (candidate, expected) => {
    expect(isShortForm(candidate)).toBe(expected);
  });

  it('keys an acronym without its hyphens', () => {
    expect(acronymKey('MT-DNN')).toBe('mtdnn');
  });
});

describe('mineAcronyms', () => {
  const table = mineAcronyms([
    'Graph neural networks (GNNs) are popular. GNN training is slow.',
    'We use graph neural networks (GNN) again.',
    'Reinforcement learning (RL) agents.',
    'Results are (CPU) bound and (a) not an acronym.',
  ]);

  it('learns definitions written as "long form (ACRONYM)", plural folded', () => {
    expect(table.definitionOf('gnn')).toEqual(['graph', 'neural', 'network']);
    expect(table.definitionOf('rl')).toEqual(['reinforcement', 'learning']);
  });

  it('ignores parentheses that are not definitions', () => {
    expect(table.definitionOf('cpu')).toBeUndefined();
    expect(table.definitionOf('a')).toBeUndefined();
  });

  it.each([
    // Only the final s is a plural: MSE keeps its S.
    ['We minimise the mean squared error (MSE).', 'mse', ['mean', 'squared', 'error']],
    // Only the final s is a plural: ResNet keeps its inner s.
    ['Deep residual networks (ResNets) train well.', 'resnet', ['residual', 'network']],
    // Defined only in the plural.
    ['We fit neural radiance fields (NeRFs).', 'nerf', ['neural', 'radiance', 'field']],
    // A definition early in a long text.
    [
      `We fit neural radiance fields (NeRFs). ${'They are implicit layers of a network. '.repeat(8)}`,
      'nerf',
      ['neural', 'radiance', 'field'],
    ],
    // In lower case it is not read as an acronym.
    ['Latent diffusion models (ldm) are fast.', 'ldm', undefined],
    // Without its stop words the definition is one word: ITW would just mean "wild".
    ['Images in the wild (ITW) are hard.', 'itw', undefined],
  ])('in "%s", %s is %j', (text, acronym, expected) => {
    expect(mineAcronyms([text]).definitionOf(acronym)).toEqual(expected);
  });

  it('keeps the definition seen most often, then the first alphabetically', () => {
    const often = mineAcronyms([
      'policy gradient (PG)',
      'proximal gradient (PG)',
      'proximal gradient (PG)',
    ]);
    expect(often.definitionOf('pg')).toEqual(['proximal', 'gradient']);
    const tie = mineAcronyms(['proximal gradient (PG)', 'policy gradient (PG)']);
    expect(tie.definitionOf('pg')).toEqual(['policy', 'gradient']);
  });

  it('lists every definition starting with a word, for matching spelled-out text', () => {
    const acronyms = mineAcronyms([])
      .startingWith('markov')
      .map((d) => d.acronym);
    expect(acronyms).toEqual(['mcmc', 'mdp']);
  });

  it('finds acronyms only where they are written in capitals', () => {
    expect(acronymsIn('GNNs beat MLPs and XYZs', table)).toEqual(['gnn', 'mlp']);
    const al = mineAcronyms(['active learning (AL) helps']);
    expect(acronymsIn('as shown by Smith et al. and AL methods', al)).toEqual(['al']);
  });
});

describe('well-known acronyms', () => {
  it('fill in what the corpus never defines', () => {
    const table = mineAcronyms(['Large language models are everywhere.']);
    expect(table.definitionOf('llm')).toEqual(['large', 'language', 'model']);
    expect(table.definitionOf('ood')).toEqual(['out', 'distribution']);
  });

  it('give way to the corpus’s own definition', () => {
    const table = mineAcronyms(['We use network architecture search (NAS) here.']);
    expect(table.definitionOf('nas')).toEqual(['network', 'architecture', 'search']);
  });
});

describe('withAliases', () => {
  const MINED = new Map([['gnn', ['graph', 'neural', 'network']]]);

  it('reads an alias like a mined definition, digits kept and punctuation dropped', () => {
    const table = withAliases(MINED, [{ query: 'YOLOv8', means: 'you only look once, version 8' }]);
    expect(table.get('yolov8')).toEqual(['you', 'only', 'look', 'once', 'version', '8']);
    expect(table.get('gnn')).toEqual(['graph', 'neural', 'network']);
  });

  it('keeps an alias whose meaning starts with the word itself', () => {
    const table = withAliases(MINED, [{ query: 'BERT', means: 'BERT language model' }]);
    expect(table.get('bert')).toEqual(['bert', 'language', 'model']);
  });

  it.each([
    // No letters to key it by.
    [{ query: '--', means: 'dash' }],
    // Only stop words: nothing to stand for.
    [{ query: 'XYZ', means: 'the of' }],
    // An alias to itself would replace the mined definition with the acronym alone.
    [{ query: 'GNNs', means: 'GNN' }],
  ])('skips %j', (alias) => {
    expect([...withAliases(MINED, [alias])]).toEqual([...MINED]);
  });
});
