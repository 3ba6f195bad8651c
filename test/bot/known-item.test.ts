import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKnownItems, whereAndWhen } from '../../src/bot/known-item.ts';
import { parseJsonLines } from '../../src/catalog/json-lines.ts';
import type { Session } from '../../src/catalog/types.ts';
import { buildBot } from '../../src/compose.ts';
import { createPaperIndex } from '../../src/search/paper-index.ts';
import { makePaper } from '../fixtures/papers.ts';
import { SEED } from '../fixtures/questions.ts';
import { SHARED_DATA, skipWithoutSharedData } from '../helpers/shared-data.ts';

// The seed session (data/), 78 real titles: short names before a colon, titles with "by".
const { index } = buildBot('data');
const known = createKnownItems(index);
const ids = (phrase: string) => known.find(phrase).map((p) => p.id);

describe('createKnownItems over the seed', () => {
  it.each([
    // Coined short names: always a name.
    ['BEiT', SEED.beit],
    ['F8Net', SEED.f8net],
    ['NODE-GAM', SEED.nodeGam],
    ['node gam', SEED.nodeGam],
    ['T-WaveNet', SEED.tWaveNet],
    // Plain-word short names: a name because no other paper holds them.
    ['Eigencurve', SEED.eigencurve],
    ['Cold Brew', SEED.coldBrew],
    ['Know Thyself', SEED.knowThyself],
    // A short name inside a longer phrase.
    ['BEiT image transformers', SEED.beit],
    // Whole titles, and most of a title or of one of its parts.
    ['Large Language Models Can Be Strong Differentially Private Learners', SEED.dpLanguageModels],
    ['Meta-Imitation Learning by Watching Video Demonstrations', SEED.metaImitation],
    ['neural collapse under MSE loss', SEED.neuralCollapse],
    ['how to robustify black-box ML models', SEED.robustifyBlackBox],
    ['insights from pretraining and finetuning', SEED.scaleEfficiently],
  ])('%j names one poster', (phrase, id) => {
    expect(ids(phrase)).toEqual([id]);
  });

  // Topics share words with titles but name no poster: they must stay searches.
  it.each([
    'continual learning',
    'vision transformers',
    'graph neural networks',
    'time series forecasting',
    'quantization',
    'imitation learning by watching videos',
    'speeding up vision transformers',
    'transformers',
    'learning',
  ])('%j names none', (phrase) => {
    expect(ids(phrase)).toEqual([]);
  });

  it('names two posters when both are named', () => {
    expect(ids('BEiT and F8Net').sort()).toEqual([SEED.beit, SEED.f8net].sort());
  });
});

const JSONL = join(SHARED_DATA, 'virtual_conferences_2020.jsonl');

// 2,765 papers of ICLR, ACL and EMNLP 2020: a topic is often most of some title there
// ("Uncertain Natural Language Inference"), and short names collide with words ("META:").
describe.skipIf(skipWithoutSharedData(JSONL))('createKnownItems over 2,765 papers', () => {
  const { papers } = parseJsonLines(readFileSync(JSONL, 'utf8'), 'virtual_conferences_2020.jsonl');
  const big = createKnownItems(createPaperIndex(papers));

  it.each([
    'graph neural networks',
    'generative adversarial networks',
    'graph convolutional networks',
    'natural language inference',
    'pretrained language models',
    'neural machine translation',
    'question answering',
    'self-supervised learning',
    'meta learning',
    'few-shot learning',
    'GAN',
    'BERT',
  ])('%j names no poster', (topic) => {
    expect(big.find(topic)).toEqual([]);
  });

  it('takes a short name typed alone as written, even when other papers cite it', () => {
    expect(big.find('ALBERT').map((p) => p.title)).toEqual([
      'ALBERT: A Lite BERT for Self-supervised Learning of Language Representations',
    ]);
    expect(big.find('albert models')).toEqual([]);
  });

  it('finds almost every whole title, first', () => {
    const sample = papers.filter((_, i) => i % 13 === 0);
    const found = sample.filter((paper) => big.find(paper.title)[0]?.id === paper.id);
    expect(sample.length).toBeGreaterThan(200);
    expect(found.length / sample.length).toBeGreaterThan(0.97);
  });
});

describe('whereAndWhen', () => {
  const sessions = new Map<string, Session>([
    [
      's1',
      { id: 's1', name: 'Poster Session 1', start: '2022-04-26T17:30:00Z', location: 'Hall A' },
    ],
    ['s9', { id: 's9', name: 'Poster Session 9' }],
  ]);

  it('gives the session, its time in the bot’s zone, and the room', () => {
    const paper = makePaper({ id: 'p', title: 'P', sessionIds: ['s1'] });
    expect(whereAndWhen(paper, sessions, 'UTC')).toBe(
      'Presented in Poster Session 1, Tue, Apr 26, 17:30 UTC, Hall A.',
    );
  });

  it('says when the schedule has no time for it', () => {
    const paper = makePaper({ id: 'p', title: 'P', sessionIds: ['s9'] });
    expect(whereAndWhen(paper, sessions, 'UTC')).toBe(
      'Presented in Poster Session 9 (no time in the schedule yet).',
    );
  });

  it('says when it is in no session', () => {
    expect(whereAndWhen(makePaper({ id: 'p', title: 'P' }), sessions, 'UTC')).toBe(
      'Not in any session of the schedule.',
    );
  });
});
