import { describe, expect, it } from 'vitest';
import type { MessageReply } from '../../src/bot/types.ts';
import { toActionResponse, toCommandResponse } from '../../src/slack/responses.ts';
import { echoMessage } from '../helpers/echo-replies.ts';

const message = echoMessage('3 posters match *diffusion*');

describe('toCommandResponse', () => {
  it.each([
    ['ephemeral', 'ephemeral'],
    ['in_channel', 'in_channel'],
    ['replace', 'ephemeral'],
  ] as const)('a %s reply answers the command as %s', (kind, responseType) => {
    expect(toCommandResponse({ kind, message })).toEqual({
      response_type: responseType,
      text: message.text,
      blocks: message.blocks,
    });
  });
});

describe('toActionResponse', () => {
  const cases: Array<{ reply: MessageReply; expected: Record<string, unknown> }> = [
    { reply: { kind: 'replace', message }, expected: { replace_original: true } },
    {
      reply: { kind: 'ephemeral', message },
      expected: { response_type: 'ephemeral', replace_original: false },
    },
    {
      reply: { kind: 'in_channel', message },
      expected: { response_type: 'in_channel', replace_original: false },
    },
  ];
  it.each(cases)('$reply.kind → $expected', ({ reply, expected }) => {
    expect(toActionResponse(reply)).toEqual({
      ...expected,
      text: message.text,
      blocks: message.blocks,
    });
  });
});
