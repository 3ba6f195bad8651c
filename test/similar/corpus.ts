import type { Paper } from '../../src/catalog/types.ts';

/** A paper of the small topical corpus below. */
export function paper(
  id: string,
  title: string,
  abstract: string,
  extra: Partial<Paper> = {},
): Paper {
  return {
    id,
    title,
    authors: [],
    abstract,
    keywords: [],
    sessionIds: [],
    codeUrls: [],
    conference: 'EMNLP 2020',
    ...extra,
  };
}

/**
 * Three topics, three papers each (machine translation, question answering, graphs of
 * molecules), written with overlapping but not identical words, as real abstracts are.
 */
export const TOPICAL = [
  paper(
    'mt1',
    'Neural Machine Translation for Low-Resource Languages',
    'We improve neural machine translation when parallel corpora are scarce, using back-translation of monolingual text. BLEU improves on six language pairs.',
  ),
  paper(
    'mt2',
    'Unsupervised Machine Translation with Denoising',
    'Machine translation without parallel corpora: a denoising encoder and iterative back-translation reach strong BLEU on English-French.',
  ),
  paper(
    'mt3',
    'Multilingual Translation Across Many Language Pairs',
    'One multilingual model translates between many language pairs; transfer helps low-resource pairs and zero-shot translation.',
  ),
  paper(
    'qa1',
    'Dense Retrieval for Open-Domain Question Answering',
    'Open-domain question answering retrieves passages from Wikipedia with a dense retriever, then a reader extracts the answer span.',
  ),
  paper(
    'qa2',
    'Question Answering over Knowledge Graphs',
    'We answer complex questions over a knowledge graph by parsing the question into a query; question answering accuracy improves on WebQuestions.',
  ),
  paper(
    'qa3',
    'Reading Comprehension with Multi-Hop Reasoning',
    'Multi-hop reading comprehension needs reasoning over several passages to answer a question; our reader retrieves supporting passages first.',
  ),
  paper(
    'gr1',
    'Graph Neural Networks for Molecular Property Prediction',
    'Graph neural networks learn molecular properties from atoms and bonds; message passing over the molecular graph predicts solubility and toxicity.',
  ),
  paper(
    'gr2',
    'Message Passing on Molecules with Edge Attention',
    'A message passing network with attention over bonds predicts molecular properties; the graph of atoms is encoded layer by layer.',
  ),
  paper(
    'gr3',
    'Generating Molecules with Graph Variational Autoencoders',
    'A variational autoencoder over molecular graphs generates valid molecules atom by atom, optimizing drug-like properties.',
  ),
];
