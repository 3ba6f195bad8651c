import { describe, expect, it } from 'vitest';
import { acronymsIn, findLongForm, mineAcronyms } from '../../src/search/acronyms.ts';

describe('findLongForm', () => {
  it.each([
    ['GNN', 'we study graph neural networks', ['graph', 'neural', 'networks']],
    ['RL', 'advances in deep reinforcement learning', ['reinforcement', 'learning']],
    ['ViT', 'a vision transformer', ['vision', 'transformer']],
    ['SGD', 'stochastic gradient descent', ['stochastic', 'gradient', 'descent']],
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
