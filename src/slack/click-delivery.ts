/**
 * Where the answer to a click goes. A click on a private (ephemeral) answer may rewrite it;
 * a click on a public message (a mention's answer in its thread, the digest's thread, a
 * shared card) must never change it for everyone: whatever only the clicker should see goes
 * to them alone, in the same thread, through `chat.postEphemeral` with `thread_ts`
 * (`respond()` cannot address a thread). Shares stay in the thread they were clicked in.
 * https://api.slack.com/interactivity/handling#message_responses
 */
import type { RespondArguments } from '@slack/bolt';
import type { SlackMessage } from '../blocks/message.ts';
import type { MessageReply, Surface } from '../bot/types.ts';
import { toActionResponse } from './responses.ts';

/** What a click tells about the message it was on. */
export interface ClickPlace {
  surface: Surface;
  /** The conversation of the clicked message. */
  channel?: string;
  /** The thread of the clicked message, when it is in one. */
  threadTs?: string;
}

/** The parts of a `block_actions` body this reads (see SLACK.md, "Events and actions"). */
export interface ClickBody {
  container?: {
    type?: string;
    channel_id?: string;
    is_ephemeral?: boolean;
    thread_ts?: string;
  };
  channel?: { id?: string };
  message?: { ts?: string; thread_ts?: string; blocks?: readonly { block_id?: string }[] };
}

/** Block ids of the digest's messages start with this (src/digest/render.ts). */
const DIGEST_BLOCK_PREFIX = 'digest_';

/**
 * The surface of the clicked message: a private answer (`command`), a direct message (`dm`:
 * only the user and the bot are in it), the digest's thread, or another public thread.
 */
export function placeOfClick(body: ClickBody): ClickPlace {
  const channel = body.container?.channel_id ?? body.channel?.id;
  const threadTs = body.message?.thread_ts ?? body.container?.thread_ts;
  const where = {
    ...(channel !== undefined && { channel }),
    ...(threadTs !== undefined && { threadTs }),
  };
  if (body.container?.is_ephemeral === true) return { surface: 'command', ...where };
  if (channel?.startsWith('D')) return { surface: 'dm', ...where };
  const digest = body.message?.blocks?.some((b) => b.block_id?.startsWith(DIGEST_BLOCK_PREFIX));
  return { surface: digest ? 'digest_thread' : 'thread', ...where };
}

/** How one click's answer travels. */
export type ClickDelivery =
  | { via: 'respond'; response: RespondArguments }
  | {
      via: 'postEphemeral';
      channel: string;
      threadTs?: string;
      message: SlackMessage;
    };

/**
 * Private answers and DMs (only the user sees the message) take `respond()` as they always
 * did, `replace` included. On a public message nothing is replaced: a `replace` or an
 * `ephemeral` answer goes to the clicker alone in the message's thread; a Share goes to the
 * thread it was clicked in.
 */
export function deliveryOf(reply: MessageReply, place: ClickPlace): ClickDelivery {
  const isPrivate = place.surface === 'command' || place.surface === 'dm';
  if (isPrivate || place.channel === undefined) {
    return { via: 'respond', response: toActionResponse(reply) };
  }
  if (reply.kind === 'in_channel') {
    const response = toActionResponse(reply);
    return {
      via: 'respond',
      response:
        place.threadTs === undefined ? response : { ...response, thread_ts: place.threadTs },
    };
  }
  return {
    via: 'postEphemeral',
    channel: place.channel,
    ...(place.threadTs !== undefined && { threadTs: place.threadTs }),
    message: reply.message,
  };
}
