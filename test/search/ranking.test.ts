/**
 * The ranking set: queries an attendee types over the seed session (ICLR 2022 Poster
 * Session 9), and the order the posters must come in, with the reason beside each row. A
 * failure here is a regression a user would notice. Then small made-up catalogues, one per
 * behaviour, in the manner of MiniSearch's own ranking tests: "Q returns X first, because".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/loader.ts';
import type { Paper } from '../../src/catalog/types.ts';
import { createPaperIndex, type PaperIndex } from '../../src/search/paper-index.ts';

let index: PaperIndex;
const top = (query: string, n: number) =>
  index.search(query, { limit: n }).map((h) => h.paper.title);
const all = (query: string) => index.search(query).map((h) => h.paper.title);

beforeAll(() => {
  index = createPaperIndex(loadCatalog('data').catalog.papers);
});

describe('ranking set (seed session)', () => {
  it('ranks title matches of every word first, then abstracts that merely mention them', () => {
    expect(top('vision transformer', 5)).toEqual([
      // Both words in the title, and vision again in the abstract.
      'Patch-Fool: Are Vision Transformers Always Robust Against Adversarial Perturbations?',
      'EViT: Expediting Vision Transformers via Token Reorganizations',
      // Transformer in the title, vision only in the abstract.
      'BEiT: BERT Pre-Training of Image Transformers',
      'RelViT: Concept-guided Vision Transformer for Visual Relational Reasoning',
      // Both words in the abstract only.
      expect.any(String),
    ]);
    // The same order with and without a limit: top-k selection and the full sort agree.
    expect(all('vision transformer').slice(0, 5)).toEqual(top('vision transformer', 5));
  });

  it.each([
    [
      'tranformers',
      // One edit in a ten-letter word the papers do not use: read as "transformers".
      [
        'Scale Efficiently: Insights from Pretraining and Finetuning Transformers',
        'Patch-Fool: Are Vision Transformers Always Robust Against Adversarial Perturbations?',
        'EViT: Expediting Vision Transformers via Token Reorganizations',
      ],
    ],
    [
      'adverserial attacks',
      // "adverserial" is one edit from adversarial; "Attack" in the first title.
      [
        'Beyond ImageNet Attack: Towards Crafting Adversarial Examples for Black-box Domains',
        'Evading Adversarial Example Detection Defenses with Orthogonal Projected Gradient Descent',
        'Patch-Fool: Are Vision Transformers Always Robust Against Adversarial Perturbations?',
      ],
    ],
    [
      'quantisation',
      // British spelling finds the American one, in titles first; "Quantitative" (a prefix
      // of the stem only) after every real quantization paper.
      [
        'Toward Efficient Low-Precision Training: Data Format Optimization and Hysteresis Quantization',
        'F8Net: Fixed-Point 8-bit Only Multiplication for Network Quantization',
        'QDrop: Randomly Dropping Quantization for Extremely Low-bit Post-Training Quantization',
        'Quantitative Performance Assessment of CNN Units via Topological Entropy Calculation',
      ],
    ],
    [
      'pre training',
      // Spaced, hyphenated and joined forms meet: "Pre-Training", "Pre-training", "Pretraining".
      [
        'BEiT: BERT Pre-Training of Image Transformers',
        'Pre-training Molecular Graph Representation with 3D Geometry',
        'Scale Efficiently: Insights from Pretraining and Finetuning Transformers',
      ],
    ],
    [
      'pretraining',
      // The joined form finds the same three, in the same order.
      [
        'BEiT: BERT Pre-Training of Image Transformers',
        'Pre-training Molecular Graph Representation with 3D Geometry',
        'Scale Efficiently: Insights from Pretraining and Finetuning Transformers',
      ],
    ],
    [
      'graph convolutional networks',
      // The spelled-out definition also finds "GCN"; every word in both titles.
      [
        'PipeGCN: Efficient Full-Graph Training of Graph Convolutional Networks with Pipelined Feature Communication',
        'LEARNING GUARANTEES FOR GRAPH CONVOLUTIONAL NETWORKS ON THE STOCHASTIC BLOCK MODEL',
      ],
    ],
    [
      'LLM',
      // A well-known acronym no paper defines: "Large Language Models" in the first title.
      [
        'Large Language Models Can Be Strong Differentially Private Learners',
        'Exploring extreme parameter compression for pre-trained language models',
      ],
    ],
    [
      'Masahito Ueda',
      // An author's name finds their two papers, and nothing else.
      ['Convergent and Efficient Deep Q Learning Algorithm', 'SGD Can Converge to Local Maxima'],
    ],
    [
      'convergence of reinforcement learning',
      // Every word exactly ("Convergence" in the title) before the stem match "Convergent".
      [
        'On the Convergence of the Monte Carlo Exploring Starts Algorithm for Reinforcement Learning',
        'Convergent and Efficient Deep Q Learning Algorithm',
      ],
    ],
  ])('%s', (query, expected) => {
    expect(top(query, expected.length)).toEqual(expected);
  });

  it('finds a paper by an acronym it defines, and by its long form', () => {
    expect(top('GNN', 5)).toContain(
      'Node Feature Extraction by Self-Supervised Multi-scale Neighborhood Prediction',
    );
  });

  it('folds plurals and case: "transformers" and "Transformer" rank alike', () => {
    expect(top('transformers', 10)).toHaveLength(10);
    expect(top('transformers', 10)).toEqual(top('Transformer', 10));
    expect(top('robots', 3)).toHaveLength(3);
    expect(top('robots', 3)).toEqual(top('robot', 3));
  });

  it('completes a prefix of four letters, not of three', () => {
    expect(top('quan', 3)).toEqual([
      'Toward Efficient Low-Precision Training: Data Format Optimization and Hysteresis Quantization',
      'F8Net: Fixed-Point 8-bit Only Multiplication for Network Quantization',
      'QDrop: Randomly Dropping Quantization for Extremely Low-bit Post-Training Quantization',
    ]);
    // "qua" would start hundreds of words; it is no word of the catalogue.
    expect(all('qua')).toEqual([]);
  });

  it('never reads a word of the catalogue as a typo of another', () => {
    // "planning" is a word of the catalogue, one edit from "cplanning" ("C-Planning"): only
    // papers with "planning" itself may answer, each with the word in its text.
    const hits = index.search('planning');
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      expect(`${hit.paper.title} ${hit.paper.abstract}`.toLowerCase()).toMatch(/\bplanning\b/);
    }
  });

  it('lists papers missing a word only when they carry a rare one, and says what is missing', () => {
    // No paper says "zebra"; "equilibrium" is rare (a few papers): those, missing zebra.
    const hits = index.search('equilibrium zebra');
    expect(hits.map((h) => h.paper.title)).toEqual([
      'Declarative nets that are equilibrium models',
      'Certified Robustness for Deep Equilibrium Models via Interval Bound Propagation',
      'Optimization inspired Multi-Branch Equilibrium Models',
    ]);
    for (const hit of hits) {
      expect(hit).toMatchObject({ complete: false, matched: ['equilibrium'], missing: ['zebra'] });
    }
  });

  it('answers "no poster about" rather than list every paper saying "learning"', () => {
    // "federated" is in no paper ("generated" is two edits away and a word of its own);
    // "learning" is in most: nothing informative matches, so nothing is listed.
    const answer = index.answer('federated learning');
    expect(answer).toMatchObject({
      hits: [],
      words: ['federated', 'learning'],
      informative: ['federated'],
      informativeMatched: false,
    });
    expect(answer.withheld).toBeGreaterThan(30);
  });

  it('finds a compound written as two words in the papers', () => {
    // "datapoints" is in no paper; "data points" is, side by side, in this one's abstract.
    expect(all('datapoints')).toEqual([
      'Coherence-based Label Propagation over Time Series for Accelerated Active Learning',
    ]);
  });

  it('finds nothing for gibberish, and suggests words from the index', () => {
    expect(index.answer('qqqzzz')).toMatchObject({ hits: [], withheld: 0 });
    expect(index.suggest('grahp')).toContain('graph');
  });

  it('never repeats a paper, and lists every paper a common word is in', () => {
    const hits = index.search('learning');
    const ids = hits.map((h) => h.paper.id);
    expect(hits.length).toBeGreaterThan(30);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

/** A paper of a made-up catalogue: only what search reads. */
function paper(id: string, title: string, abstract = ''): Paper {
  return { id, title, abstract, authors: [], keywords: [], sessionIds: [], codeUrls: [] };
}

/** Fillers that make "learning" common, as it is in a real catalogue. */
const LEARNING = Array.from({ length: 8 }, (_, i) =>
  paper(`f${i}`, `Learning to rank, volume ${i}`, 'We study learning in general.'),
);

describe('weighted coordination (made-up catalogue)', () => {
  const papers = [
    paper('exact', 'Contrastive representation learning'),
    paper('weak', 'Contrast enhancement for learning', 'Image contrast.'),
    paper('rare', 'Contrastive clustering of images'),
    ...LEARNING,
  ];
  const search = createPaperIndex(papers);

  it('ranks a strong match of the rare word above a weak match of every word', () => {
    expect(search.search('contrastive learning', { limit: 3 }).map((h) => h.paper.id)).toEqual([
      // Both words exactly.
      'exact',
      // The rare word exactly in the title; "learning" (in most papers) missing.
      'rare',
      // Every word, but the rare one only through its stem ("contrast").
      'weak',
    ]);
  });
});

describe('compound words (made-up catalogue)', () => {
  it('splits a word the catalogue does not know into two it knows, written side by side', () => {
    const search = createPaperIndex([
      paper('apart', 'Code generation', 'A book of programs.'),
      paper('phrase', 'Learning a code book for speech'),
      paper('reversed', 'A book code for ciphers'),
      ...LEARNING,
    ]);
    // "code" and "book" side by side, in either order; apart they are not the compound.
    expect(search.search('codebook').map((h) => h.paper.id)).toEqual(['phrase', 'reversed']);
    expect(search.search('codebooks').map((h) => h.paper.id)).toEqual(['phrase', 'reversed']);
  });

  it('finds the joined word from the two words typed apart', () => {
    const search = createPaperIndex([
      paper('joined', 'Codebook learning for quantization'),
      paper('apart', 'Code generation', 'A book of programs.'),
      ...LEARNING,
    ]);
    expect(search.search('code book').map((h) => h.paper.id)).toEqual(['joined', 'apart']);
  });
});

describe('off-topic queries (made-up catalogue)', () => {
  const search = createPaperIndex([
    paper('graph', 'Graph learning at scale'),
    paper('zebra', 'Counting zebras from the air'),
    ...LEARNING,
  ]);

  it('lists nothing when only common words match', () => {
    expect(search.answer('tabular learning')).toMatchObject({
      hits: [],
      informative: ['tabular'],
      informativeMatched: false,
      withheld: 9,
    });
  });

  it('lists papers with the rare word, saying which words they miss', () => {
    const answer = search.answer('graph tabular learning');
    expect(answer.informativeMatched).toBe(true);
    expect(answer.hits.map((h) => [h.paper.id, h.missing])).toEqual([['graph', ['tabular']]]);
  });
});
