/**
 * `@poster …` in a channel or thread: answered in the thread, never in the channel root, so a
 * busy conference channel is not flooded. Slack acks events before this runs and retries
 * ones it thinks failed, so each event is answered at most once (see recent-keys.ts).
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { decodeSlackText } from '../../../blocks/escape.ts';
import type { SlackMessage } from '../../../blocks/message.ts';
import type { Replies } from '../../../bot/types.ts';
import type { Logger } from '../../../log.ts';
import {
  type DurableKeys,
  isFirstDurably,
  MENTION_DEDUPE_TTL_MS,
  mentionKey,
} from '../../dedupe.ts';
import { logSlackFailure, SORRY_MESSAGE } from '../../errors.ts';
import { createRecentKeys, type RecentKeys } from '../../recent-keys.ts';
import { teamOf } from '../../team.ts';
import { postAnswer } from '../../thread-answer.ts';

type MentionArgs = SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs;
type MentionEvent = MentionArgs['event'];

/**
 * Whether a mention deserves an answer: not when a bot wrote it (two bots mentioning each
 * other would loop), not when it is our own message, not when no user is named.
 */
export function shouldAnswerMention(
  event: Pick<MentionEvent, 'user' | 'bot_id' | 'subtype'>,
  botUserId: string | undefined,
): boolean {
  if (event.bot_id !== undefined || event.subtype === 'bot_message') return false;
  if (event.user === undefined || event.user === botUserId) return false;
  return true;
}

/** The idempotency key: Slack's `event_id`, which a retry repeats; else the message itself. */
function eventKey(body: MentionArgs['body'], event: MentionEvent): string {
  return body.event_id ?? `${event.channel}:${event.ts}`;
}

export interface AppMentionDeps {
  replies: Replies;
  log: Logger;
  /** Seen events; one per registration by default, injected by tests to control the clock. */
  recentEvents?: RecentKeys;
  /** Remembers answered mentions across restarts; see src/slack/dedupe.ts. */
  durableKeys?: DurableKeys | undefined;
}

export function createAppMention({
  replies,
  log,
  recentEvents = createRecentKeys(),
  durableKeys,
}: AppMentionDeps) {
  return async ({ event, body, context, client }: MentionArgs): Promise<void> => {
    if (!shouldAnswerMention(event, context.botUserId)) return;
    const eventId = body.event_id;
    // Marked before any await: a retry arriving while we are still answering is dropped too.
    if (!recentEvents.markFirst(eventKey(body, event))) {
      log.debug({ eventId, retryNum: context.retryNum }, 'repeated app_mention dropped');
      return;
    }
    // reliability (issue 15): the in-memory keys forget on restart; the store does not.
    const durableKey = mentionKey(eventKey(body, event));
    if (!(await isFirstDurably(durableKeys, durableKey, MENTION_DEDUPE_TTL_MS, log))) {
      log.info(
        { eventId, retryNum: context.retryNum },
        'mention answered before a restart; dropped',
      );
      return;
    }

    const userId = event.user as string; // checked by shouldAnswerMention
    let message: SlackMessage;
    try {
      message = await replies.mention(decodeSlackText(event.text), {
        userId,
        ...teamOf(body),
        surface: 'thread',
      });
    } catch (error) {
      log.error({ err: error, eventId, userId }, 'could not answer a mention');
      message = SORRY_MESSAGE;
    }

    try {
      await postAnswer(
        client,
        { channel: event.channel, threadTs: event.thread_ts ?? event.ts },
        message,
      );
    } catch (error) {
      logSlackFailure(
        log,
        error,
        { eventId, channel: event.channel },
        'could not reply to a mention',
      );
    }
  };
}
