import { describe, expect, it } from 'vitest';
import { isHollowTopic, LEADING_FRAMES, TRAILING_FRAMES, unframe } from '../../src/bot/framing.ts';

describe('the framing table', () => {
  it.each([...LEADING_FRAMES, ...TRAILING_FRAMES].map((f) => [f.example[0], f.example[1]]))(
    'unwraps its example %j → %j',
    (question, topic) => {
      expect(unframe(question).text).toBe(topic);
    },
  );

  it('has leading and trailing frames, each with a distinct example', () => {
    const examples = [...LEADING_FRAMES, ...TRAILING_FRAMES].map((f) => f.example[0]);
    expect(LEADING_FRAMES.length).toBeGreaterThan(15);
    expect(TRAILING_FRAMES.length).toBeGreaterThan(3);
    expect(new Set(examples).size).toBe(examples.length);
  });
});

describe('unframe', () => {
  it.each([
    [
      'is anyone presenting work on speeding up vision transformers?',
      'speeding up vision transformers',
      true,
    ],
    ['hi! can you recommend posters about time series please?', 'time series', true],
    ['hello, please show me posters on adversarial robustness', 'adversarial robustness', true],
    ["good morning! what's there on reinforcement learning?", 'reinforcement learning', true],
    ['could you point me to posters about distillation', 'distillation', true],
    ['thanks! anything interesting on MRI reconstruction?', 'MRI reconstruction', true],
    ['can someone tell me where the posters on domain adaptation are?', 'domain adaptation', true],
    [
      "where can I find 'Learned Simulators for Turbulence'?",
      'Learned Simulators for Turbulence',
      false,
    ],
    ['where is the F8Net poster?', 'F8Net', false],
    ["I'm looking for the Know Thyself paper", 'Know Thyself', false],
    ['is the T-WaveNet poster in this session?', 'T-WaveNet', false],
    ['Yi Tay', 'Yi Tay', false],
  ])('%j → %j', (question, topic, isTopic) => {
    expect(unframe(question)).toEqual({ text: topic, topic: isTopic });
  });

  // Titles and topics that start or end like a wrapping must survive whole.
  it.each([
    'how to robustify black-box ML models',
    'Clean Images are Hard to Reblur',
    'Know Thyself',
    'Is Fairness Only Metric Deep',
    'learning from noisy labels',
    'SGD Can Converge to Local Maxima',
    'The Effects of Reward Misspecification',
  ])('keeps %j', (title) => {
    const { text } = unframe(title);
    expect(text.length).toBeGreaterThan(0);
    expect(title.toLowerCase()).toContain(text.toLowerCase());
    expect(text.split(' ').length).toBeGreaterThanOrEqual(title.split(' ').length - 1);
  });

  it.each([
    'what are the posters?',
    'any posters?',
    'show me everything',
    'what is on',
    'did any paper win',
  ])('finds no topic in %j', (question) => {
    expect(unframe(question).text).toBe('');
  });
});

describe('isHollowTopic', () => {
  it('is true only when no word says what', () => {
    expect(isHollowTopic('the posters here')).toBe(true);
    expect(isHollowTopic('the diffusion posters')).toBe(false);
  });
});
