/**
 * A small, real-behaving `Replies` for listener and end-to-end tests: it echoes what it was
 * asked (escaped, as the real one must), records every call, and fails on request — enough to
 * see each Slack listener route input in and replies out, without the search behind it.
 */
import { escapeMrkdwn } from '../../src/blocks/escape.ts';
import type { SlackMessage } from '../../src/blocks/message.ts';
import type { Asker, Replies, Reply } from '../../src/bot/types.ts';

/** Any input containing this makes the double throw. */
export const FAIL_WORD = 'please-fail';

export interface RepliesCall {
  surface: 'command' | 'action' | 'mention';
  input: string[];
  asker: Asker;
}

export interface EchoReplies extends Replies {
  readonly calls: RepliesCall[];
}

export function echoMessage(text: string): SlackMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/**
 * `command`: `share …` answers in_channel, anything else ephemeral.
 * `action`: `*_share` ids answer in_channel, `results_*` replace, others ephemeral.
 */
export function createEchoReplies({ delayMs = 0 }: { delayMs?: number } = {}): EchoReplies {
  const calls: RepliesCall[] = [];
  const answer = async <T>(call: RepliesCall, make: () => T): Promise<T> => {
    calls.push(call);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (call.input.some((part) => part.includes(FAIL_WORD)))
      throw new Error('echo replies: asked to fail');
    return make();
  };
  return {
    calls,
    command: (text, asker) =>
      answer(
        { surface: 'command', input: [text], asker },
        (): Reply => ({
          kind: text.startsWith('share ') ? 'in_channel' : 'ephemeral',
          message: echoMessage(`You asked: ${escapeMrkdwn(text)}`),
        }),
      ),
    action: (actionId, value, asker) =>
      answer(
        { surface: 'action', input: [actionId, value], asker },
        (): Reply => ({
          kind: actionId.endsWith('_share')
            ? 'in_channel'
            : actionId.startsWith('results_')
              ? 'replace'
              : 'ephemeral',
          message: echoMessage(`${actionId}: ${escapeMrkdwn(value)}`),
        }),
      ),
    mention: (text, asker) =>
      answer({ surface: 'mention', input: [text], asker }, () =>
        echoMessage(`You mentioned me: ${escapeMrkdwn(text)}`),
      ),
  };
}
