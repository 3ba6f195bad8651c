/**
 * Every Slack listener, registered in one place, each built from a factory that closes over
 * its dependencies (no module-level app, nothing to mock).
 */
import type { App } from '@slack/bolt';
import type { Replies } from '../../bot/types.ts';
import type { Logger } from '../../log.ts';
import type { DurableKeys } from '../dedupe.ts';
import type { RecentKeys } from '../recent-keys.ts';
import { createPosterAction, POSTER_ACTION_ID } from './actions/poster-action.ts';
import { createPosterCommand, POSTER_COMMAND } from './commands/poster-command.ts';
import { createAppHomeOpened } from './events/app-home-opened.ts';
import { createAppMention } from './events/app-mention.ts';
import { createDirectMessage } from './events/direct-message.ts';

export interface ListenerDeps {
  replies: Replies;
  /** The root logger; each listener takes a child named after it. */
  logger: Logger;
  /** See `COMMAND_ACK_DEADLINE_MS`. */
  commandAckDeadlineMs?: number;
  /** See `createRecentKeys`. */
  recentMentions?: RecentKeys;
  /** See `createRecentKeys`. */
  recentDirectMessages?: RecentKeys;
  /** Durable de-duplication of Share clicks and mentions (the store's claims; issue 15). */
  durableKeys?: DurableKeys;
}

export function registerListeners(app: App, deps: ListenerDeps): void {
  const { replies, logger } = deps;
  app.command(
    POSTER_COMMAND,
    createPosterCommand({
      replies,
      log: logger.child({ module: 'poster-command' }),
      ackDeadlineMs: deps.commandAckDeadlineMs,
    }),
  );
  app.action(
    { type: 'block_actions', action_id: POSTER_ACTION_ID },
    createPosterAction({
      replies,
      log: logger.child({ module: 'poster-action' }),
      durableKeys: deps.durableKeys,
    }),
  );
  app.event(
    'app_mention',
    createAppMention({
      replies,
      log: logger.child({ module: 'app-mention' }),
      recentEvents: deps.recentMentions,
      durableKeys: deps.durableKeys,
    }),
  );
  app.event(
    'app_home_opened',
    createAppHomeOpened({ replies, log: logger.child({ module: 'app-home-opened' }) }),
  );
  app.event(
    'message',
    createDirectMessage({
      replies,
      log: logger.child({ module: 'direct-message' }),
      recentEvents: deps.recentDirectMessages,
      durableKeys: deps.durableKeys,
    }),
  );
}
