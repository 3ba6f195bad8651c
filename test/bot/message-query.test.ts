/**
 * "Find posters about this": what a message's text leaves as a query. Messages as Slack sends
 * them (decoded): mentions, links, code, quotes and emoji are not the author's topic.
 */
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_QUERY_WORDS, messageQuery } from '../../src/bot/message-query.ts';

describe('messageQuery', () => {
  it.each([
    [
      'mentions, a link and an emoji code go; the topic stays',
      '<@U0123|ada> has anyone seen work on <https://x.org/a|this> diffusion models for robotics? :eyes:',
      'diffusion models robotics',
    ],
    [
      'code spans and blocks go',
      'Our `torch.compile` trick:\n```\nmodel = compile(model)\n```\nspeeds up vision transformers',
      'trick speeds vision transformers',
    ],
    [
      'quoted lines go (the quoted author’s words are not this message’s)',
      '> Graph neural networks are dead\nI disagree, equivariant GNNs are thriving',
      'disagree equivariant GNNs thriving',
    ],
    [
      'channels and broadcasts go',
      '<!here> <#C0123|posters> contrastive learning',
      'contrastive learning',
    ],
    [
      'each word once, in order, case kept',
      'Federated learning: federated LEARNING at scale',
      'Federated learning scale',
    ],
    [
      'acronyms and hyphenated words stay',
      'RL with pre-training for 3D scenes',
      'RL pre-training 3D scenes',
    ],
    ['bare numbers and lone letters go', 'session 9 a b c zeroth-order', 'zeroth-order'],
  ])('%s', (_, text, query) => {
    expect(messageQuery(text)).toEqual({ kind: 'query', query });
  });

  it('keeps the first informative words of a long message', () => {
    const words = Array.from(
      { length: 30 },
      (_, i) => `topic${String.fromCharCode(97 + (i % 26))}${i}`,
    );
    const asked = messageQuery(words.join(' '));
    expect(asked).toEqual({
      kind: 'query',
      query: words.slice(0, MAX_MESSAGE_QUERY_WORDS).join(' '),
    });
  });

  it.each([
    [
      'only a link and a mention',
      '<@U1> <https://openreview.net/forum?id=abc>',
      /no words of its own/,
    ],
    ['only code', '```const x = 1```', /no words of its own/],
    ['chatter', 'haha nice, thanks! I think so too :tada:', /no topic words/],
    ['nothing', '', /no words of its own/],
  ])('says why when a message has %s', (_, text, reason) => {
    const asked = messageQuery(text);
    expect(asked.kind).toBe('empty');
    expect(asked.kind === 'empty' && asked.reason).toMatch(reason);
  });
});
