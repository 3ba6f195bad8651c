/**
 * The ranking set: queries an attendee types over the seed session (ICLR 2022 Poster
 * Session 9), and what must come first, with the reason. A failure here is a regression a
 * user would notice.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/loader.ts';
import { createPaperIndex, type PaperIndex } from '../../src/search/paper-index.ts';

let index: PaperIndex;
const top = (query: string, n: number) =>
  index.search(query, { limit: n }).map((h) => h.paper.title);

beforeAll(() => {
  index = createPaperIndex(loadCatalog('data').catalog.papers);
});

describe('ranking set (seed session)', () => {
  it.each([
    // Title matches outrank abstracts that merely mention the words.
    ['vision transformer', 'EViT: Expediting Vision Transformers via Token Reorganizations', 4],
    [
      'vision transformer',
      'RelViT: Concept-guided Vision Transformer for Visual Relational Reasoning',
      4,
    ],
    [
      'vision transformer',
      'Patch-Fool: Are Vision Transformers Always Robust Against Adversarial Perturbations?',
      4,
    ],
    ['vision transformer', 'BEiT: BERT Pre-Training of Image Transformers', 5],
    // Typo tolerance grows with length: one edit in a ten-letter word.
    ['tranformers', 'EViT: Expediting Vision Transformers via Token Reorganizations', 5],
    [
      'adverserial attacks',
      'Beyond ImageNet Attack: Towards Crafting Adversarial Examples for Black-box Domains',
      3,
    ],
    // British spelling finds the American one.
    [
      'quantisation',
      'QDrop: Randomly Dropping Quantization for Extremely Low-bit Post-Training Quantization',
      3,
    ],
    // Joined, hyphenated and spaced forms meet.
    ['pretraining', 'BEiT: BERT Pre-Training of Image Transformers', 3],
    ['pre training', 'BEiT: BERT Pre-Training of Image Transformers', 3],
    // Acronyms mined from the corpus: the short form finds the long form and back.
    ['GNN', 'Node Feature Extraction by Self-Supervised Multi-scale Neighborhood Prediction', 5],
    [
      'graph convolutional networks',
      'PipeGCN: Efficient Full-Graph Training of Graph Convolutional Networks with Pipelined Feature Communication',
      2,
    ],
    // Well-known acronyms work even where no paper defines them.
    ['LLM', 'Large Language Models Can Be Strong Differentially Private Learners', 1],
    // An author's name finds their papers first.
    ['Masahito Ueda', 'SGD Can Converge to Local Maxima', 2],
    ['ueda', 'Convergent and Efficient Deep Q Learning Algorithm', 2],
    // Derivational variants match through the weaker stem: "convergence" ~ "Convergent".
    [
      'convergence of reinforcement learning',
      'Convergent and Efficient Deep Q Learning Algorithm',
      3,
    ],
    // Diacritics and case fold.
    [
      'LEARNING GUARANTEES',
      'LEARNING GUARANTEES FOR GRAPH CONVOLUTIONAL NETWORKS ON THE STOCHASTIC BLOCK MODEL',
      1,
    ],
  ])('%s → %s in the top %i', (query, title, n) => {
    expect(top(query, n)).toContain(title);
  });

  it('folds plurals: "transformers" and "Transformer" rank alike', () => {
    expect(top('transformers', 10)).toEqual(top('Transformer', 10));
    expect(top('robots', 3)).toEqual(top('robot', 3));
  });

  it('prefers papers matching every word, but still answers when none does', () => {
    const hits = index.search('equilibrium robustness');
    expect(hits[0]?.complete).toBe(true);
    expect(hits[0]?.paper.title).toBe(
      'Certified Robustness for Deep Equilibrium Models via Interval Bound Propagation',
    );
    const partial = index.search('equilibrium zebra');
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.every((h) => !h.complete)).toBe(true);
  });

  it('does not let a rare derived form outrank the word typed, nor read a real word as a typo', () => {
    // "federated" is not in this session; "generated" is two edits away and must not count,
    // and "learned" (rare) must not outrank titles with "learning" itself.
    const hits = index.search('federated learning', { limit: 3 });
    expect(hits.every((h) => !h.complete)).toBe(true);
    for (const hit of hits) expect(hit.paper.title).toMatch(/Learning/);
  });

  it('finds nothing for gibberish, and suggests words from the index', () => {
    expect(index.search('qqqzzz')).toEqual([]);
    expect(index.suggest('grahp')).toContain('graph');
  });

  it('matches every paper for a query in every abstract, and never repeats one', () => {
    const hits = index.search('we');
    const ids = hits.map((h) => h.paper.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
