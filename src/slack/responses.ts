/**
 * How a domain `Reply` travels back through Slack's `ack()` / `respond()` (response_url).
 * https://api.slack.com/interactivity/handling#message_responses
 */
import type { RespondArguments } from '@slack/bolt';
import type { MessageReply } from '../bot/types.ts';

/**
 * A slash command's answer, for `ack(…)` or a later `respond(…)`. There is no message to
 * replace yet, so a `replace` reply becomes a new ephemeral one.
 */
export function toCommandResponse(reply: MessageReply): RespondArguments {
  return {
    response_type: reply.kind === 'in_channel' ? 'in_channel' : 'ephemeral',
    text: reply.message.text,
    blocks: reply.message.blocks,
  };
}

/**
 * A button click's answer through its `response_url`: `replace` rewrites the (ephemeral)
 * message the button sits on, which `chat.update` cannot; the others add a new message and
 * leave the original alone.
 */
export function toActionResponse(reply: MessageReply): RespondArguments {
  const { text, blocks } = reply.message;
  switch (reply.kind) {
    case 'replace':
      return { replace_original: true, text, blocks };
    case 'ephemeral':
    case 'file':
      return { response_type: 'ephemeral', replace_original: false, text, blocks };
    case 'in_channel':
      return { response_type: 'in_channel', replace_original: false, text, blocks };
  }
}
