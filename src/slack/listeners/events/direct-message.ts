/**
 * A message in the bot's Messages tab (`message.im`, scope `im:history`): Slack sends no
 * `app_mention` for a DM, so it is answered here like a mention, in the DM itself (in its
 * thread if it was written in one). Only new messages by people are answered: not edits or
 * deletions (they carry a `subtype`), not bots, never the bot itself; retries once.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { decodeSlackText } from '../../../blocks/escape.ts';
import type { SlackMessage } from '../../../blocks/message.ts';
import type { Replies } from '../../../bot/types.ts';
import type { Logger } from '../../../log.ts';
import {
  type DurableKeys,
  directMessageKey,
  isFirstDurably,
  MENTION_DEDUPE_TTL_MS,
} from '../../dedupe.ts';
import { logSlackFailure, SORRY_MESSAGE } from '../../errors.ts';
import { createRecentKeys, type RecentKeys } from '../../recent-keys.ts';
import { teamOf } from '../../team.ts';
import { postAnswer } from '../../thread-answer.ts';

type MessageArgs = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

/** The fields of a `message` event this decides on. */
export interface DirectMessageEvent {
  channel_type?: string;
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
}

/** Whether a `message` event is a person's new message to the bot in its DM. */
export function shouldAnswerDirectMessage(
  event: DirectMessageEvent,
  botUserId: string | undefined,
): boolean {
  if (event.channel_type !== 'im') return false;
  if (event.subtype !== undefined || event.bot_id !== undefined) return false;
  if (event.user === undefined || event.user === botUserId) return false;
  return typeof event.text === 'string' && event.text.trim() !== '';
}

export interface DirectMessageDeps {
  replies: Replies;
  log: Logger;
  /** Seen events; one per registration by default, injected by tests. */
  recentEvents?: RecentKeys;
  /** Remembers answered DMs across restarts; see src/slack/dedupe.ts. */
  durableKeys?: DurableKeys | undefined;
}

export function createDirectMessage({
  replies,
  log,
  recentEvents = createRecentKeys(),
  durableKeys,
}: DirectMessageDeps) {
  return async ({ event, body, context, client }: MessageArgs): Promise<void> => {
    const dm = event as DirectMessageEvent & { channel: string; ts: string; thread_ts?: string };
    if (!shouldAnswerDirectMessage(dm, context.botUserId)) return;
    const eventId = body.event_id;
    const key = eventId ?? `${dm.channel}:${dm.ts}`;
    if (!recentEvents.markFirst(key)) {
      log.debug({ eventId, retryNum: context.retryNum }, 'repeated direct message dropped');
      return;
    }
    // The in-memory keys forget on restart; the store does not.
    if (!(await isFirstDurably(durableKeys, directMessageKey(key), MENTION_DEDUPE_TTL_MS, log))) {
      log.info({ eventId, retryNum: context.retryNum }, 'DM answered before a restart; dropped');
      return;
    }
    const userId = dm.user as string; // checked by shouldAnswerDirectMessage
    let message: SlackMessage;
    try {
      message = await replies.mention(decodeSlackText(dm.text ?? ''), {
        userId,
        ...teamOf(body),
        surface: 'dm',
      });
    } catch (error) {
      log.error({ err: error, eventId, userId }, 'could not answer a direct message');
      message = SORRY_MESSAGE;
    }
    try {
      await postAnswer(
        client,
        { channel: dm.channel, ...(dm.thread_ts !== undefined && { threadTs: dm.thread_ts }) },
        message,
      );
    } catch (error) {
      logSlackFailure(log, error, { eventId, channel: dm.channel }, 'could not answer a DM');
    }
  };
}
