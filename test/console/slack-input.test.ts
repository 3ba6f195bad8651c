import { describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../src/blocks/message.ts';
import type { Replies } from '../../src/bot/types.ts';
import { askReplies, parseSlackInput } from '../../src/console/slack-input.ts';

describe('parseSlackInput', () => {
  it.each([
    ['/poster graph neural networks', { kind: 'command', text: 'graph neural networks' }],
    ['  /POSTER   gnn  ', { kind: 'command', text: 'gnn' }],
    ['/poster', { kind: 'command', text: '' }],
    ['by:Cho-Jui Hsieh', { kind: 'command', text: 'by:Cho-Jui Hsieh' }],
    ['/remind me', { kind: 'unknown-command', command: '/remind' }],
    [
      '@poster papers by Cho-Jui Hsieh',
      { kind: 'mention', text: '<@UPOSTERBOT> papers by Cho-Jui Hsieh' },
    ],
    [
      '@anyone  who works on diffusion?',
      { kind: 'mention', text: '<@UPOSTERBOT> who works on diffusion?' },
    ],
    ['@poster', { kind: 'mention', text: '<@UPOSTERBOT>' }],
    ['email me@example.org', { kind: 'command', text: 'email me@example.org' }],
  ])('%j → %j', (typed, expected) => {
    expect(parseSlackInput(typed)).toEqual(expected);
  });
});

describe('askReplies', () => {
  const said = (text: string): SlackMessage => ({ text, blocks: [] });
  const replies: Replies = {
    command: (text) => ({ kind: 'ephemeral', message: said(`command ${text}`) }),
    action: () => {
      throw new Error('not used');
    },
    mention: async (text) => said(`mention ${text}`),
  };
  const asker = { userId: 'U1' };

  it('answers a command with the Reply the bot chose', async () => {
    expect(await askReplies(replies, { kind: 'command', text: 'gnn' }, asker)).toEqual({
      kind: 'ephemeral',
      message: said('command gnn'),
    });
  });

  it('answers a mention with the message Slack would post in the thread', async () => {
    expect(await askReplies(replies, { kind: 'mention', text: '<@UPOSTERBOT> hi' }, asker)).toEqual(
      {
        kind: 'thread',
        message: said('mention <@UPOSTERBOT> hi'),
      },
    );
  });
});
