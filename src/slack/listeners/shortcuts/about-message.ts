/**
 * The message shortcut "Find posters about this": the message's text becomes a search, and
 * the answer goes to the person who used the shortcut alone — in the message's thread when it
 * is in one (`chat.postEphemeral` with `thread_ts`: a response_url cannot address a thread),
 * else through the response_url, which works where the bot was never invited. As for clicks
 * (../../click-delivery.ts), a refused private post falls back to the response_url.
 */
import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { decodeSlackText } from '../../../blocks/escape.ts';
import type { SlackMessage } from '../../../blocks/message.ts';
import type { LinkReplies } from '../../../bot/types.ts';
import type { Logger } from '../../../log.ts';
import { logSlackFailure, SORRY_MESSAGE } from '../../errors.ts';
import { teamOf } from '../../team.ts';

type ShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

export interface AboutMessageDeps {
  links: LinkReplies;
  log: Logger;
}

export function createAboutMessageShortcut({ links, log }: AboutMessageDeps) {
  return async ({ shortcut, ack, client, respond }: ShortcutArgs): Promise<void> => {
    await ack();
    const userId = shortcut.user.id;
    const channel = shortcut.channel.id;
    const threadTs = shortcut.message.thread_ts;
    let message: SlackMessage;
    try {
      message = await links.aboutMessage(decodeSlackText(shortcut.message.text ?? ''), {
        userId,
        ...teamOf(shortcut),
        surface: 'thread',
      });
    } catch (error) {
      log.error({ err: error, userId }, 'could not answer "Find posters about this"');
      message = SORRY_MESSAGE;
    }
    if (threadTs !== undefined) {
      try {
        await client.chat.postEphemeral({
          channel,
          user: userId,
          thread_ts: threadTs,
          text: message.text,
          blocks: message.blocks,
        });
        return;
      } catch (error) {
        logSlackFailure(
          log,
          error,
          { userId },
          'could not answer in the thread; answering via response_url',
        );
      }
    }
    try {
      await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
    } catch (error) {
      logSlackFailure(log, error, { userId }, 'could not deliver "Find posters about this"');
    }
  };
}
